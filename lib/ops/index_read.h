// File: lib/ops/index_read.h
//
// Query and Scan on a secondary index (IndexName; reference sections 4.11, 4.12, 5). An index
// is read exactly like the base table -- one bounded key range of its own space, paged by
// ReadPage -- because its entries use the base table's layout with the index's key in front
// (key_layout.h): 0x01 <table id> <space> <hash32(index pk)> <index pk> [<index sk>] <base pk>
// [<base sk>]. What differs is gathered here:
//
//  - which key schema the key condition, the filter rules and ExclusiveStartKey follow
//    (ReadTarget), and the index rules, checked before any I/O in this order: unknown index,
//    index not ACTIVE, ConsistentRead on a GSI, Select ALL_ATTRIBUTES on a GSI that does not
//    project ALL; after the projection is parsed, attributes a GSI does not project;
//  - ExclusiveStartKey / LastEvaluatedKey, which carry the index keys and the table keys;
//  - an LSI read that needs attributes the index does not project (Select ALL_ATTRIBUTES, or a
//    ProjectionExpression, AttributesToGet or filter naming them) fetches the base item for
//    each entry read, and counts that read, as DynamoDB does.
#ifndef DYNAROCK_LIB_OPS_INDEX_READ_H_
#define DYNAROCK_LIB_OPS_INDEX_READ_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "dynarock/item.h"
#include "dynarock/query.h"

#include "lib/ops/paging.h"
#include "lib/storage/catalog.h"
#include "lib/storage/engine.h"
#include "lib/storage/key_layout.h"

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace dynarock::ops {

// The key schema a Query or Scan reads: the base table's or one index's. Borrows from the
// TableInfo it was resolved against.
struct ReadTarget {
  const storage::IndexInfo* index = nullptr;  // null: the base table
  uint8_t space = storage::kBaseTableSpace;
  std::string_view hash_key{};
  ScalarType hash_type = ScalarType::kS;
  std::optional<std::string_view> range_key{};
  ScalarType range_type = ScalarType::kS;
  bool fetch_base = false;  // an LSI read that needs the base items (CheckIndexShape)
};

// Resolves IndexName against `table`. Errors (ValidationException, in this order):
//  - "The table does not have the specified index: <name>" (also for a DELETING index);
//  - "Cannot read from backfilling global secondary index" (a CREATING index; the text
//    DynamoDB returns, docs/compatibility.md);
//  - "Consistent reads are not supported on global secondary indexes";
//  - "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported
//    for global secondary index <name> because its projection type is not ALL".
absl::StatusOr<ReadTarget> ResolveReadTarget(const storage::TableInfo& table,
                                             const std::optional<std::string>& index_name,
                                             const std::optional<bool>& consistent_read,
                                             const std::optional<Select>& select);

// After PrepareReadShape: the attributes an index read names must be projected. On a GSI,
// ProjectionExpression or AttributesToGet naming other attributes fails with "One or more
// parameter values were invalid: Global secondary index <name> does not project [<a>, <b>]";
// on an LSI they (or Select ALL_ATTRIBUTES, or a filter naming them) set target->fetch_base.
// No-op for the base table.
absl::Status CheckIndexShape(const storage::TableInfo& table, const ReadShape& shape,
                             const std::optional<Select>& select, ReadTarget* target);

// Appends 0x01 <table id> <target space> <hash>: the first bytes of every key of the target.
void AppendTargetKeyHeader(const storage::TableInfo& table, const ReadTarget& target, uint32_t hash,
                           std::string* out);

// The storage key of ExclusiveStartKey `esk` on the target (the entry key for an index).
// `esk` must hold exactly the target's key attributes (for an index: its keys and the table's)
// with the declared types. Errors: "The provided starting key is invalid: The provided key
// element does not match the schema" (and the base table's ValidateKey messages, prefixed).
absl::Status AppendStartKey(const storage::TableInfo& table, const ReadTarget& target,
                            const Item& esk, std::string* out);

// Decodes the index keys and the table keys of index entry key `key` into *out (an index
// read's LastEvaluatedKey).
absl::Status DecodeIndexEntryKey(const storage::TableInfo& table, const storage::IndexInfo& index,
                                 std::string_view key, Item* out);

// Reads the base item of the entry with key `entry_key` into *item (cleared first) and adds
// its stored size to *bytes_read. Returns false (and leaves *item empty) when the item is gone
// (deleted between the entry read and this read).
absl::StatusOr<bool> FetchBaseItem(const storage::Engine& engine, const storage::TableInfo& table,
                                   const storage::IndexInfo& index, std::string_view entry_key,
                                   Item* item, size_t* bytes_read);

}  // namespace dynarock::ops

#endif  // DYNAROCK_LIB_OPS_INDEX_READ_H_
