// File: lib/ops/multi_item.h
//
// Pieces shared by the multi-item operations (BatchWriteItem, TransactWriteItems,
// TransactGetItems, BatchGetItem): locking the stripes of several items in ascending stripe
// order (deadlock-free by construction: every multi-item locker takes stripes in one global
// order, and single-item writers hold one stripe), reading an item's stored value, per-table
// ConsumedCapacity lists, item collection sizes (tables with an LSI), and the
// CancellationReasons payload of TransactionCanceledException.
#ifndef DYNAROCK_LIB_OPS_MULTI_ITEM_H_
#define DYNAROCK_LIB_OPS_MULTI_ITEM_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "dynarock/batch_ops.h"
#include "dynarock/item_ops.h"
#include "lib/ops/item_common.h"
#include "lib/storage/catalog.h"
#include "lib/storage/engine.h"
#include "lib/storage/item_locks.h"

namespace dynarock::ops {

// BatchGetItem answers at most 16 MB of items; the rest goes to UnprocessedKeys.
inline constexpr size_t kMaxBatchGetResponseBytes = size_t{16} << 20;

// Holds the stripe locks of a set of items from construction to destruction. Stripes are
// deduplicated and taken in ascending order, exclusive or shared (readers that must not see
// half of a multi-item write).
class StripeLockSet {
 public:
  enum class Mode { kExclusive, kShared };

  // `stripes` are ItemLocks::StripeOf() values, in any order, repeats allowed.
  StripeLockSet(storage::ItemLocks& locks, std::vector<size_t> stripes, Mode mode);
  ~StripeLockSet();
  StripeLockSet(const StripeLockSet&) = delete;
  StripeLockSet& operator=(const StripeLockSet&) = delete;

 private:
  storage::ItemLocks& locks_;
  std::vector<size_t> stripes_;  // sorted, unique
  Mode mode_;
};

// An item's current stored state, read under its stripe lock.
struct StoredItem {
  bool existed = false;
  size_t size = 0;  // DynamoDB size of the stored item (0 when absent)
  Item item{};      // decoded only when asked for
};

// Reads the item at `storage_key`; decodes it into out->item when `decode`.
absl::Status ReadStoredItem(storage::Engine& engine, std::string_view storage_key, bool decode,
                            StoredItem* out);

// Capacity units per table, rendered as the list the batch and transaction operations return.
class CapacityTally {
 public:
  void Add(const std::string& table_name, double units) { units_[table_name].table += units; }
  // Adds `factor` times the units of each of `indexes` (secondary indexes of `table_name`).
  void AddIndexes(const std::string& table_name, const std::vector<IndexUnits>& indexes,
                  double factor = 1);
  // Empty unless TOTAL or INDEXES was asked for. `transactional` adds ReadCapacityUnits
  // (reads) or WriteCapacityUnits (writes) as DynamoDB does for transactions.
  enum class Kind { kRead, kWrite, kTransactRead, kTransactWrite };
  std::vector<ConsumedCapacity> Finish(const std::optional<ReturnConsumedCapacity>& requested,
                                       Kind kind) const;

 private:
  struct TableUnits {
    double table = 0;
    std::map<std::string, double> global_indexes, local_indexes;
  };
  std::map<std::string, TableUnits> units_;
};

// The item collections (tables with a local secondary index) a multi-item write changes, for
// the size limit and ReturnItemCollectionMetrics: each collection's size delta summed over the
// request's writes (StageItemWrite's collection_delta), and its stored size read under the
// write's stripe locks. Writes to tables without an LSI are never added, so the tally stays
// empty and allocates nothing for them.
class CollectionTally {
 public:
  // Adds write number `write`, which changed the collection of `item`'s partition key by
  // `delta` bytes (0 for a write that only asks for metrics). Writes are added in request
  // order. REQUIRES: HasLocalIndex(table); `item` (the written item or its key) has the
  // partition key; `table` and `item` outlive the tally.
  void Add(const storage::TableInfo& table, const Item& item, int64_t delta, size_t write);
  bool empty() const { return collections_.empty(); }

  // Reads the stored size of every collection the request grows (of every collection when
  // `read_all`, for Metrics()). A collection is over the limit when its stored size plus the
  // request's summed delta is above engine.item_collection_size_limit_bytes() and the sum is
  // positive (a collection the request does not grow always fits, as in CommitItem). Returns
  // the write that first takes an over-limit collection past the limit (request order, adding
  // the deltas one by one), or nullopt when every collection fits.
  // REQUIRES: the caller holds the stripe locks of the writes and has not committed them.
  absl::StatusOr<std::optional<size_t>> CheckLimit(storage::Engine& engine, bool read_all);

  // One ItemCollectionMetrics per collection, its size after the request, grouped by table
  // name, in the order the request first touched them. REQUIRES: CheckLimit(engine, true).
  std::map<std::string, std::vector<ItemCollectionMetrics>> Metrics() const;

 private:
  struct Collection {
    const storage::TableInfo* table = nullptr;
    const Item* item = nullptr;  // has the partition key
    std::string key;             // the size counter's key (ItemCollectionKey())
    int64_t delta = 0;           // summed over the request
    int64_t stored = 0;          // read by CheckLimit()
  };
  struct Change {
    size_t collection = 0;  // index in collections_
    size_t write = 0;
    int64_t delta = 0;
  };
  std::vector<Collection> collections_;  // at most 100 (transactions), searched linearly
  std::vector<Change> changes_;          // request order
};

// A TransactionCanceledException with DynamoDB's message ("Transaction cancelled, please refer
// cancellation reasons for specific reasons [None, ConditionalCheckFailed]") carrying `reasons`
// as payload kPayloadCancellationReasons.
absl::Status TransactionCanceled(const std::vector<CancellationReason>& reasons);

}  // namespace dynarock::ops

#endif  // DYNAROCK_LIB_OPS_MULTI_ITEM_H_
