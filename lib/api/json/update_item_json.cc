// UpdateItem: reference section 4.9. Response {} plus "Attributes" (per ReturnValues, when
// there is something to return) and "ConsumedCapacity" when asked for.
#include <string>

#include "lib/api/json/item_json.h"
#include "lib/api/json/legacy_json.h"
#include "lib/api/json/operations.h"
#include "lib/api/json/value_json.h"
#include "lib/base/status_macros.h"

namespace dynarock::json {
namespace {

absl::Status ParseUpdateItem(const Json& body, UpdateItemRequest* req) {
  RequestContext ctx;
  std::optional<std::string> table_name;
  DYNAROCK_RETURN_IF_ERROR(ReadString(body, "TableName", &table_name));
  DYNAROCK_RETURN_IF_ERROR(ReadString(body, "ConditionExpression", &req->condition_expression));
  DYNAROCK_RETURN_IF_ERROR(
      ReadStringMap(body, "ExpressionAttributeNames", &req->expression_attribute_names));
  if (const Json* eav = FindMember(body, "ExpressionAttributeValues")) {
    DYNAROCK_RETURN_IF_ERROR(
        ParseExpressionAttributeValues(*eav, &ctx, &req->expression_attribute_values));
  }
  DYNAROCK_RETURN_IF_ERROR(ReadString(body, "UpdateExpression", &req->update_expression));
  // Constraint items in the order PutItem uses (DynamoDB's order for UpdateItem unconfirmed).
  DYNAROCK_RETURN_IF_ERROR(ReadReturnConsumedCapacity(body, &ctx, &req->return_consumed_capacity));
  CheckDataPlaneTableName(table_name, &ctx);
  DYNAROCK_RETURN_IF_ERROR(ReadRequiredItem(body, "Key", "key", &ctx, &req->key));
  DYNAROCK_RETURN_IF_ERROR(ReadReturnValues(body, &ctx, &req->return_values));
  DYNAROCK_RETURN_IF_ERROR(
      ReadReturnItemCollectionMetrics(body, &ctx, &req->return_item_collection_metrics));
  DYNAROCK_RETURN_IF_ERROR(ReadReturnValuesOnConditionCheckFailure(
      body, &ctx, &req->return_values_on_condition_check_failure));
  DYNAROCK_RETURN_IF_ERROR(ReadExpected(body, &ctx, &req->expected));
  DYNAROCK_RETURN_IF_ERROR(ReadConditionalOperator(body, &ctx, &req->conditional_operator));
  DYNAROCK_RETURN_IF_ERROR(ReadAttributeUpdates(body, &ctx, &req->attribute_updates));
  DYNAROCK_RETURN_IF_ERROR(EnvelopeWriteErrors(ctx.Finish()));
  req->table_name = std::move(*table_name);
  return absl::OkStatus();
}

}  // namespace

absl::Status UpdateItemJson(Database& db, const Json& body, std::string* out) {
  UpdateItemRequest req;
  DYNAROCK_RETURN_IF_ERROR(ParseUpdateItem(body, &req));
  DYNAROCK_ASSIGN_OR_RETURN(UpdateItemResult result, db.UpdateItem(req));
  JsonWriter w(out);
  w.BeginObject();
  if (result.attributes.has_value()) {
    w.Key("Attributes");
    WriteItem(*result.attributes, &w);
  }
  WriteConsumedCapacity(result.consumed_capacity, &w);
  WriteItemCollectionMetrics(result.item_collection_metrics, &w);
  w.EndObject();
  return absl::OkStatus();
}

}  // namespace dynarock::json
