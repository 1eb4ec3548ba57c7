// DescribeTable: the catalog entry and its exact counters.
#include "lib/base/status_macros.h"
#include "lib/ops/errors.h"
#include "lib/ops/ops.h"
#include "lib/ops/table_description.h"
#include "lib/ops/update_table.h"
#include "lib/ops/table_name.h"

namespace dynarock::ops {

absl::StatusOr<DescribeTableResult> DescribeTable(storage::Engine& engine,
                                                  const DescribeTableRequest& request) {
  ConstraintErrors errors;
  CheckTableNameOrArn(request.table_name, "tableName", &errors);
  DYNAROCK_RETURN_IF_ERROR(errors.ToStatus());
  const std::string_view name = ResolveTableName(engine, request.table_name);
  std::shared_ptr<const storage::TableInfo> table = engine.catalog().Find(name);
  if (table == nullptr) return ControlPlaneTableNotFound(name);
  DYNAROCK_ASSIGN_OR_RETURN(storage::TableCounters counters,
                            engine.catalog().ReadCounters(table->id));
  return DescribeTableResult{.table = Describe(engine, *table, CurrentTableStatus(*table), counters)};
}

}  // namespace dynarock::ops
