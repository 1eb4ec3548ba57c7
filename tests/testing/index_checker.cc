#include "tests/testing/index_checker.h"

#include <memory>
#include <utility>

#include "lib/api/database_impl.h"
#include "lib/codec/key_codec.h"
#include "lib/storage/catalog.h"
#include "lib/storage/counters.h"
#include "lib/storage/item_value.h"
#include "lib/storage/key_layout.h"
#include "lib/value/item_size.h"
#include "rocksdb/iterator.h"
#include "rocksdb/write_batch.h"

namespace dynarock::testing {
namespace {

ValueType ScalarValueType(ScalarType t) {
  return t == ScalarType::kS ? ValueType::kS : t == ScalarType::kN ? ValueType::kN : ValueType::kB;
}

// The key value of `name` in `item` usable as an index key of type `type`, or nullptr.
const AttributeValue* KeyValue(const Item& item, const std::string& name, ScalarType type) {
  auto it = item.find(name);
  if (it == item.end() || it->second.type() != ScalarValueType(type)) return nullptr;
  if (it->second.type() == ValueType::kS && it->second.s().empty()) return nullptr;
  if (it->second.type() == ValueType::kB && it->second.b().data.empty()) return nullptr;
  return &it->second;
}

std::string Hex(std::string_view bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

// The projection of `item` into `index`, by the rules of reference section 5.
Item Project(const storage::TableInfo& table, const storage::IndexInfo& index, const Item& item) {
  const ProjectionType type = index.projection.projection_type.value_or(ProjectionType::kAll);
  if (type == ProjectionType::kAll) return item;
  std::vector<std::string> names = {table.hash_key, index.hash_key};
  if (table.range_key) names.push_back(*table.range_key);
  if (index.range_key) names.push_back(*index.range_key);
  if (type == ProjectionType::kInclude) {
    names.insert(names.end(), index.projection.non_key_attributes.begin(),
                 index.projection.non_key_attributes.end());
  }
  Item out;
  for (const std::string& name : names) {
    auto it = item.find(name);
    if (it != item.end()) out.insert_or_assign(name, it->second);
  }
  return out;
}

storage::TableCounters ReadCounters(storage::Store& store, const std::string& key) {
  rocksdb::PinnableSlice value;
  absl::StatusOr<bool> found = store.Get(key, &value);
  if (!found.ok() || !*found) return {};
  return storage::DecodeCounters(std::string_view(value.data(), value.size()));
}

}  // namespace

std::string IndexCheckReport::Summary() const {
  std::string out = "base items: " + std::to_string(base_items);
  for (const auto& [name, n] : index_entries) {
    out += "; " + name + ": " + std::to_string(n) + " entries, " +
           std::to_string(index_bytes.count(name) ? index_bytes.at(name) : 0) + " bytes";
  }
  out += "; problems: " + std::to_string(problems.size());
  for (size_t i = 0; i < problems.size() && i < 20; ++i) out += "\n  " + problems[i];
  return out;
}

IndexCheckReport CheckIndexes(Database& db, std::string_view table_name) {
  IndexCheckReport report;
  storage::Engine& engine = static_cast<DatabaseImpl&>(db).engine();
  std::shared_ptr<const storage::TableInfo> table = engine.catalog().Find(table_name);
  if (table == nullptr) {
    report.problems.push_back("no table " + std::string(table_name));
    return report;
  }
  storage::Store& store = engine.store();

  // index name -> (entry key -> expected projected item)
  std::map<std::string, std::map<std::string, Item>> expected;
  // encoded partition key -> item collection size (items plus LSI entries), for tables with LSIs
  std::map<std::string, int64_t> collections;
  bool has_lsi = false;
  for (const storage::IndexInfo& index : table->indexes) has_lsi = has_lsi || !index.global;
  int64_t table_bytes = 0;
  {
    std::string lower = storage::IndexSpacePrefix(table->id, storage::kBaseTableSpace);
    std::string upper = storage::IndexSpacePrefix(table->id, 1);
    std::unique_ptr<rocksdb::Iterator> it = store.NewIterator(&lower, &upper);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      const std::string key = it->key().ToString();
      const std::string_view stored(it->value().data(), it->value().size());
      Item item;
      absl::Status decoded = storage::DecodeItemValue(stored, &item);
      if (!decoded.ok()) {
        report.problems.push_back("undecodable base item at " + Hex(key));
        continue;
      }
      ++report.base_items;
      table_bytes += static_cast<int64_t>(value::ItemSize(item));
      int64_t* collection = nullptr;
      if (has_lsi) {
        collection = &collections[codec::EncodeKeyPart(item.at(table->hash_key))];
        *collection += static_cast<int64_t>(value::ItemSize(item));
      }
      const std::string base_suffix = key.substr(storage::kItemKeyHeaderSize);
      for (const storage::IndexInfo& index : table->indexes) {
        if (index.status == IndexStatus::kDeleting) continue;
        const AttributeValue* pk = KeyValue(item, index.hash_key, index.hash_type);
        const AttributeValue* sk =
            index.range_key ? KeyValue(item, *index.range_key, index.range_type) : nullptr;
        if (pk == nullptr || (index.range_key && sk == nullptr)) continue;  // sparse
        std::string entry_key;
        storage::AppendIndexKeyPrefix(table->id, index.space, codec::EncodeKeyPart(*pk),
                                      &entry_key);
        if (sk != nullptr) entry_key += codec::EncodeKeyPart(*sk);
        entry_key += base_suffix;
        Item projected = Project(*table, index, item);
        if (!index.global) *collection += static_cast<int64_t>(value::ItemSize(projected));
        expected[index.name].emplace(std::move(entry_key), std::move(projected));
      }
    }
    if (!it->status().ok()) report.problems.push_back("base scan: " + it->status().ToString());
  }
  const storage::TableCounters table_counters = ReadCounters(store, table->counters_key);
  if (table_counters.item_count != report.base_items || table_counters.size_bytes != table_bytes) {
    report.problems.push_back("table counters " + std::to_string(table_counters.item_count) + "/" +
                              std::to_string(table_counters.size_bytes) + " but items " +
                              std::to_string(report.base_items) + "/" +
                              std::to_string(table_bytes));
  }
  {
    // Item collection counters (0x00 'p'): one per partition key of a table with an LSI, equal
    // to its items' and LSI entries' sizes; a counter of an emptied collection may remain at 0.
    const std::string lower = storage::ItemCollectionPrefix(table->id);
    const std::string upper = storage::ItemCollectionPrefixEnd(table->id);
    std::unique_ptr<rocksdb::Iterator> it = store.NewIterator(&lower, &upper);
    std::map<std::string, int64_t> want = collections;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      const std::string pk = it->key().ToString().substr(lower.size());
      const int64_t size =
          storage::DecodeCounters(std::string_view(it->value().data(), it->value().size()))
              .size_bytes;
      auto found = want.find(pk);
      const int64_t real = found == want.end() ? 0 : found->second;
      if (!has_lsi || size != real) {
        report.problems.push_back("item collection " + Hex(pk) + ": counter " +
                                  std::to_string(size) + " but items " + std::to_string(real) +
                                  (has_lsi ? "" : " (table has no LSI)"));
      }
      if (found != want.end()) want.erase(found);
    }
    if (!it->status().ok()) report.problems.push_back("collection scan: " + it->status().ToString());
    for (const auto& [pk, size] : want) {
      report.problems.push_back("item collection " + Hex(pk) + ": no counter but items " +
                                std::to_string(size));
    }
  }

