// File: lib/ops/key_validation.h
//
// Checks of key attributes against a table's key schema, with DynamoDB's messages, and the
// storage key built from them.
//
//  Key (GetItem, DeleteItem): missing, extra or wrong-typed attributes ->
//    "The provided key element does not match the schema".
//  Item (PutItem): "One or more parameter values were invalid: Missing the key <k> in the item",
//    "One or more parameter values were invalid: Type mismatch for key <k> expected: <T>
//    actual: <U>".
//  Both: empty S/B key values ("One or more parameter values are not valid. The AttributeValue
//    for a key attribute cannot contain an empty string value. Key: <k>", "... empty binary
//    value ..."), partition key > 2048 bytes, sort key > 1024 bytes (reference 1.3, 1.7).
// All are ValidationExceptions that DynamoDB never envelopes.
#ifndef DYNAROCK_LIB_OPS_KEY_VALIDATION_H_
#define DYNAROCK_LIB_OPS_KEY_VALIDATION_H_

#include <string>

#include "absl/status/status.h"
#include "dynarock/item.h"
#include "lib/storage/catalog.h"

namespace dynarock::ops {

inline constexpr size_t kMaxPartitionKeyBytes = 2048;
inline constexpr size_t kMaxSortKeyBytes = 1024;

// The AttributeValue type of a key attribute declared with `type`.
inline ValueType KeyValueType(ScalarType type) {
  switch (type) {
    case ScalarType::kS:
      return ValueType::kS;
    case ScalarType::kN:
      return ValueType::kN;
    case ScalarType::kB:
      return ValueType::kB;
  }
  return ValueType::kS;
}

absl::Status ValidateKey(const storage::TableInfo& table, const Item& key);
absl::Status ValidateItemKey(const storage::TableInfo& table, const Item& item);

// Appends the storage key of the item whose key attributes `item` holds (a Key or a whole
// item). REQUIRES: ValidateKey or ValidateItemKey passed.
void AppendStorageKey(const storage::TableInfo& table, const Item& item, std::string* out);

// A copy of the key attributes of `item`. REQUIRES: validated.
Item ExtractKey(const storage::TableInfo& table, const Item& item);

}  // namespace dynarock::ops

#endif  // DYNAROCK_LIB_OPS_KEY_VALIDATION_H_
