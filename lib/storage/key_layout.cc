#include "lib/storage/key_layout.h"

namespace dynarock::storage {

uint64_t StableHash64(std::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a 64 offset basis
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;  // FNV-1a 64 prime
  }
  // MurmurHash3 fmix64.
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

void AppendBigEndian32(uint32_t v, std::string* out) {
  char buf[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                 static_cast<char>(v)};
  out->append(buf, 4);
}

void WriteBigEndian32(uint32_t v, char* p) {
  p[0] = static_cast<char>(v >> 24);
  p[1] = static_cast<char>(v >> 16);
  p[2] = static_cast<char>(v >> 8);
  p[3] = static_cast<char>(v);
}

uint32_t ReadBigEndian32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return (uint32_t{u[0]} << 24) | (uint32_t{u[1]} << 16) | (uint32_t{u[2]} << 8) | uint32_t{u[3]};
}

std::string CatalogPrefix() { return std::string{kMetaSpace, kCatalogTag}; }

std::string CatalogKey(std::string_view table_name) {
  std::string key = CatalogPrefix();
  key.append(table_name);
  return key;
}

std::string NextTableIdKey() { return std::string{kMetaSpace, kNextTableIdTag}; }

std::string CountersKey(uint32_t table_id) {
  std::string key{kMetaSpace, kCountersTag};
  AppendBigEndian32(table_id, &key);
  return key;
}

std::string IndexCountersKey(uint32_t table_id, uint8_t space) {
  std::string key = CountersKey(table_id);
  key.push_back(static_cast<char>(space));
  return key;
}

void AppendItemCollectionKey(uint32_t table_id, std::string_view encoded_pk, std::string* out) {
  out->push_back(kMetaSpace);
  out->push_back(kItemCollectionTag);
  AppendBigEndian32(table_id, out);
  out->append(encoded_pk);
}

std::string ItemCollectionPrefix(uint32_t table_id) {
  std::string key;
  AppendItemCollectionKey(table_id, {}, &key);
  return key;
}

std::string ItemCollectionPrefixEnd(uint32_t table_id) {
  if (table_id == UINT32_MAX) return std::string{kMetaSpace, kItemCollectionTag + 1};
  return ItemCollectionPrefix(table_id + 1);
}

std::string TablePrefix(uint32_t table_id) {
  std::string key(1, kItemSpace);
  AppendBigEndian32(table_id, &key);
  return key;
}

std::string TablePrefixEnd(uint32_t table_id) {
  if (table_id == UINT32_MAX) return std::string(1, kItemSpace + 1);
  return TablePrefix(table_id + 1);
}

void AppendItemKeyHeader(uint32_t table_id, uint32_t hash, std::string* out) {
  out->push_back(kItemSpace);
  AppendBigEndian32(table_id, out);
  out->push_back(static_cast<char>(kBaseTableSpace));
  AppendBigEndian32(hash, out);
}

void AppendItemKeyPrefix(uint32_t table_id, std::string_view encoded_pk, std::string* out) {
  AppendItemKeyHeader(table_id, PartitionHash(encoded_pk), out);
  out->append(encoded_pk);
}

void AppendIndexKeyPrefix(uint32_t table_id, uint8_t space, std::string_view encoded_index_pk,
                          std::string* out) {
  out->push_back(kItemSpace);
  AppendBigEndian32(table_id, out);
  out->push_back(static_cast<char>(space));
  AppendBigEndian32(PartitionHash(encoded_index_pk), out);
  out->append(encoded_index_pk);
}

std::string IndexSpacePrefix(uint32_t table_id, uint8_t space) {
  std::string key = TablePrefix(table_id);
  key.push_back(static_cast<char>(space));
  return key;
}

}  // namespace dynarock::storage
