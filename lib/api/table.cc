// Table's shorthands: Put, Get, Delete over the full request structs.
#include <utility>

#include "dynarock/database.h"

namespace dynarock {

absl::Status Table::Put(Item item) const {
  PutItemRequest request{.table_name = name_, .item = std::move(item)};
  return db_->PutItem(request).status();
}

absl::StatusOr<std::optional<Item>> Table::Get(Item key) const {
  GetItemRequest request{.table_name = name_, .key = std::move(key)};
  absl::StatusOr<GetItemResult> result = db_->GetItem(request);
  if (!result.ok()) return result.status();
  return std::move(result->item);
}

absl::Status Table::Delete(Item key) const {
  DeleteItemRequest request{.table_name = name_, .key = std::move(key)};
  return db_->DeleteItem(request).status();
}

}  // namespace dynarock
