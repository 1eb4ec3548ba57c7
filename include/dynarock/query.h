// File: dynarock/query.h
//
// Request and response structs of Query and Scan. They mirror DynamoDB's API field for field
// (see table_ops.h for the conventions). The legacy (non-expression) parameters KeyConditions,
// QueryFilter, ScanFilter, ConditionalOperator and AttributesToGet are modelled too; they run on
// the same evaluator as the expressions and may not be mixed with them (DynamoDB's "Can not use
// both expression and non-expression parameters in the same request" error; KeyConditions may go
// with FilterExpression and ProjectionExpression, as in DynamoDB).
//
// Typed page iteration (every page or every item, fetched lazily): dynarock/paginate.h.
//
// Paging: a page stops after `limit` items were evaluated (before the filter) or after 1 MB of
// item data was read; last_evaluated_key is then set (even when no item follows, as DynamoDB
// does) and goes back as exclusive_start_key for the next page.
#ifndef DYNAROCK_QUERY_H_
#define DYNAROCK_QUERY_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dynarock/item.h"
#include "dynarock/item_ops.h"

namespace dynarock {

enum class Select : uint8_t {
  kAllAttributes = 0,
  kAllProjectedAttributes,
  kSpecificAttributes,
  kCount,
};

// One legacy condition of KeyConditions, QueryFilter or ScanFilter (DynamoDB's `Condition`):
// the attribute (the map key) compared by `comparison_operator` with `attribute_value_list`
// (no value for NULL/NOT_NULL, two for BETWEEN, one or more for IN, else one).
// KeyConditions allow EQ on the partition key and EQ, LE, LT, GE, GT, BEGINS_WITH or BETWEEN on
// the sort key.
struct Condition {
  ComparisonOperator comparison_operator = ComparisonOperator::kEq;
  std::vector<AttributeValue> attribute_value_list{};
};
// Attribute name -> condition. Several entries are joined by ConditionalOperator (AND default;
// KeyConditions are always AND).
using Conditions = std::map<std::string, Condition, std::less<>>;

struct QueryRequest {
  std::string table_name{};
  std::vector<std::string> attributes_to_get{};
  std::optional<ConditionalOperator> conditional_operator{};  // legacy; joins query_filter
  std::optional<bool> consistent_read{};
  std::optional<Item> exclusive_start_key{};
  ExpressionAttributeNames expression_attribute_names{};
  ExpressionAttributeValues expression_attribute_values{};
  std::optional<std::string> filter_expression{};
  std::optional<std::string> index_name{};
  std::optional<std::string> key_condition_expression{};
  Conditions key_conditions{};     // legacy KeyConditions (1 or 2 entries)
  std::optional<int64_t> limit{};  // >= 1
  std::optional<std::string> projection_expression{};
  Conditions query_filter{};  // legacy; non-key attributes only
  std::optional<ReturnConsumedCapacity> return_consumed_capacity{};
  std::optional<bool> scan_index_forward{};  // default true (ascending sort key)
  std::optional<Select> select{};
};

struct QueryResult {
  std::vector<Item> items{};  // empty for Select COUNT
  int64_t count = 0;          // items after the filter
  int64_t scanned_count = 0;  // items evaluated (before the filter)
  std::optional<Item> last_evaluated_key{};
  std::optional<ConsumedCapacity> consumed_capacity{};
};

struct ScanRequest {
  std::string table_name{};
  std::vector<std::string> attributes_to_get{};
  std::optional<ConditionalOperator> conditional_operator{};  // legacy; joins scan_filter
  std::optional<bool> consistent_read{};
  std::optional<Item> exclusive_start_key{};
  ExpressionAttributeNames expression_attribute_names{};
  ExpressionAttributeValues expression_attribute_values{};
  std::optional<std::string> filter_expression{};
  std::optional<std::string> index_name{};
  std::optional<int64_t> limit{};  // >= 1
  std::optional<std::string> projection_expression{};
  std::optional<ReturnConsumedCapacity> return_consumed_capacity{};
  Conditions scan_filter{};          // legacy
  std::optional<int64_t> segment{};  // 0 .. total_segments - 1; with total_segments
  std::optional<Select> select{};
  std::optional<int64_t> total_segments{};  // 1 .. 1,000,000
};

using ScanResult = QueryResult;

}  // namespace dynarock

#endif  // DYNAROCK_QUERY_H_
