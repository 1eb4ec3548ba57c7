// DeleteItem: validates the key; under the item's stripe lock reads the current item, checks
// the ConditionExpression and removes the item with one WriteBatch (delete + counter delta).
// Deleting a missing item succeeds (when the condition holds for the absent item).
#include "dynarock/error.h"
#include "lib/base/status_macros.h"
#include "lib/ops/conditions.h"
#include "lib/ops/item_common.h"
#include "lib/ops/item_write.h"
#include "lib/ops/key_validation.h"
#include "lib/ops/ops.h"
#include "lib/storage/counters.h"
#include "lib/storage/item_value.h"
#include "lib/value/validate.h"

namespace dynarock::ops {

absl::StatusOr<DeleteItemResult> DeleteItem(storage::Engine& engine,
                                            const DeleteItemRequest& request) {
  constexpr Operation kOp = Operation::kDeleteItem;
  DYNAROCK_RETURN_IF_ERROR(CheckDataPlaneTableName(request.table_name));
  DYNAROCK_RETURN_IF_ERROR(CheckReturnValuesNoneOrAllOld(kOp, request.return_values));
  WriteExpressions expressions;
  DYNAROCK_RETURN_IF_ERROR(PrepareWriteExpressions(
      kOp, request.condition_expression, /*update=*/nullptr, request.expression_attribute_names,
      request.expression_attribute_values,
      {.expected = &request.expected, .conditional_operator = request.conditional_operator},
      &expressions));
  DYNAROCK_RETURN_IF_ERROR(WrapValueError(kOp, value::ValidateItemValues(request.key)));
  DYNAROCK_ASSIGN_OR_RETURN(std::shared_ptr<const storage::TableInfo> table,
                            FindTable(engine, request.table_name));
  DYNAROCK_RETURN_IF_ERROR(ValidateKey(*table, request.key));

  std::string key;
  AppendStorageKey(*table, request.key, &key);
  const bool want_old = request.return_values == ReturnValues::kAllOld;
  const expr::ParsedCondition* condition =
      expressions.condition.has_value() ? &*expressions.condition : nullptr;
  DeleteItemResult result;
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
    Item old_item;
    if (existed) {
      const std::string_view old_bytes(old.data(), old.size());
      old_size = storage::StoredItemSize(old_bytes);
      if (want_old || condition != nullptr || NeedsOldItem(*table)) {
        DYNAROCK_RETURN_IF_ERROR(storage::DecodeItemValue(old_bytes, &old_item));
      }
    }
    DYNAROCK_RETURN_IF_ERROR(CheckCondition(condition, old_item, existed,
                                            request.return_values_on_condition_check_failure));
    if (existed) {
      DYNAROCK_RETURN_IF_ERROR(CommitItem(
          engine, *table,
          {.key = key,
           .old_item = &old_item,
           .delta = {.item_count = -1, .size_bytes = -static_cast<int64_t>(old_size)}},
          want_metrics ? &collection_size : nullptr));
      if (WantsCapacity(request.return_consumed_capacity)) {
        AddIndexWriteUnits(*table, &old_item, nullptr, &index_units);
      }
      if (want_old) result.attributes = std::move(old_item);
    } else if (want_metrics) {
      DYNAROCK_ASSIGN_OR_RETURN(collection_size,
                                ReadItemCollectionSize(engine, *table, request.key));
    }
  }
  result.consumed_capacity =
      MakeConsumedCapacity(request.return_consumed_capacity, table->name, WriteUnits(old_size, 0),
                           index_units);
  if (want_metrics) {
    result.item_collection_metrics = MakeItemCollectionMetrics(
        *table, request.return_item_collection_metrics, request.key, collection_size);
  }
  return result;
}

}  // namespace dynarock::ops
