// TransactWriteItems (reference 4.15). Mechanism (docs/design.md, "Transactions"):
//  1. Validate every action without I/O beyond catalog lookups: exactly one of ConditionCheck,
//     Put, Update, Delete; table names; expressions (parsed once); values; Put sizes; tables;
//     keys; at most one action per item. Request-level problems fail the whole request with a
//     ValidationException; a key that does not match its table's schema becomes that action's
//     ValidationError cancellation reason, as in DynamoDB.
//  2. ClientRequestToken: an identical request that succeeded within 10 minutes is answered
//     from the token store without running (transact_tokens.h).
//  3. Lock the stripes of all the items, deduplicated, in ascending stripe order (deadlock-free:
//     every multi-item locker uses that order and single-item writers hold one stripe).
//  4. Read every item, evaluate every condition (all failures are reported, no short-circuit)
//     and compute every Update's result; a runtime ValidationError stops the evaluation (later
//     actions report None). Any failure cancels with TransactionCanceledException carrying one
//     CancellationReason per action in request order.
//  5. Otherwise stage every write (item, counter delta, index entries) with StageItemWrite into
//     ONE RocksDB WriteBatch. For tables with an LSI, sum each item collection's size delta over
//     the actions; a collection the transaction grows past the limit cancels it with reason
//     ItemCollectionSizeLimitExceeded on the first action that takes it past the limit (None
//     for the others) and nothing is written (CollectionTally, multi_item.h).
//  6. Commit the batch: all or nothing, and no reader that honours the stripe locks
//     (TransactGetItems, single-item writes) sees a partial state. ReturnItemCollectionMetrics
//     SIZE answers one ItemCollectionMetrics per collection written.
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dynarock/error.h"
#include "lib/base/status_macros.h"
#include "lib/expr/expression.h"
#include "lib/ops/conditions.h"
#include "lib/ops/index_entries.h"
#include "lib/ops/item_common.h"
#include "lib/ops/item_write.h"
#include "lib/ops/key_validation.h"
#include "lib/ops/multi_item.h"
#include "lib/ops/ops.h"
#include "lib/ops/transact_common.h"
#include "lib/ops/transact_tokens.h"
#include "lib/ops/update_apply.h"
#include "lib/storage/counters.h"
#include "lib/value/item_size.h"
#include "lib/value/validate.h"
#include "rocksdb/write_batch.h"

