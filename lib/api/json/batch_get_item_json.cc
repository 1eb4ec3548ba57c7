// BatchGetItem: reference section 4.13. Request {"RequestItems": {"<table>": {"Keys": [...],
// "ProjectionExpression"?, "ExpressionAttributeNames"?, "ConsistentRead"?,
// "AttributesToGet"?}}, "ReturnConsumedCapacity"?}. Response {"Responses": {"<table>": [...]},
// "UnprocessedKeys": {...}} (both always present; UnprocessedKeys {} when everything was read)
// plus "ConsumedCapacity": [...] when asked.
#include <string>

#include "dynarock/batch_ops.h"

#include "lib/api/json/item_json.h"
#include "lib/api/json/operations.h"
#include "lib/api/json/value_json.h"
#include "lib/base/status_macros.h"

namespace dynarock::json {
namespace {

// `table` is the entry's key in RequestItems; constraint paths name it, as the path of the
// empty-Keys check does ("requestItems.<table>.member.keys").
absl::Status ParseKeysAndAttributes(const Json& v, std::string_view table, RequestContext* ctx,
                                    KeysAndAttributes* out) {
  DYNAROCK_RETURN_IF_ERROR(CheckStructValue(v, "KeysAndAttributes"));
  const Json* keys = FindMember(v, "Keys");
  if (keys == nullptr) {
    ctx->constraints.AddNull(Concat("requestItems.", table, ".member.keys"));
  } else {
    DYNAROCK_RETURN_IF_ERROR(CheckList(*keys));
    out->keys.reserve(keys->size());
    for (const Json& key : *keys) {
      DYNAROCK_RETURN_IF_ERROR(ParseItem(key, ValueContext::kPlain, ctx, &out->keys.emplace_back()));
    }
  }
  bool has_attributes_to_get = false;
  DYNAROCK_RETURN_IF_ERROR(
      ReadStringList(v, "AttributesToGet", &out->attributes_to_get, &has_attributes_to_get));
  if (has_attributes_to_get && out->attributes_to_get.empty()) {
    ctx->constraints.Add("[]", Concat("requestItems.", table, ".member.attributesToGet"),
                         MinLengthConstraint(1));
  }
  DYNAROCK_RETURN_IF_ERROR(ReadBool(v, "ConsistentRead", &out->consistent_read));
  DYNAROCK_RETURN_IF_ERROR(
      ReadStringMap(v, "ExpressionAttributeNames", &out->expression_attribute_names));
  CheckNotEmptyMap(v, "ExpressionAttributeNames", ctx);
  DYNAROCK_RETURN_IF_ERROR(ReadString(v, "ProjectionExpression", &out->projection_expression));
  return absl::OkStatus();
}

absl::Status ParseBatchGetItem(const Json& body, BatchGetItemRequest* req) {
  RequestContext ctx;
  const Json* items = FindMember(body, "RequestItems");
  if (items == nullptr) {
    ctx.constraints.AddNull("requestItems");
  } else {
    DYNAROCK_RETURN_IF_ERROR(
        CheckMap(*items, "com.amazonaws.dynamodb.v20120810.KeysAndAttributes"));
    for (auto it = items->begin(); it != items->end(); ++it) {
      KeysAndAttributes& entry = req->request_items[it.key()];
      if (it.value().is_null()) continue;
      DYNAROCK_RETURN_IF_ERROR(ParseKeysAndAttributes(it.value(), it.key(), &ctx, &entry));
    }
  }
  DYNAROCK_RETURN_IF_ERROR(ReadReturnConsumedCapacity(body, &ctx, &req->return_consumed_capacity));
  return ctx.Finish();
}

void WriteKeysAndAttributes(const KeysAndAttributes& entry, JsonWriter* w) {
  w->BeginObject();
  w->Key("Keys");
  w->BeginArray();
  for (const Item& key : entry.keys) WriteItem(key, w);
  w->EndArray();
  if (!entry.attributes_to_get.empty()) {
    w->Key("AttributesToGet");
    w->BeginArray();
    for (const std::string& name : entry.attributes_to_get) w->String(name);
    w->EndArray();
  }
  if (entry.consistent_read.has_value()) {
    w->Key("ConsistentRead");
    w->Bool(*entry.consistent_read);
  }
  if (!entry.expression_attribute_names.empty()) {
    w->Key("ExpressionAttributeNames");
    w->BeginObject();
    for (const auto& [placeholder, name] : entry.expression_attribute_names) {
      w->Key(placeholder);
      w->String(name);
    }
    w->EndObject();
  }
  if (entry.projection_expression.has_value()) {
    w->Key("ProjectionExpression");
    w->String(*entry.projection_expression);
  }
  w->EndObject();
}

}  // namespace

absl::Status BatchGetItemJson(Database& db, const Json& body, std::string* out) {
  BatchGetItemRequest req;
  DYNAROCK_RETURN_IF_ERROR(ParseBatchGetItem(body, &req));
  DYNAROCK_ASSIGN_OR_RETURN(BatchGetItemResult result, db.BatchGetItem(req));
  JsonWriter w(out);
  w.BeginObject();
  w.Key("Responses");
  w.BeginObject();
  for (const auto& [table, items] : result.responses) {
    w.Key(table);
    w.BeginArray();
    for (const Item& item : items) WriteItem(item, &w);
    w.EndArray();
  }
  w.EndObject();
  w.Key("UnprocessedKeys");
  w.BeginObject();
  for (const auto& [table, entry] : result.unprocessed_keys) {
    w.Key(table);
    WriteKeysAndAttributes(entry, &w);
  }
  w.EndObject();
  WriteConsumedCapacityList(result.consumed_capacity, &w);
  w.EndObject();
  return absl::OkStatus();
}

}  // namespace dynarock::json
