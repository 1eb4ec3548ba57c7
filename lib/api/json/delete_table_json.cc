// DeleteTable: reference section 4.2. {"TableName"} -> {"TableDescription": {...}}.
#include <string>

#include "lib/api/json/operations.h"
#include "lib/api/json/table_json.h"
#include "lib/base/status_macros.h"

namespace dynarock::json {

absl::Status DeleteTableJson(Database& db, const Json& body, std::string* out) {
  RequestContext ctx;
  std::optional<std::string> table_name;
  DYNAROCK_RETURN_IF_ERROR(ReadString(body, "TableName", &table_name));
  CheckDataPlaneTableName(table_name, &ctx);
  DYNAROCK_RETURN_IF_ERROR(ctx.Finish());
  DYNAROCK_ASSIGN_OR_RETURN(DeleteTableResult result,
                            db.DeleteTable({.table_name = std::move(*table_name)}));
  WriteTableDescriptionResponse(result.table_description, out);
  return absl::OkStatus();
}

}  // namespace dynarock::json
