// BatchGetItem (reference 4.13): validates every table's keys and projection first (1..100 keys
// in total, no key twice, tables exist, keys match the schemas), then reads each key with one
// RocksDB Get (each read is of one committed item state; the batch as a whole is not a
// snapshot, as in DynamoDB). When the response would pass 16 MB, the keys not yet read are
// returned in UnprocessedKeys with their table's parameters.
#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dynarock/error.h"
#include "lib/base/status_macros.h"
#include "lib/ops/item_common.h"
#include "lib/ops/key_validation.h"
#include "lib/ops/multi_item.h"
#include "lib/ops/ops.h"
#include "lib/ops/read_projection.h"
#include "lib/value/validate.h"

namespace dynarock::ops {
namespace {

constexpr Operation kOp = Operation::kBatchGetItem;
constexpr size_t kMaxKeys = 100;

absl::Status ValidateCounts(const BatchGetItemRequest& request) {
  if (request.request_items.empty()) {
    return MakeError(ErrorType::kValidation,
                     "The requestItems parameter is required for BatchGetItem");
  }
  size_t total = 0;
  for (const auto& [name, entry] : request.request_items) {
    if (entry.keys.size() > kMaxKeys) {
      return MakeError(ErrorType::kValidation,
                       Cat("1 validation error detected: Value at 'RequestItems.", name,
                           ".member.Keys' failed to satisfy constraint: Member must have length "
                           "less than or equal to 100"));
    }
    if (entry.keys.empty()) {
      return MakeError(ErrorType::kValidation,
                       Cat("1 validation error detected: Value '[]' at 'requestItems.", name,
                           ".member.keys' failed to satisfy constraint: Member must have length "
                           "greater than or equal to 1"));
    }
    total += entry.keys.size();
  }
  if (total > kMaxKeys) {
    return MakeError(ErrorType::kValidation, "Too many items requested for the BatchGetItem call");
  }
  // ProjectionExpression on one table and AttributesToGet on another is the mixing error too
  // (reference 4.0, [DYNOXIDE]); within one table PrepareReadProjection reports it.
  bool expression = false, legacy = false;
  for (const auto& [name, entry] : request.request_items) {
    expression = expression || entry.projection_expression.has_value();
    legacy = legacy || !entry.attributes_to_get.empty();
  }
  if (expression && legacy) {
    return ValidationError(kOp, MessageFamily::kExpressionParameter,
                           "Can not use both expression and non-expression parameters in the same "
                           "request: Non-expression parameters: {AttributesToGet} Expression "
                           "parameters: {ProjectionExpression}");
  }
  return absl::OkStatus();
}

// One table of the request, validated.
struct TableRead {
  const std::string* requested_name = nullptr;
  const KeysAndAttributes* entry = nullptr;
  std::shared_ptr<const storage::TableInfo> table;
  ReadProjection projection;
  std::vector<std::string> keys;  // storage keys, in entry->keys order
};

}  // namespace

absl::StatusOr<BatchGetItemResult> BatchGetItem(storage::Engine& engine,
                                                const BatchGetItemRequest& request) {
  DYNAROCK_RETURN_IF_ERROR(ValidateCounts(request));
  std::vector<TableRead> reads(request.request_items.size());
  size_t t = 0;
  for (const auto& [name, entry] : request.request_items) {
    TableRead& read = reads[t++];
    read.requested_name = &name;
    read.entry = &entry;
    DYNAROCK_RETURN_IF_ERROR(CheckDataPlaneTableName(name));
    DYNAROCK_RETURN_IF_ERROR(PrepareReadProjection(kOp, entry.projection_expression,
                                                   entry.attributes_to_get,
                                                   entry.expression_attribute_names,
                                                   &read.projection));
    for (const Item& key : entry.keys) {
      DYNAROCK_RETURN_IF_ERROR(WrapValueError(kOp, value::ValidateItemValues(key)));
    }
    DYNAROCK_ASSIGN_OR_RETURN(read.table, FindTable(engine, name));
    read.keys.reserve(entry.keys.size());
    for (const Item& key : entry.keys) {
      DYNAROCK_RETURN_IF_ERROR(ValidateKey(*read.table, key));
      AppendStorageKey(*read.table, key, &read.keys.emplace_back());
    }
    std::vector<std::string_view> sorted(read.keys.begin(), read.keys.end());
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
      return MakeError(ErrorType::kValidation, "Provided list of item keys contains duplicates");
    }
  }

  BatchGetItemResult result;
  CapacityTally capacity;
  size_t response_bytes = 0;
  bool full = false;
  for (TableRead& read : reads) {
    const bool consistent = read.entry->consistent_read.value_or(false);
    // Every requested table appears in Responses, with [] when nothing was found.
    std::vector<Item>& items = result.responses[*read.requested_name];
    for (size_t i = 0; i < read.keys.size(); ++i) {
      if (!full) {
        StoredItem stored;
        DYNAROCK_RETURN_IF_ERROR(ReadStoredItem(engine, read.keys[i], /*decode=*/true, &stored));
        if (!stored.existed) {
          capacity.Add(read.table->name, ReadUnits(0, consistent));
          continue;
        }
        // The 16 MB response limit, measured on DynamoDB item sizes. A key handed back in
        // UnprocessedKeys is not charged: the retry that reads it will be.
        if (response_bytes + stored.size <= kMaxBatchGetResponseBytes) {
          capacity.Add(read.table->name, ReadUnits(stored.size, consistent));
          response_bytes += stored.size;
          ApplyReadProjection(read.projection, &stored.item);
          items.push_back(std::move(stored.item));
          continue;
        }
        full = true;
      }
      KeysAndAttributes& rest = result.unprocessed_keys[*read.requested_name];
      if (rest.keys.empty()) {
        rest.attributes_to_get = read.entry->attributes_to_get;
        rest.consistent_read = read.entry->consistent_read;
        rest.expression_attribute_names = read.entry->expression_attribute_names;
        rest.projection_expression = read.entry->projection_expression;
      }
      rest.keys.push_back(read.entry->keys[i]);
    }
  }
  result.consumed_capacity =
      capacity.Finish(request.return_consumed_capacity, CapacityTally::Kind::kRead);
  return result;
}

}  // namespace dynarock::ops
