// GetItem: validates the key, reads the item (always strongly consistent: one RocksDB Get),
// applies the ProjectionExpression or the legacy AttributesToGet.
#include <set>

#include "dynarock/error.h"
#include "lib/base/status_macros.h"
#include "lib/expr/expression.h"
#include "lib/ops/item_common.h"
#include "lib/ops/key_validation.h"
#include "lib/ops/ops.h"
#include "lib/storage/item_value.h"
#include "lib/value/validate.h"

namespace dynarock::ops {

absl::StatusOr<GetItemResult> GetItem(storage::Engine& engine, const GetItemRequest& request) {
  constexpr Operation kOp = Operation::kGetItem;
  DYNAROCK_RETURN_IF_ERROR(CheckDataPlaneTableName(request.table_name));
  if (request.projection_expression.has_value() && !request.attributes_to_get.empty()) {
    return ValidationError(kOp, MessageFamily::kExpressionParameter,
                           "Can not use both expression and non-expression parameters in the same "
                           "request: Non-expression parameters: {AttributesToGet} Expression "
                           "parameters: {ProjectionExpression}");
  }
  std::optional<expr::ParsedProjection> projection;
  if (request.projection_expression.has_value()) {
    static const ExpressionAttributeValues kNoValues;
    DYNAROCK_RETURN_IF_ERROR(
        expr::ValidatePlaceholderKeys(request.expression_attribute_names, kNoValues));
    expr::UsageTracker usage;
    DYNAROCK_ASSIGN_OR_RETURN(
        projection, expr::ParseProjection(*request.projection_expression,
                                          request.expression_attribute_names, &usage));
    DYNAROCK_RETURN_IF_ERROR(usage.CheckAllUsed(request.expression_attribute_names, kNoValues));
  } else if (!request.expression_attribute_names.empty()) {
    return ValidationError(kOp, MessageFamily::kExpressionParameter,
                           "ExpressionAttributeNames can only be specified when using expressions");
  }
  std::set<std::string_view> attributes_to_get;
  for (const std::string& name : request.attributes_to_get) {
    if (!attributes_to_get.insert(name).second) {
      return MakeError(ErrorType::kValidation,
                       Cat("One or more parameter values were invalid: Duplicate value "
                           "in attribute name: ",
                           name));
    }
  }
  DYNAROCK_RETURN_IF_ERROR(WrapValueError(kOp, value::ValidateItemValues(request.key)));
  DYNAROCK_ASSIGN_OR_RETURN(std::shared_ptr<const storage::TableInfo> table,
                            FindTable(engine, request.table_name));
  DYNAROCK_RETURN_IF_ERROR(ValidateKey(*table, request.key));

  std::string key;
  AppendStorageKey(*table, request.key, &key);
  rocksdb::PinnableSlice stored;
  DYNAROCK_ASSIGN_OR_RETURN(bool found, engine.store().Get(key, &stored));
  GetItemResult result;
  size_t size = 0;
  if (found) {
    const std::string_view bytes(stored.data(), stored.size());
    size = storage::StoredItemSize(bytes);
    result.item.emplace();
    DYNAROCK_RETURN_IF_ERROR(storage::DecodeItemValue(bytes, &*result.item));
    if (projection.has_value()) {
      // An item whose projected attributes are all missing is returned as {} (reference 4.8).
      result.item = expr::Project(*projection, *result.item);
    } else if (!attributes_to_get.empty()) {
      for (auto it = result.item->begin(); it != result.item->end();) {
        it = attributes_to_get.count(it->first) > 0 ? std::next(it) : result.item->erase(it);
      }
    }
  }
  result.consumed_capacity =
      MakeConsumedCapacity(request.return_consumed_capacity, table->name,
                           ReadUnits(size, request.consistent_read.value_or(false)));
  return result;
}

}  // namespace dynarock::ops
