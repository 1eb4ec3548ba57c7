// DeleteItem: validates the key, removes the item under its stripe lock with one WriteBatch
// (delete + counter delta). Deleting a missing item succeeds.
#include "dynarock/error.h"
#include "lib/base/status_macros.h"
#include "lib/ops/item_common.h"
#include "lib/ops/key_validation.h"
#include "lib/ops/ops.h"
#include "lib/storage/counters.h"
#include "lib/storage/item_value.h"
#include "lib/storage/key_layout.h"
#include "lib/value/validate.h"
#include "rocksdb/write_batch.h"

namespace dynarock::ops {

absl::StatusOr<DeleteItemResult> DeleteItem(storage::Engine& engine,
                                            const DeleteItemRequest& request) {
  constexpr Operation kOp = Operation::kDeleteItem;
  DYNAROCK_RETURN_IF_ERROR(CheckDataPlaneTableName(request.table_name));
  DYNAROCK_RETURN_IF_ERROR(CheckReturnValuesNoneOrAllOld(kOp, request.return_values));
  DYNAROCK_RETURN_IF_ERROR(CheckWriteExpressionParameters(kOp, request.condition_expression,
                                                          request.expression_attribute_names,
                                                          request.expression_attribute_values));
  DYNAROCK_RETURN_IF_ERROR(WrapValueError(kOp, value::ValidateItemValues(request.key)));
  DYNAROCK_ASSIGN_OR_RETURN(std::shared_ptr<const storage::TableInfo> table,
                            FindTable(engine, request.table_name));
  DYNAROCK_RETURN_IF_ERROR(ValidateKey(*table, request.key));

  std::string key;
  AppendStorageKey(*table, request.key, &key);
  const bool want_old = request.return_values == ReturnValues::kAllOld;
  DeleteItemResult result;
  size_t old_size = 0;
  {
    absl::MutexLock lock(&engine.locks().MutexFor(key));
    if (table->dropped.load()) return DataPlaneTableNotFound();
    rocksdb::PinnableSlice old;
    DYNAROCK_ASSIGN_OR_RETURN(bool existed, engine.store().Get(key, &old));
    if (existed) {
      const std::string_view old_bytes(old.data(), old.size());
      old_size = storage::StoredItemSize(old_bytes);
      if (want_old) {
        result.attributes.emplace();
        DYNAROCK_RETURN_IF_ERROR(storage::DecodeItemValue(old_bytes, &*result.attributes));
      }
      rocksdb::WriteBatch batch;
      char delta_bytes[storage::kCountersSize];
      storage::EncodeCounters({.item_count = -1, .size_bytes = -static_cast<int64_t>(old_size)},
                              delta_bytes);
      rocksdb::Status s = batch.Delete(key);
      if (s.ok()) {
        s = batch.Merge(table->counters_key, rocksdb::Slice(delta_bytes, sizeof(delta_bytes)));
      }
      if (!s.ok()) return MakeError(ErrorType::kInternalServerError, s.ToString());
      DYNAROCK_RETURN_IF_ERROR(engine.store().Write(&batch));
    }
  }
  result.consumed_capacity =
      MakeConsumedCapacity(request.return_consumed_capacity, table->name, WriteUnits(old_size, 0));
  return result;
}

}  // namespace dynarock::ops