  for (const storage::IndexInfo& index : table->indexes) {
    if (index.status == IndexStatus::kDeleting) continue;
    std::map<std::string, Item>& want = expected[index.name];
    int64_t entries = 0;
    int64_t bytes = 0;
    std::string lower = storage::IndexSpacePrefix(table->id, index.space);
    std::string upper = storage::IndexSpacePrefix(table->id, static_cast<uint8_t>(index.space + 1));
    if (index.space == 255) upper = storage::TablePrefixEnd(table->id);
    std::unique_ptr<rocksdb::Iterator> it = store.NewIterator(&lower, &upper);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      const std::string key = it->key().ToString();
      const std::string_view stored(it->value().data(), it->value().size());
      ++entries;
      auto found = want.find(key);
      if (found == want.end()) {
        report.problems.push_back(index.name + ": entry for no item at " + Hex(key));
        continue;
      }
      Item entry;
      if (!storage::DecodeItemValue(stored, &entry).ok()) {
        report.problems.push_back(index.name + ": undecodable entry at " + Hex(key));
      } else if (!(entry == found->second)) {
        report.problems.push_back(index.name + ": entry " + ToDebugString(entry) +
                                  " but projection " + ToDebugString(found->second));
      }
      const size_t size = value::ItemSize(found->second);
      if (storage::StoredItemSize(stored) != size) {
        report.problems.push_back(index.name + ": entry size " +
                                  std::to_string(storage::StoredItemSize(stored)) +
                                  " but projection size " + std::to_string(size));
      }
      bytes += static_cast<int64_t>(size);
      want.erase(found);
    }
    if (!it->status().ok()) report.problems.push_back("index scan: " + it->status().ToString());
    for (const auto& [key, item] : want) {
      report.problems.push_back(index.name + ": missing entry for " + ToDebugString(item));
    }
    report.index_entries[index.name] = entries;
    report.index_bytes[index.name] = bytes;
    const storage::TableCounters c = ReadCounters(store, index.counters_key);
    if (c.item_count != entries || c.size_bytes != bytes) {
      report.problems.push_back(index.name + ": counters " + std::to_string(c.item_count) + "/" +
                                std::to_string(c.size_bytes) + " but entries " +
                                std::to_string(entries) + "/" + std::to_string(bytes));
    }
  }
  return report;
}

bool EraseFirstIndexEntry(Database& db, std::string_view table_name,
                          std::string_view index_name) {
  storage::Engine& engine = static_cast<DatabaseImpl&>(db).engine();
  std::shared_ptr<const storage::TableInfo> table = engine.catalog().Find(table_name);
  if (table == nullptr) return false;
  const storage::IndexInfo* index = table->FindIndex(index_name);
  if (index == nullptr) return false;
  std::string lower = storage::IndexSpacePrefix(table->id, index->space);
  std::string upper = storage::IndexSpacePrefix(table->id, static_cast<uint8_t>(index->space + 1));
  std::unique_ptr<rocksdb::Iterator> it = engine.store().NewIterator(&lower, &upper);
  it->SeekToFirst();
  if (!it->Valid()) return false;
  rocksdb::WriteBatch batch;
  if (!batch.Delete(it->key()).ok()) return false;
  return engine.store().Write(&batch).ok();
}

}  // namespace dynarock::testing
