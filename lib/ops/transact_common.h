// File: lib/ops/transact_common.h
//
// Checks shared by TransactWriteItems and TransactGetItems.
#ifndef DYNAROCK_LIB_OPS_TRANSACT_COMMON_H_
#define DYNAROCK_LIB_OPS_TRANSACT_COMMON_H_

#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace dynarock::ops {

inline constexpr size_t kMaxTransactItems = 100;

// TransactItems has 1..100 members (constraint messages at 'transactItems'; the list of more
// than 100 is rendered as '[...]', DynamoDB prints Java's rendering of all of them).
absl::Status CheckTransactItemCount(size_t count);

// ClientRequestToken has 1..36 characters.
absl::Status CheckClientRequestToken(std::string_view token);

// True for the key errors DynamoDB reports as a ValidationError cancellation reason (the key
// does not match the schema: missing, extra or wrong-typed attributes) rather than as a
// top-level ValidationException (empty or oversized key values).
bool IsKeyMismatch(const absl::Status& status);

// No storage key twice: "Transaction request cannot include multiple operations on one item".
absl::Status CheckOneActionPerItem(std::vector<std::string_view> storage_keys);

}  // namespace dynarock::ops

#endif  // DYNAROCK_LIB_OPS_TRANSACT_COMMON_H_
