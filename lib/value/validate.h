// File: lib/value/validate.h
//
// DynamoDB's validation of attribute values in items and keys, with its exact messages
// (shared/reference/dynamodb-api.md section 1.2). Returns ValidationException statuses.
//
// Messages returned here are the *core text*. PutItem/UpdateItem/DeleteItem (2026) wrap some of
// them in "1 validation error detected: " -- the ops layer decides (see docs/compatibility.md).
#ifndef DYNAROCK_LIB_VALUE_VALIDATE_H_
#define DYNAROCK_LIB_VALUE_VALIDATE_H_

#include "absl/status/status.h"
#include "dynarock/item.h"

namespace dynarock::value {

inline constexpr int kMaxNestingDepth = 32;

// Checks every value of an item, recursively:
//  - empty sets: "One or more parameter values were invalid: An string set  may not be empty"
//    (two spaces; SS), "... An number set  may not be empty" (NS),
//    "... Binary sets should not be empty" (BS);
//  - duplicates: "One or more parameter values were invalid: Input collection [a, a] contains
//    duplicates." (SS, rendering the set as given), "... Input collection [Yg==, Yg==]of type BS
//    contains duplicates." (BS, base64), "Input collection contains duplicates" (NS, no prefix);
//  - nesting deeper than 32 levels: "Nesting Levels have exceeded supported limits: Attributes
//    in the item have nested levels beyond supported limit".
// Sets must be as the caller built them (not canonicalised) so the duplicate message renders
// the elements in the given order; call CanonicalizeSets() after validation.
absl::Status ValidateItemValues(const Item& item);
absl::Status ValidateValue(const AttributeValue& value);

// Sorts every set in the item (recursively) into canonical order. REQUIRES: validated.
void CanonicalizeSets(Item* item);

}  // namespace dynarock::value

#endif  // DYNAROCK_LIB_VALUE_VALIDATE_H_
