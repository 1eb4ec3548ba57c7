// File: lib/ops/update_apply.h
//
// Applying a parsed UpdateExpression (or translated AttributeUpdates) to an item: the step
// UpdateItem and TransactWriteItems' Update share. Pure: no I/O, no locks.
#ifndef DYNAROCK_LIB_OPS_UPDATE_APPLY_H_
#define DYNAROCK_LIB_OPS_UPDATE_APPLY_H_

#include <optional>

#include "absl/status/status.h"
#include "dynarock/item.h"
#include "lib/expr/expression.h"
#include "lib/storage/catalog.h"

namespace dynarock::ops {

// The item after `update` (null: no UpdateExpression, the item is only created) is applied to
// `old_item` (empty when !existed) of the item with key `key`; nullopt when nothing is stored
// afterwards (an absent item and an update that only removes). `touched` receives the paths
// the update set or removed. `legacy_attribute_updates` selects the AttributeUpdates text for
// a stored type mismatch. Runtime update errors are bare ValidationExceptions.
absl::Status ComputeUpdatedItem(const storage::TableInfo& table, const Item& key,
                                const expr::ParsedUpdate* update, bool legacy_attribute_updates,
                                const Item& old_item, bool existed, std::optional<Item>* new_item,
                                expr::UpdatedPaths* touched);

}  // namespace dynarock::ops

#endif  // DYNAROCK_LIB_OPS_UPDATE_APPLY_H_
