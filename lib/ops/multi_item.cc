#include "lib/ops/multi_item.h"

#include <algorithm>
#include <utility>

#include "absl/strings/cord.h"
#include "dynarock/error.h"
#include "lib/base/status_macros.h"
#include "lib/codec/item_codec.h"
#include "lib/ops/errors.h"
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
  for (const auto& [table, units] : units_) {
    ConsumedCapacity& c = out.emplace_back();
    c.table_name = table;
    c.capacity_units = units;
    Capacity part{.capacity_units = units};
    if (kind == Kind::kTransactRead) {
      c.read_capacity_units = units;
      part.read_capacity_units = units;
    } else if (kind == Kind::kTransactWrite) {
      c.write_capacity_units = units;
      part.write_capacity_units = units;
    }
    if (*requested == ReturnConsumedCapacity::kIndexes) c.table = part;
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
