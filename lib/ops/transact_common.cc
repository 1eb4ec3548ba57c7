#include "lib/ops/transact_common.h"

#include <algorithm>

#include "dynarock/error.h"
#include "lib/ops/errors.h"

namespace dynarock::ops {

absl::Status CheckTransactItemCount(size_t count) {
  if (count == 0) {
    return MakeError(ErrorType::kValidation,
                     "1 validation error detected: Value '[]' at 'transactItems' failed to "
                     "satisfy constraint: Member must have length greater than or equal to 1");
  }
  if (count > kMaxTransactItems) {
    return MakeError(ErrorType::kValidation,
                     "1 validation error detected: Value '[...]' at 'transactItems' failed to "
                     "satisfy constraint: Member must have length less than or equal to 100");
  }
  return absl::OkStatus();
}

absl::Status CheckClientRequestToken(std::string_view token) {
  ConstraintErrors errors;
  if (token.empty()) errors.Add(token, "clientRequestToken", MinLengthConstraint(1));
  if (token.size() > 36) errors.Add(token, "clientRequestToken", MaxLengthConstraint(36));
  return errors.ToStatus();
}

bool IsKeyMismatch(const absl::Status& status) {
  const absl::string_view m = status.message();
  return m == "The provided key element does not match the schema" ||
         m.find("Type mismatch for key ") != absl::string_view::npos ||
         m.find("Missing the key ") != absl::string_view::npos;
}

absl::Status CheckOneActionPerItem(std::vector<std::string_view> storage_keys) {
  std::sort(storage_keys.begin(), storage_keys.end());
  if (std::adjacent_find(storage_keys.begin(), storage_keys.end()) != storage_keys.end()) {
    return MakeError(ErrorType::kValidation,
                     "Transaction request cannot include multiple operations on one item");
  }
  return absl::OkStatus();
}

}  // namespace dynarock::ops
