// Query: reference section 4.11. Response {"Items": [...], "Count": n, "ScannedCount": m} plus
// "LastEvaluatedKey" when the page stopped early and "ConsumedCapacity" when asked for; Select
// COUNT leaves out "Items". Also the members Query shares with Scan (ReadSelect,
// WriteReadResult; see operations.h).
#include <string>
#include <typeinfo>

#include "lib/api/json/item_json.h"
#include "lib/api/json/legacy_json.h"
#include "lib/api/json/operations.h"
#include "lib/api/json/value_json.h"
#include "lib/base/status_macros.h"

namespace dynarock::json {

absl::Status ReadSelect(const Json& body, RequestContext* ctx, std::optional<Select>* out) {
  std::optional<std::string> v;
  DYNAROCK_RETURN_IF_ERROR(ReadString(body, "Select", &v));
  if (!v.has_value()) return absl::OkStatus();
  if (*v == "ALL_ATTRIBUTES") {
    *out = Select::kAllAttributes;
  } else if (*v == "ALL_PROJECTED_ATTRIBUTES") {
    *out = Select::kAllProjectedAttributes;
  } else if (*v == "SPECIFIC_ATTRIBUTES") {
    *out = Select::kSpecificAttributes;
  } else if (*v == "COUNT") {
    *out = Select::kCount;
  } else {
    ctx->constraints.Add(*v, "select",
                         EnumConstraint({"SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES",
                                         "ALL_PROJECTED_ATTRIBUTES"}));
  }
  return absl::OkStatus();
}

absl::Status ReadLimit(const Json& body, bool is_query, RequestContext* ctx,
                       std::optional<int64_t>* out) {
  DYNAROCK_RETURN_IF_ERROR(ReadLong(body, "Limit", "Integer", out));
  if (out->has_value() && **out < 1) {
    if (is_query) {
      // Query's own form: no value, capital L (reference section 0, [LIVE]).
      ctx->constraints.AddWithoutValue("Limit", MinValueConstraint(1));
    } else {
      ctx->constraints.Add(Concat(**out), "limit", MinValueConstraint(1));
    }
  }
  return absl::OkStatus();
}

absl::Status ReadExclusiveStartKey(const Json& body, RequestContext* ctx,
                                   std::optional<Item>* out) {
  const Json* v = FindMember(body, "ExclusiveStartKey");
  if (v == nullptr) return absl::OkStatus();
  out->emplace();
  return ParseItem(*v, ValueContext::kExclusiveStartKey, ctx, &**out);
}

namespace {

// Writes each item a read hands over as the next element of the open "Items" array.
class JsonItemSink final : public codec::EncodedItemSink {
 public:
  explicit JsonItemSink(JsonWriter* w) : w_(w) {}
  absl::Status Add(std::string_view encoded) override { return WriteEncodedItem(encoded, w_); }

