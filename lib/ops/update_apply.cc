#include "lib/ops/update_apply.h"

#include <utility>

#include "dynarock/error.h"
#include "lib/ops/key_validation.h"

namespace dynarock::ops {

absl::Status ComputeUpdatedItem(const storage::TableInfo& table, const Item& key,
                                const expr::ParsedUpdate* update, bool legacy_attribute_updates,
                                const Item& old_item, bool existed, std::optional<Item>* new_item,
                                expr::UpdatedPaths* touched) {
  if (update == nullptr) {
    *new_item = existed ? old_item : ExtractKey(table, key);
    return absl::OkStatus();
  }
  if (!existed && !expr::UpdateCreatesItem(*update)) {
    new_item->reset();
    return absl::OkStatus();
  }
  Item out;
  absl::Status applied = expr::ApplyUpdate(*update, old_item, &out, touched);
  if (!applied.ok()) {
    // AttributeUpdates report a stored type mismatch with their own text.
    if (legacy_attribute_updates &&
        applied.message() == "An operand in the update expression has an incorrect data type") {
      return MakeError(ErrorType::kValidation, "Type mismatch for attribute to update");
    }
    return applied;
  }
  if (!existed) {
    for (const auto& [name, value] : key) out.insert_or_assign(name, value);
  }
  *new_item = std::move(out);
  return absl::OkStatus();
}

}  // namespace dynarock::ops
