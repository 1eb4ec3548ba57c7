// File: dynarock/item_ops.h
//
// Request and response structs of the single-item operations: PutItem, GetItem, DeleteItem
// (and UpdateItem, whose expression support arrives with the expression layer). They mirror
// DynamoDB's API field for field; see table_ops.h for the conventions.
#ifndef DYNAROCK_ITEM_OPS_H_
#define DYNAROCK_ITEM_OPS_H_

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dynarock/item.h"

namespace dynarock {

enum class ReturnValues : uint8_t { kNone = 0, kAllOld, kUpdatedOld, kAllNew, kUpdatedNew };
enum class ReturnValuesOnConditionCheckFailure : uint8_t { kNone = 0, kAllOld };
enum class ReturnConsumedCapacity : uint8_t { kNone = 0, kTotal, kIndexes };
enum class ReturnItemCollectionMetrics : uint8_t { kNone = 0, kSize };

std::string_view ReturnValuesName(ReturnValues v);  // "NONE", "ALL_OLD", ...

// ExpressionAttributeNames: "#n" -> attribute name. ExpressionAttributeValues: ":v" -> value.
using ExpressionAttributeNames = std::map<std::string, std::string, std::less<>>;
using ExpressionAttributeValues = std::map<std::string, AttributeValue, std::less<>>;

struct Capacity {
  double capacity_units = 0;
  double read_capacity_units = 0;
  double write_capacity_units = 0;
};

struct ConsumedCapacity {
  std::string table_name{};
  double capacity_units = 0;
  double read_capacity_units = 0;
  double write_capacity_units = 0;
  std::optional<Capacity> table{};
  std::map<std::string, Capacity> global_secondary_indexes{};
  std::map<std::string, Capacity> local_secondary_indexes{};
};

// Legacy (non-expression) conditions and updates (reference 4.0, "Legacy parameters"). They
// are translated onto the expression evaluator; mixing them with expression parameters in one
// request is an error.
enum class ComparisonOperator : uint8_t {
  kEq, kNe, kLe, kLt, kGe, kGt, kNotNull, kNull, kContains, kNotContains, kBeginsWith, kIn,
  kBetween,
};
enum class ConditionalOperator : uint8_t { kAnd = 0, kOr };
// One entry of Expected: {Value, Exists} or {ComparisonOperator, AttributeValueList}.
struct ExpectedAttributeValue {
  std::optional<AttributeValue> value{};
  std::optional<bool> exists{};
  std::optional<ComparisonOperator> comparison_operator{};
  std::vector<AttributeValue> attribute_value_list{};
};
using ExpectedAttributes = std::map<std::string, ExpectedAttributeValue, std::less<>>;
enum class AttributeAction : uint8_t { kPut = 0, kAdd, kDelete };
// One entry of AttributeUpdates; the action defaults to PUT.
struct AttributeValueUpdate {
  std::optional<AttributeValue> value{};
  std::optional<AttributeAction> action{};
};
using AttributeUpdates = std::map<std::string, AttributeValueUpdate, std::less<>>;

// The item collection a write touched (tables with a local secondary index, when
// ReturnItemCollectionMetrics is SIZE): its partition key and an estimate of its size in GB
// (the base items plus their LSI entries), as [lower, upper].
struct ItemCollectionMetrics {
  Item item_collection_key{};  // {<partition key name>: value}
  std::array<double, 2> size_estimate_range_gb{};
};

struct PutItemRequest {
  std::string table_name{};
  Item item{};
  std::optional<std::string> condition_expression{};
  std::optional<ConditionalOperator> conditional_operator{};  // legacy
  ExpectedAttributes expected{};                              // legacy
  ExpressionAttributeNames expression_attribute_names{};
  ExpressionAttributeValues expression_attribute_values{};
  std::optional<ReturnConsumedCapacity> return_consumed_capacity{};
  std::optional<ReturnItemCollectionMetrics> return_item_collection_metrics{};
  std::optional<ReturnValues> return_values{};
  std::optional<ReturnValuesOnConditionCheckFailure> return_values_on_condition_check_failure{};
};
struct PutItemResult {
  std::optional<Item> attributes{};  // ALL_OLD and an item existed
  std::optional<ConsumedCapacity> consumed_capacity{};
  std::optional<ItemCollectionMetrics> item_collection_metrics{};
};

struct GetItemRequest {
  std::string table_name{};
  Item key{};
  std::vector<std::string> attributes_to_get{};
  std::optional<bool> consistent_read{};
  ExpressionAttributeNames expression_attribute_names{};
  std::optional<std::string> projection_expression{};
  std::optional<ReturnConsumedCapacity> return_consumed_capacity{};
};
struct GetItemResult {
  std::optional<Item> item{};  // absent when no item has the key
  std::optional<ConsumedCapacity> consumed_capacity{};
};

struct DeleteItemRequest {
  std::string table_name{};
  Item key{};
  std::optional<std::string> condition_expression{};
  std::optional<ConditionalOperator> conditional_operator{};  // legacy
  ExpectedAttributes expected{};                              // legacy
  ExpressionAttributeNames expression_attribute_names{};
  ExpressionAttributeValues expression_attribute_values{};
  std::optional<ReturnConsumedCapacity> return_consumed_capacity{};
  std::optional<ReturnItemCollectionMetrics> return_item_collection_metrics{};
  std::optional<ReturnValues> return_values{};
  std::optional<ReturnValuesOnConditionCheckFailure> return_values_on_condition_check_failure{};
};
struct DeleteItemResult {
  std::optional<Item> attributes{};
  std::optional<ConsumedCapacity> consumed_capacity{};
  std::optional<ItemCollectionMetrics> item_collection_metrics{};
};

// UpdateItem: `key` names the item (created if absent: upsert). Without update_expression the
// request only creates the key-only item when absent (and checks the condition).
struct UpdateItemRequest {
  std::string table_name{};
  Item key{};
  AttributeUpdates attribute_updates{};  // legacy
  std::optional<std::string> condition_expression{};
  std::optional<ConditionalOperator> conditional_operator{};  // legacy
  ExpectedAttributes expected{};                              // legacy
  ExpressionAttributeNames expression_attribute_names{};
  ExpressionAttributeValues expression_attribute_values{};
  std::optional<ReturnConsumedCapacity> return_consumed_capacity{};
  std::optional<ReturnItemCollectionMetrics> return_item_collection_metrics{};
  std::optional<ReturnValues> return_values{};
  std::optional<ReturnValuesOnConditionCheckFailure> return_values_on_condition_check_failure{};
  std::optional<std::string> update_expression{};
};
struct UpdateItemResult {
  // ALL_OLD/UPDATED_OLD: absent when nothing existed; ALL_NEW/UPDATED_NEW: absent when nothing
  // was (or is) stored for the touched paths.
  std::optional<Item> attributes{};
  std::optional<ConsumedCapacity> consumed_capacity{};
  std::optional<ItemCollectionMetrics> item_collection_metrics{};
};

}  // namespace dynarock

#endif  // DYNAROCK_ITEM_OPS_H_