 private:
  JsonWriter* w_;
};

// The members after "Items".
void WriteReadResultTail(const QueryResult& result, JsonWriter* w) {
  w->Key("Count");
  w->Int(result.count);
  w->Key("ScannedCount");
  w->Int(result.scanned_count);
  if (result.last_evaluated_key.has_value()) {
    w->Key("LastEvaluatedKey");
    WriteItem(*result.last_evaluated_key, w);
  }
  WriteConsumedCapacity(result.consumed_capacity, w);
  w->EndObject();
}

}  // namespace

// DatabaseImpl is final, so comparing the dynamic type answers what dynamic_cast would, without
// its walk of the class hierarchy (which showed up at ~0.7% of the server's CPU per GetItem).
DatabaseImpl* Impl(Database& db) {
  return typeid(db) == typeid(DatabaseImpl) ? static_cast<DatabaseImpl*>(&db) : nullptr;
}

void WriteReadResult(const QueryResult& result, bool count_only, std::string* out) {
  JsonWriter w(out);
  w.BeginObject();
  if (!count_only) {
    w.Key("Items");
    w.BeginArray();
    for (const Item& item : result.items) WriteItem(item, &w);
    w.EndArray();
  }
  WriteReadResultTail(result, &w);
}

absl::Status RunReadJson(
    Database& db, bool count_only,
    absl::FunctionRef<absl::StatusOr<QueryResult>(codec::EncodedItemSink* sink)> read,
    std::string* out) {
  if (count_only || Impl(db) == nullptr) {
    DYNAROCK_ASSIGN_OR_RETURN(QueryResult result, read(nullptr));
    WriteReadResult(result, count_only, out);
    return absl::OkStatus();
  }
  JsonWriter w(out);
  w.BeginObject();
  w.Key("Items");
  w.BeginArray();
  JsonItemSink sink(&w);
  DYNAROCK_ASSIGN_OR_RETURN(QueryResult result, read(&sink));
  for (const Item& item : result.items) WriteItem(item, &w);  // items the sink did not take
  w.EndArray();
  WriteReadResultTail(result, &w);
  return absl::OkStatus();
}

namespace {

absl::Status ParseQuery(const Json& body, QueryRequest* req) {
  RequestContext ctx;
  std::optional<std::string> table_name;
  bool has_attributes_to_get = false;
  DYNAROCK_RETURN_IF_ERROR(ReadString(body, "TableName", &table_name));
  DYNAROCK_RETURN_IF_ERROR(ReadString(body, "IndexName", &req->index_name));
  DYNAROCK_RETURN_IF_ERROR(
      ReadString(body, "KeyConditionExpression", &req->key_condition_expression));
  DYNAROCK_RETURN_IF_ERROR(ReadString(body, "FilterExpression", &req->filter_expression));
  DYNAROCK_RETURN_IF_ERROR(ReadString(body, "ProjectionExpression", &req->projection_expression));
  DYNAROCK_RETURN_IF_ERROR(
      ReadStringMap(body, "ExpressionAttributeNames", &req->expression_attribute_names));
  CheckNotEmptyMap(body, "ExpressionAttributeNames", &ctx);
  if (const Json* eav = FindMember(body, "ExpressionAttributeValues")) {
    DYNAROCK_RETURN_IF_ERROR(
        ParseExpressionAttributeValues(*eav, &ctx, &req->expression_attribute_values));
  }
  CheckNotEmptyMap(body, "ExpressionAttributeValues", &ctx);
  DYNAROCK_RETURN_IF_ERROR(
      ReadStringList(body, "AttributesToGet", &req->attributes_to_get, &has_attributes_to_get));
  DYNAROCK_RETURN_IF_ERROR(ReadBool(body, "ConsistentRead", &req->consistent_read));
  DYNAROCK_RETURN_IF_ERROR(ReadBool(body, "ScanIndexForward", &req->scan_index_forward));
  DYNAROCK_RETURN_IF_ERROR(ReadExclusiveStartKey(body, &ctx, &req->exclusive_start_key));
  bool has_key_conditions = false;
  bool has_query_filter = false;
  DYNAROCK_RETURN_IF_ERROR(ReadConditions(body, "KeyConditions", "keyConditions", &ctx,
                                          &req->key_conditions, &has_key_conditions));
  DYNAROCK_RETURN_IF_ERROR(
      ReadConditions(body, "QueryFilter", "queryFilter", &ctx, &req->query_filter, &has_query_filter));
  DYNAROCK_RETURN_IF_ERROR(ReadConditionalOperator(body, &ctx, &req->conditional_operator));
  if (has_attributes_to_get && req->attributes_to_get.empty()) {
    ctx.constraints.Add("[]", "attributesToGet", MinLengthConstraint(1));
  }
  DYNAROCK_RETURN_IF_ERROR(ReadSelect(body, &ctx, &req->select));
  DYNAROCK_RETURN_IF_ERROR(ReadLimit(body, /*is_query=*/true, &ctx, &req->limit));
  DYNAROCK_RETURN_IF_ERROR(ReadReturnConsumedCapacity(body, &ctx, &req->return_consumed_capacity));
  CheckDataPlaneTableName(table_name, &ctx);
  DYNAROCK_RETURN_IF_ERROR(ctx.Finish());
  // "KeyConditions": {} is present yet empty, which the typed request cannot tell from absent.
  if (has_key_conditions && req->key_conditions.empty() &&
      !req->key_condition_expression.has_value()) {
    return MakeError(ErrorType::kValidation, "Conditions can be of length 1 or 2 only");
  }
  req->table_name = std::move(*table_name);
  return absl::OkStatus();
}

}  // namespace

absl::Status QueryJson(Database& db, const Json& body, std::string* out) {
  QueryRequest req;
  DYNAROCK_RETURN_IF_ERROR(ParseQuery(body, &req));
  return RunReadJson(
      db, req.select == Select::kCount,
      [&](codec::EncodedItemSink* sink) -> absl::StatusOr<QueryResult> {
        return sink != nullptr ? Impl(db)->Query(req, sink) : db.Query(req);
      },
      out);
}

}  // namespace dynarock::json
