// File: lib/ops/item_write.h
//
// The write step shared by PutItem, UpdateItem and DeleteItem: encoding an item's stored value
// outside the lock, and committing one WriteBatch (the item's new value or its deletion, plus
// the table counter delta) while the caller holds the item's stripe lock.
#ifndef DYNAROCK_LIB_OPS_ITEM_WRITE_H_
#define DYNAROCK_LIB_OPS_ITEM_WRITE_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "dynarock/item.h"
#include "lib/storage/catalog.h"
#include "lib/storage/counters.h"
#include "lib/storage/engine.h"

namespace dynarock::ops {

// Appends the stored form of `item` (DynamoDB size `item_size`) to *out. Sets are written in
// canonical order (a copy is canonicalised only when some set is not).
// REQUIRES: the item's values are validated.
void EncodeStoredItem(const Item& item, size_t item_size, std::string* out);

// Commits `stored` as the new value of `key` (or deletes `key` when `stored` is null) together
// with `delta` on the table's counters, in one WriteBatch.
// REQUIRES: the caller holds engine.locks().MutexFor(key) and checked !table.dropped.
absl::Status CommitItem(storage::Engine& engine, const storage::TableInfo& table,
                        std::string_view key, const std::string* stored,
                        const storage::TableCounters& delta);

}  // namespace dynarock::ops

#endif  // DYNAROCK_LIB_OPS_ITEM_WRITE_H_
