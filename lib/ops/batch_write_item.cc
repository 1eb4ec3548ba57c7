// BatchWriteItem (reference 4.14): validates the whole request first -- 1..25 writes in total,
// each exactly one PutRequest or DeleteRequest, values, item sizes, tables, keys, no two writes
// on one item -- so an invalid batch writes nothing. Then it takes the stripe locks of all the
// items (ascending stripe order), reads each item's current size (and the decoded item when the
// table has indexes), stages every write with StageItemWrite into one WriteBatch and commits it.
// For tables with an LSI it sums each item collection's size delta over the batch and, before
// committing, fails the whole batch with ItemCollectionSizeLimitExceededException when a
// collection it grows would pass the limit (CollectionTally, multi_item.h); with
// ReturnItemCollectionMetrics SIZE it answers one ItemCollectionMetrics per collection written.
// DynamoDB promises only per-item atomicity; dynarock's batch is atomic as a whole and never
// leaves UnprocessedItems.
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dynarock/error.h"
#include "lib/base/status_macros.h"
#include "lib/ops/index_entries.h"
#include "lib/ops/item_common.h"
#include "lib/ops/item_write.h"
#include "lib/ops/key_validation.h"
#include "lib/ops/multi_item.h"
#include "lib/ops/ops.h"
#include "lib/storage/counters.h"
#include "lib/value/item_size.h"
#include "lib/value/validate.h"
#include "rocksdb/write_batch.h"

