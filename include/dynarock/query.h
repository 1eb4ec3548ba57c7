// File: dynarock/query.h
//
// Request and response structs of Query and Scan. They mirror DynamoDB's API field for field
// (see table_ops.h for the conventions). The legacy parameters KeyConditions, QueryFilter,
// ScanFilter and ConditionalOperator are not modelled (the JSON layer rejects them with a
// ValidationException, see docs/compatibility.md); AttributesToGet is.
//
// Paging: a page stops after `limit` items were evaluated (before the filter) or after 1 MB of
// item data was read; last_evaluated_key is then set (even when no item follows, as DynamoDB
// does) and goes back as exclusive_start_key for the next page.
#ifndef DYNAROCK_QUERY_H_
#define DYNAROCK_QUERY_H_

#include <cstdint>
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

struct QueryRequest {
  std::string table_name{};
  std::vector<std::string> attributes_to_get{};
  std::optional<bool> consistent_read{};
  std::optional<Item> exclusive_start_key{};
  ExpressionAttributeNames expression_attribute_names{};
  ExpressionAttributeValues expression_attribute_values{};
  std::optional<std::string> filter_expression{};
  std::optional<std::string> index_name{};
  std::optional<std::string> key_condition_expression{};
  std::optional<int64_t> limit{};  // >= 1
  std::optional<std::string> projection_expression{};
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
  std::optional<bool> consistent_read{};
  std::optional<Item> exclusive_start_key{};
  ExpressionAttributeNames expression_attribute_names{};
  ExpressionAttributeValues expression_attribute_values{};
  std::optional<std::string> filter_expression{};
  std::optional<std::string> index_name{};
  std::optional<int64_t> limit{};  // >= 1
  std::optional<std::string> projection_expression{};
  std::optional<ReturnConsumedCapacity> return_consumed_capacity{};
  std::optional<int64_t> segment{};  // 0 .. total_segments - 1; with total_segments
  std::optional<Select> select{};
  std::optional<int64_t> total_segments{};  // 1 .. 1,000,000
};

using ScanResult = QueryResult;

}  // namespace dynarock

#endif  // DYNAROCK_QUERY_H_
