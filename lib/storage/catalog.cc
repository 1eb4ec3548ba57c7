#include "lib/storage/catalog.h"

#include <utility>

#include "dynarock/error.h"
#include "lib/base/status_macros.h"
#include "lib/storage/key_layout.h"
#include "lib/storage/rocks_status.h"
#include "rocksdb/iterator.h"
#include "rocksdb/write_batch.h"

namespace dynarock::storage {
namespace {

// TableInfo format version. On disk: never renumber.
constexpr char kTableInfoVersion = 0x01;

void PutVarint64(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

void PutString(std::string_view s, std::string* out) {
  PutVarint64(s.size(), out);
  out->append(s);
}

// A bounds-checked reader; any failure makes ok() false and later reads return zeros.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool done() const { return in_.empty(); }

  uint64_t Varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (in_.empty()) return Fail();
      auto byte = static_cast<unsigned char>(in_.front());
      in_.remove_prefix(1);
      v |= uint64_t{byte & 0x7fu} << shift;
      if ((byte & 0x80) == 0) return v;
    }
    return Fail();
  }
  uint8_t Byte() {
    if (in_.empty()) return static_cast<uint8_t>(Fail());
    auto b = static_cast<uint8_t>(in_.front());
    in_.remove_prefix(1);
    return b;
  }
  std::string String() {
    uint64_t n = Varint();
    if (!ok_ || n > in_.size()) {
      Fail();
      return {};
    }
    std::string s(in_.substr(0, n));
    in_.remove_prefix(n);
    return s;
  }

 private:
  uint64_t Fail() {
    ok_ = false;
    in_ = {};
    return 0;
  }
  std::string_view in_;
  bool ok_ = true;
};

absl::Status Corrupt(std::string_view what) {
  return MakeError(ErrorType::kInternalServerError,
                   std::string("corrupt catalog entry: ") + std::string(what));
}

}  // namespace

void TableInfo::Derive() {
  auto type_of = [this](const std::string& name) {
    for (const AttributeDefinition& def : attribute_definitions) {
      if (def.attribute_name == name) return def.attribute_type;
    }
    return ScalarType::kS;
  };
  range_key.reset();
  counters_key = CountersKey(id);
  for (const KeySchemaElement& element : key_schema) {
    if (element.key_type == KeyType::kHash) {
      hash_key = element.attribute_name;
      hash_type = type_of(hash_key);
    } else {
      range_key = element.attribute_name;
      range_type = type_of(*range_key);
    }
  }
  for (IndexInfo& index : indexes) {
    index.range_key.reset();
    index.counters_key = IndexCountersKey(id, index.space);
    for (const KeySchemaElement& element : index.key_schema) {
      if (element.key_type == KeyType::kHash) {
        index.hash_key = element.attribute_name;
        index.hash_type = type_of(index.hash_key);
      } else {
        index.range_key = element.attribute_name;
        index.range_type = type_of(*index.range_key);
      }
    }
  }
}

const IndexInfo* TableInfo::FindIndex(std::string_view index_name) const {
  for (const IndexInfo& index : indexes) {
    if (index.name == index_name) return &index;
  }
  return nullptr;
}

