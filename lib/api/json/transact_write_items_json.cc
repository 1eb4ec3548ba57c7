// TransactWriteItems: reference section 4.15. Request {"TransactItems": [{"ConditionCheck" |
// "Put" | "Delete" | "Update": {...}}, ...], "ClientRequestToken"?, "ReturnConsumedCapacity"?,
// "ReturnItemCollectionMetrics"?}. Response {} plus "ConsumedCapacity": [...] when asked and
// "ItemCollectionMetrics": {"<table>": [...]} when SIZE was asked and a table with an LSI was
// written (omitted otherwise; docs/compatibility.md). A cancelled transaction is a
// TransactionCanceledException whose body carries CancellationReasons (error_json.cc).
#include <string>

#include "dynarock/batch_ops.h"

#include "lib/api/json/item_json.h"
#include "lib/api/json/operations.h"
#include "lib/api/json/value_json.h"
#include "lib/base/status_macros.h"

namespace dynarock::json {
namespace {

// The members every write action shares. `key_member` is "Key" or "Item".
template <typename Action>
absl::Status ParseCommon(const Json& v, std::string_view key_member, std::string_view path,
                         RequestContext* ctx, Action* out, Item* key_or_item) {
  std::optional<std::string> table_name;
  DYNAROCK_RETURN_IF_ERROR(ReadString(v, "TableName", &table_name));
  if (table_name.has_value()) {
    out->table_name = std::move(*table_name);
  } else {
    ctx->constraints.AddNull(Concat(path, ".tableName"));
  }
  const Json* key = FindMember(v, key_member);
  if (key == nullptr) {
    ctx->constraints.AddNull(Concat(path, key_member == "Key" ? ".key" : ".item"));
  } else {
    DYNAROCK_RETURN_IF_ERROR(ParseItem(*key, ValueContext::kPlain, ctx, key_or_item));
  }
  DYNAROCK_RETURN_IF_ERROR(
      ReadStringMap(v, "ExpressionAttributeNames", &out->expression_attribute_names));
  CheckNotEmptyMap(v, "ExpressionAttributeNames", ctx);
  if (const Json* eav = FindMember(v, "ExpressionAttributeValues")) {
    DYNAROCK_RETURN_IF_ERROR(
        ParseExpressionAttributeValues(*eav, ctx, &out->expression_attribute_values));
  }
  CheckNotEmptyMap(v, "ExpressionAttributeValues", ctx);
  return ReadReturnValuesOnConditionCheckFailure(v, ctx,
                                                 &out->return_values_on_condition_check_failure);
}

absl::Status ParseAction(const Json& v, size_t index, RequestContext* ctx,
                         TransactWriteItem* out) {
  DYNAROCK_RETURN_IF_ERROR(CheckStructValue(v, "TransactWriteItem"));
  const std::string base = Concat("transactItems.", index + 1, ".member");
  if (const Json* m = FindMember(v, "ConditionCheck")) {
    DYNAROCK_RETURN_IF_ERROR(CheckStructMember(*m, "ConditionCheck"));
    TransactConditionCheck& a = out->condition_check.emplace();
    const std::string path = base + ".conditionCheck";
    DYNAROCK_RETURN_IF_ERROR(ParseCommon(*m, "Key", path, ctx, &a, &a.key));
    std::optional<std::string> condition;
    DYNAROCK_RETURN_IF_ERROR(ReadString(*m, "ConditionExpression", &condition));
    if (condition.has_value()) {
      a.condition_expression = std::move(*condition);
    } else {
      ctx->constraints.AddNull(path + ".conditionExpression");
    }
  }
  if (const Json* m = FindMember(v, "Put")) {
    DYNAROCK_RETURN_IF_ERROR(CheckStructMember(*m, "Put"));
    TransactPut& a = out->put.emplace();
    DYNAROCK_RETURN_IF_ERROR(ParseCommon(*m, "Item", base + ".put", ctx, &a, &a.item));
    DYNAROCK_RETURN_IF_ERROR(ReadString(*m, "ConditionExpression", &a.condition_expression));
  }
  if (const Json* m = FindMember(v, "Delete")) {
    DYNAROCK_RETURN_IF_ERROR(CheckStructMember(*m, "Delete"));
    TransactDelete& a = out->del.emplace();
    DYNAROCK_RETURN_IF_ERROR(ParseCommon(*m, "Key", base + ".delete", ctx, &a, &a.key));
    DYNAROCK_RETURN_IF_ERROR(ReadString(*m, "ConditionExpression", &a.condition_expression));
  }
  if (const Json* m = FindMember(v, "Update")) {
    DYNAROCK_RETURN_IF_ERROR(CheckStructMember(*m, "Update"));
    TransactUpdate& a = out->update.emplace();
    const std::string path = base + ".update";
    DYNAROCK_RETURN_IF_ERROR(ParseCommon(*m, "Key", path, ctx, &a, &a.key));
    DYNAROCK_RETURN_IF_ERROR(ReadString(*m, "ConditionExpression", &a.condition_expression));
    std::optional<std::string> update;
    DYNAROCK_RETURN_IF_ERROR(ReadString(*m, "UpdateExpression", &update));
    if (update.has_value()) {
      a.update_expression = std::move(*update);
    } else {
      ctx->constraints.AddNull(path + ".updateExpression");
    }
  }
  return absl::OkStatus();
}

absl::Status ParseTransactWriteItems(const Json& body, TransactWriteItemsRequest* req) {
  RequestContext ctx;
  const Json* items = FindMember(body, "TransactItems");
  if (items == nullptr) {
    ctx.constraints.AddNull("transactItems");
  } else {
    DYNAROCK_RETURN_IF_ERROR(CheckList(*items));
    req->transact_items.reserve(items->size());
    for (const Json& v : *items) {
      const size_t index = req->transact_items.size();
      DYNAROCK_RETURN_IF_ERROR(ParseAction(v, index, &ctx, &req->transact_items.emplace_back()));
    }
  }
  DYNAROCK_RETURN_IF_ERROR(ReadString(body, "ClientRequestToken", &req->client_request_token));
  DYNAROCK_RETURN_IF_ERROR(ReadReturnConsumedCapacity(body, &ctx, &req->return_consumed_capacity));
  DYNAROCK_RETURN_IF_ERROR(
      ReadReturnItemCollectionMetrics(body, &ctx, &req->return_item_collection_metrics));
  return ctx.Finish();
}

}  // namespace

absl::Status TransactWriteItemsJson(Database& db, const Json& body, std::string* out) {
  TransactWriteItemsRequest req;
  DYNAROCK_RETURN_IF_ERROR(ParseTransactWriteItems(body, &req));
  DYNAROCK_ASSIGN_OR_RETURN(TransactWriteItemsResult result, db.TransactWriteItems(req));
  JsonWriter w(out);
  w.BeginObject();
  WriteConsumedCapacityList(result.consumed_capacity, &w);
  WriteItemCollectionMetrics(result.item_collection_metrics, &w);
  w.EndObject();
  return absl::OkStatus();
}

}  // namespace dynarock::json
