// CreateTable: reference section 4.1. Response {"TableDescription": {...}}.
#include <string>

#include "dynarock/error.h"

#include "lib/api/json/operations.h"
#include "lib/api/json/table_json.h"
#include "lib/base/status_macros.h"

namespace dynarock::json {
namespace {

absl::Status ReadLocalIndexes(const Json& body, RequestContext* ctx,
                              std::vector<LocalSecondaryIndex>* out, bool* present) {
  const Json* list = FindMember(body, "LocalSecondaryIndexes");
  if (list == nullptr) return absl::OkStatus();
  DYNAROCK_RETURN_IF_ERROR(CheckList(*list));
  *present = true;
  for (const Json& e : *list) {
    if (e.is_null()) continue;
    DYNAROCK_RETURN_IF_ERROR(CheckStructValue(e, "LocalSecondaryIndex"));
    const std::string path = Concat("localSecondaryIndexes.", out->size() + 1, ".member");
    LocalSecondaryIndex index;
    DYNAROCK_RETURN_IF_ERROR(ReadIndexName(e, path, ctx, &index.index_name));
    DYNAROCK_RETURN_IF_ERROR(
        ReadKeySchema(e, Concat(path, ".keySchema"), /*required=*/true, ctx, &index.key_schema));
    DYNAROCK_RETURN_IF_ERROR(
        ReadProjection(e, Concat(path, ".projection"), ctx, &index.projection));
    out->push_back(std::move(index));
  }
  return absl::OkStatus();
}

absl::Status ReadGlobalIndexes(const Json& body, RequestContext* ctx,
                               std::vector<GlobalSecondaryIndex>* out, bool* present) {
  const Json* list = FindMember(body, "GlobalSecondaryIndexes");
  if (list == nullptr) return absl::OkStatus();
  DYNAROCK_RETURN_IF_ERROR(CheckList(*list));
  *present = true;
  for (const Json& e : *list) {
    if (e.is_null()) continue;
    DYNAROCK_RETURN_IF_ERROR(CheckStructValue(e, "GlobalSecondaryIndex"));
    const std::string path = Concat("globalSecondaryIndexes.", out->size() + 1, ".member");
    GlobalSecondaryIndex index;
    DYNAROCK_RETURN_IF_ERROR(ReadIndexName(e, path, ctx, &index.index_name));
    DYNAROCK_RETURN_IF_ERROR(
        ReadKeySchema(e, Concat(path, ".keySchema"), /*required=*/true, ctx, &index.key_schema));
    DYNAROCK_RETURN_IF_ERROR(
        ReadProjection(e, Concat(path, ".projection"), ctx, &index.projection));
    DYNAROCK_RETURN_IF_ERROR(ReadProvisionedThroughput(e, Concat(path, ".provisionedThroughput"),
                                                       ctx, &index.provisioned_throughput));
    out->push_back(std::move(index));
  }
  return absl::OkStatus();
}

absl::Status ReadTags(const Json& body, RequestContext* ctx, std::vector<Tag>* out) {
  const Json* list = FindMember(body, "Tags");
  if (list == nullptr) return absl::OkStatus();
  DYNAROCK_RETURN_IF_ERROR(CheckList(*list));
  for (const Json& e : *list) {
    if (e.is_null()) continue;
    DYNAROCK_RETURN_IF_ERROR(CheckStructValue(e, "Tag"));
    const std::string path = Concat("tags.", out->size() + 1, ".member");
    std::optional<std::string> key, value;
    DYNAROCK_RETURN_IF_ERROR(ReadString(e, "Key", &key));
    DYNAROCK_RETURN_IF_ERROR(ReadString(e, "Value", &value));
    Tag tag;
    if (!key.has_value()) {
      ctx->constraints.AddNull(Concat(path, ".key"));
    } else {
      if (key->empty()) ctx->constraints.Add(*key, Concat(path, ".key"), MinLengthConstraint(1));
      if (key->size() > 128) {
        ctx->constraints.Add(*key, Concat(path, ".key"), MaxLengthConstraint(128));
      }
      tag.key = std::move(*key);
    }
    if (!value.has_value()) {
      ctx->constraints.AddNull(Concat(path, ".value"));
    } else {
      if (value->size() > 256) {
        ctx->constraints.Add(*value, Concat(path, ".value"), MaxLengthConstraint(256));
      }
      tag.value = std::move(*value);
    }
    out->push_back(std::move(tag));
  }
  return absl::OkStatus();
}

// Members dynarock does not model (docs/compatibility.md: a table has no stream and one table
// class) are still checked as DynamoDB checks them, so that a request DynamoDB rejects is not
// accepted here. Defers the CreateTable-specific StreamSpecification rule, if broken.
absl::Status ReadUnmodeledMembers(const Json& body, RequestContext* ctx) {
  DYNAROCK_RETURN_IF_ERROR(CheckTableClass(body, ctx));
  StreamSpecificationMembers stream;
  DYNAROCK_RETURN_IF_ERROR(ReadStreamSpecification(body, ctx, &stream));
  if (stream.enabled.has_value() && *stream.enabled && !stream.view_type) {
    ctx->Defer(MakeError(ErrorType::kValidation,
                         "One or more parameter values were invalid: Table is being created with "
                         "a stream enabled, UpdateViewType is required"));
  } else if (stream.enabled.has_value() && !*stream.enabled && stream.view_type) {
    ctx->Defer(MakeError(ErrorType::kValidation,
                         "One or more parameter values were invalid: Table is being created with "
                         "a stream disabled, UpdateViewType should not be specified"));
  }
  return absl::OkStatus();
}

// Phase 1 and 2 of the request (request_reader.h).
absl::Status ParseCreateTable(const Json& body, CreateTableRequest* req) {
  RequestContext ctx;
  std::optional<std::string> table_name;
  DYNAROCK_RETURN_IF_ERROR(ReadString(body, "TableName", &table_name));
  DYNAROCK_RETURN_IF_ERROR(ReadAttributeDefinitions(body, &ctx, &req->attribute_definitions));
  if (table_name.has_value()) CheckResourceName(table_name, "tableName", 3, &ctx);
  DYNAROCK_RETURN_IF_ERROR(
      ReadProvisionedThroughput(body, "provisionedThroughput", &ctx, &req->provisioned_throughput));
  DYNAROCK_RETURN_IF_ERROR(
      ReadKeySchema(body, "keySchema", /*required=*/true, &ctx, &req->key_schema));
  bool has_local = false, has_global = false;
  DYNAROCK_RETURN_IF_ERROR(
      ReadLocalIndexes(body, &ctx, &req->local_secondary_indexes, &has_local));
  DYNAROCK_RETURN_IF_ERROR(
      ReadGlobalIndexes(body, &ctx, &req->global_secondary_indexes, &has_global));
  DYNAROCK_RETURN_IF_ERROR(ReadBillingMode(body, &ctx, &req->billing_mode));
  DYNAROCK_RETURN_IF_ERROR(
      ReadBool(body, "DeletionProtectionEnabled", &req->deletion_protection_enabled));
  DYNAROCK_RETURN_IF_ERROR(ReadTags(body, &ctx, &req->tags));
  DYNAROCK_RETURN_IF_ERROR(ReadUnmodeledMembers(body, &ctx));
  // CreateTable names a missing TableName with its own text, before the constraint list.
  if (!table_name.has_value()) {
    return MakeError(ErrorType::kValidation,
                     "The parameter 'TableName' is required but was not present in the request");
  }
  req->table_name = std::move(*table_name);
  DYNAROCK_RETURN_IF_ERROR(ctx.Finish());
  // The typed request cannot tell an empty list from an absent one, so the JSON layer reports
  // an empty index list itself (after the constraint checks, before the semantic ones).
  if (has_global && req->global_secondary_indexes.empty()) {
    return MakeError(ErrorType::kValidation,
                     "One or more parameter values were invalid: List of GlobalSecondaryIndexes "
                     "is empty");
  }
  if (has_local && req->local_secondary_indexes.empty()) {
    return MakeError(ErrorType::kValidation,
                     "One or more parameter values were invalid: List of LocalSecondaryIndexes "
                     "is empty");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CreateTableJson(Database& db, const Json& body, std::string* out) {
  CreateTableRequest req;
  DYNAROCK_RETURN_IF_ERROR(ParseCreateTable(body, &req));
  DYNAROCK_ASSIGN_OR_RETURN(CreateTableResult result, db.CreateTable(req));
  WriteTableDescriptionResponse(result.table_description, out);
  return absl::OkStatus();
}

}  // namespace dynarock::json