std::string EncodeTableInfo(const TableInfo& info) {
  std::string out;
  out.push_back(kTableInfoVersion);
  PutString(info.name, &out);
  PutVarint64(info.id, &out);
  PutString(info.table_uuid, &out);
  PutVarint64(info.key_schema.size(), &out);
  for (const KeySchemaElement& e : info.key_schema) {
    PutString(e.attribute_name, &out);
    out.push_back(static_cast<char>(e.key_type));
  }
  PutVarint64(info.attribute_definitions.size(), &out);
  for (const AttributeDefinition& d : info.attribute_definitions) {
    PutString(d.attribute_name, &out);
    out.push_back(static_cast<char>(d.attribute_type));
  }
  out.push_back(static_cast<char>(info.billing_mode));
  PutVarint64(static_cast<uint64_t>(info.read_capacity_units), &out);
  PutVarint64(static_cast<uint64_t>(info.write_capacity_units), &out);
  PutVarint64(static_cast<uint64_t>(info.creation_time_ms), &out);
  out.push_back(info.deletion_protection ? 1 : 0);
  // Secondary indexes (issue 6). Entries written before indexes existed end with a count of 0
  // and no next_index_space byte; DecodeTableInfo reads those as next_index_space 1.
  PutVarint64(info.indexes.size(), &out);
  for (const IndexInfo& index : info.indexes) {
    PutString(index.name, &out);
    out.push_back(index.global ? 1 : 0);
    out.push_back(static_cast<char>(index.space));
    PutVarint64(index.key_schema.size(), &out);
    for (const KeySchemaElement& e : index.key_schema) {
      PutString(e.attribute_name, &out);
      out.push_back(static_cast<char>(e.key_type));
    }
    out.push_back(static_cast<char>(index.projection.projection_type.value_or(ProjectionType::kAll)));
    PutVarint64(index.projection.non_key_attributes.size(), &out);
    for (const std::string& a : index.projection.non_key_attributes) PutString(a, &out);
    out.push_back(static_cast<char>(index.status));
    out.push_back(index.backfilling ? 1 : 0);
    PutVarint64(static_cast<uint64_t>(index.read_capacity_units), &out);
    PutVarint64(static_cast<uint64_t>(index.write_capacity_units), &out);
    PutVarint64(static_cast<uint64_t>(index.creation_time_ms), &out);
  }
  out.push_back(static_cast<char>(info.next_index_space));
  return out;
}

absl::StatusOr<TableInfo> DecodeTableInfo(std::string_view bytes) {
  Reader r(bytes);
  if (r.Byte() != kTableInfoVersion) return Corrupt("unknown version");
  TableInfo info;
  info.name = r.String();
  info.id = static_cast<uint32_t>(r.Varint());
  info.table_uuid = r.String();
  uint64_t n = r.Varint();
  if (n > 2) return Corrupt("key schema");
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    KeySchemaElement e;
    e.attribute_name = r.String();
    uint8_t t = r.Byte();
    if (t > 1) return Corrupt("key type");
    e.key_type = static_cast<KeyType>(t);
    info.key_schema.push_back(std::move(e));
  }
  n = r.Varint();
  if (n > 1024) return Corrupt("attribute definitions");
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    AttributeDefinition d;
    d.attribute_name = r.String();
    uint8_t t = r.Byte();
    if (t > 2) return Corrupt("attribute type");
    d.attribute_type = static_cast<ScalarType>(t);
    info.attribute_definitions.push_back(std::move(d));
  }
  uint8_t billing = r.Byte();
  if (billing > 1) return Corrupt("billing mode");
  info.billing_mode = static_cast<BillingMode>(billing);
  info.read_capacity_units = static_cast<int64_t>(r.Varint());
  info.write_capacity_units = static_cast<int64_t>(r.Varint());
  info.creation_time_ms = static_cast<int64_t>(r.Varint());
  info.deletion_protection = r.Byte() != 0;
  n = r.Varint();
  if (n > 255) return Corrupt("indexes");
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    IndexInfo index;
    index.name = r.String();
    index.global = r.Byte() != 0;
    index.space = r.Byte();
    uint64_t keys = r.Varint();
    if (keys < 1 || keys > 2) return Corrupt("index key schema");
    for (uint64_t k = 0; k < keys && r.ok(); ++k) {
      KeySchemaElement e;
      e.attribute_name = r.String();
      uint8_t t = r.Byte();
      if (t > 1) return Corrupt("index key type");
      e.key_type = static_cast<KeyType>(t);
      index.key_schema.push_back(std::move(e));
    }
    uint8_t projection = r.Byte();
    if (projection > 2) return Corrupt("projection type");
    index.projection.projection_type = static_cast<ProjectionType>(projection);
    uint64_t non_key = r.Varint();
    if (non_key > 1024) return Corrupt("non-key attributes");
    for (uint64_t k = 0; k < non_key && r.ok(); ++k) {
      index.projection.non_key_attributes.push_back(r.String());
    }
    uint8_t status = r.Byte();
    if (status > 3) return Corrupt("index status");
    index.status = static_cast<IndexStatus>(status);
    index.backfilling = r.Byte() != 0;
    index.read_capacity_units = static_cast<int64_t>(r.Varint());
    index.write_capacity_units = static_cast<int64_t>(r.Varint());
    index.creation_time_ms = static_cast<int64_t>(r.Varint());
    if (index.space == kBaseTableSpace) return Corrupt("index space");
    info.indexes.push_back(std::move(index));
  }
  // Absent in entries written before secondary indexes existed (they had none).
  if (r.done() && !info.indexes.empty()) return Corrupt("truncated");
  info.next_index_space = r.done() ? 1 : r.Byte();
  for (const IndexInfo& index : info.indexes) {
    if (index.space >= info.next_index_space && index.space < 255) {
      info.next_index_space = static_cast<uint8_t>(index.space + 1);
    }
  }
  if (!r.ok() || info.key_schema.empty()) return Corrupt("truncated");
  if (!r.done()) return Corrupt("trailing bytes");
  info.Derive();
  return info;
}

