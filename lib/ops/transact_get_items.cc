// TransactGetItems (reference 4.16): validates every Get (table, projection, key values), then
// takes the stripe locks of all the items in shared mode, in ascending stripe order, and reads
// them. A transaction holds its items' stripes exclusively from its first read to its commit,
// so the Gets see either none or all of any transaction's writes. A key that does not match its
// table's schema cancels with a ValidationError reason (reference 4.16).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dynarock/error.h"
#include "lib/base/status_macros.h"
#include "lib/ops/item_common.h"
#include "lib/ops/key_validation.h"
#include "lib/ops/multi_item.h"
#include "lib/ops/ops.h"
#include "lib/ops/read_projection.h"
#include "lib/ops/transact_common.h"
#include "lib/value/validate.h"

namespace dynarock::ops {
namespace {

constexpr Operation kOp = Operation::kTransactGetItems;

struct GetAction {
  std::shared_ptr<const storage::TableInfo> table;
  ReadProjection projection;
  std::string key;
  std::optional<std::string> key_error;
};

}  // namespace

absl::StatusOr<TransactGetItemsResult> TransactGetItems(storage::Engine& engine,
                                                        const TransactGetItemsRequest& request) {
  DYNAROCK_RETURN_IF_ERROR(CheckTransactItemCount(request.transact_items.size()));
  static const std::vector<std::string> kNoAttributesToGet;
  std::vector<GetAction> gets(request.transact_items.size());
  std::vector<std::string_view> keys;
  keys.reserve(gets.size());
  for (size_t i = 0; i < gets.size(); ++i) {
    const TransactGet& get = request.transact_items[i];
    GetAction& g = gets[i];
    DYNAROCK_RETURN_IF_ERROR(CheckDataPlaneTableName(get.table_name));
    DYNAROCK_RETURN_IF_ERROR(PrepareReadProjection(kOp, get.projection_expression,
                                                   kNoAttributesToGet,
                                                   get.expression_attribute_names, &g.projection));
    DYNAROCK_RETURN_IF_ERROR(WrapValueError(kOp, value::ValidateItemValues(get.key)));
    DYNAROCK_ASSIGN_OR_RETURN(g.table, FindTable(engine, get.table_name));
    absl::Status key_status = ValidateKey(*g.table, get.key);
    if (!key_status.ok()) {
      if (!IsKeyMismatch(key_status)) return key_status;
      g.key_error = std::string(key_status.message());
      continue;
    }
    AppendStorageKey(*g.table, get.key, &g.key);
    keys.push_back(g.key);
  }
  for (size_t i = 0; i < gets.size(); ++i) {
    if (!gets[i].key_error.has_value()) continue;
    std::vector<CancellationReason> reasons(gets.size(), CancellationReason{.code = "None"});
    reasons[i] = {.code = "ValidationError", .message = *gets[i].key_error};
    return TransactionCanceled(reasons);
  }
  std::vector<size_t> stripes;
  stripes.reserve(keys.size());
  for (std::string_view key : keys) stripes.push_back(storage::ItemLocks::StripeOf(key));
  DYNAROCK_RETURN_IF_ERROR(CheckOneActionPerItem(std::move(keys)));

  TransactGetItemsResult result;
  result.responses.resize(gets.size());
  std::vector<StoredItem> stored(gets.size());
  {
    StripeLockSet lock(engine.locks(), std::move(stripes), StripeLockSet::Mode::kShared);
    for (size_t i = 0; i < gets.size(); ++i) {
      if (gets[i].table->dropped.load()) return DataPlaneTableNotFound();
      DYNAROCK_RETURN_IF_ERROR(ReadStoredItem(engine, gets[i].key, /*decode=*/true, &stored[i]));
    }
  }
  CapacityTally capacity;
  for (size_t i = 0; i < gets.size(); ++i) {
    capacity.Add(gets[i].table->name, 2 * ReadUnits(stored[i].size, /*consistent=*/true));
    if (!stored[i].existed) continue;
    ApplyReadProjection(gets[i].projection, &stored[i].item);
    if (!stored[i].item.empty()) result.responses[i] = std::move(stored[i].item);
  }
  result.consumed_capacity =
      capacity.Finish(request.return_consumed_capacity, CapacityTally::Kind::kTransactRead);
  return result;
}

}  // namespace dynarock::ops
