// ListTables: reference section 4.4.
// {"ExclusiveStartTableName"?, "Limit"? 1..100} -> {"TableNames": [...], "LastEvaluatedTableName"?}
#include <string>

#include "lib/api/json/operations.h"
#include "lib/api/json/table_json.h"
#include "lib/base/status_macros.h"

namespace dynarock::json {

absl::Status ListTablesJson(Database& db, const Json& body, std::string* out) {
  RequestContext ctx;
  ListTablesRequest req;
  std::optional<int64_t> limit;
  DYNAROCK_RETURN_IF_ERROR(
      ReadString(body, "ExclusiveStartTableName", &req.exclusive_start_table_name));
  DYNAROCK_RETURN_IF_ERROR(ReadLong(body, "Limit", "Integer", &limit));
  if (req.exclusive_start_table_name.has_value()) {
    CheckResourceName(req.exclusive_start_table_name, "exclusiveStartTableName", 3, &ctx);
  }
  if (limit.has_value()) {
    if (*limit < 1) {
      ctx.constraints.Add(Concat(*limit), "limit", MinValueConstraint(1));
    } else if (*limit > 100) {
      ctx.constraints.Add(Concat(*limit), "limit", MaxValueConstraint(100));
    } else {
      req.limit = static_cast<int32_t>(*limit);
    }
  }
  DYNAROCK_RETURN_IF_ERROR(ctx.Finish());
  DYNAROCK_ASSIGN_OR_RETURN(ListTablesResult result, db.ListTables(req));
  JsonWriter w(out);
  w.BeginObject();
  if (result.last_evaluated_table_name.has_value()) {
    w.Key("LastEvaluatedTableName");
    w.String(*result.last_evaluated_table_name);
  }
  w.Key("TableNames");
  w.BeginArray();
  for (const std::string& name : result.table_names) w.String(name);
  w.EndArray();
  w.EndObject();
  return absl::OkStatus();
}

}  // namespace dynarock::json
