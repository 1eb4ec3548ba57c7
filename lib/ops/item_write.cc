#include "lib/ops/item_write.h"

#include <cmath>

#include "dynarock/error.h"
#include "lib/base/status_macros.h"
#include "lib/codec/key_codec.h"
#include "lib/ops/index_entries.h"
#include "lib/ops/item_common.h"
#include "lib/storage/item_value.h"
#include "lib/storage/key_layout.h"
#include "lib/value/validate.h"
#include "rocksdb/write_batch.h"

namespace dynarock::ops {

void EncodeStoredItem(const Item& item, size_t item_size, std::string* out) {
  out->reserve(out->size() + storage::kItemValueHeaderSize + item_size + item_size / 4 + 16);
  if (SetsAreCanonical(item)) {
    storage::EncodeItemValue(item, static_cast<uint32_t>(item_size), out);
    return;
  }
  Item canonical = item;
  value::CanonicalizeSets(&canonical);
  storage::EncodeItemValue(canonical, static_cast<uint32_t>(item_size), out);
}

bool NeedsOldItem(const storage::TableInfo& table) { return !table.indexes.empty(); }

namespace {

// True when the entries of `before` and `after` in `index` project the same attributes, given
// that the two have the same table key and the same index key (so only non-key attributes can
// differ). Compares in place: no entry is built.
bool SameProjectedAttributes(const storage::IndexInfo& index, const Item& before,
                             const Item& after) {
  switch (index.projection.projection_type.value_or(ProjectionType::kAll)) {
    case ProjectionType::kAll:
      return before == after;
    case ProjectionType::kKeysOnly:
      return true;
    case ProjectionType::kInclude:
      break;
  }
  for (const std::string& name : index.projection.non_key_attributes) {
    const auto b = before.find(name);
    const auto a = after.find(name);
    if ((b == before.end()) != (a == after.end())) return false;
    if (b != before.end() && !(b->second == a->second)) return false;
  }
  return true;
}

}  // namespace

void AddIndexWriteUnits(const storage::TableInfo& table, const Item* old_item,
                        const Item* new_item, std::vector<IndexUnits>* out) {
  for (const storage::IndexInfo& index : table.indexes) {
    if (index.status == IndexStatus::kDeleting) continue;
    const bool had = old_item != nullptr && HasIndexEntry(index, *old_item);
    const bool has = new_item != nullptr && HasIndexEntry(index, *new_item);
    double units = 0;
    if (had && has) {
      const bool same_key =
          old_item->at(index.hash_key) == new_item->at(index.hash_key) &&
          (!index.range_key.has_value() ||
           old_item->at(*index.range_key) == new_item->at(*index.range_key));
      const size_t old_size = ProjectedSize(table, index, *old_item);
      const size_t new_size = ProjectedSize(table, index, *new_item);
      if (!same_key) {
        units = WriteUnits(old_size, 0) + WriteUnits(0, new_size);
      } else if (!SameProjectedAttributes(index, *old_item, *new_item)) {
        units = WriteUnits(old_size, new_size);
      }
    } else if (had) {
      units = WriteUnits(ProjectedSize(table, index, *old_item), 0);
    } else if (has) {
      units = WriteUnits(0, ProjectedSize(table, index, *new_item));
    }
    if (units > 0) out->push_back({.index = &index, .units = units});
  }
}

bool HasLocalIndex(const storage::TableInfo& table) {
  for (const storage::IndexInfo& index : table.indexes) {
    if (!index.global) return true;
  }
  return false;
}

namespace {

rocksdb::Slice ToSlice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }

// True if the INCLUDE projection's non-key attributes are equal in both items (the key
// attributes are compared by the caller through the entry keys).
bool SameIncludedAttributes(const storage::IndexInfo& index, const Item& a, const Item& b) {
  for (const std::string& name : index.projection.non_key_attributes) {
    auto x = a.find(name);
    auto y = b.find(name);
    if ((x == a.end()) != (y == b.end())) return false;
    if (x != a.end() && !(x->second == y->second)) return false;
  }
  return true;
}

// Stages the changes to one index's entries: delete the old entry when it is gone or its key
// changed, put the new entry unless an identical one is stored, and merge the counter delta.
// The key and value buffers are reused across calls (WriteBatch copies what it is given).
// Adds the entry's size delta to *size_delta.
rocksdb::Status StageIndexWrite(const storage::TableInfo& table, const storage::IndexInfo& index,
                                const ItemWrite& write, rocksdb::WriteBatch* batch,
                                int64_t* size_delta) {
  thread_local std::string old_key;
  thread_local std::string new_key;
  thread_local std::string new_value;
  const bool had = write.old_item != nullptr && HasIndexEntry(index, *write.old_item);
  const bool has = write.new_item != nullptr && write.stored != nullptr &&
                   HasIndexEntry(index, *write.new_item);
  if (!had && !has) return rocksdb::Status::OK();
  storage::TableCounters delta;
  const ProjectionType projection =
      index.projection.projection_type.value_or(ProjectionType::kAll);
  if (had) {
    old_key.clear();
    AppendIndexEntryKey(table, index, *write.old_item, write.key, &old_key);
    delta.item_count -= 1;
    delta.size_bytes -= static_cast<int64_t>(ProjectedSize(table, index, *write.old_item));
  }
  rocksdb::Status s;
  if (has) {
    new_key.clear();
    AppendIndexEntryKey(table, index, *write.new_item, write.key, &new_key);
    const bool same_key = had && old_key == new_key;
    if (!had || !same_key) {
      if (had) s = batch->Delete(ToSlice(old_key));
    }
    // An unchanged KEYS_ONLY or INCLUDE entry is not rewritten.
    const bool unchanged =
        same_key && (projection == ProjectionType::kKeysOnly ||
                     (projection == ProjectionType::kInclude &&
                      SameIncludedAttributes(index, *write.old_item, *write.new_item)));
    size_t new_size = 0;
    if (unchanged) {
      new_size = ProjectedSize(table, index, *write.new_item);
    } else if (projection == ProjectionType::kAll) {
      // ALL projects the whole item: the entry value is the item's stored value.
      new_size = storage::StoredItemSize(*write.stored);
      if (s.ok()) s = batch->Put(ToSlice(new_key), *write.stored);
    } else {
      new_value.clear();
      new_size = AppendIndexEntryValue(table, index, *write.new_item, &new_value);
      if (s.ok()) s = batch->Put(ToSlice(new_key), new_value);
    }
    delta.item_count += 1;
    delta.size_bytes += static_cast<int64_t>(new_size);
  } else {
    s = batch->Delete(ToSlice(old_key));
  }
  *size_delta += delta.size_bytes;
  if (s.ok() && (delta.item_count != 0 || delta.size_bytes != 0)) {
    char delta_bytes[storage::kCountersSize];
    storage::EncodeCounters(delta, delta_bytes);
    s = batch->Merge(index.counters_key, rocksdb::Slice(delta_bytes, sizeof(delta_bytes)));
  }
  return s;
}

const Item& WrittenItem(const ItemWrite& write) {
  return write.new_item != nullptr ? *write.new_item : *write.old_item;
}

}  // namespace

