// File: lib/api/json/single_write_json.h
//
// What PutItem, UpdateItem and DeleteItem share on the wire. They read the same members in the
// same order -- the phase-1 type checks (request_reader.h), then the constraint items in
// DynamoDB's order for PutItem (its order for UpdateItem is unconfirmed) -- and differ only in
// the item member (PutItem's Item, the others' Key) and in UpdateItem's UpdateExpression and
// legacy AttributeUpdates. Their responses are {} plus "Attributes", "ConsumedCapacity" and
// "ItemCollectionMetrics" when there is something to say.
#ifndef DYNAROCK_LIB_API_JSON_SINGLE_WRITE_JSON_H_
#define DYNAROCK_LIB_API_JSON_SINGLE_WRITE_JSON_H_

#include <optional>
#include <string>
#include <type_traits>

#include "dynarock/item_ops.h"
#include "lib/api/json/item_json.h"
#include "lib/api/json/legacy_json.h"
#include "lib/api/json/value_json.h"
#include "lib/base/status_macros.h"

namespace dynarock::json {

// Request: PutItemRequest, UpdateItemRequest or DeleteItemRequest.
template <typename Request>
absl::Status ParseSingleWrite(const Json& body, Request* req) {
  constexpr bool kPut = std::is_same_v<Request, PutItemRequest>;
  constexpr bool kUpdate = std::is_same_v<Request, UpdateItemRequest>;
  RequestContext ctx;
  std::optional<std::string> table_name;
  DYNAROCK_RETURN_IF_ERROR(ReadString(body, "TableName", &table_name));
  DYNAROCK_RETURN_IF_ERROR(ReadString(body, "ConditionExpression", &req->condition_expression));
  DYNAROCK_RETURN_IF_ERROR(
      ReadStringMap(body, "ExpressionAttributeNames", &req->expression_attribute_names));
  CheckNotEmptyMap(body, "ExpressionAttributeNames", &ctx);
  if (const Json* eav = FindMember(body, "ExpressionAttributeValues")) {
    DYNAROCK_RETURN_IF_ERROR(
        ParseExpressionAttributeValues(*eav, &ctx, &req->expression_attribute_values));
  }
  CheckNotEmptyMap(body, "ExpressionAttributeValues", &ctx);
  if constexpr (kUpdate) {
    DYNAROCK_RETURN_IF_ERROR(ReadString(body, "UpdateExpression", &req->update_expression));
  }
  DYNAROCK_RETURN_IF_ERROR(ReadReturnConsumedCapacity(body, &ctx, &req->return_consumed_capacity));
  CheckDataPlaneTableName(table_name, &ctx);
  if constexpr (kPut) {
    DYNAROCK_RETURN_IF_ERROR(ReadRequiredItem(body, "Item", "item", &ctx, &req->item));
  } else {
    DYNAROCK_RETURN_IF_ERROR(ReadRequiredItem(body, "Key", "key", &ctx, &req->key));
  }
  DYNAROCK_RETURN_IF_ERROR(ReadReturnValues(body, &ctx, &req->return_values));
  DYNAROCK_RETURN_IF_ERROR(
      ReadReturnItemCollectionMetrics(body, &ctx, &req->return_item_collection_metrics));
  DYNAROCK_RETURN_IF_ERROR(ReadReturnValuesOnConditionCheckFailure(
      body, &ctx, &req->return_values_on_condition_check_failure));
  DYNAROCK_RETURN_IF_ERROR(ReadExpected(body, &ctx, &req->expected));
  DYNAROCK_RETURN_IF_ERROR(ReadConditionalOperator(body, &ctx, &req->conditional_operator));
  if constexpr (kUpdate) {
    DYNAROCK_RETURN_IF_ERROR(ReadAttributeUpdates(body, &ctx, &req->attribute_updates));
  }
  DYNAROCK_RETURN_IF_ERROR(EnvelopeWriteErrors(ctx.Finish()));
  req->table_name = std::move(*table_name);
  return absl::OkStatus();
}

// Result: PutItemResult, UpdateItemResult or DeleteItemResult.
template <typename Result>
void WriteSingleWriteResult(const Result& result, std::string* out) {
  JsonWriter w(out);
  w.BeginObject();
  if (result.attributes.has_value()) {
    w.Key("Attributes");
    WriteItem(*result.attributes, &w);
  }
  WriteConsumedCapacity(result.consumed_capacity, &w);
  WriteItemCollectionMetrics(result.item_collection_metrics, &w);
  w.EndObject();
}

}  // namespace dynarock::json

#endif  // DYNAROCK_LIB_API_JSON_SINGLE_WRITE_JSON_H_
