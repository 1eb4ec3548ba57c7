// File: lib/ops/item_common.h
//
// Pieces shared by the single-item operations: table lookup with the data-plane not-found
// error, ReturnValues and expression-parameter checks, set canonicalisation, ConsumedCapacity.
#ifndef DYNAROCK_LIB_OPS_ITEM_COMMON_H_
#define DYNAROCK_LIB_OPS_ITEM_COMMON_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "dynarock/item_ops.h"
#include "lib/ops/errors.h"
#include "lib/storage/catalog.h"
#include "lib/storage/engine.h"

namespace dynarock::ops {

// The generic TableName constraints (1..255 and the pattern, or an ARN) of a data-plane request.
absl::Status CheckDataPlaneTableName(std::string_view name);

// The table `name` (or its ARN). Errors: ResourceNotFoundException "Requested resource not found".
absl::StatusOr<std::shared_ptr<const storage::TableInfo>> FindTable(const storage::Engine& engine,
                                                                    std::string_view name);

// PutItem/DeleteItem accept NONE and ALL_OLD only: "ReturnValues can only be ALL_OLD or NONE".
absl::Status CheckReturnValuesNoneOrAllOld(Operation operation,
                                           const std::optional<ReturnValues>& return_values);


// True if every set in `item` (at any depth) is in canonical order without duplicates.
bool SetsAreCanonical(const Item& item);

// ConsumedCapacity for `units` on `table` as requested (nullopt for NONE or unset).
std::optional<ConsumedCapacity> MakeConsumedCapacity(
    const std::optional<ReturnConsumedCapacity>& requested, std::string_view table, double units);

// Units a request consumed on one secondary index of its table.
struct IndexUnits {
  const storage::IndexInfo* index = nullptr;
  double units = 0;
};

// ConsumedCapacity for `table_units` on the table itself plus `indexes` on its secondary
// indexes: CapacityUnits is the sum; INDEXES adds Table (the table's own units, 0 included) and
// GlobalSecondaryIndexes / LocalSecondaryIndexes with each listed index (reference 6).
std::optional<ConsumedCapacity> MakeConsumedCapacity(
    const std::optional<ReturnConsumedCapacity>& requested, std::string_view table,
    double table_units, const std::vector<IndexUnits>& indexes);

// True when ReturnConsumedCapacity asks for units (TOTAL or INDEXES).
inline bool WantsCapacity(const std::optional<ReturnConsumedCapacity>& requested) {
  return requested.has_value() && *requested != ReturnConsumedCapacity::kNone;
}

// Write units of an item write: ceil(max(old, new) / 1 KB), at least 1.
double WriteUnits(size_t old_size, size_t new_size);
// Read units of a read: ceil(size / 4 KB) (at least 1), halved when eventually consistent.
double ReadUnits(size_t size, bool consistent);

}  // namespace dynarock::ops

#endif  // DYNAROCK_LIB_OPS_ITEM_COMMON_H_
