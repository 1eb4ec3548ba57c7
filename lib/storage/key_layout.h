// File: lib/storage/key_layout.h
//
// The RocksDB key layout (docs/design.md, "Storage key layout"). One column family; every key
// starts with a one-byte space tag:
//
//   0x00 'c' <table name>                     -> catalog entry (binary TableInfo, catalog.cc)
//   0x00 'n'                                  -> next table id (fixed64 little-endian)
//   0x00 's' <table id: 4 bytes BE>           -> table counters (counters.h, merge operands)
//   0x00 's' <table id: 4 BE> <space: 1 byte> -> an index's counters (ItemCount, IndexSizeBytes)
//   0x00 'p' <table id: 4 BE> <pk encoded>    -> an item collection's size (tables with an LSI
//                                                only; counters.h operands, item count unused)
//   0x01 <table id: 4 BE> <space: 1 byte> <partition hash: 4 BE> <pk encoded> [<sk encoded>]
//                                             -> the item (item_value.h); space 0 = base table
//   0x01 <table id: 4 BE> <index space 1..255> <hash of the index pk: 4 BE> <index pk encoded>
//        [<index sk encoded>] <base pk encoded> [<base sk encoded>]
//                                             -> an index entry: the projected item
//                                                (item_value.h). The base key makes entries with
//                                                equal index keys distinct, ordered by base key.
//
// Everything here is on disk: never change a byte of it.
#ifndef DYNAROCK_LIB_STORAGE_KEY_LAYOUT_H_
#define DYNAROCK_LIB_STORAGE_KEY_LAYOUT_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace dynarock::storage {

// On disk: never renumber.
inline constexpr char kMetaSpace = 0x00;
inline constexpr char kItemSpace = 0x01;
inline constexpr char kCatalogTag = 'c';
inline constexpr char kNextTableIdTag = 'n';
inline constexpr char kCountersTag = 's';
inline constexpr char kItemCollectionTag = 'p';
inline constexpr uint8_t kBaseTableSpace = 0;  // 1..n reserved for secondary indexes

// The stable 64-bit hash used for partition hashes and lock stripes: FNV-1a 64 over the bytes,
// then MurmurHash3's fmix64 finaliser so that every output bit depends on every input bit
// (parallel Scan splits the 32-bit partition hash into ranges by its high bits).
// On disk: never change (partition hashes are part of item keys).
uint64_t StableHash64(std::string_view bytes);

// The partition hash of an encoded partition key: the high 32 bits of StableHash64.
inline uint32_t PartitionHash(std::string_view encoded_pk) {
  return static_cast<uint32_t>(StableHash64(encoded_pk) >> 32);
}

void AppendBigEndian32(uint32_t v, std::string* out);
void WriteBigEndian32(uint32_t v, char* p);
uint32_t ReadBigEndian32(const char* p);

std::string CatalogKey(std::string_view table_name);
// The prefix of all catalog entries (0x00 'c').
std::string CatalogPrefix();
std::string NextTableIdKey();
std::string CountersKey(uint32_t table_id);
std::string IndexCountersKey(uint32_t table_id, uint8_t space);

// Appends 0x00 'p' <table id> <encoded_pk>: the size counter of one item collection (the base
// items of one partition key plus their local secondary index entries).
void AppendItemCollectionKey(uint32_t table_id, std::string_view encoded_pk, std::string* out);
// 0x00 'p' <table id>: the prefix of every item collection counter of the table, and the first
// key after them.
std::string ItemCollectionPrefix(uint32_t table_id);
std::string ItemCollectionPrefixEnd(uint32_t table_id);

// 0x01 <table id>: the prefix of every key of the table (base table and indexes).
std::string TablePrefix(uint32_t table_id);
// The first key after every key of table `table_id` (TablePrefix(table_id + 1) computed without
// overflow for the largest id).
std::string TablePrefixEnd(uint32_t table_id);

// Length of the item key header before the encoded partition key: space tag, table id, index
// space and hash.
inline constexpr size_t kItemKeyHeaderSize = 1 + 4 + 1 + 4;

// Appends the item key of (table, base space, partition) to *out:
// 0x01 <table id> 0x00 <PartitionHash(encoded_pk)> <encoded_pk>. The caller appends the encoded
// sort key, if the table has one.
void AppendItemKeyPrefix(uint32_t table_id, std::string_view encoded_pk, std::string* out);

// The same for an index space: 0x01 <table id> <space> <PartitionHash(encoded_index_pk)>
// <encoded_index_pk>. The caller appends the encoded index sort key (if any), then the encoded
// base key (pk, then sk if any).
void AppendIndexKeyPrefix(uint32_t table_id, uint8_t space, std::string_view encoded_index_pk,
                          std::string* out);

// 0x01 <table id> <space>: the prefix of every entry of one index.
std::string IndexSpacePrefix(uint32_t table_id, uint8_t space);

// Appends the item key header 0x01 <table id> 0x00 <hash> (kItemKeyHeaderSize bytes). For
// callers that encode the partition key straight into the key and patch the hash afterwards
// (WriteBigEndian32 at offset kItemKeyHeaderSize - 4).
void AppendItemKeyHeader(uint32_t table_id, uint32_t hash, std::string* out);

}  // namespace dynarock::storage

#endif  // DYNAROCK_LIB_STORAGE_KEY_LAYOUT_H_
