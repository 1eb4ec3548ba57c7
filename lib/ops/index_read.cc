#include "lib/ops/index_read.h"

#include <utility>
#include <vector>

#include "dynarock/error.h"

#include "lib/base/status_macros.h"
#include "lib/codec/key_codec.h"
#include "lib/ops/errors.h"
#include "lib/ops/index_entries.h"
#include "lib/ops/key_validation.h"
#include "lib/storage/item_value.h"
#include "lib/storage/key_layout.h"

#include "rocksdb/slice.h"

namespace dynarock::ops {
namespace {

constexpr std::string_view kStartKeyMismatch =
    "The provided starting key is invalid: The provided key element does not match the schema";

bool IsAllProjection(const storage::IndexInfo& index) {
  return index.projection.projection_type.value_or(ProjectionType::kAll) == ProjectionType::kAll;
}

// Skips one encoded key part of `type` at the front of *in.
absl::Status SkipKeyPart(ScalarType type, std::string_view* in) {
  return codec::DecodeKeyPart(type, in).status();
}

}  // namespace

absl::StatusOr<ReadTarget> ResolveReadTarget(const storage::TableInfo& table,
                                             const std::optional<std::string>& index_name,
                                             const std::optional<bool>& consistent_read,
                                             const std::optional<Select>& select) {
  ReadTarget target;
  if (!index_name.has_value()) {
    target.hash_key = table.hash_key;
    target.hash_type = table.hash_type;
    if (table.range_key.has_value()) target.range_key = *table.range_key;
    target.range_type = table.range_type;
    return target;
  }
  const storage::IndexInfo* index = table.FindIndex(*index_name);
  if (index == nullptr || index->status == IndexStatus::kDeleting) {
    return Invalid(Cat("The table does not have the specified index: ", *index_name));
  }
  if (index->status == IndexStatus::kCreating) {
    return Invalid("Cannot read from backfilling global secondary index");
  }
  if (index->global && consistent_read.value_or(false)) {
    return Invalid("Consistent reads are not supported on global secondary indexes");
  }
  if (index->global && select == Select::kAllAttributes && !IsAllProjection(*index)) {
    return Invalid(
        Cat("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not "
            "supported for global secondary index ",
            index->name, " because its projection type is not ALL"));
  }
  target.index = index;
  target.space = index->space;
  target.hash_key = index->hash_key;
  target.hash_type = index->hash_type;
  if (index->range_key.has_value()) target.range_key = *index->range_key;
  target.range_type = index->range_type;
  return target;
}

absl::Status CheckIndexShape(const storage::TableInfo& table, const ReadShape& shape,
                             const std::optional<Select>& select, ReadTarget* target) {
  const storage::IndexInfo* index = target->index;
  if (index == nullptr || IsAllProjection(*index)) return absl::OkStatus();
  std::vector<std::string_view> missing;
  auto note = [&](std::string_view name) {
    if (IsProjected(table, *index, name)) return;
    for (std::string_view m : missing) {
      if (m == name) return;
    }
    missing.push_back(name);
  };
  if (shape.projection.has_value()) {
    for (std::string_view name : expr::TopLevelNames(*shape.projection)) note(name);
  }
  for (std::string_view name : shape.attributes_to_get) note(name);
  if (index->global) {
    if (missing.empty()) return absl::OkStatus();
    std::string list;
    for (std::string_view m : missing) {
      if (!list.empty()) list.append(", ");
      list.append(m);
    }
    return Invalid(Cat("One or more parameter values were invalid: Global secondary index ",
                       index->name, " does not project [", list, "]"));
  }
  // An LSI fetches what it does not hold from the table.
  if (shape.filter.has_value()) {
    for (std::string_view name : expr::TopLevelNames(*shape.filter)) note(name);
  }
  target->fetch_base = !missing.empty() || select == Select::kAllAttributes;
  return absl::OkStatus();
}

void AppendTargetKeyHeader(const storage::TableInfo& table, const ReadTarget& target, uint32_t hash,
                           std::string* out) {
  const size_t at = out->size();
  storage::AppendItemKeyHeader(table.id, hash, out);
  (*out)[at + 5] = static_cast<char>(target.space);  // 0x01 <id: 4> <space>
}

absl::Status AppendStartKey(const storage::TableInfo& table, const ReadTarget& target,
                            const Item& esk, std::string* out) {
  if (target.index == nullptr) {
    if (absl::Status s = ValidateKey(table, esk); !s.ok()) {
      return Invalid(Cat("The provided starting key is invalid: ", std::string(s.message())));
    }
    AppendStorageKey(table, esk, out);
    return absl::OkStatus();
  }
  const storage::IndexInfo& index = *target.index;
  // Exactly the index keys and the table keys (an LSI shares the partition key).
  auto check = [&](const std::string& name, ScalarType type) {
    auto it = esk.find(name);
    if (it == esk.end() || it->second.type() != KeyValueType(type)) return false;
    if (const std::string* s = it->second.if_s(); s != nullptr && s->empty()) return false;
    if (const Bytes* b = it->second.if_b(); b != nullptr && b->data.empty()) return false;
    return true;
  };
  std::vector<std::string_view> names;
  auto count = [&](std::string_view name) {
    for (std::string_view n : names) {
      if (n == name) return;
    }
    names.push_back(name);
  };
  bool ok = check(table.hash_key, table.hash_type) && check(index.hash_key, index.hash_type);
  if (ok && table.range_key.has_value()) ok = check(*table.range_key, table.range_type);
  if (ok && index.range_key.has_value()) ok = check(*index.range_key, index.range_type);
  count(table.hash_key);
  if (table.range_key.has_value()) count(*table.range_key);
  count(index.hash_key);
  if (index.range_key.has_value()) count(*index.range_key);
  if (!ok || esk.size() != names.size()) return Invalid(kStartKeyMismatch);
  std::string base_key;
  AppendStorageKey(table, esk, &base_key);
  AppendIndexEntryKey(table, index, esk, base_key, out);
  return absl::OkStatus();
}

absl::Status DecodeIndexEntryKey(const storage::TableInfo& table, const storage::IndexInfo& index,
                                 std::string_view key, Item* out) {
  if (key.size() < storage::kItemKeyHeaderSize) return absl::DataLossError("short index key");
  std::string_view rest = key.substr(storage::kItemKeyHeaderSize);
  DYNAROCK_ASSIGN_OR_RETURN(AttributeValue ipk, codec::DecodeKeyPart(index.hash_type, &rest));
  out->insert_or_assign(index.hash_key, std::move(ipk));
  if (index.range_key.has_value()) {
    DYNAROCK_ASSIGN_OR_RETURN(AttributeValue isk, codec::DecodeKeyPart(index.range_type, &rest));
    out->insert_or_assign(*index.range_key, std::move(isk));
  }
  return DecodeTableKeyParts(table, &rest, out);
}

absl::StatusOr<bool> FetchBaseItem(const storage::Engine& engine, const storage::TableInfo& table,
                                   const storage::IndexInfo& index, std::string_view entry_key,
                                   Item* item, size_t* bytes_read) {
  item->clear();
  if (entry_key.size() < storage::kItemKeyHeaderSize) {
    return absl::DataLossError("short index key");
  }
  std::string_view rest = entry_key.substr(storage::kItemKeyHeaderSize);
  DYNAROCK_RETURN_IF_ERROR(SkipKeyPart(index.hash_type, &rest));
  if (index.range_key.has_value()) DYNAROCK_RETURN_IF_ERROR(SkipKeyPart(index.range_type, &rest));
  // `rest` is the base key: <pk enc> [<sk enc>].
  const std::string_view base = rest;
  std::string_view after_pk = rest;
  DYNAROCK_RETURN_IF_ERROR(SkipKeyPart(table.hash_type, &after_pk));
  const std::string_view pk = base.substr(0, base.size() - after_pk.size());
  std::string key;
  key.reserve(storage::kItemKeyHeaderSize + base.size());
  storage::AppendItemKeyPrefix(table.id, pk, &key);
  key.append(after_pk);
  rocksdb::PinnableSlice value;
  DYNAROCK_ASSIGN_OR_RETURN(bool found, engine.store().Get(key, &value));
  if (!found) return false;
  const std::string_view stored(value.data(), value.size());
  *bytes_read += storage::StoredItemSize(stored);
  DYNAROCK_RETURN_IF_ERROR(storage::DecodeItemValue(stored, item));
  return true;
}

}  // namespace dynarock::ops
