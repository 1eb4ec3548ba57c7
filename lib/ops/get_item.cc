// GetItem: validates the key, reads the item (always strongly consistent: one RocksDB Get),
// applies the ProjectionExpression or the legacy AttributesToGet.
#include "dynarock/error.h"
#include "lib/base/status_macros.h"
#include "lib/expr/expression.h"
#include "lib/ops/item_common.h"
#include "lib/ops/key_validation.h"
#include "lib/ops/ops.h"
#include "lib/ops/read_projection.h"
#include "lib/storage/item_value.h"
#include "lib/value/validate.h"

namespace dynarock::ops {

absl::StatusOr<GetItemResult> GetItem(storage::Engine& engine, const GetItemRequest& request,
                                      codec::EncodedItemSink* sink) {
  constexpr Operation kOp = Operation::kGetItem;
  DYNAROCK_RETURN_IF_ERROR(CheckDataPlaneTableName(request.table_name));
  ReadProjection projection;
  DYNAROCK_RETURN_IF_ERROR(PrepareReadProjection(kOp, request.projection_expression,
                                                 request.attributes_to_get,
                                                 request.expression_attribute_names, &projection));
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
    if (sink != nullptr && !projection.expression.has_value() &&
        projection.attributes_to_get.empty()) {
      DYNAROCK_ASSIGN_OR_RETURN(std::string_view encoded, storage::EncodedItemOf(bytes));
      DYNAROCK_RETURN_IF_ERROR(sink->Add(encoded));  // the whole item, as stored
    } else {
      result.item.emplace();
      DYNAROCK_RETURN_IF_ERROR(storage::DecodeItemValue(bytes, &*result.item));
      ApplyReadProjection(projection, &*result.item);
    }
  }
  result.consumed_capacity =
      MakeConsumedCapacity(request.return_consumed_capacity, table->name,
                           ReadUnits(size, request.consistent_read.value_or(false)));
  return result;
}

}  // namespace dynarock::ops