absl::StatusOr<std::unique_ptr<Catalog>> Catalog::Load(Store* store) {
  std::unique_ptr<Catalog> catalog(new Catalog(store));
  auto tables = std::make_shared<TableMap>();
  const std::string lower = CatalogPrefix();
  std::string upper = lower;
  upper.back() = static_cast<char>(upper.back() + 1);
  std::unique_ptr<rocksdb::Iterator> it = store->NewIterator(&lower, &upper);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    DYNAROCK_ASSIGN_OR_RETURN(
        TableInfo info, DecodeTableInfo(std::string_view(it->value().data(), it->value().size())));
    std::string name = info.name;
    tables->emplace(std::move(name), std::make_shared<const TableInfo>(std::move(info)));
  }
  DYNAROCK_RETURN_IF_ERROR(FromRocks(it->status(), "loading the catalog"));

  rocksdb::PinnableSlice next;
  DYNAROCK_ASSIGN_OR_RETURN(bool found, store->Get(NextTableIdKey(), &next));
  uint32_t next_id = 1;
  if (found && next.size() == 8) {
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
      v |= uint64_t{static_cast<unsigned char>(next.data()[i])} << (8 * i);
    next_id = static_cast<uint32_t>(v);
  }
  {
    absl::MutexLock lock(&catalog->ddl_mu_);
    catalog->next_id_ = next_id;
  }
  catalog->Publish(std::move(tables));
  return catalog;
}

std::shared_ptr<const TableInfo> Catalog::Find(std::string_view name) const {
  std::shared_ptr<const TableMap> tables = Load();
  auto it = tables->find(name);
  if (it == tables->end()) return nullptr;
  return it->second;
}

std::shared_ptr<const Catalog::TableMap> Catalog::Snapshot() const { return Load(); }

#if defined(__SANITIZE_THREAD__)
std::shared_ptr<const Catalog::TableMap> Catalog::Load() const {
  std::lock_guard<std::mutex> lock(tables_mu_);
  return tables_;
}

void Catalog::Publish(std::shared_ptr<const TableMap> tables) {
  std::lock_guard<std::mutex> lock(tables_mu_);
  tables_ = std::move(tables);
}
#else
std::shared_ptr<const Catalog::TableMap> Catalog::Load() const {
  return tables_.load(std::memory_order_acquire);
}

void Catalog::Publish(std::shared_ptr<const TableMap> tables) {
  tables_.store(std::move(tables), std::memory_order_release);
}
#endif

absl::StatusOr<std::shared_ptr<const TableInfo>> Catalog::Create(TableInfo info) {
  absl::MutexLock ddl(&ddl_mu_);
  std::shared_ptr<const TableMap> current = Snapshot();
  if (current->find(info.name) != current->end()) {
    return MakeError(ErrorType::kResourceInUse, "Table already exists: " + info.name);
  }
  if (next_id_ == UINT32_MAX) {
    return MakeError(ErrorType::kLimitExceeded, "Too many tables have been created");
  }
  info.id = next_id_;
  info.Derive();
  rocksdb::WriteBatch batch;
  std::string next_value(8, '\0');
  uint64_t next = uint64_t{next_id_} + 1;
  for (int i = 0; i < 8; ++i) next_value[i] = static_cast<char>(next >> (8 * i));
  rocksdb::Status s = batch.Put(CatalogKey(info.name), EncodeTableInfo(info));
  if (s.ok()) s = batch.Put(NextTableIdKey(), next_value);
  DYNAROCK_RETURN_IF_ERROR(FromRocks(s, "creating a table"));
  DYNAROCK_RETURN_IF_ERROR(store_->Write(&batch));
  next_id_ = static_cast<uint32_t>(next);

  auto created = std::make_shared<const TableInfo>(std::move(info));
  auto tables = std::make_shared<TableMap>(*current);
  tables->emplace(created->name, created);
  Publish(std::move(tables));
  return created;
}

