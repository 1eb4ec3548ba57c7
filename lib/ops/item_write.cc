#include "lib/ops/item_write.h"

#include "dynarock/error.h"
#include "lib/ops/index_entries.h"
#include "lib/ops/item_common.h"
#include "lib/storage/item_value.h"
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
rocksdb::Status StageIndexWrite(const storage::TableInfo& table, const storage::IndexInfo& index,
                                const ItemWrite& write, rocksdb::WriteBatch* batch) {
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
  if (s.ok() && (delta.item_count != 0 || delta.size_bytes != 0)) {
    char delta_bytes[storage::kCountersSize];
    storage::EncodeCounters(delta, delta_bytes);
    s = batch->Merge(index.counters_key, rocksdb::Slice(delta_bytes, sizeof(delta_bytes)));
  }
  return s;
}

}  // namespace

absl::Status StageItemWrite(const storage::TableInfo& table, const ItemWrite& write,
                            rocksdb::WriteBatch* batch) {
  char delta_bytes[storage::kCountersSize];
  storage::EncodeCounters(write.delta, delta_bytes);
  const rocksdb::Slice k(write.key.data(), write.key.size());
  rocksdb::Status s = write.stored != nullptr ? batch->Put(k, *write.stored) : batch->Delete(k);
  if (s.ok()) {
    s = batch->Merge(table.counters_key, rocksdb::Slice(delta_bytes, sizeof(delta_bytes)));
  }
  // Writes during a backfill maintain the CREATING index too; a DELETING one is being dropped.
  for (size_t i = 0; s.ok() && i < table.indexes.size(); ++i) {
    const storage::IndexInfo& index = table.indexes[i];
    if (index.status == IndexStatus::kDeleting) continue;
    s = StageIndexWrite(table, index, write, batch);
  }
  if (!s.ok()) return MakeError(ErrorType::kInternalServerError, s.ToString());
  return absl::OkStatus();
}

absl::Status CommitItem(storage::Engine& engine, const storage::TableInfo& table,
                        const ItemWrite& write) {
  rocksdb::WriteBatch batch;
  absl::Status staged = StageItemWrite(table, write, &batch);
  if (!staged.ok()) return staged;
  return engine.store().Write(&batch);
}

}  // namespace dynarock::ops