namespace dynarock::ops {
namespace {

constexpr Operation kOp = Operation::kTransactWriteItems;

enum class Kind { kConditionCheck, kPut, kDelete, kUpdate };

// One action, validated. Borrows the request (the parsed expressions bind its maps).
struct Action {
  Kind kind = Kind::kConditionCheck;
  const std::string* table_name = nullptr;
  const Item* values = nullptr;  // the Key, or the Put's Item
  const ExpressionAttributeNames* names = nullptr;
  const ExpressionAttributeValues* attribute_values = nullptr;
  std::optional<ReturnValuesOnConditionCheckFailure> on_failure{};
  std::optional<std::string> condition_text{};
  std::optional<std::string> update_text{};
  WriteExpressions expressions{};
  std::shared_ptr<const storage::TableInfo> table{};
  std::string key{};                        // storage key (empty when key_error is set)
  std::optional<std::string> key_error{};   // a schema mismatch: ValidationError reason
  std::string stored{};                     // the encoded new value (Put, Update)
  size_t new_size = 0;
  StoredItem old{};
  std::optional<Item> new_item{};  // Update's result
};

absl::Status ExactlyOneError() {
  return MakeError(ErrorType::kValidation,
                   "TransactItems can only contain one of Check, Put, Update or Delete");
}

// Fills the borrowed members of `a` from `action`.
absl::Status Describe(const TransactWriteItem& action, Action* a) {
  const int members = action.condition_check.has_value() + action.put.has_value() +
                      action.del.has_value() + action.update.has_value();
  if (members != 1) return ExactlyOneError();
  auto fill = [a](Kind kind, const auto& op, const Item& values) {
    a->kind = kind;
    a->table_name = &op.table_name;
    a->values = &values;
    a->names = &op.expression_attribute_names;
    a->attribute_values = &op.expression_attribute_values;
    a->on_failure = op.return_values_on_condition_check_failure;
  };
  if (action.condition_check.has_value()) {
    fill(Kind::kConditionCheck, *action.condition_check, action.condition_check->key);
    a->condition_text = action.condition_check->condition_expression;
  } else if (action.put.has_value()) {
    fill(Kind::kPut, *action.put, action.put->item);
    a->condition_text = action.put->condition_expression;
  } else if (action.del.has_value()) {
    fill(Kind::kDelete, *action.del, action.del->key);
    a->condition_text = action.del->condition_expression;
  } else {
    fill(Kind::kUpdate, *action.update, action.update->key);
    a->condition_text = action.update->condition_expression;
    a->update_text = action.update->update_expression;
  }
  return absl::OkStatus();
}

absl::Status Validate(storage::Engine& engine, Action* a) {
  DYNAROCK_RETURN_IF_ERROR(CheckDataPlaneTableName(*a->table_name));
  DYNAROCK_RETURN_IF_ERROR(PrepareWriteExpressions(
      kOp, a->condition_text, a->kind == Kind::kUpdate ? &a->update_text : nullptr, *a->names,
      *a->attribute_values, {}, &a->expressions));
  DYNAROCK_RETURN_IF_ERROR(WrapValueError(kOp, value::ValidateItemValues(*a->values)));
  if (a->kind == Kind::kPut) {
    a->new_size = value::ItemSize(*a->values);
    if (a->new_size > value::kMaxItemSize) {
      return MakeError(ErrorType::kValidation, "Item size has exceeded the maximum allowed size");
    }
  }
  DYNAROCK_ASSIGN_OR_RETURN(a->table, FindTable(engine, *a->table_name));
  absl::Status key_status = a->kind == Kind::kPut ? ValidateItemKey(*a->table, *a->values)
                                                  : ValidateKey(*a->table, *a->values);
  if (!key_status.ok()) {
    if (!IsKeyMismatch(key_status)) return key_status;
    a->key_error = std::string(key_status.message());
    return absl::OkStatus();
  }
  if (a->kind == Kind::kUpdate && a->expressions.update.has_value()) {
    std::string_view key_names[2] = {a->table->hash_key, {}};
    size_t key_count = 1;
    if (a->table->range_key.has_value()) key_names[key_count++] = *a->table->range_key;
    DYNAROCK_RETURN_IF_ERROR(expr::CheckKeyAttributes(*a->expressions.update,
                                                      absl::MakeConstSpan(key_names, key_count)));
  }
  if (a->kind == Kind::kPut) {
    DYNAROCK_RETURN_IF_ERROR(ValidateIndexKeys(*a->table, *a->values, IndexKeySource::kItem));
  }
  AppendStorageKey(*a->table, *a->values, &a->key);
  if (a->kind == Kind::kPut) EncodeStoredItem(*a->values, a->new_size, &a->stored);
  return absl::OkStatus();
}

// Evaluates action `a` against its current item. Returns the cancellation reason (code "None"
// when the action can commit); *stop is set for a ValidationError.
CancellationReason Evaluate(Action* a, bool* stop) {
  CancellationReason reason{.code = "None"};
  const expr::ParsedCondition* condition =
      a->expressions.condition.has_value() ? &*a->expressions.condition : nullptr;
  if (condition != nullptr && !expr::EvaluateCondition(*condition, a->old.item)) {
    reason.code = "ConditionalCheckFailed";
    reason.message = "The conditional request failed";
    if (a->old.existed && a->on_failure == ReturnValuesOnConditionCheckFailure::kAllOld) {
      reason.item = a->old.item;
    }
    return reason;
  }
  if (a->kind != Kind::kUpdate) return reason;
  const expr::ParsedUpdate* update =
      a->expressions.update.has_value() ? &*a->expressions.update : nullptr;
  expr::UpdatedPaths touched;
  absl::Status s = ComputeUpdatedItem(*a->table, *a->values, update,
                                      /*legacy_attribute_updates=*/false, a->old.item,
                                      a->old.existed, &a->new_item, &touched);
  if (s.ok() && a->new_item.has_value()) {
    s = value::ValidateItemValues(*a->new_item);
    if (s.ok()) {
      s = ValidateIndexKeys(*a->table, *a->new_item, IndexKeySource::kUpdateExpression,
                            a->old.existed ? &a->old.item : nullptr);
    }
    if (s.ok()) {
      a->new_size = value::ItemSize(*a->new_item);
      if (a->new_size > value::kMaxItemSize) {
        s = MakeError(ErrorType::kValidation,
                      "Item size to update has exceeded the maximum allowed size");
      }
    }
  }
  if (!s.ok()) {
    reason.code = "ValidationError";
    reason.message = std::string(s.message());
    *stop = true;
  }
  return reason;
}

// Stages action `a`; *collection_delta receives its item collection's size delta (0 for a
// table without an LSI). Its units go to *capacity, its index units too when `want_capacity`
// (twice the write's, as for the table).
absl::Status Stage(Action* a, bool want_capacity, CapacityTally* capacity,
                   rocksdb::WriteBatch* batch, int64_t* collection_delta) {
  const StoredItem& old = a->old;
  const Item* old_item = old.existed ? &old.item : nullptr;
  const int64_t old_size = static_cast<int64_t>(old.size);
  auto add_index_units = [&](const Item* new_item) {
    if (!want_capacity || a->table->indexes.empty()) return;
    std::vector<IndexUnits> units;
    AddIndexWriteUnits(*a->table, old_item, new_item, &units);
    capacity->AddIndexes(a->table->name, units, 2);
  };
  switch (a->kind) {
    case Kind::kConditionCheck:
      capacity->Add(a->table->name, 2 * WriteUnits(old.size, 0));
      return absl::OkStatus();
    case Kind::kPut:
      capacity->Add(a->table->name, 2 * WriteUnits(old.size, a->new_size));
      add_index_units(a->values);
      return StageItemWrite(*a->table,
                            {.key = a->key,
                             .stored = &a->stored,
                             .old_item = old_item,
                             .new_item = a->values,
                             .delta = {.item_count = old.existed ? 0 : 1,
                                       .size_bytes = static_cast<int64_t>(a->new_size) - old_size}},
                            batch, collection_delta);
    case Kind::kDelete:
      capacity->Add(a->table->name, 2 * WriteUnits(old.size, 0));
      if (!old.existed) return absl::OkStatus();
      add_index_units(nullptr);
      return StageItemWrite(
          *a->table,
          {.key = a->key, .old_item = old_item, .delta = {.item_count = -1, .size_bytes = -old_size}},
          batch, collection_delta);
    case Kind::kUpdate:
      capacity->Add(a->table->name, 2 * WriteUnits(old.size, a->new_size));
      if (!a->new_item.has_value()) return absl::OkStatus();
      add_index_units(&*a->new_item);
      EncodeStoredItem(*a->new_item, a->new_size, &a->stored);
      return StageItemWrite(*a->table,
                            {.key = a->key,
                             .stored = &a->stored,
                             .old_item = old_item,
                             .new_item = &*a->new_item,
                             .delta = {.item_count = old.existed ? 0 : 1,
                                       .size_bytes = static_cast<int64_t>(a->new_size) - old_size}},
                            batch, collection_delta);
  }
  return absl::OkStatus();
}

absl::StatusOr<TransactWriteItemsResult> Run(storage::Engine& engine,
                                             const TransactWriteItemsRequest& request,
                                             std::vector<Action>& actions) {
  std::vector<size_t> stripes;
  stripes.reserve(actions.size());
  for (const Action& a : actions) {
    if (!a.key_error.has_value()) stripes.push_back(storage::ItemLocks::StripeOf(a.key));
  }
  CapacityTally capacity;
  StripeLockSet lock(engine.locks(), std::move(stripes), StripeLockSet::Mode::kExclusive);
  for (const Action& a : actions) {
    if (a.table->dropped.load()) return DataPlaneTableNotFound();
  }
  std::vector<CancellationReason> reasons(actions.size(), CancellationReason{.code = "None"});
  bool cancelled = false;
  for (size_t i = 0; i < actions.size(); ++i) {
    Action& a = actions[i];
    if (a.key_error.has_value()) {
      reasons[i] = {.code = "ValidationError", .message = *a.key_error};
      cancelled = true;
      break;
    }
    const bool decode = a.expressions.condition.has_value() || a.kind == Kind::kUpdate ||
                        NeedsOldItem(*a.table);
    DYNAROCK_RETURN_IF_ERROR(ReadStoredItem(engine, a.key, decode, &a.old));
    bool stop = false;
    reasons[i] = Evaluate(&a, &stop);
    if (reasons[i].code != "None") cancelled = true;
    if (stop) break;
  }
  if (cancelled) return TransactionCanceled(reasons);
  const bool want_metrics =
      request.return_item_collection_metrics == ReturnItemCollectionMetrics::kSize;
  CollectionTally collections;
  rocksdb::WriteBatch batch;
  for (size_t i = 0; i < actions.size(); ++i) {
    Action& a = actions[i];
    int64_t collection_delta = 0;
    DYNAROCK_RETURN_IF_ERROR(Stage(&a, WantsCapacity(request.return_consumed_capacity),
                                   &capacity, &batch, &collection_delta));
    // collection_delta is 0 for a table without an LSI: such actions skip the tally.
    if (collection_delta != 0 ||
        (want_metrics && a.kind != Kind::kConditionCheck && HasLocalIndex(*a.table))) {
      collections.Add(*a.table, *a.values, collection_delta, i);
    }
  }
  if (!collections.empty()) {
    DYNAROCK_ASSIGN_OR_RETURN(std::optional<size_t> over,
                              collections.CheckLimit(engine, want_metrics));
    if (over.has_value()) {
      // Every reason is None here (nothing else cancelled the transaction).
      reasons[*over] = {.code = "ItemCollectionSizeLimitExceeded",
                        .message = "Collection size exceeded."};
      return TransactionCanceled(reasons);
    }
  }
  DYNAROCK_RETURN_IF_ERROR(engine.store().Write(&batch));
  TransactWriteItemsResult result;
  result.consumed_capacity =
      capacity.Finish(request.return_consumed_capacity, CapacityTally::Kind::kTransactWrite);
  if (want_metrics) result.item_collection_metrics = collections.Metrics();
  return result;
}

}  // namespace

absl::StatusOr<TransactWriteItemsResult> TransactWriteItems(
    storage::Engine& engine, TransactionTokens& tokens, const TransactWriteItemsRequest& request) {
  DYNAROCK_RETURN_IF_ERROR(CheckTransactItemCount(request.transact_items.size()));
  if (request.client_request_token.has_value()) {
    DYNAROCK_RETURN_IF_ERROR(CheckClientRequestToken(*request.client_request_token));
  }
  // Fixed size: the parsed expressions point into each Action, which must not move.
  std::vector<Action> actions(request.transact_items.size());
  for (size_t i = 0; i < actions.size(); ++i) {
    DYNAROCK_RETURN_IF_ERROR(Describe(request.transact_items[i], &actions[i]));
    DYNAROCK_RETURN_IF_ERROR(Validate(engine, &actions[i]));
  }
  std::vector<std::string_view> keys;
  keys.reserve(actions.size());
  for (const Action& a : actions) {
    if (!a.key_error.has_value()) keys.push_back(a.key);
  }
  DYNAROCK_RETURN_IF_ERROR(CheckOneActionPerItem(std::move(keys)));

  if (!request.client_request_token.has_value()) return Run(engine, request, actions);
  const std::string& token = *request.client_request_token;
  TransactWriteItemsResult replay;
  DYNAROCK_ASSIGN_OR_RETURN(TransactionTokens::Claim claim,
                            tokens.Begin(token, TransactFingerprint(request), &replay));
  if (claim == TransactionTokens::Claim::kReplay) {
    // A replay writes nothing; DynamoDB reports the read units of reading the items instead
    // (API TransactWriteItems, ClientRequestToken), as a transactional read: twice the
    // strongly consistent units of each item as it is now, per this call's
    // ReturnConsumedCapacity.
    CapacityTally capacity;
    if (WantsCapacity(request.return_consumed_capacity)) {
      for (const Action& a : actions) {
        StoredItem now;
        if (!a.key_error.has_value()) {
          DYNAROCK_RETURN_IF_ERROR(ReadStoredItem(engine, a.key, /*decode=*/false, &now));
        }
        capacity.Add(a.table->name, 2 * ReadUnits(now.size, /*consistent=*/true));
      }
    }
    replay.consumed_capacity =
        capacity.Finish(request.return_consumed_capacity, CapacityTally::Kind::kTransactRead);
    return replay;
  }
  absl::StatusOr<TransactWriteItemsResult> result = Run(engine, request, actions);
  tokens.Finish(token, result.ok(), result.ok() ? *result : TransactWriteItemsResult{});
  return result;
}

}  // namespace dynarock::ops
