// UpdateItem (reference 4.9, 3.6): validates the request (table name, expression parameters,
// key values), the key against the schema and that no action touches a key attribute; then,
// under the item's stripe lock, reads the current item, checks the ConditionExpression, applies
// the UpdateExpression to a copy (creating the item when absent: upsert), validates the result
// (nesting, size) and writes it with one WriteBatch (item + counter delta).
#include <string_view>
#include <vector>

#include "dynarock/error.h"
#include "lib/base/status_macros.h"
#include "lib/ops/conditions.h"
#include "lib/ops/index_entries.h"
#include "lib/ops/item_common.h"
#include "lib/ops/item_write.h"
#include "lib/ops/key_validation.h"
#include "lib/ops/ops.h"
#include "lib/ops/update_apply.h"
#include "lib/storage/counters.h"
#include "lib/storage/item_value.h"
#include "lib/value/item_size.h"
#include "lib/value/validate.h"

namespace dynarock::ops {
namespace {

constexpr Operation kOp = Operation::kUpdateItem;

}  // namespace

absl::StatusOr<UpdateItemResult> UpdateItem(storage::Engine& engine,
                                            const UpdateItemRequest& request) {
  DYNAROCK_RETURN_IF_ERROR(CheckDataPlaneTableName(request.table_name));
  WriteExpressions expressions;
  DYNAROCK_RETURN_IF_ERROR(PrepareWriteExpressions(
      kOp, request.condition_expression, &request.update_expression,
      request.expression_attribute_names, request.expression_attribute_values,
      {.expected = &request.expected,
       .conditional_operator = request.conditional_operator,
       .attribute_updates = &request.attribute_updates},
      &expressions));
  DYNAROCK_RETURN_IF_ERROR(WrapValueError(kOp, value::ValidateItemValues(request.key)));
  DYNAROCK_ASSIGN_OR_RETURN(std::shared_ptr<const storage::TableInfo> table,
                            FindTable(engine, request.table_name));
  DYNAROCK_RETURN_IF_ERROR(ValidateKey(*table, request.key));
  const expr::ParsedUpdate* update = expressions.update.has_value() ? &*expressions.update : nullptr;
  const expr::ParsedCondition* condition =
      expressions.condition.has_value() ? &*expressions.condition : nullptr;
  if (update != nullptr) {
    std::string_view key_names[2] = {table->hash_key, {}};
    size_t key_count = 1;
    if (table->range_key.has_value()) key_names[key_count++] = *table->range_key;
    DYNAROCK_RETURN_IF_ERROR(
        expr::CheckKeyAttributes(*update, absl::MakeConstSpan(key_names, key_count)));
  }

  std::string key;
  AppendStorageKey(*table, request.key, &key);
  const ReturnValues return_values = request.return_values.value_or(ReturnValues::kNone);
  UpdateItemResult result;
  size_t old_size = 0;
  size_t new_size = 0;
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
      DYNAROCK_RETURN_IF_ERROR(storage::DecodeItemValue(old_bytes, &old_item));
    }
    DYNAROCK_RETURN_IF_ERROR(CheckCondition(condition, old_item, existed,
                                            request.return_values_on_condition_check_failure));
    std::optional<Item> new_item;
    expr::UpdatedPaths touched;
    DYNAROCK_RETURN_IF_ERROR(
        ComputeUpdatedItem(*table, request.key, update, !request.attribute_updates.empty(),
                           old_item, existed, &new_item, &touched));
    if (new_item.has_value()) {
      DYNAROCK_RETURN_IF_ERROR(WrapValueError(kOp, value::ValidateItemValues(*new_item)));
      DYNAROCK_RETURN_IF_ERROR(ValidateIndexKeys(*table, *new_item,
                                                 request.attribute_updates.empty()
                                                     ? IndexKeySource::kUpdateExpression
                                                     : IndexKeySource::kAttributeUpdates,
                                                 existed ? &old_item : nullptr));
      new_size = value::ItemSize(*new_item);
      if (new_size > value::kMaxItemSize) {
        return ValidationError(kOp, MessageFamily::kBare,
                               "Item size to update has exceeded the maximum allowed size");
      }
      std::string stored;
      EncodeStoredItem(*new_item, new_size, &stored);
      const storage::TableCounters delta{
          .item_count = existed ? 0 : 1,
          .size_bytes = static_cast<int64_t>(new_size) - static_cast<int64_t>(old_size)};
      DYNAROCK_RETURN_IF_ERROR(CommitItem(engine, *table,
                                          {.key = key,
                                           .stored = &stored,
                                           .old_item = existed ? &old_item : nullptr,
                                           .new_item = &*new_item,
                                           .delta = delta},
                                          want_metrics ? &collection_size : nullptr));
      if (WantsCapacity(request.return_consumed_capacity)) {
        AddIndexWriteUnits(*table, existed ? &old_item : nullptr, &*new_item, &index_units);
      }
    } else if (want_metrics) {
      DYNAROCK_ASSIGN_OR_RETURN(collection_size,
                                ReadItemCollectionSize(engine, *table, request.key));
    }
    // ReturnValues (reference 4.0): UPDATED_* project the touched paths, which never overlap.
    switch (return_values) {
      case ReturnValues::kNone:
        break;
      case ReturnValues::kAllOld:
        if (existed) result.attributes = std::move(old_item);
        break;
      case ReturnValues::kAllNew:
        if (new_item.has_value()) result.attributes = std::move(*new_item);
        break;
      case ReturnValues::kUpdatedOld:
      case ReturnValues::kUpdatedNew: {
        const Item* from = return_values == ReturnValues::kUpdatedOld
                               ? (existed ? &old_item : nullptr)
                               : (new_item.has_value() ? &*new_item : nullptr);
        if (from == nullptr || touched.paths.empty()) break;
        Item projected = expr::ProjectPaths(*from, touched.paths);
        if (!projected.empty()) result.attributes = std::move(projected);
        break;
      }
    }
  }
  result.consumed_capacity = MakeConsumedCapacity(request.return_consumed_capacity, table->name,
                                                  WriteUnits(old_size, new_size), index_units);
  if (want_metrics) {
    result.item_collection_metrics = MakeItemCollectionMetrics(
        *table, request.return_item_collection_metrics, request.key, collection_size);
  }
  return result;
}

}  // namespace dynarock::ops
