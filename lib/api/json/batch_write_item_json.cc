// BatchWriteItem: reference section 4.14. Request {"RequestItems": {"<table>": [{"PutRequest":
// {"Item": {...}}} | {"DeleteRequest": {"Key": {...}}}, ...]}, "ReturnConsumedCapacity"?,
// "ReturnItemCollectionMetrics"?}. Response {"UnprocessedItems": {...}} (always present, {}
// when every write was applied, as DynamoDB answers) plus "ConsumedCapacity": [...] when asked
// and "ItemCollectionMetrics": {"<table>": [...]} when SIZE was asked and a table with an LSI
// was written (omitted otherwise; docs/compatibility.md).
#include <string>

#include "dynarock/batch_ops.h"

#include "lib/api/json/item_json.h"
#include "lib/api/json/operations.h"
#include "lib/api/json/value_json.h"
#include "lib/base/status_macros.h"

namespace dynarock::json {
namespace {

absl::Status ParseWriteRequest(const Json& v, RequestContext* ctx, WriteRequest* out) {
  DYNAROCK_RETURN_IF_ERROR(CheckStructValue(v, "WriteRequest"));
  if (const Json* put = FindMember(v, "PutRequest")) {
    DYNAROCK_RETURN_IF_ERROR(CheckStructMember(*put, "PutRequest"));
    out->put_request.emplace();
    DYNAROCK_RETURN_IF_ERROR(
        ReadRequiredItem(*put, "Item", "requestItems.member.putRequest.item", ctx,
                         &out->put_request->item));
  }
  if (const Json* del = FindMember(v, "DeleteRequest")) {
    DYNAROCK_RETURN_IF_ERROR(CheckStructMember(*del, "DeleteRequest"));
    out->delete_request.emplace();
    DYNAROCK_RETURN_IF_ERROR(
        ReadRequiredItem(*del, "Key", "requestItems.member.deleteRequest.key", ctx,
                         &out->delete_request->key));
  }
  return absl::OkStatus();
}

absl::Status ParseBatchWriteItem(const Json& body, BatchWriteItemRequest* req) {
  RequestContext ctx;
  const Json* items = FindMember(body, "RequestItems");
  if (items == nullptr) {
    ctx.constraints.AddNull("requestItems");
  } else {
    DYNAROCK_RETURN_IF_ERROR(CheckMap(*items, "java.util.List"));
    for (auto it = items->begin(); it != items->end(); ++it) {
      std::vector<WriteRequest>& writes = req->request_items[it.key()];
      if (it.value().is_null()) continue;
      DYNAROCK_RETURN_IF_ERROR(CheckList(it.value()));
      writes.reserve(it.value().size());
      for (const Json& w : it.value()) {
        DYNAROCK_RETURN_IF_ERROR(ParseWriteRequest(w, &ctx, &writes.emplace_back()));
      }
    }
  }
  DYNAROCK_RETURN_IF_ERROR(ReadReturnConsumedCapacity(body, &ctx, &req->return_consumed_capacity));
  DYNAROCK_RETURN_IF_ERROR(
      ReadReturnItemCollectionMetrics(body, &ctx, &req->return_item_collection_metrics));
  return ctx.Finish();
}

void WriteWriteRequests(const std::map<std::string, std::vector<WriteRequest>>& items,
                        JsonWriter* w) {
  w->BeginObject();
  for (const auto& [table, writes] : items) {
    w->Key(table);
    w->BeginArray();
    for (const WriteRequest& write : writes) {
      w->BeginObject();
      if (write.put_request.has_value()) {
        w->Key("PutRequest");
        w->BeginObject();
        w->Key("Item");
        WriteItem(write.put_request->item, w);
        w->EndObject();
      }
      if (write.delete_request.has_value()) {
        w->Key("DeleteRequest");
        w->BeginObject();
        w->Key("Key");
        WriteItem(write.delete_request->key, w);
        w->EndObject();
      }
      w->EndObject();
    }
    w->EndArray();
  }
  w->EndObject();
}

}  // namespace

absl::Status BatchWriteItemJson(Database& db, const Json& body, std::string* out) {
  BatchWriteItemRequest req;
  DYNAROCK_RETURN_IF_ERROR(ParseBatchWriteItem(body, &req));
  DYNAROCK_ASSIGN_OR_RETURN(BatchWriteItemResult result, db.BatchWriteItem(req));
  JsonWriter w(out);
  w.BeginObject();
  w.Key("UnprocessedItems");
  WriteWriteRequests(result.unprocessed_items, &w);
  WriteConsumedCapacityList(result.consumed_capacity, &w);
  WriteItemCollectionMetrics(result.item_collection_metrics, &w);
  w.EndObject();
  return absl::OkStatus();
}

}  // namespace dynarock::json
