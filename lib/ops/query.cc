// Query (reference sections 2, 3.4, 4.11): the key condition becomes one bounded key range
// inside the partition's contiguous key prefix (docs/design.md), read forward or backward by
// ReadPage (paging.h).
//
// Range of a partition prefix P and the encoded sort value S (self-delimiting, so P + S + 0x00
// is the first key after the item whose sort key is exactly S):
//   none       [P, succ(P))           =   [P+S, P+S+0x00)
//   <          [P, P+S)               <=  [P, P+S+0x00)
//   >          [P+S+0x00, succ(P))    >=  [P+S, succ(P))
//   BETWEEN    [P+Sa, P+Sb+0x00)      begins_with  [P+S', succ(P+S')), S' = S minus its
//                                                  2-byte terminator (key_codec.h)
#include <memory>
#include <string>

#include "dynarock/error.h"

#include "lib/base/status_macros.h"
#include "lib/codec/key_codec.h"
#include "lib/ops/errors.h"
#include "lib/ops/index_read.h"
#include "lib/ops/item_common.h"
#include "lib/ops/key_validation.h"
#include "lib/ops/legacy.h"
#include "lib/ops/ops.h"
#include "lib/ops/paging.h"
#include "lib/storage/key_layout.h"
#include "lib/value/validate.h"

