// GetItem: reference section 4.8. Response {"Item": {...}} or {} when no item has the key,
// plus "ConsumedCapacity" when asked for.
#include <string>

#include "lib/api/json/item_json.h"
#include "lib/api/json/operations.h"
#include "lib/api/json/value_json.h"
#include "lib/base/status_macros.h"

namespace dynarock::json {
namespace {

absl::Status ParseGetItem(const Json& body, GetItemRequest* req) {
  RequestContext ctx;
  std::optional<std::string> table_name;
  bool has_attributes_to_get = false;
  DYNAROCK_RETURN_IF_ERROR(ReadString(body, "TableName", &table_name));
  DYNAROCK_RETURN_IF_ERROR(
      ReadStringList(body, "AttributesToGet", &req->attributes_to_get, &has_attributes_to_get));
  DYNAROCK_RETURN_IF_ERROR(ReadBool(body, "ConsistentRead", &req->consistent_read));
  DYNAROCK_RETURN_IF_ERROR(
      ReadStringMap(body, "ExpressionAttributeNames", &req->expression_attribute_names));
  CheckNotEmptyMap(body, "ExpressionAttributeNames", &ctx);
  DYNAROCK_RETURN_IF_ERROR(ReadString(body, "ProjectionExpression", &req->projection_expression));
  if (has_attributes_to_get && req->attributes_to_get.empty()) {
    ctx.constraints.Add("[]", "attributesToGet", MinLengthConstraint(1));
  }
  DYNAROCK_RETURN_IF_ERROR(ReadReturnConsumedCapacity(body, &ctx, &req->return_consumed_capacity));
  CheckDataPlaneTableName(table_name, &ctx);
  DYNAROCK_RETURN_IF_ERROR(ReadRequiredItem(body, "Key", "key", &ctx, &req->key));
  DYNAROCK_RETURN_IF_ERROR(ctx.Finish());
  req->table_name = std::move(*table_name);
  return absl::OkStatus();
}

}  // namespace

absl::Status GetItemJson(Database& db, const Json& body, std::string* out) {
  GetItemRequest req;
  DYNAROCK_RETURN_IF_ERROR(ParseGetItem(body, &req));
  JsonWriter w(out);
  w.BeginObject();
  // The whole item is written straight from its stored bytes ("Item" comes first).
  class ItemSink final : public codec::EncodedItemSink {
   public:
    explicit ItemSink(JsonWriter* w) : w_(w) {}
    absl::Status Add(std::string_view encoded) override {
      w_->Key("Item");
      return WriteEncodedItem(encoded, w_);
    }

   private:
    JsonWriter* w_;
  } sink(&w);
  DatabaseImpl* impl = Impl(db);
  DYNAROCK_ASSIGN_OR_RETURN(GetItemResult result,
                            impl != nullptr ? impl->GetItem(req, &sink) : db.GetItem(req));
  if (result.item.has_value()) {
    w.Key("Item");
    WriteItem(*result.item, &w);
  }
  WriteConsumedCapacity(result.consumed_capacity, &w);
  w.EndObject();
  return absl::OkStatus();
}

}  // namespace dynarock::json
