#include "lib/ops/item_write.h"

#include "dynarock/error.h"
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

bool NeedsOldItem(const storage::TableInfo& /*table*/) { return false; }

absl::Status StageItemWrite(const storage::TableInfo& table, const ItemWrite& write,
                            rocksdb::WriteBatch* batch) {
  char delta_bytes[storage::kCountersSize];
  storage::EncodeCounters(write.delta, delta_bytes);
  const rocksdb::Slice k(write.key.data(), write.key.size());
  rocksdb::Status s = write.stored != nullptr ? batch->Put(k, *write.stored) : batch->Delete(k);
  if (s.ok()) {
    s = batch->Merge(table.counters_key, rocksdb::Slice(delta_bytes, sizeof(delta_bytes)));
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