namespace dynarock::ops {
namespace {

absl::Status CheckKeyConditionValue(const AttributeValue& v, ScalarType type,
                                    std::string_view name) {
  if (v.type() != KeyValueType(type)) {
    return Invalid(
        "One or more parameter values were invalid: Condition parameter type does not match "
        "schema type");
  }
  if (const std::string* s = v.if_s(); s != nullptr && s->empty()) {
    return Invalid(
        Cat("One or more parameter values are not valid. The AttributeValue for a key attribute "
            "cannot contain an empty string value. Key: ",
            name));
  }
  if (const Bytes* b = v.if_b(); b != nullptr && b->data.empty()) {
    return Invalid(
        Cat("One or more parameter values are not valid. The AttributeValue for a key attribute "
            "cannot contain an empty binary value. Key: ",
            name));
  }
  return absl::OkStatus();
}

// [*lower, *upper) for the sort-key condition inside the partition prefix `p`.
void SortKeyRange(const std::string& p, const std::optional<expr::SortKeyCondition>& sort,
                  std::string* lower, std::string* upper) {
  auto with = [&p](const AttributeValue& v, bool successor) {
    std::string k = p;
    codec::AppendKeyPart(v, &k);
    // The first key after every key starting with P+S: on an index, entries with index key S
    // continue with the base key (on the table this equals P+S+0x00, the codec being
    // prefix-free).
    if (successor) k = PrefixSuccessor(k);
    return k;
  };
  if (!sort.has_value()) {
    *lower = p;
    *upper = PrefixSuccessor(p);
    return;
  }
  switch (sort->op) {
    case expr::SortKeyOp::kEq:
      *lower = with(*sort->value, false);
      *upper = with(*sort->value, true);
      break;
    case expr::SortKeyOp::kLt:
      *lower = p;
      *upper = with(*sort->value, false);
      break;
    case expr::SortKeyOp::kLe:
      *lower = p;
      *upper = with(*sort->value, true);
      break;
    case expr::SortKeyOp::kGt:
      *lower = with(*sort->value, true);
      *upper = PrefixSuccessor(p);
      break;
    case expr::SortKeyOp::kGe:
      *lower = with(*sort->value, false);
      *upper = PrefixSuccessor(p);
      break;
    case expr::SortKeyOp::kBetween:
      *lower = with(*sort->value, false);
      *upper = with(*sort->upper, true);
      break;
    case expr::SortKeyOp::kBeginsWith: {
      std::string prefix = with(*sort->value, false);
      prefix.resize(prefix.size() - 2);  // drop the terminator
      *upper = PrefixSuccessor(prefix);
      *lower = std::move(prefix);
      break;
    }
  }
}

}  // namespace

absl::StatusOr<QueryResult> Query(storage::Engine& engine, const QueryRequest& request,
                                  codec::EncodedItemSink* sink) {
  DYNAROCK_RETURN_IF_ERROR(CheckDataPlaneTableName(request.table_name));
  const ReadParameters params{
      .is_query = true,
      .attributes_to_get = &request.attributes_to_get,
      .filter_expression = &request.filter_expression,
      .key_condition_expression = &request.key_condition_expression,
      .projection_expression = &request.projection_expression,
      .select = &request.select,
      .limit = &request.limit,
      .names = &request.expression_attribute_names,
      .values = &request.expression_attribute_values,
      .has_index = request.index_name.has_value(),
      .key_conditions = &request.key_conditions,
      .filter = &request.query_filter,
      .filter_name = "QueryFilter",
      .conditional_operator = &request.conditional_operator,
  };
  DYNAROCK_RETURN_IF_ERROR(CheckReadParameters(params));
  const bool legacy_key = !request.key_condition_expression.has_value();
  if (legacy_key && request.key_conditions.empty()) {
    return Invalid(
        "Either the KeyConditions or KeyConditionExpression parameter must be specified in the "
        "request.");
  }
  if (legacy_key) {
    DYNAROCK_RETURN_IF_ERROR(CheckConditions(request.key_conditions));
    if (request.key_conditions.size() > 2) {
      return Invalid("Conditions can be of length 1 or 2 only");
    }
  }
  if (request.exclusive_start_key.has_value()) {
    DYNAROCK_RETURN_IF_ERROR(value::ValidateItemValues(*request.exclusive_start_key));
  }
  DYNAROCK_ASSIGN_OR_RETURN(std::shared_ptr<const storage::TableInfo> table,
                            FindTable(engine, request.table_name));
  DYNAROCK_ASSIGN_OR_RETURN(ReadTarget target,
                            ResolveReadTarget(*table, request.index_name, request.consistent_read,
                                              request.select));

  // Expressions in DynamoDB's order: key condition, filter, projection; then unused placeholders.
  expr::UsageTracker usage;
  const std::optional<std::string_view> range_key = target.range_key;
  expr::ParsedKeyCondition key_condition;
  if (legacy_key) {
    if (target.index == nullptr) {
      DYNAROCK_RETURN_IF_ERROR(
          TranslateKeyConditions(request.key_conditions, *table, &key_condition));
    } else {
      // TranslateKeyConditions reads a key schema from a TableInfo: give it the index's.
      storage::TableInfo keys;
      keys.hash_key = target.index->hash_key;
      keys.hash_type = target.index->hash_type;
      keys.range_key = target.index->range_key;
      keys.range_type = target.index->range_type;
      DYNAROCK_RETURN_IF_ERROR(
          TranslateKeyConditions(request.key_conditions, keys, &key_condition));
    }
  } else {
    DYNAROCK_ASSIGN_OR_RETURN(
        key_condition,
        expr::ParseKeyCondition(*request.key_condition_expression,
                                request.expression_attribute_names,
                                request.expression_attribute_values, &usage, target.hash_key,
                                range_key));
  }
  for (const auto& [name, condition] : request.query_filter) {
    if (name == target.hash_key || (range_key.has_value() && name == *range_key)) {
      return Invalid(
          Cat("QueryFilter can only contain non-primary key attributes: Primary key attribute: ",
              name));
    }
  }
  ReadShape shape;
  DYNAROCK_RETURN_IF_ERROR(PrepareReadShape(params, &usage, &shape));
  DYNAROCK_RETURN_IF_ERROR(CheckIndexShape(*table, shape, request.select, &target));
  if (shape.filter.has_value() && request.query_filter.empty()) {
    for (std::string_view name : expr::TopLevelNames(*shape.filter)) {
      if (name == target.hash_key || (range_key.has_value() && name == *range_key)) {
        return Invalid(
            Cat("Filter Expression can only contain non-primary key attributes: "
                "Primary key attribute: ",
                name));
      }
    }
  }
  DYNAROCK_RETURN_IF_ERROR(
      usage.CheckAllUsed(request.expression_attribute_names, request.expression_attribute_values));
  DYNAROCK_RETURN_IF_ERROR(
      CheckKeyConditionValue(*key_condition.partition_value, target.hash_type, target.hash_key));
  if (key_condition.sort.has_value()) {
    DYNAROCK_RETURN_IF_ERROR(
        CheckKeyConditionValue(*key_condition.sort->value, target.range_type, *range_key));
    if (key_condition.sort->upper != nullptr) {
      DYNAROCK_RETURN_IF_ERROR(
          CheckKeyConditionValue(*key_condition.sort->upper, target.range_type, *range_key));
    }
  }
  if (const std::string* s = key_condition.partition_value->if_s();
      s != nullptr && s->size() > kMaxPartitionKeyBytes) {
    return Invalid(
        "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size "
        "limit of2048 bytes");
  }

  // The partition prefix and the key range.
  std::string partition;
  AppendTargetKeyHeader(*table, target, 0, &partition);
  codec::AppendKeyPart(*key_condition.partition_value, &partition);
  storage::WriteBigEndian32(
      storage::PartitionHash(std::string_view(partition).substr(storage::kItemKeyHeaderSize)),
      partition.data() + storage::kItemKeyHeaderSize - 4);
  PageSpec spec;
  spec.table = table.get();
  spec.index = target.index;
  spec.fetch_base = target.fetch_base;
  if (range_key.has_value()) {
    SortKeyRange(partition, key_condition.sort, &spec.lower, &spec.upper);
  } else {
    spec.lower = partition;
    spec.upper = PrefixSuccessor(partition);  // = partition + 0x00 on the table (prefix-free)
  }

  if (request.exclusive_start_key.has_value()) {
    const Item& esk = *request.exclusive_start_key;
    std::string start;
    DYNAROCK_RETURN_IF_ERROR(AppendStartKey(*table, target, esk, &start));
    if (start.compare(0, partition.size(), partition) != 0) {
      return Invalid(
          "The provided starting key is outside query boundaries based on provided conditions");
    }
    if (key_condition.sort.has_value() && key_condition.sort->op == expr::SortKeyOp::kEq) {
      return Invalid("The query can return at most one row and cannot be restarted");
    }
    if (start < spec.lower || start >= spec.upper) {
      return Invalid("The provided starting key does not match the range key predicate");
    }
    // Resume strictly after the start key: the next key in the scan direction.
    if (request.scan_index_forward.value_or(true)) {
      start.push_back('\0');
      spec.lower = std::move(start);
    } else {
      spec.upper = std::move(start);
    }
  }

  spec.forward = request.scan_index_forward.value_or(true);
  spec.limit = request.limit.value_or(0);
  spec.shape = &shape;
  spec.consistent = request.consistent_read.value_or(false);
  spec.return_consumed_capacity = request.return_consumed_capacity;
  spec.sink = sink;
  QueryResult result;
  DYNAROCK_RETURN_IF_ERROR(ReadPage(engine, spec, &result));
  return result;
}

}  // namespace dynarock::ops
