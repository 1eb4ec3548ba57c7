#include "lib/ops/item_common.h"

#include <algorithm>

#include "lib/ops/table_name.h"

namespace dynarock::ops {
namespace {

template <typename T>
bool StrictlySorted(const std::vector<T>& v) {
  for (size_t i = 1; i < v.size(); ++i) {
    if (!(v[i - 1] < v[i])) return false;
  }
  return true;
}

bool ValueIsCanonical(const AttributeValue& v) {
  switch (v.type()) {
    case ValueType::kSS:
      return StrictlySorted(v.ss().elements);
    case ValueType::kNS:
      return StrictlySorted(v.ns().elements);
    case ValueType::kBS:
      return StrictlySorted(v.bs().elements);
    case ValueType::kM:
      return SetsAreCanonical(v.m());
    case ValueType::kL:
      for (const AttributeValue& e : v.l()) {
        if (!ValueIsCanonical(e)) return false;
      }
      return true;
    default:
      return true;
  }
}

}  // namespace

absl::Status CheckDataPlaneTableName(std::string_view name) {
  ConstraintErrors errors;
  CheckTableNameOrArn(name, "tableName", &errors);
  return errors.ToStatus();
}

absl::StatusOr<std::shared_ptr<const storage::TableInfo>> FindTable(const storage::Engine& engine,
                                                                    std::string_view name) {
  std::shared_ptr<const storage::TableInfo> table =
      engine.catalog().Find(ResolveTableName(engine, name));
  if (table == nullptr) return DataPlaneTableNotFound();
  return table;
}

absl::Status CheckReturnValuesNoneOrAllOld(Operation operation,
                                           const std::optional<ReturnValues>& return_values) {
  if (!return_values.has_value() || *return_values == ReturnValues::kNone ||
      *return_values == ReturnValues::kAllOld) {
    return absl::OkStatus();
  }
  return ValidationError(operation, MessageFamily::kReturnValues,
                         "ReturnValues can only be ALL_OLD or NONE");
}

bool SetsAreCanonical(const Item& item) {
  for (const auto& [name, value] : item) {
    if (!ValueIsCanonical(value)) return false;
  }
  return true;
}

std::optional<ConsumedCapacity> MakeConsumedCapacity(
    const std::optional<ReturnConsumedCapacity>& requested, std::string_view table, double units) {
  if (!requested.has_value() || *requested == ReturnConsumedCapacity::kNone) return std::nullopt;
  ConsumedCapacity c;
  c.table_name = std::string(table);
  c.capacity_units = units;
  if (*requested == ReturnConsumedCapacity::kIndexes) c.table = Capacity{.capacity_units = units};
  return c;
}

std::optional<ConsumedCapacity> MakeConsumedCapacity(
    const std::optional<ReturnConsumedCapacity>& requested, std::string_view table,
    double table_units, const std::vector<IndexUnits>& indexes) {
  if (!WantsCapacity(requested)) return std::nullopt;
  ConsumedCapacity c;
  c.table_name = std::string(table);
  c.capacity_units = table_units;
  for (const IndexUnits& i : indexes) c.capacity_units += i.units;
  if (*requested == ReturnConsumedCapacity::kIndexes) {
    c.table = Capacity{.capacity_units = table_units};
    for (const IndexUnits& i : indexes) {
      auto& map = i.index->global ? c.global_secondary_indexes : c.local_secondary_indexes;
      map[i.index->name].capacity_units += i.units;
    }
  }
  return c;
}

double WriteUnits(size_t old_size, size_t new_size) {
  size_t size = std::max(old_size, new_size);
  return static_cast<double>(std::max<size_t>(1, (size + 1023) / 1024));
}

double ReadUnits(size_t size, bool consistent) {
  double units = static_cast<double>(std::max<size_t>(1, (size + 4095) / 4096));
  return consistent ? units : units / 2;
}

}  // namespace dynarock::ops
