#include "lib/ops/multi_item.h"

#include <algorithm>
#include <utility>

#include "absl/strings/cord.h"
#include "dynarock/error.h"
#include "lib/base/status_macros.h"
#include "lib/codec/item_codec.h"
#include "lib/ops/errors.h"
#include "lib/ops/item_write.h"
#include "lib/storage/item_value.h"

namespace dynarock::ops {

StripeLockSet::StripeLockSet(storage::ItemLocks& locks, std::vector<size_t> stripes, Mode mode)
    : locks_(locks), stripes_(std::move(stripes)), mode_(mode) {
  std::sort(stripes_.begin(), stripes_.end());
  stripes_.erase(std::unique(stripes_.begin(), stripes_.end()), stripes_.end());
  for (size_t stripe : stripes_) {
    if (mode_ == Mode::kExclusive) {
      locks_.MutexAt(stripe).Lock();
    } else {
      locks_.MutexAt(stripe).ReaderLock();
    }
  }
}

StripeLockSet::~StripeLockSet() {
  for (auto it = stripes_.rbegin(); it != stripes_.rend(); ++it) {
    if (mode_ == Mode::kExclusive) {
      locks_.MutexAt(*it).Unlock();
    } else {
      locks_.MutexAt(*it).ReaderUnlock();
    }
  }
}

absl::Status ReadStoredItem(storage::Engine& engine, std::string_view storage_key, bool decode,
                            StoredItem* out) {
  rocksdb::PinnableSlice stored;
  DYNAROCK_ASSIGN_OR_RETURN(out->existed, engine.store().Get(storage_key, &stored));
  if (!out->existed) return absl::OkStatus();
  const std::string_view bytes(stored.data(), stored.size());
  out->size = storage::StoredItemSize(bytes);
  if (decode) return storage::DecodeItemValue(bytes, &out->item);
  return absl::OkStatus();
}

std::vector<ConsumedCapacity> CapacityTally::Finish(
    const std::optional<ReturnConsumedCapacity>& requested, Kind kind) const {
  std::vector<ConsumedCapacity> out;
  if (!requested.has_value() || *requested == ReturnConsumedCapacity::kNone) return out;
  out.reserve(units_.size());
  // Transactions also report the units as ReadCapacityUnits or WriteCapacityUnits.
  auto part = [kind](double units) {
    Capacity p{.capacity_units = units};
    if (kind == Kind::kTransactRead) p.read_capacity_units = units;
    if (kind == Kind::kTransactWrite) p.write_capacity_units = units;
    return p;
  };
  for (const auto& [table, units] : units_) {
    ConsumedCapacity& c = out.emplace_back();
    c.table_name = table;
    double total = units.table;
    for (const auto& [name, u] : units.global_indexes) total += u;
    for (const auto& [name, u] : units.local_indexes) total += u;
    const Capacity sum = part(total);
    c.capacity_units = sum.capacity_units;
    c.read_capacity_units = sum.read_capacity_units;
    c.write_capacity_units = sum.write_capacity_units;
    if (*requested == ReturnConsumedCapacity::kIndexes) {
      c.table = part(units.table);
      for (const auto& [name, u] : units.global_indexes) c.global_secondary_indexes[name] = part(u);
      for (const auto& [name, u] : units.local_indexes) c.local_secondary_indexes[name] = part(u);
    }
  }
  return out;
}

void CapacityTally::AddIndexes(const std::string& table_name,
                               const std::vector<IndexUnits>& indexes, double factor) {
  if (indexes.empty()) return;
  TableUnits& t = units_[table_name];
  for (const IndexUnits& i : indexes) {
    (i.index->global ? t.global_indexes : t.local_indexes)[i.index->name] += factor * i.units;
  }
}

void CollectionTally::Add(const storage::TableInfo& table, const Item& item, int64_t delta,
                          size_t write) {
  thread_local std::string key;
  ItemCollectionKey(table, item, &key);
  auto it = std::find_if(collections_.begin(), collections_.end(),
                         [](const Collection& c) { return c.key == key; });
  if (it == collections_.end()) {
    it = collections_.insert(collections_.end(),
                             Collection{.table = &table, .item = &item, .key = key});
  }
  it->delta += delta;
  changes_.push_back({.collection = static_cast<size_t>(it - collections_.begin()),
                      .write = write,
                      .delta = delta});
}

absl::StatusOr<std::optional<size_t>> CollectionTally::CheckLimit(storage::Engine& engine,
                                                                  bool read_all) {
  const int64_t limit = engine.item_collection_size_limit_bytes();
  bool any_over = false;
  for (Collection& c : collections_) {
    if (c.delta <= 0 && !read_all) continue;
    DYNAROCK_ASSIGN_OR_RETURN(c.stored, ReadItemCollectionSize(engine, c.key));
    any_over = any_over || (c.delta > 0 && c.stored + c.delta > limit);
  }
  if (!any_over) return std::nullopt;
  // Replay the deltas in request order: the first growing write that leaves an over-limit
  // collection above the limit is the one to blame.
  std::vector<int64_t> running(collections_.size());
  for (size_t i = 0; i < collections_.size(); ++i) running[i] = collections_[i].stored;
  for (const Change& change : changes_) {
    const Collection& c = collections_[change.collection];
    running[change.collection] += change.delta;
    if (change.delta > 0 && c.delta > 0 && c.stored + c.delta > limit &&
        running[change.collection] > limit) {
      return change.write;
    }
  }
  // Not reached: the last growing write of an over-limit collection leaves it above the limit.
  return changes_.front().write;
}

std::map<std::string, std::vector<ItemCollectionMetrics>> CollectionTally::Metrics() const {
  std::map<std::string, std::vector<ItemCollectionMetrics>> out;
  const std::optional<ReturnItemCollectionMetrics> ask = ReturnItemCollectionMetrics::kSize;
  for (const Collection& c : collections_) {
    std::optional<ItemCollectionMetrics> metrics =
        MakeItemCollectionMetrics(*c.table, ask, *c.item, c.stored + c.delta);
    if (metrics.has_value()) out[c.table->name].push_back(std::move(*metrics));
  }
  return out;
}

absl::Status TransactionCanceled(const std::vector<CancellationReason>& reasons) {
  std::string message = "Transaction cancelled, please refer cancellation reasons for specific reasons [";
  // The payload is an item {"r": [{"Code": S, "Message"?: S, "Item"?: M}, ...]}, encoded with
  // the binary item codec (api decodes it in GetCancellationReasons()).
  AttributeList list;
  list.reserve(reasons.size());
  for (size_t i = 0; i < reasons.size(); ++i) {
    const CancellationReason& reason = reasons[i];
    if (i > 0) message += ", ";
    message += reason.code;
    AttributeMap entry;
    entry.emplace("Code", reason.code);
    if (reason.message.has_value()) entry.emplace("Message", *reason.message);
    if (reason.item.has_value()) entry.emplace("Item", AttributeValue(*reason.item));
    list.emplace_back(std::move(entry));
  }
  message += "]";
  absl::Status status = MakeError(ErrorType::kTransactionCanceled, message);
  Item payload;
  payload.emplace("r", AttributeValue(std::move(list)));
  status.SetPayload(kPayloadCancellationReasons, absl::Cord(codec::EncodeItem(payload)));
  return status;
}

}  // namespace dynarock::ops
