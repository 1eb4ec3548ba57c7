#include "lib/ops/key_validation.h"

#include "dynarock/error.h"
#include "lib/codec/key_codec.h"
#include "lib/ops/errors.h"
#include "lib/storage/key_layout.h"

namespace dynarock::ops {
namespace {

constexpr std::string_view kKeyMismatch = "The provided key element does not match the schema";

// Empty values and byte limits of one key attribute whose type is already checked.
absl::Status CheckKeyValue(const std::string& name, const AttributeValue& value, bool is_range) {
  size_t bytes = 0;
  if (const std::string* s = value.if_s()) {
    if (s->empty()) {
      return Invalid(
          Cat("One or more parameter values are not valid. The AttributeValue for a key attribute "
              "cannot contain an empty string value. Key: ",
              name));
    }
    bytes = s->size();
  } else if (const Bytes* b = value.if_b()) {
    if (b->data.empty()) {
      return Invalid(
          Cat("One or more parameter values are not valid. The AttributeValue for a key attribute "
              "cannot contain an empty binary value. Key: ",
              name));
    }
    bytes = b->data.size();
  }
  if (!is_range && bytes > kMaxPartitionKeyBytes) {
    return Invalid(
        "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size "
        "limit of2048 bytes");
  }
  if (is_range && bytes > kMaxSortKeyBytes) {
    return Invalid(
        "One or more parameter values were invalid: Aggregated size of all range keys has exceeded "
        "the size limit of 1024 bytes");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateKey(const storage::TableInfo& table, const Item& key) {
  const size_t expected = table.range_key.has_value() ? 2 : 1;
  if (key.size() != expected) return Invalid(kKeyMismatch);
  auto hash = key.find(table.hash_key);
  if (hash == key.end() || hash->second.type() != KeyValueType(table.hash_type)) {
    return Invalid(kKeyMismatch);
  }
  Item::const_iterator range;
  if (table.range_key.has_value()) {
    range = key.find(*table.range_key);
    if (range == key.end() || range->second.type() != KeyValueType(table.range_type)) {
      return Invalid(kKeyMismatch);
    }
  }
  if (absl::Status s = CheckKeyValue(table.hash_key, hash->second, false); !s.ok()) return s;
  if (table.range_key.has_value()) {
    return CheckKeyValue(*table.range_key, range->second, true);
  }
  return absl::OkStatus();
}

absl::Status ValidateItemKey(const storage::TableInfo& table, const Item& item) {
  auto check = [&item](const std::string& name, ScalarType type, bool is_range) -> absl::Status {
    auto it = item.find(name);
    if (it == item.end()) {
      return Invalid(
          Cat("One or more parameter values were invalid: Missing the key ", name, " in the item"));
    }
    if (it->second.type() != KeyValueType(type)) {
      return Invalid(Cat("One or more parameter values were invalid: Type mismatch for key ", name,
                         " expected: ", ScalarTypeName(type),
                         " actual: ", ValueTypeName(it->second.type())));
    }
    return CheckKeyValue(name, it->second, is_range);
  };
  if (absl::Status s = check(table.hash_key, table.hash_type, false); !s.ok()) return s;
  if (table.range_key.has_value()) return check(*table.range_key, table.range_type, true);
  return absl::OkStatus();
}

void AppendStorageKey(const storage::TableInfo& table, const Item& item, std::string* out) {
  // Encode the partition key straight into the key, then patch its hash into the header.
  const size_t start = out->size();
  storage::AppendItemKeyHeader(table.id, 0, out);
  const size_t pk_start = out->size();
  codec::AppendKeyPart(item.find(table.hash_key)->second, out);
  const uint32_t hash =
      storage::PartitionHash(std::string_view(out->data() + pk_start, out->size() - pk_start));
  storage::WriteBigEndian32(hash, out->data() + start + storage::kItemKeyHeaderSize - 4);
  if (table.range_key.has_value()) {
    codec::AppendKeyPart(item.find(*table.range_key)->second, out);
  }
}

Item ExtractKey(const storage::TableInfo& table, const Item& item) {
  Item key;
  auto hash = item.find(table.hash_key);
  if (hash != item.end()) key.emplace(hash->first, hash->second);
  if (table.range_key.has_value()) {
    auto range = item.find(*table.range_key);
    if (range != item.end()) key.emplace(range->first, range->second);
  }
  return key;
}

}  // namespace dynarock::ops