void ItemCollectionKey(const storage::TableInfo& table, const Item& item, std::string* out) {
  thread_local std::string encoded_pk;
  encoded_pk.clear();
  codec::AppendKeyPart(item.find(table.hash_key)->second, &encoded_pk);
  out->clear();
  storage::AppendItemCollectionKey(table.id, encoded_pk, out);
}

absl::Status StageItemWrite(const storage::TableInfo& table, const ItemWrite& write,
                            rocksdb::WriteBatch* batch, int64_t* collection_delta) {
  char delta_bytes[storage::kCountersSize];
  storage::EncodeCounters(write.delta, delta_bytes);
  const rocksdb::Slice k(write.key.data(), write.key.size());
  rocksdb::Status s = write.stored != nullptr ? batch->Put(k, *write.stored) : batch->Delete(k);
  if (s.ok()) {
    s = batch->Merge(table.counters_key, rocksdb::Slice(delta_bytes, sizeof(delta_bytes)));
  }
  // Writes during a backfill maintain the CREATING index too; a DELETING one is being dropped.
  // The item collection counts the item and its LSI entries (DynamoDB's definition).
  int64_t collection = write.delta.size_bytes;
  bool local = false;
  for (size_t i = 0; s.ok() && i < table.indexes.size(); ++i) {
    const storage::IndexInfo& index = table.indexes[i];
    if (index.status == IndexStatus::kDeleting) continue;
    int64_t index_delta = 0;
    s = StageIndexWrite(table, index, write, batch, &index_delta);
    if (!index.global) {
      local = true;
      collection += index_delta;
    }
  }
  if (collection_delta != nullptr) *collection_delta = local ? collection : 0;
  if (s.ok() && local && collection != 0) {
    thread_local std::string collection_key;
    ItemCollectionKey(table, WrittenItem(write), &collection_key);
    storage::EncodeCounters({.item_count = 0, .size_bytes = collection}, delta_bytes);
    s = batch->Merge(collection_key, rocksdb::Slice(delta_bytes, sizeof(delta_bytes)));
  }
  if (!s.ok()) return MakeError(ErrorType::kInternalServerError, s.ToString());
  return absl::OkStatus();
}

