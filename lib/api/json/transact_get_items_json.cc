// TransactGetItems: reference section 4.16. Request {"TransactItems": [{"Get": {"TableName",
// "Key", "ProjectionExpression"?, "ExpressionAttributeNames"?}}, ...],
// "ReturnConsumedCapacity"?}. Response {"Responses": [{"Item": {...}} or {} per Get, in
// order]} plus "ConsumedCapacity": [...] when asked.
#include <string>

#include "dynarock/batch_ops.h"

#include "lib/api/json/item_json.h"
#include "lib/api/json/operations.h"
#include "lib/api/json/value_json.h"
#include "lib/base/status_macros.h"

namespace dynarock::json {
namespace {

absl::Status ParseGet(const Json& v, size_t index, RequestContext* ctx, TransactGet* out) {
  DYNAROCK_RETURN_IF_ERROR(CheckStructValue(v, "TransactGetItem"));
  const std::string path = Concat("transactItems.", index + 1, ".member.get");
  const Json* get = FindMember(v, "Get");
  if (get == nullptr) {
    ctx->constraints.AddNull(path);
    return absl::OkStatus();
  }
  DYNAROCK_RETURN_IF_ERROR(CheckStructMember(*get, "Get"));
  std::optional<std::string> table_name;
  DYNAROCK_RETURN_IF_ERROR(ReadString(*get, "TableName", &table_name));
  if (table_name.has_value()) {
    out->table_name = std::move(*table_name);
  } else {
    ctx->constraints.AddNull(path + ".tableName");
  }
  DYNAROCK_RETURN_IF_ERROR(ReadRequiredItem(*get, "Key", path + ".key", ctx, &out->key));
  DYNAROCK_RETURN_IF_ERROR(
      ReadStringMap(*get, "ExpressionAttributeNames", &out->expression_attribute_names));
  CheckNotEmptyMap(*get, "ExpressionAttributeNames", ctx);
  return ReadString(*get, "ProjectionExpression", &out->projection_expression);
}

absl::Status ParseTransactGetItems(const Json& body, TransactGetItemsRequest* req) {
  RequestContext ctx;
  const Json* items = FindMember(body, "TransactItems");
  if (items == nullptr) {
    ctx.constraints.AddNull("transactItems");
  } else {
    DYNAROCK_RETURN_IF_ERROR(CheckList(*items));
    req->transact_items.reserve(items->size());
    for (const Json& v : *items) {
      const size_t index = req->transact_items.size();
      DYNAROCK_RETURN_IF_ERROR(ParseGet(v, index, &ctx, &req->transact_items.emplace_back()));
    }
  }
  DYNAROCK_RETURN_IF_ERROR(ReadReturnConsumedCapacity(body, &ctx, &req->return_consumed_capacity));
  return ctx.Finish();
}

}  // namespace

absl::Status TransactGetItemsJson(Database& db, const Json& body, std::string* out) {
  TransactGetItemsRequest req;
  DYNAROCK_RETURN_IF_ERROR(ParseTransactGetItems(body, &req));
  DYNAROCK_ASSIGN_OR_RETURN(TransactGetItemsResult result, db.TransactGetItems(req));
  JsonWriter w(out);
  w.BeginObject();
  w.Key("Responses");
  w.BeginArray();
  for (const std::optional<Item>& item : result.responses) {
    w.BeginObject();
    if (item.has_value()) {
      w.Key("Item");
      WriteItem(*item, &w);
    }
    w.EndObject();
  }
  w.EndArray();
  WriteConsumedCapacityList(result.consumed_capacity, &w);
  w.EndObject();
  return absl::OkStatus();
}

}  // namespace dynarock::json
