// UpdateTable: reference section 4.5. Response {"TableDescription": {...}}.
#include <string>
#include <string_view>

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

// The members of UpdateTable that change something, those dynarock models (the typed request
// has them) and those it does not.
constexpr std::string_view kModeledMembers[] = {"ProvisionedThroughput", "BillingMode",
                                                "DeletionProtectionEnabled",
                                                "GlobalSecondaryIndexUpdates"};
constexpr std::string_view kUnmodeledMembers[] = {"StreamSpecification", "TableClass",
                                                  "OnDemandThroughput", "WarmThroughput",
                                                  "SSESpecification"};

// *stream gets what the StreamSpecification member says.
absl::Status ParseUpdateTable(const Json& body, UpdateTableRequest* req,
                              StreamSpecificationMembers* stream) {
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
  DYNAROCK_RETURN_IF_ERROR(CheckTableClass(body, &ctx));
  DYNAROCK_RETURN_IF_ERROR(ReadStreamSpecification(body, &ctx, stream));
  DYNAROCK_RETURN_IF_ERROR(ctx.Finish());
  req->table_name = std::move(*table_name);
  return absl::OkStatus();
}

}  // namespace

absl::Status UpdateTableJson(Database& db, const Json& body, std::string* out) {
  UpdateTableRequest req;
  StreamSpecificationMembers stream;
  DYNAROCK_RETURN_IF_ERROR(ParseUpdateTable(body, &req, &stream));
  int modeled = 0, unmodeled = 0;
  for (std::string_view m : kModeledMembers) modeled += FindMember(body, m) != nullptr ? 1 : 0;
  for (std::string_view m : kUnmodeledMembers) unmodeled += FindMember(body, m) != nullptr ? 1 : 0;
  // One change per call: SSESpecification, then TableClass, paired with any other member is
  // refused, named in that order of precedence (live catalogue DDB-TABLE-433).
  if (modeled + unmodeled > 1) {
    if (FindMember(body, "SSESpecification") != nullptr) {
      return MakeError(ErrorType::kValidation,
                       "One or more parameter values were invalid: Server-Side Encryption "
                       "modification must be the only operation in the request");
    }
    if (FindMember(body, "TableClass") != nullptr) {
      return MakeError(ErrorType::kValidation,
                       "One or more parameter values were invalid: TableClass modification must "
                       "be the only operation in the request");
    }
  }
  if (unmodeled > 0 && modeled == 0) {
    // Only members dynarock does not model: checked as DynamoDB checks them (stream texts from
    // the live catalogue, DDB-TABLE-050/437), then accepted as a change to nothing. No table has
    // a stream here, so disabling one is DynamoDB's "no stream" error.
    DYNAROCK_ASSIGN_OR_RETURN(DescribeTableResult described,
                              db.DescribeTable({.table_name = req.table_name}));
    if (stream.present && *stream.enabled && !stream.view_type) {
      return MakeError(ErrorType::kValidation,
                       "One or more parameter values were invalid: If stream is being enabled "
                       "then UpdateViewType is required");
    }
    if (stream.present && !*stream.enabled) {
      if (stream.view_type) {
        return MakeError(ErrorType::kValidation,
                         "One or more parameter values were invalid: If stream is being "
                         "disabled, then UpdateViewType must not be specified");
      }
      return MakeError(ErrorType::kValidation, Concat("Table has no stream to disable: TableName: ",
                                                      described.table.table_name));
    }
    WriteTableDescriptionResponse(described.table, out);
    return absl::OkStatus();
  }
  DYNAROCK_ASSIGN_OR_RETURN(UpdateTableResult result, db.UpdateTable(req));
  WriteTableDescriptionResponse(result.table_description, out);
  return absl::OkStatus();
}

}  // namespace dynarock::json