absl::Status CommitItem(storage::Engine& engine, const storage::TableInfo& table,
                        const ItemWrite& write, int64_t* collection_size) {
  rocksdb::WriteBatch batch;
  int64_t collection_delta = 0;
  absl::Status staged = StageItemWrite(table, write, &batch, &collection_delta);
  if (!staged.ok()) return staged;
  // Only a write that grows its collection reads the counter before writing (or one that
  // reports the size). The item's lock does not cover its collection: concurrent writers to
  // other items of the same partition key may pass the limit together (docs/compatibility.md).
  if ((collection_delta > 0 || collection_size != nullptr) && HasLocalIndex(table)) {
    DYNAROCK_ASSIGN_OR_RETURN(int64_t before,
                              ReadItemCollectionSize(engine, table, WrittenItem(write)));
    if (collection_delta > 0 &&
        before + collection_delta > engine.item_collection_size_limit_bytes()) {
      return MakeError(ErrorType::kItemCollectionSizeLimitExceeded, "Collection size exceeded.");
    }
    if (collection_size != nullptr) *collection_size = before + collection_delta;
  }
  return engine.store().Write(&batch);
}

absl::StatusOr<int64_t> ReadItemCollectionSize(storage::Engine& engine,
                                               const storage::TableInfo& table, const Item& item) {
  thread_local std::string collection_key;
  ItemCollectionKey(table, item, &collection_key);
  return ReadItemCollectionSize(engine, collection_key);
}

absl::StatusOr<int64_t> ReadItemCollectionSize(storage::Engine& engine,
                                               std::string_view collection_key) {
  rocksdb::PinnableSlice value;
  DYNAROCK_ASSIGN_OR_RETURN(bool found, engine.store().Get(collection_key, &value));
  if (!found) return 0;
  return storage::DecodeCounters(std::string_view(value.data(), value.size())).size_bytes;
}

std::optional<ItemCollectionMetrics> MakeItemCollectionMetrics(
    const storage::TableInfo& table, const std::optional<ReturnItemCollectionMetrics>& ask,
    const Item& item, int64_t size) {
  if (ask != ReturnItemCollectionMetrics::kSize || !HasLocalIndex(table)) return std::nullopt;
  ItemCollectionMetrics metrics;
  auto pk = item.find(table.hash_key);
  metrics.item_collection_key.emplace(pk->first, pk->second);
  const double lower = std::floor(static_cast<double>(size) / static_cast<double>(1ll << 30));
  metrics.size_estimate_range_gb = {lower, lower + 1};
  return metrics;
}

}  // namespace dynarock::ops
