// File: lib/api/json/item_json.h
//
// Members shared by the item operations (PutItem, GetItem, DeleteItem, later UpdateItem):
// the Return* enums with AWS's enum orders, expression parameters, legacy parameters we do
// not support, and the ConsumedCapacity response member (reference section 6).
#ifndef DYNAROCK_LIB_API_JSON_ITEM_JSON_H_
#define DYNAROCK_LIB_API_JSON_ITEM_JSON_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dynarock/item_ops.h"

#include "lib/api/json/json_writer.h"
#include "lib/api/json/request_reader.h"

#include "absl/status/status.h"

namespace dynarock::json {

// Enum members; an unknown value records DynamoDB's enum constraint at the member's path.
absl::Status ReadReturnConsumedCapacity(const Json& body, RequestContext* ctx,
                                        std::optional<ReturnConsumedCapacity>* out);
absl::Status ReadReturnItemCollectionMetrics(const Json& body, RequestContext* ctx,
                                             std::optional<ReturnItemCollectionMetrics>* out);
absl::Status ReadReturnValues(const Json& body, RequestContext* ctx,
                              std::optional<ReturnValues>* out);
absl::Status ReadReturnValuesOnConditionCheckFailure(
    const Json& body, RequestContext* ctx, std::optional<ReturnValuesOnConditionCheckFailure>* out);

// Reads the Item/Key member `name` (required: null at `path` when absent).
absl::Status ReadRequiredItem(const Json& body, std::string_view name, std::string_view path,
                              RequestContext* ctx, Item* out);

// Writes "ConsumedCapacity":{...} when `cc` is set.
void WriteConsumedCapacity(const std::optional<ConsumedCapacity>& cc, JsonWriter* w);
// Writes "ConsumedCapacity":[{...}, ...] (batches and transactions) when `list` is not empty.
void WriteConsumedCapacityList(const std::vector<ConsumedCapacity>& list, JsonWriter* w);
// Writes one ConsumedCapacity object as a value.
void WriteConsumedCapacityObject(const ConsumedCapacity& cc, JsonWriter* w);

// Writes "ItemCollectionMetrics":{"ItemCollectionKey":{...},"SizeEstimateRangeGB":[lo,hi]}
// when `metrics` is set.
void WriteItemCollectionMetrics(const std::optional<ItemCollectionMetrics>& metrics,
                                JsonWriter* w);
// BatchWriteItem, TransactWriteItems: writes "ItemCollectionMetrics":{"<table>":[{...}, ...]}
// when `metrics` is not empty (the member is omitted otherwise, like ConsumedCapacity).
void WriteItemCollectionMetrics(
    const std::map<std::string, std::vector<ItemCollectionMetrics>>& metrics, JsonWriter* w);

// PutItem/UpdateItem/DeleteItem wrap some request errors in "1 validation error detected: "
// (2026 envelope, reference "How to read this file"); of those found while reading the
// request: {"NULL": false} (also inside ExpressionAttributeValues, as sets there are) and an
// empty ExpressionAttributeNames/Values (EAN/EAV misuse).
absl::Status EnvelopeWriteErrors(absl::Status status);

}  // namespace dynarock::json

#endif  // DYNAROCK_LIB_API_JSON_ITEM_JSON_H_
