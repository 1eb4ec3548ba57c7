#include "lib/ops/index_entries.h"

#include <optional>

#include "dynarock/error.h"
#include "lib/codec/item_codec.h"
#include "lib/codec/key_codec.h"
#include "lib/codec/varint.h"
#include "lib/ops/errors.h"
#include "lib/ops/item_common.h"
#include "lib/ops/key_validation.h"
#include "lib/storage/item_value.h"
#include "lib/storage/key_layout.h"
#include "lib/value/item_size.h"
#include "lib/value/validate.h"

namespace dynarock::ops {
namespace {

// The item codec's format version byte (item_codec.h: item := version(0x01) map_body).
constexpr char kItemFormatVersion = 0x01;

// True if `value` can be an index key of declared type `type`: that type and not empty.
bool IsKeyValue(const AttributeValue& value, ScalarType type) {
  if (value.type() != KeyValueType(type)) return false;
  if (const std::string* s = value.if_s()) return !s->empty();
  if (const Bytes* b = value.if_b()) return !b->data.empty();
  return true;
}

bool IsKeyAttribute(const storage::TableInfo& table, const storage::IndexInfo& index,
                    std::string_view name) {
  return name == table.hash_key || (table.range_key.has_value() && name == *table.range_key) ||
         name == index.hash_key || (index.range_key.has_value() && name == *index.range_key);
}

// Calls f(name, value) for each projected attribute of `item`, in the item's (ascending) order.
template <typename F>
void ForEachProjected(const storage::TableInfo& table, const storage::IndexInfo& index,
                      const Item& item, F&& f) {
  const ProjectionType type = index.projection.projection_type.value_or(ProjectionType::kAll);
  if (type == ProjectionType::kAll) {
    for (const auto& [name, value] : item) f(name, value);
    return;
  }
  if (type == ProjectionType::kKeysOnly) {
    // At most four names: look them up instead of walking the item. Keep ascending order and
    // skip duplicates (an LSI shares the table's hash key).
    std::string_view names[4];
    size_t n = 0;
    auto add = [&names, &n](std::string_view name) {
      for (size_t i = 0; i < n; ++i) {
        if (names[i] == name) return;
      }
      size_t i = n++;
      while (i > 0 && names[i - 1] > name) {
        names[i] = names[i - 1];
        --i;
      }
      names[i] = name;
    };
    add(table.hash_key);
    if (table.range_key.has_value()) add(*table.range_key);
    add(index.hash_key);
    if (index.range_key.has_value()) add(*index.range_key);
    for (size_t i = 0; i < n; ++i) {
      auto it = item.find(names[i]);
      if (it != item.end()) f(it->first, it->second);
    }
    return;
  }
  for (const auto& [name, value] : item) {
    if (IsProjected(table, index, name)) f(name, value);
  }
}

}  // namespace

bool HasIndexEntry(const storage::IndexInfo& index, const Item& item) {
  auto hash = item.find(index.hash_key);
  if (hash == item.end() || !IsKeyValue(hash->second, index.hash_type)) return false;
  if (!index.range_key.has_value()) return true;
  auto range = item.find(*index.range_key);
  return range != item.end() && IsKeyValue(range->second, index.range_type);
}

void AppendIndexEntryKey(const storage::TableInfo& table, const storage::IndexInfo& index,
                         const Item& item, std::string_view base_key, std::string* out) {
  // Encode the index partition key straight into the key, then patch its hash into the header
  // (as AppendStorageKey does for items).
  const size_t start = out->size();
  storage::AppendItemKeyHeader(table.id, 0, out);
  (*out)[start + 5] = static_cast<char>(index.space);
  const size_t pk_start = out->size();
  codec::AppendKeyPart(item.find(index.hash_key)->second, out);
  const uint32_t hash =
      storage::PartitionHash(std::string_view(out->data() + pk_start, out->size() - pk_start));
  storage::WriteBigEndian32(hash, out->data() + start + storage::kItemKeyHeaderSize - 4);
  if (index.range_key.has_value()) codec::AppendKeyPart(item.find(*index.range_key)->second, out);
  base_key.remove_prefix(storage::kItemKeyHeaderSize);
  out->append(base_key);
}

bool IsProjected(const storage::TableInfo& table, const storage::IndexInfo& index,
                 std::string_view name) {
  const ProjectionType type = index.projection.projection_type.value_or(ProjectionType::kAll);
  if (type == ProjectionType::kAll || IsKeyAttribute(table, index, name)) return true;
  if (type == ProjectionType::kKeysOnly) return false;
  for (const std::string& a : index.projection.non_key_attributes) {
    if (a == name) return true;
  }
  return false;
}

size_t ProjectedSize(const storage::TableInfo& table, const storage::IndexInfo& index,
                     const Item& item) {
  size_t size = 0;
  ForEachProjected(table, index, item, [&size](const std::string& name, const AttributeValue& v) {
    size += name.size() + value::ValueSize(v);
  });
  return size;
}

size_t AppendIndexEntryValue(const storage::TableInfo& table, const storage::IndexInfo& index,
                             const Item& item, std::string* out) {
  const ProjectionType type = index.projection.projection_type.value_or(ProjectionType::kAll);
  if (type != ProjectionType::kKeysOnly && !SetsAreCanonical(item)) {
    Item canonical = item;
    value::CanonicalizeSets(&canonical);
    return AppendIndexEntryValue(table, index, canonical, out);
  }
  size_t count = 0;
  size_t size = 0;
  ForEachProjected(table, index, item,
                   [&count, &size](const std::string& name, const AttributeValue& v) {
                     ++count;
                     size += name.size() + value::ValueSize(v);
                   });
  const char header[storage::kItemValueHeaderSize] = {
      static_cast<char>(size), static_cast<char>(size >> 8), static_cast<char>(size >> 16),
      static_cast<char>(size >> 24)};
  out->append(header, sizeof(header));
  out->push_back(kItemFormatVersion);
  codec::PutVarint64(out, count);
  ForEachProjected(table, index, item, [out](const std::string& name, const AttributeValue& v) {
    codec::PutVarint64(out, name.size());
    out->append(name);
    codec::EncodeValue(v, out);
  });
  return size;
}

Item ProjectIndexEntry(const storage::TableInfo& table, const storage::IndexInfo& index,
                       const Item& item) {
  Item out;
  ForEachProjected(table, index, item, [&out](const std::string& name, const AttributeValue& v) {
    out.emplace(name, v);
  });
  return out;
}

absl::Status ValidateIndexKeys(const storage::TableInfo& table, const Item& item,
                               IndexKeySource source, const Item* old_item) {
  if (table.indexes.empty()) return absl::OkStatus();
  const storage::IndexInfo* failed_index = nullptr;
  std::string failed_status_message;
  for (const storage::IndexInfo& index : table.indexes) {
    if (index.status == IndexStatus::kDeleting) continue;
    if (failed_index != nullptr && failed_index->name <= index.name) continue;
    auto check = [&](const std::string& attr, ScalarType type, bool is_range) -> std::string {
      auto it = item.find(attr);
      if (it == item.end()) return {};
      const AttributeValue& v = it->second;
      if (old_item != nullptr) {
        auto old = old_item->find(attr);
        if (old != old_item->end() && old->second == v) return {};
      }
      if (v.type() != KeyValueType(type)) {
        if (source == IndexKeySource::kUpdateExpression) {
          return "The update expression attempted to update the secondary index key to "
                 "unsupported type";
        }
        return Cat("One or more parameter values were invalid: Type mismatch for Index Key ",
                   attr, " Expected: ", ScalarTypeName(type),
                   " Actual: ", ValueTypeName(v.type()), " IndexName: ", index.name);
      }
      size_t bytes = 0;
      std::string_view empty_kind;
      if (const std::string* s = v.if_s()) {
        bytes = s->size();
        empty_kind = "string";
      } else if (const Bytes* b = v.if_b()) {
        bytes = b->data.size();
        empty_kind = "binary";
      }
      if (!empty_kind.empty() && bytes == 0) {
        if (source == IndexKeySource::kItem) {
          return Cat(
              "One or more parameter values are not valid. A value specified for a secondary "
              "index key is not supported. The AttributeValue for a key attribute cannot contain "
              "an empty ",
              empty_kind, " value. IndexName: ", index.name, ", IndexKey: ", attr);
        }
        return Cat(
            "One or more parameter values are not valid. The update expression attempted to "
            "update a secondary index key to a value that is not supported. The AttributeValue "
            "for a key attribute cannot contain an empty ",
            empty_kind, " value.");
      }
      if (bytes > (is_range ? kMaxSortKeyBytes : kMaxPartitionKeyBytes)) {
        if (source == IndexKeySource::kUpdateExpression) {
          return "The update expression attempted to update the secondary index key beyond "
                 "allowed size limits";
        }
        // DynamoDB's own text for index keys, seen in real error reports (dynalite#35,
        // wellcomecollection/platform#2285); the sort key's limit is 1024.
        return Cat("One or more parameter values were invalid: Size limit exceeded for Index Key ",
                   attr, " Actual Size: ", bytes, " bytes Max Size: ",
                   is_range ? kMaxSortKeyBytes : kMaxPartitionKeyBytes,
                   " bytes IndexName: ", index.name);
      }
      return {};
    };
    std::string message = check(index.hash_key, index.hash_type, false);
    if (message.empty() && index.range_key.has_value()) {
      message = check(*index.range_key, index.range_type, true);
    }
    if (!message.empty()) {
      failed_index = &index;
      failed_status_message = std::move(message);
    }
  }
  if (failed_index == nullptr) return absl::OkStatus();
  return MakeError(ErrorType::kValidation, failed_status_message);
}

}  // namespace dynarock::ops
