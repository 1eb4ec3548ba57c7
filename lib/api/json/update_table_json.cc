// UpdateTable: reference section 4.5. Response {"TableDescription": {...}}.
#include <string>

#include "dynarock/error.h"

#include "lib/api/json/operations.h"
#include "lib/api/json/table_json.h"
#include "lib/base/status_macros.h"

namespace dynarock::json {
namespace {

// One GlobalSecondaryIndexUpdate: {"Create": {...}} | {"Update": {...}} | {"Delete": {...}}.
absl::Status ReadIndexUpdate(const Json& e, const std::string& path, RequestContext* ctx,
                             GlobalSecondaryIndexUpdate* out) {
  if (const Json* c = FindMember(e, "Create"); c != nullptr) {
    DYNAROCK_RETURN_IF_ERROR(CheckStructMember(*c, "CreateGlobalSecondaryIndexAction"));
    const std::string p = Concat(path, ".create");
    CreateGlobalSecondaryIndexAction& a = out->create.emplace();
    DYNAROCK_RETURN_IF_ERROR(ReadIndexName(*c, p, ctx, &a.index_name));
    DYNAROCK_RETURN_IF_ERROR(
        ReadKeySchema(*c, Concat(p, ".keySchema"), /*required=*/true, ctx, &a.key_schema));
    DYNAROCK_RETURN_IF_ERROR(ReadProjection(*c, Concat(p, ".projection"), ctx, &a.projection));
    DYNAROCK_RETURN_IF_ERROR(ReadProvisionedThroughput(*c, Concat(p, ".provisionedThroughput"), ctx,
                                                       &a.provisioned_throughput));
  }
  if (const Json* u = FindMember(e, "Update"); u != nullptr) {
    DYNAROCK_RETURN_IF_ERROR(CheckStructMember(*u, "UpdateGlobalSecondaryIndexAction"));
    const std::string p = Concat(path, ".update");
    UpdateGlobalSecondaryIndexAction& a = out->update.emplace();
    DYNAROCK_RETURN_IF_ERROR(ReadIndexName(*u, p, ctx, &a.index_name));
    DYNAROCK_RETURN_IF_ERROR(ReadProvisionedThroughput(*u, Concat(p, ".provisionedThroughput"), ctx,
                                                       &a.provisioned_throughput));
  }
  if (const Json* d = FindMember(e, "Delete"); d != nullptr) {
    DYNAROCK_RETURN_IF_ERROR(CheckStructMember(*d, "DeleteGlobalSecondaryIndexAction"));
    DYNAROCK_RETURN_IF_ERROR(
        ReadIndexName(*d, Concat(path, ".delete"), ctx, &out->delete_action.emplace().index_name));
  }
  return absl::OkStatus();
}

absl::Status ParseUpdateTable(const Json& body, UpdateTableRequest* req) {
  RequestContext ctx;
  std::optional<std::string> table_name;
  DYNAROCK_RETURN_IF_ERROR(ReadString(body, "TableName", &table_name));
  CheckDataPlaneTableName(table_name, &ctx);
  if (FindMember(body, "AttributeDefinitions") != nullptr) {
    DYNAROCK_RETURN_IF_ERROR(ReadAttributeDefinitions(body, &ctx, &req->attribute_definitions));
  }
  DYNAROCK_RETURN_IF_ERROR(
      ReadProvisionedThroughput(body, "provisionedThroughput", &ctx, &req->provisioned_throughput));
  DYNAROCK_RETURN_IF_ERROR(ReadBillingMode(body, &ctx, &req->billing_mode));
  DYNAROCK_RETURN_IF_ERROR(
      ReadBool(body, "DeletionProtectionEnabled", &req->deletion_protection_enabled));
  if (const Json* list = FindMember(body, "GlobalSecondaryIndexUpdates"); list != nullptr) {
    DYNAROCK_RETURN_IF_ERROR(CheckList(*list));
    auto& updates = req->global_secondary_index_updates.emplace();
    for (const Json& e : *list) {
      if (e.is_null()) continue;
      DYNAROCK_RETURN_IF_ERROR(CheckStructValue(e, "GlobalSecondaryIndexUpdate"));
      const std::string path =
          Concat("globalSecondaryIndexUpdates.", updates.size() + 1, ".member");
      DYNAROCK_RETURN_IF_ERROR(ReadIndexUpdate(e, path, &ctx, &updates.emplace_back()));
    }
  }
  DYNAROCK_RETURN_IF_ERROR(ctx.Finish());
  req->table_name = std::move(*table_name);
  return absl::OkStatus();
}

}  // namespace

absl::Status UpdateTableJson(Database& db, const Json& body, std::string* out) {
  UpdateTableRequest req;
  DYNAROCK_RETURN_IF_ERROR(ParseUpdateTable(body, &req));
  DYNAROCK_ASSIGN_OR_RETURN(UpdateTableResult result, db.UpdateTable(req));
  WriteTableDescriptionResponse(result.table_description, out);
  return absl::OkStatus();
}

}  // namespace dynarock::json