absl::StatusOr<std::shared_ptr<const TableInfo>> Catalog::Drop(
    std::string_view name, absl::FunctionRef<absl::Status(const TableInfo&)> precheck,
    ItemLocks* locks, TableCounters* counters) {
  absl::MutexLock ddl(&ddl_mu_);
  std::shared_ptr<const TableMap> current = Snapshot();
  auto found = current->find(name);
  if (found == current->end()) {
    return MakeError(ErrorType::kResourceNotFound,
                     "Requested resource not found: Table: " + std::string(name) + " not found");
  }
  std::shared_ptr<const TableInfo> info = found->second;
  DYNAROCK_RETURN_IF_ERROR(precheck(*info));

  // From here on, writers that take their item lock see the table as gone; Barrier() waits for
  // those that saw it live, so none can write after the DeleteRange below.
  info->dropped.store(true);
  locks->Barrier();
  absl::StatusOr<TableCounters> before = ReadCounters(info->id);
  if (!before.ok()) {
    info->dropped.store(false);
    return before.status();
  }
  *counters = *before;

  rocksdb::WriteBatch batch;
  rocksdb::Status s = batch.Delete(CatalogKey(info->name));
  if (s.ok()) s = batch.Delete(CountersKey(info->id));
  for (const IndexInfo& index : info->indexes) {
    if (s.ok()) s = batch.Delete(index.counters_key);
  }
  if (s.ok()) s = batch.DeleteRange(TablePrefix(info->id), TablePrefixEnd(info->id));
  if (s.ok()) {
    s = batch.DeleteRange(ItemCollectionPrefix(info->id), ItemCollectionPrefixEnd(info->id));
  }
  absl::Status written = FromRocks(s, "deleting a table");
  if (written.ok()) written = store_->Write(&batch);
  if (!written.ok()) {
    info->dropped.store(false);
    return written;
  }
  auto tables = std::make_shared<TableMap>(*current);
  tables->erase(info->name);
  Publish(std::move(tables));
  return info;
}

absl::StatusOr<std::shared_ptr<const TableInfo>> Catalog::Update(
    std::string_view name, absl::FunctionRef<absl::Status(TableInfo&)> mutate,
    std::shared_ptr<const TableInfo>* previous) {
  absl::MutexLock ddl(&ddl_mu_);
  std::shared_ptr<const TableMap> current = Snapshot();
  auto found = current->find(name);
  if (found == current->end()) {
    return MakeError(ErrorType::kResourceNotFound,
                     "Requested resource not found: Table: " + std::string(name) + " not found");
  }
  const std::shared_ptr<const TableInfo>& old = found->second;
  TableInfo info = *old;
  info.dropped.ShareWith(old->dropped);
  DYNAROCK_RETURN_IF_ERROR(mutate(info));
  info.Derive();
  rocksdb::WriteBatch batch;
  DYNAROCK_RETURN_IF_ERROR(
      FromRocks(batch.Put(CatalogKey(info.name), EncodeTableInfo(info)), "updating a table"));
  DYNAROCK_RETURN_IF_ERROR(store_->Write(&batch));
  auto updated = std::make_shared<const TableInfo>(std::move(info));
  if (previous != nullptr) *previous = old;
  auto tables = std::make_shared<TableMap>(*current);
  (*tables)[updated->name] = updated;
  Publish(std::move(tables));
  return updated;
}

absl::StatusOr<TableCounters> Catalog::ReadCounters(uint32_t id) const {
  rocksdb::PinnableSlice value;
  DYNAROCK_ASSIGN_OR_RETURN(bool found, store_->Get(CountersKey(id), &value));
  if (!found) return TableCounters{};
  return DecodeCounters(std::string_view(value.data(), value.size()));
}

}  // namespace dynarock::storage
