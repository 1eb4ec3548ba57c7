// PutItem: validates the request (table name, ReturnValues, expression parameters, values,
// size), then the key against the schema; under the item's stripe lock reads the current item,
// checks the ConditionExpression and replaces the whole item with one WriteBatch (item +
// counter delta), so the check and the write are one step.
#include "dynarock/error.h"
#include "lib/base/status_macros.h"
#include "lib/ops/conditions.h"
#include "lib/ops/index_entries.h"
#include "lib/ops/item_common.h"
#include "lib/ops/item_write.h"
#include "lib/ops/key_validation.h"
#include "lib/ops/ops.h"
#include "lib/storage/counters.h"
#include "lib/storage/item_value.h"
#include "lib/value/item_size.h"
#include "lib/value/validate.h"

namespace dynarock::ops {

absl::StatusOr<PutItemResult> PutItem(storage::Engine& engine, const PutItemRequest& request) {
  constexpr Operation kOp = Operation::kPutItem;
  DYNAROCK_RETURN_IF_ERROR(CheckDataPlaneTableName(request.table_name));
  DYNAROCK_RETURN_IF_ERROR(CheckReturnValuesNoneOrAllOld(kOp, request.return_values));
  WriteExpressions expressions;
  DYNAROCK_RETURN_IF_ERROR(PrepareWriteExpressions(
      kOp, request.condition_expression, /*update=*/nullptr, request.expression_attribute_names,
      request.expression_attribute_values,
      {.expected = &request.expected, .conditional_operator = request.conditional_operator},
      &expressions));
  DYNAROCK_RETURN_IF_ERROR(WrapValueError(kOp, value::ValidateItemValues(request.item)));
  const size_t item_size = value::ItemSize(request.item);
  if (item_size > value::kMaxItemSize) {
    return ValidationError(kOp, MessageFamily::kBare,
                           "Item size has exceeded the maximum allowed size");
  }
  DYNAROCK_ASSIGN_OR_RETURN(std::shared_ptr<const storage::TableInfo> table,
                            FindTable(engine, request.table_name));
  DYNAROCK_RETURN_IF_ERROR(ValidateItemKey(*table, request.item));
  DYNAROCK_RETURN_IF_ERROR(ValidateIndexKeys(*table, request.item, IndexKeySource::kItem));

  // Everything that needs no lock happens before taking it: key and value encoding.
  std::string key;
  AppendStorageKey(*table, request.item, &key);
  std::string stored;
  EncodeStoredItem(request.item, item_size, &stored);
  const bool want_old = request.return_values == ReturnValues::kAllOld;
  const expr::ParsedCondition* condition =
      expressions.condition.has_value() ? &*expressions.condition : nullptr;

  PutItemResult result;
  size_t old_size = 0;
  const bool want_metrics =
      request.return_item_collection_metrics == ReturnItemCollectionMetrics::kSize &&
      HasLocalIndex(*table);
  int64_t collection_size = 0;
  std::vector<IndexUnits> index_units;  // filled only when ConsumedCapacity is asked for
  {
    absl::MutexLock lock(&engine.locks().MutexFor(key));
    if (table->dropped.load()) return DataPlaneTableNotFound();
    rocksdb::PinnableSlice old;
    DYNAROCK_ASSIGN_OR_RETURN(bool existed, engine.store().Get(key, &old));
    storage::TableCounters delta{.item_count = 1, .size_bytes = static_cast<int64_t>(item_size)};
    Item old_item;
    if (existed) {
      const std::string_view old_bytes(old.data(), old.size());
      old_size = storage::StoredItemSize(old_bytes);
      delta.item_count = 0;
      delta.size_bytes -= static_cast<int64_t>(old_size);
      if (want_old || condition != nullptr || NeedsOldItem(*table)) {
        DYNAROCK_RETURN_IF_ERROR(storage::DecodeItemValue(old_bytes, &old_item));
      }
    }
    DYNAROCK_RETURN_IF_ERROR(CheckCondition(condition, old_item, existed,
                                            request.return_values_on_condition_check_failure));
    DYNAROCK_RETURN_IF_ERROR(CommitItem(engine, *table,
                                        {.key = key,
                                         .stored = &stored,
                                         .old_item = existed ? &old_item : nullptr,
                                         .new_item = &request.item,
                                         .delta = delta},
                                        want_metrics ? &collection_size : nullptr));
    if (WantsCapacity(request.return_consumed_capacity)) {
      AddIndexWriteUnits(*table, existed ? &old_item : nullptr, &request.item, &index_units);
    }
    if (existed && want_old) result.attributes = std::move(old_item);
  }
  result.consumed_capacity = MakeConsumedCapacity(request.return_consumed_capacity, table->name,
                                                  WriteUnits(old_size, item_size), index_units);
  if (want_metrics) {
    result.item_collection_metrics = MakeItemCollectionMetrics(
        *table, request.return_item_collection_metrics, request.item, collection_size);
  }
  return result;
}

}  // namespace dynarock::ops
