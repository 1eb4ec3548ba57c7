// Scan: reference section 4.12. Same response shape as Query (WriteReadResult in
// query_json.cc).
#include <string>

#include "lib/api/json/item_json.h"
#include "lib/api/json/legacy_json.h"
#include "lib/api/json/operations.h"
#include "lib/api/json/value_json.h"
#include "lib/base/status_macros.h"

namespace dynarock::json {
namespace {

absl::Status ParseScan(const Json& body, ScanRequest* req) {
  RequestContext ctx;
  std::optional<std::string> table_name;
  bool has_attributes_to_get = false;
  DYNAROCK_RETURN_IF_ERROR(ReadString(body, "TableName", &table_name));
  DYNAROCK_RETURN_IF_ERROR(ReadString(body, "IndexName", &req->index_name));
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
  DYNAROCK_RETURN_IF_ERROR(ReadExclusiveStartKey(body, &ctx, &req->exclusive_start_key));
  DYNAROCK_RETURN_IF_ERROR(ReadLong(body, "Segment", "Integer", &req->segment));
  DYNAROCK_RETURN_IF_ERROR(ReadLong(body, "TotalSegments", "Integer", &req->total_segments));
  bool has_scan_filter = false;
  DYNAROCK_RETURN_IF_ERROR(
      ReadConditions(body, "ScanFilter", "scanFilter", &ctx, &req->scan_filter, &has_scan_filter));
  DYNAROCK_RETURN_IF_ERROR(ReadConditionalOperator(body, &ctx, &req->conditional_operator));
  if (has_attributes_to_get && req->attributes_to_get.empty()) {
    ctx.constraints.Add("[]", "attributesToGet", MinLengthConstraint(1));
  }
  DYNAROCK_RETURN_IF_ERROR(ReadSelect(body, &ctx, &req->select));
  DYNAROCK_RETURN_IF_ERROR(ReadLimit(body, /*is_query=*/false, &ctx, &req->limit));
  DYNAROCK_RETURN_IF_ERROR(ReadReturnConsumedCapacity(body, &ctx, &req->return_consumed_capacity));
  CheckDataPlaneTableName(table_name, &ctx);
  DYNAROCK_RETURN_IF_ERROR(ctx.Finish());
  req->table_name = std::move(*table_name);
  return absl::OkStatus();
}

}  // namespace

absl::Status ScanJson(Database& db, const Json& body, std::string* out) {
  ScanRequest req;
  DYNAROCK_RETURN_IF_ERROR(ParseScan(body, &req));
  return RunReadJson(
      db, req.select == Select::kCount,
      [&](codec::EncodedItemSink* sink) -> absl::StatusOr<QueryResult> {
        return sink != nullptr ? Impl(db)->Scan(req, sink) : db.Scan(req);
      },
      out);
}

}  // namespace dynarock::json
