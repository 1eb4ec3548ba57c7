// ListTables: names in ascending order, strictly after ExclusiveStartTableName, at most Limit
// (1..100, default 100); LastEvaluatedTableName only when more names remain.
#include "lib/base/status_macros.h"
#include "lib/ops/errors.h"
#include "lib/ops/ops.h"
#include "lib/ops/table_name.h"

namespace dynarock::ops {
namespace {

constexpr int32_t kMaxListTablesLimit = 100;

}  // namespace

absl::StatusOr<ListTablesResult> ListTables(storage::Engine& engine,
                                            const ListTablesRequest& request) {
  ConstraintErrors errors;
  if (request.exclusive_start_table_name.has_value()) {
    // The API model types ExclusiveStartTableName as a TableName (3..255).
    CheckNewTableName(*request.exclusive_start_table_name, "exclusiveStartTableName", &errors);
  }
  if (request.limit.has_value()) {
    if (*request.limit < 1) {
      errors.Add(Cat(*request.limit), "limit", MinValueConstraint(1));
    } else if (*request.limit > kMaxListTablesLimit) {
      errors.Add(Cat(*request.limit), "limit", MaxValueConstraint(kMaxListTablesLimit));
    }
  }
  DYNAROCK_RETURN_IF_ERROR(errors.ToStatus());

  const size_t limit = static_cast<size_t>(request.limit.value_or(kMaxListTablesLimit));
  std::shared_ptr<const storage::Catalog::TableMap> tables = engine.catalog().Snapshot();
  auto it = request.exclusive_start_table_name.has_value()
                ? tables->upper_bound(*request.exclusive_start_table_name)
                : tables->begin();
  ListTablesResult result;
  for (; it != tables->end() && result.table_names.size() < limit; ++it) {
    result.table_names.push_back(it->first);
  }
  if (it != tables->end() && !result.table_names.empty()) {
    result.last_evaluated_table_name = result.table_names.back();
  }
  return result;
}

}  // namespace dynarock::ops