namespace dynarock::ops {
namespace {

constexpr Operation kOp = Operation::kBatchWriteItem;
constexpr size_t kMaxWrites = 25;

// One validated write.
struct PendingWrite {
  const storage::TableInfo* table = nullptr;
  const Item* item = nullptr;    // the PutRequest item; null for a delete
  const Item* values = nullptr;  // the PutRequest item or the DeleteRequest key
  std::string key;               // storage key
  std::string stored;            // encoded new value (puts)
  size_t new_size = 0;
};

// Inside BatchWriteItem a put whose key attributes are missing or mistyped gets the Key text
// (reference 4.0, "Item validation").
absl::Status ValidateBatchPutKey(const storage::TableInfo& table, const Item& item) {
  absl::Status s = ValidateItemKey(table, item);
  if (s.ok()) return s;
  const std::string_view message(s.message().data(), s.message().size());
  if (message.find("Missing the key ") != std::string_view::npos ||
      message.find("Type mismatch for key ") != std::string_view::npos) {
    return MakeError(ErrorType::kValidation, "The provided key element does not match the schema");
  }
  return s;
}

absl::Status ValidateCounts(const BatchWriteItemRequest& request) {
  if (request.request_items.empty()) {
    return MakeError(ErrorType::kValidation,
                     "The requestItems parameter is required for BatchWriteItem");
  }
  size_t total = 0;
  for (const auto& [name, writes] : request.request_items) {
    if (writes.empty() || writes.size() > kMaxWrites) {
      // DynamoDB renders the whole map in Java's toString; the element text is abbreviated here
      // (docs/compatibility.md).
      return MakeError(ErrorType::kValidation,
                       Cat("1 validation error detected: Value '{", name, "=[", writes.size(),
                           " write requests]}' at 'requestItems' failed to satisfy constraint: "
                           "Map value must satisfy constraint: [Member must have length less "
                           "than or equal to 25, Member must have length greater than or equal "
                           "to 1]"));
    }
    total += writes.size();
  }
  if (total > kMaxWrites) {
    return MakeError(ErrorType::kValidation,
                     "Too many items requested for the BatchWriteItem call");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<BatchWriteItemResult> BatchWriteItem(storage::Engine& engine,
                                                    const BatchWriteItemRequest& request) {
  DYNAROCK_RETURN_IF_ERROR(ValidateCounts(request));
  std::vector<std::shared_ptr<const storage::TableInfo>> tables;
  tables.reserve(request.request_items.size());
  std::vector<PendingWrite> pending;
  pending.reserve(kMaxWrites);
  for (const auto& [name, writes] : request.request_items) {
    DYNAROCK_RETURN_IF_ERROR(CheckDataPlaneTableName(name));
    for (const WriteRequest& write : writes) {
      if (write.put_request.has_value() == write.delete_request.has_value()) {
        return MakeError(ErrorType::kValidation,
                         "Supplied AttributeValue has more than one datatypes set, must contain "
                         "exactly one of the supported datatypes");
      }
      const Item& values =
          write.put_request.has_value() ? write.put_request->item : write.delete_request->key;
      DYNAROCK_RETURN_IF_ERROR(WrapValueError(kOp, value::ValidateItemValues(values)));
      if (write.put_request.has_value() && value::ItemSize(values) > value::kMaxItemSize) {
        return MakeError(ErrorType::kValidation, "Item size has exceeded the maximum allowed size");
      }
    }
    DYNAROCK_ASSIGN_OR_RETURN(tables.emplace_back(), FindTable(engine, name));
    const storage::TableInfo& table = *tables.back();
    for (const WriteRequest& write : writes) {
      PendingWrite& p = pending.emplace_back();
      p.table = &table;
      p.values =
          write.put_request.has_value() ? &write.put_request->item : &write.delete_request->key;
      if (write.put_request.has_value()) {
        const Item& item = write.put_request->item;
        DYNAROCK_RETURN_IF_ERROR(ValidateBatchPutKey(table, item));
        DYNAROCK_RETURN_IF_ERROR(ValidateIndexKeys(table, item, IndexKeySource::kItem));
        p.item = &item;
        p.new_size = value::ItemSize(item);
        AppendStorageKey(table, item, &p.key);
        EncodeStoredItem(item, p.new_size, &p.stored);
      } else {
        DYNAROCK_RETURN_IF_ERROR(ValidateKey(table, write.delete_request->key));
        AppendStorageKey(table, write.delete_request->key, &p.key);
      }
    }
  }
  std::vector<std::string_view> keys;
  std::vector<size_t> stripes;
  keys.reserve(pending.size());
  stripes.reserve(pending.size());
  for (const PendingWrite& p : pending) {
    keys.push_back(p.key);
    stripes.push_back(storage::ItemLocks::StripeOf(p.key));
  }
  std::sort(keys.begin(), keys.end());
  if (std::adjacent_find(keys.begin(), keys.end()) != keys.end()) {
    return MakeError(ErrorType::kValidation, "Provided list of item keys contains duplicates");
  }

  CapacityTally capacity;
  const bool want_capacity = WantsCapacity(request.return_consumed_capacity);
  std::vector<IndexUnits> index_units;
  const bool want_metrics =
      request.return_item_collection_metrics == ReturnItemCollectionMetrics::kSize;
  CollectionTally collections;
  {
    StripeLockSet lock(engine.locks(), std::move(stripes), StripeLockSet::Mode::kExclusive);
    for (const auto& table : tables) {
      if (table->dropped.load()) return DataPlaneTableNotFound();
    }
    rocksdb::WriteBatch batch;
    // Old items stay alive until the batch is staged (ItemWrite borrows them).
    std::vector<StoredItem> old(pending.size());
    for (size_t i = 0; i < pending.size(); ++i) {
      const PendingWrite& p = pending[i];
      StoredItem& o = old[i];
      DYNAROCK_RETURN_IF_ERROR(ReadStoredItem(engine, p.key, NeedsOldItem(*p.table), &o));
      capacity.Add(p.table->name, WriteUnits(o.size, p.new_size));
      if (want_capacity && !p.table->indexes.empty()) {
        index_units.clear();
        AddIndexWriteUnits(*p.table, o.existed ? &o.item : nullptr, p.item, &index_units);
        capacity.AddIndexes(p.table->name, index_units);
      }
      int64_t collection_delta = 0;
      if (p.item != nullptr || o.existed) {  // else deleting nothing
        storage::TableCounters delta{
            .item_count = (p.item != nullptr ? 1 : 0) - (o.existed ? 1 : 0),
            .size_bytes = static_cast<int64_t>(p.new_size) - static_cast<int64_t>(o.size)};
        DYNAROCK_RETURN_IF_ERROR(StageItemWrite(*p.table,
                                                {.key = p.key,
                                                 .stored = p.item != nullptr ? &p.stored : nullptr,
                                                 .old_item = o.existed ? &o.item : nullptr,
                                                 .new_item = p.item,
                                                 .delta = delta},
                                                &batch, &collection_delta));
      }
      // collection_delta is 0 for a table without an LSI: such writes skip the tally.
      if (collection_delta != 0 || (want_metrics && HasLocalIndex(*p.table))) {
        collections.Add(*p.table, *p.values, collection_delta, i);
      }
    }
    if (!collections.empty()) {
      DYNAROCK_ASSIGN_OR_RETURN(std::optional<size_t> over,
                                collections.CheckLimit(engine, want_metrics));
      if (over.has_value()) {
        return MakeError(ErrorType::kItemCollectionSizeLimitExceeded, "Collection size exceeded.");
      }
    }
    DYNAROCK_RETURN_IF_ERROR(engine.store().Write(&batch));
  }
  BatchWriteItemResult result;
  result.consumed_capacity =
      capacity.Finish(request.return_consumed_capacity, CapacityTally::Kind::kWrite);
  if (want_metrics) result.item_collection_metrics = collections.Metrics();
  return result;
}

}  // namespace dynarock::ops
