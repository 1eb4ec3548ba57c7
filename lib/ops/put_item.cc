// PutItem: validates the request (table name, ReturnValues, expression parameters, values,
// size), then the key against the schema; replaces the whole item under its stripe lock with
// one WriteBatch (item + counter delta).
#include "dynarock/error.h"
#include "lib/base/status_macros.h"
#include "lib/ops/item_common.h"
#include "lib/ops/key_validation.h"
#include "lib/ops/ops.h"
#include "lib/storage/counters.h"
#include "lib/storage/item_value.h"
#include "lib/storage/key_layout.h"
#include "lib/value/item_size.h"
#include "lib/value/validate.h"
#include "rocksdb/write_batch.h"

namespace dynarock::ops {

absl::StatusOr<PutItemResult> PutItem(storage::Engine& engine, const PutItemRequest& request) {
  constexpr Operation kOp = Operation::kPutItem;
  DYNAROCK_RETURN_IF_ERROR(CheckDataPlaneTableName(request.table_name));
  DYNAROCK_RETURN_IF_ERROR(CheckReturnValuesNoneOrAllOld(kOp, request.return_values));
  DYNAROCK_RETURN_IF_ERROR(CheckWriteExpressionParameters(kOp, request.condition_expression,
                                                          request.expression_attribute_names,
                                                          request.expression_attribute_values));
  DYNAROCK_RETURN_IF_ERROR(WrapValueError(kOp, value::ValidateItemValues(request.item)));
  const size_t item_size = value::ItemSize(request.item);
  if (item_size > value::kMaxItemSize) {
    return ValidationError(kOp, MessageFamily::kBare,
                           "Item size has exceeded the maximum allowed size");
  }
  DYNAROCK_ASSIGN_OR_RETURN(std::shared_ptr<const storage::TableInfo> table,
                            FindTable(engine, request.table_name));
  DYNAROCK_RETURN_IF_ERROR(ValidateItemKey(*table, request.item));

  // Everything that needs no lock happens before taking it: key and value encoding.
  std::string key;
  AppendStorageKey(*table, request.item, &key);
  std::string stored;
  stored.reserve(storage::kItemValueHeaderSize + item_size + item_size / 4 + 16);
  if (SetsAreCanonical(request.item)) {
    storage::EncodeItemValue(request.item, static_cast<uint32_t>(item_size), &stored);
  } else {
    Item canonical = request.item;
    value::CanonicalizeSets(&canonical);
    storage::EncodeItemValue(canonical, static_cast<uint32_t>(item_size), &stored);
  }
  const bool want_old = request.return_values == ReturnValues::kAllOld;

  PutItemResult result;
  size_t old_size = 0;
  {
    absl::MutexLock lock(&engine.locks().MutexFor(key));
    if (table->dropped.load()) return DataPlaneTableNotFound();
    rocksdb::PinnableSlice old;
    DYNAROCK_ASSIGN_OR_RETURN(bool existed, engine.store().Get(key, &old));
    storage::TableCounters delta{.item_count = 1, .size_bytes = static_cast<int64_t>(item_size)};
    if (existed) {
      const std::string_view old_bytes(old.data(), old.size());
      old_size = storage::StoredItemSize(old_bytes);
      delta.item_count = 0;
      delta.size_bytes -= static_cast<int64_t>(old_size);
      if (want_old) {
        result.attributes.emplace();
        DYNAROCK_RETURN_IF_ERROR(storage::DecodeItemValue(old_bytes, &*result.attributes));
      }
    }
    rocksdb::WriteBatch batch;
    char delta_bytes[storage::kCountersSize];
    storage::EncodeCounters(delta, delta_bytes);
    rocksdb::Status s = batch.Put(key, stored);
    if (s.ok()) {
      s = batch.Merge(table->counters_key, rocksdb::Slice(delta_bytes, sizeof(delta_bytes)));
    }
    if (!s.ok()) return MakeError(ErrorType::kInternalServerError, s.ToString());
    DYNAROCK_RETURN_IF_ERROR(engine.store().Write(&batch));
  }
  result.consumed_capacity = MakeConsumedCapacity(request.return_consumed_capacity, table->name,
                                                  WriteUnits(old_size, item_size));
  return result;
}

}  // namespace dynarock::ops
