// File: lib/ops/index_entries.h
//
// The entry of an item in a secondary index (issue 6), derived from the item alone, so that
// every writer (PutItem, UpdateItem, DeleteItem, batches, transactions: StageItemWrite) and the
// GSI backfill (UpdateTable) compute the same bytes.
//
//  - Sparse: an item has an entry in `index` iff it has the index's hash key attribute (and
//    range key attribute, if the index has one) as a non-empty value of the declared scalar
//    type (HasIndexEntry). Writes reject wrong-typed and empty index key values
//    (ValidateIndexKeys), so among stored items only those written before the index existed
//    (UpdateTable backfill) can hold one; the backfill skips them, as DynamoDB does.
//  - Key (key_layout.h): 0x01 <table id> <space> <hash32(index pk enc)> <index pk enc>
//    [<index sk enc>] <base pk enc> [<base sk enc>]. The base key part is copied from the item's
//    storage key, so it is never encoded twice.
//  - Value (item_value.h format): the projected entry's DynamoDB size (4 bytes LE), then the
//    projected attributes in the item codec. Projection: the table's key attributes and the
//    index's key attributes always; KEYS_ONLY nothing more; INCLUDE plus NonKeyAttributes;
//    ALL every attribute (the value is then byte for byte the base item's stored value).
//  - Size (IndexSizeBytes sums it; ItemCount counts entries): value::ItemSize of the projected
//    entry, i.e. names plus values of the projected attributes, as TableSizeBytes sums
//    ItemSize of the items. DynamoDB's billing formula adds 100 bytes of overhead per entry;
//    we do not (docs/compatibility.md, "Indexes").
#ifndef DYNAROCK_LIB_OPS_INDEX_ENTRIES_H_
#define DYNAROCK_LIB_OPS_INDEX_ENTRIES_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "dynarock/item.h"
#include "lib/storage/catalog.h"

namespace dynarock::ops {

// True when `item` has an entry in `index` (see the file comment: sparse).
bool HasIndexEntry(const storage::IndexInfo& index, const Item& item);

// Appends the entry key of `item` to *out. `base_key` is the item's storage key
// (AppendStorageKey). REQUIRES: HasIndexEntry(index, item).
void AppendIndexEntryKey(const storage::TableInfo& table, const storage::IndexInfo& index,
                         const Item& item, std::string_view base_key, std::string* out);

// True when attribute `name` is projected into `index` (always for table and index keys).
bool IsProjected(const storage::TableInfo& table, const storage::IndexInfo& index,
                 std::string_view name);

// The DynamoDB size of the projected entry of `item` (ItemSize of the projected attributes).
size_t ProjectedSize(const storage::TableInfo& table, const storage::IndexInfo& index,
                     const Item& item);

// Appends the entry value of `item` (item_value.h format) to *out and returns its projected
// size. Sets are written in canonical order. REQUIRES: the item's values are validated.
size_t AppendIndexEntryValue(const storage::TableInfo& table, const storage::IndexInfo& index,
                             const Item& item, std::string* out);

// The projected entry as an item (for readers and tests; allocates).
Item ProjectIndexEntry(const storage::TableInfo& table, const storage::IndexInfo& index,
                       const Item& item);

// How a write produced the item whose index keys are checked: the wording differs.
enum class IndexKeySource {
  kItem,              // PutItem, BatchWriteItem PutRequest, transaction Put
  kUpdateExpression,  // UpdateItem / transaction Update with an UpdateExpression
  kAttributeUpdates,  // UpdateItem with legacy AttributeUpdates
};

// Checks the index key attributes present in `item` against every index of `table` that is not
// DELETING: the declared type, non-empty S/B, and the key size limits (2048 bytes for a
// partition key, 1024 for a sort key). When several indexes fail, the alphabetically first
// index name is reported (as DynamoDB does). If `old_item` is given (an update), attributes
// whose value is unchanged are not checked again. Errors (ValidationException, never
// enveloped):
//  - kItem and kAttributeUpdates, wrong type: "One or more parameter values were invalid: Type
//    mismatch for Index Key <attr> Expected: <S|N|B> Actual: <T> IndexName: <index>";
//  - kUpdateExpression, wrong type: "The update expression attempted to update the secondary
//    index key to unsupported type";
//  - kItem, empty value: "One or more parameter values are not valid. A value specified for a
//    secondary index key is not supported. The AttributeValue for a key attribute cannot
//    contain an empty string value. IndexName: <index>, IndexKey: <attr>" (binary: "... empty
//    binary value ...");
//  - updates, empty value: "One or more parameter values are not valid. The update expression
//    attempted to update a secondary index key to a value that is not supported. The
//    AttributeValue for a key attribute cannot contain an empty string value." (binary: ...);
//  - too long: the table key size messages for puts; for UpdateExpression "The update
//    expression attempted to update the secondary index key beyond allowed size limits".
// Costs nothing for a table without indexes.
absl::Status ValidateIndexKeys(const storage::TableInfo& table, const Item& item,
                               IndexKeySource source, const Item* old_item = nullptr);

}  // namespace dynarock::ops

#endif  // DYNAROCK_LIB_OPS_INDEX_ENTRIES_H_
