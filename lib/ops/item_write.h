// File: lib/ops/item_write.h
//
// The write step shared by every item write (PutItem, UpdateItem, DeleteItem, and the batch and
// transaction operations): encoding an item's stored value outside the lock, staging one item's
// write into a WriteBatch (its new value or its deletion, the table counter delta, and the
// entries of the table's secondary indexes), and committing the batch while the caller holds
// the item's stripe lock (or, for a transaction, every item's lock).
#ifndef DYNAROCK_LIB_OPS_ITEM_WRITE_H_
#define DYNAROCK_LIB_OPS_ITEM_WRITE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "dynarock/item.h"
#include "dynarock/item_ops.h"
#include "lib/ops/item_common.h"
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

// Appends to *out the write units a write of `table`'s item consumes on each of its secondary
// indexes (DeveloperGuide GSI.html, "Provisioned throughput considerations"; LSIs alike), for
// ConsumedCapacity. `old_item` / `new_item` are the item before and after (null: absent). Per
// index, sized on the projected entry at 1 KB granularity (WriteUnits):
//  - an entry appears or goes away: one write of that entry;
//  - the index key changes: two writes (the old entry's delete and the new entry's put);
//  - same key, some projected attribute changed: one write of the larger entry;
//  - otherwise (no entry before or after, or nothing projected changed): nothing, not listed.
// Indexes being deleted are skipped, as StageItemWrite skips them.
void AddIndexWriteUnits(const storage::TableInfo& table, const Item* old_item,
                        const Item* new_item, std::vector<IndexUnits>* out);

// True when `table` has a local secondary index: its writes keep item collection sizes
// (key_layout.h, 0x00 'p') and may hit the item collection size limit.
bool HasLocalIndex(const storage::TableInfo& table);

// Appends `write` to *batch: the item's Put or Delete, the counter delta, the changes to the
// table's secondary index entries and, for a table with an LSI, the item collection's size
// delta (the item's size delta plus its LSI entries' size deltas), which is also stored in
// *collection_delta when that is not null.
absl::Status StageItemWrite(const storage::TableInfo& table, const ItemWrite& write,
                            rocksdb::WriteBatch* batch, int64_t* collection_delta = nullptr);

// Stages `write` into a fresh WriteBatch and commits it. For a table with an LSI, a write that
// grows its item collection past engine.item_collection_size_limit_bytes() fails with
// ItemCollectionSizeLimitExceededException and changes nothing; when `collection_size` is not
// null it receives the collection's size after the write.
// REQUIRES: the caller holds engine.locks().MutexFor(write.key) and checked !table.dropped.
absl::Status CommitItem(storage::Engine& engine, const storage::TableInfo& table,
                        const ItemWrite& write, int64_t* collection_size = nullptr);

// Sets *out to the key of the size counter of `item`'s item collection (key_layout.h 0x00 'p').
// REQUIRES: `item` has the partition key.
void ItemCollectionKey(const storage::TableInfo& table, const Item& item, std::string* out);

// The stored size of the item collection of `item`'s partition key (0 when it has none).
// REQUIRES: HasLocalIndex(table); `item` has the partition key.
absl::StatusOr<int64_t> ReadItemCollectionSize(storage::Engine& engine,
                                               const storage::TableInfo& table, const Item& item);
// The same for the counter at `collection_key` (ItemCollectionKey()).
absl::StatusOr<int64_t> ReadItemCollectionSize(storage::Engine& engine,
                                               std::string_view collection_key);

// The ItemCollectionMetrics of a write to `item`'s collection, now of `size` bytes: set only
// when the table has an LSI and `ask` is SIZE. SizeEstimateRangeGB is [floor(GB), floor(GB) + 1].
std::optional<ItemCollectionMetrics> MakeItemCollectionMetrics(
    const storage::TableInfo& table, const std::optional<ReturnItemCollectionMetrics>& ask,
    const Item& item, int64_t size);

}  // namespace dynarock::ops

#endif  // DYNAROCK_LIB_OPS_ITEM_WRITE_H_
