// File: lib/ops/multi_item.h
//
// Pieces shared by the multi-item operations (BatchWriteItem, TransactWriteItems,
// TransactGetItems, BatchGetItem): locking the stripes of several items in ascending stripe
// order (deadlock-free by construction: every multi-item locker takes stripes in one global
// order, and single-item writers hold one stripe), reading an item's stored value, per-table
// ConsumedCapacity lists, and the CancellationReasons payload of TransactionCanceledException.
#ifndef DYNAROCK_LIB_OPS_MULTI_ITEM_H_
#define DYNAROCK_LIB_OPS_MULTI_ITEM_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "dynarock/batch_ops.h"
#include "dynarock/item_ops.h"
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
  void Add(const std::string& table_name, double units) { units_[table_name] += units; }
  // Empty unless TOTAL or INDEXES was asked for. `transactional` adds ReadCapacityUnits
  // (reads) or WriteCapacityUnits (writes) as DynamoDB does for transactions.
  enum class Kind { kRead, kWrite, kTransactRead, kTransactWrite };
  std::vector<ConsumedCapacity> Finish(const std::optional<ReturnConsumedCapacity>& requested,
                                       Kind kind) const;

 private:
  std::map<std::string, double> units_;
};

// A TransactionCanceledException with DynamoDB's message ("Transaction cancelled, please refer
// cancellation reasons for specific reasons [None, ConditionalCheckFailed]") carrying `reasons`
// as payload kPayloadCancellationReasons.
absl::Status TransactionCanceled(const std::vector<CancellationReason>& reasons);

}  // namespace dynarock::ops

#endif  // DYNAROCK_LIB_OPS_MULTI_ITEM_H_
