// DeleteTable: refuses protected tables; otherwise removes the catalog entry and, with one
// DeleteRange over the table id prefix, every item (constant work whatever the table's size).
// Returns the description as it was, with TableStatus DELETING.
#include "dynarock/error.h"
#include "lib/base/status_macros.h"
#include "lib/ops/errors.h"
#include "lib/ops/ops.h"
#include "lib/ops/table_description.h"
#include "lib/ops/table_name.h"

namespace dynarock::ops {

absl::StatusOr<DeleteTableResult> DeleteTable(storage::Engine& engine,
                                              const DeleteTableRequest& request) {
  ConstraintErrors errors;
  CheckTableNameOrArn(request.table_name, "tableName", &errors);
  DYNAROCK_RETURN_IF_ERROR(errors.ToStatus());
  const std::string_view name = ResolveTableName(engine, request.table_name);
  auto precheck = [](const storage::TableInfo& table) {
    if (table.deletion_protection) {
      return MakeError(ErrorType::kValidation,
                       "Resource cannot be deleted as it is currently protected against deletion. "
                       "Disable deletion protection first.");
    }
    return absl::OkStatus();
  };
  storage::TableCounters counters;
  DYNAROCK_ASSIGN_OR_RETURN(std::shared_ptr<const storage::TableInfo> table,
                            engine.catalog().Drop(name, precheck, &engine.locks(), &counters));
  return DeleteTableResult{.table_description =
                               Describe(engine, *table, TableStatus::kDeleting, counters)};
}

}  // namespace dynarock::ops
