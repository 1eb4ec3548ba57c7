// File: lib/ops/item_write.h
//
// The write step shared by every item write (PutItem, UpdateItem, DeleteItem, and the batch and
// transaction operations): encoding an item's stored value outside the lock, staging one item's
// write into a WriteBatch (its new value or its deletion, the table counter delta, and the
// entries of the table's secondary indexes), and committing the batch while the caller holds
// the item's stripe lock (or, for a transaction, every item's lock).
#ifndef DYNAROCK_LIB_OPS_ITEM_WRITE_H_
#define DYNAROCK_LIB_OPS_ITEM_WRITE_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "dynarock/item.h"
#include "lib/storage/catalog.h"
#include "lib/storage/counters.h"
#include "lib/storage/engine.h"
#include "rocksdb/write_batch.h"

namespace dynarock::ops {

// Appends the stored form of `item` (DynamoDB size `item_size`) to *out. Sets are written in
// canonical order (a copy is canonicalised only when some set is not).
// REQUIRES: the item's values are validated.
void EncodeStoredItem(const Item& item, size_t item_size, std::string* out);

// One item's write.
struct ItemWrite {
  std::string_view key{};              // the item's storage key (AppendStorageKey)
  const std::string* stored = nullptr;  // the new stored value (EncodeStoredItem); null deletes
  // The item as it was, decoded; null when it did not exist. Must be set whenever the item
  // existed and NeedsOldItem(table) is true (index entries are derived from it).
  const Item* old_item = nullptr;
  const Item* new_item = nullptr;  // the item as written; null for a delete
  storage::TableCounters delta{};  // the table's counter delta
};

// True when a write to `table` needs the decoded old item (to remove its index entries), so
// writers decode it even when neither a condition nor ReturnValues asks for it.
bool NeedsOldItem(const storage::TableInfo& table);

// Appends `write` to *batch: the item's Put or Delete, the counter delta, and the changes to
// the table's secondary index entries.
absl::Status StageItemWrite(const storage::TableInfo& table, const ItemWrite& write,
                            rocksdb::WriteBatch* batch);

// Stages `write` into a fresh WriteBatch and commits it.
// REQUIRES: the caller holds engine.locks().MutexFor(write.key) and checked !table.dropped.
absl::Status CommitItem(storage::Engine& engine, const storage::TableInfo& table,
                        const ItemWrite& write);

}  // namespace dynarock::ops

#endif  // DYNAROCK_LIB_OPS_ITEM_WRITE_H_
