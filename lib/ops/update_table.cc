// UpdateTable (reference 4.5): validation in DynamoDB's order -- generic constraints, "at least
// one change", the table, the billing and throughput rules, then each
// GlobalSecondaryIndexUpdate -- then one Catalog::Update, then the index work (IndexBuilder).
#include "lib/ops/update_table.h"

#include <chrono>
#include <set>
#include <string>
#include <utility>

#include "dynarock/error.h"

#include "lib/base/status_macros.h"
#include "lib/ops/errors.h"
#include "lib/ops/table_description.h"
#include "lib/ops/table_checks.h"
#include "lib/ops/table_name.h"

namespace dynarock::ops {
namespace {

constexpr std::string_view kInvalid = "One or more parameter values were invalid: ";

absl::Status CheckConstraints(const UpdateTableRequest& r) {
  ConstraintErrors errors;
  CheckTableNameOrArn(r.table_name, "tableName", &errors);
  if (r.provisioned_throughput.has_value()) {
    CheckThroughputConstraints(*r.provisioned_throughput, "provisionedThroughput", &errors);
  }
  if (r.global_secondary_index_updates.has_value()) {
    const auto& updates = *r.global_secondary_index_updates;
    for (size_t i = 0; i < updates.size(); ++i) {
      const std::string path = Cat("globalSecondaryIndexUpdates.", i + 1, ".member");
      if (const auto& c = updates[i].create; c.has_value()) {
        CheckNewTableName(c->index_name, Cat(path, ".create.indexName"), &errors);
        if (c->key_schema.empty()) {
          errors.Add("[]", Cat(path, ".create.keySchema"), MinLengthConstraint(1));
        } else if (c->key_schema.size() > 2) {
          errors.Add(Cat(c->key_schema.size(), " elements"), Cat(path, ".create.keySchema"),
                     MaxLengthConstraint(2));
        }
        if (c->projection.non_key_attributes.size() > kMaxNonKeyAttributesPerIndex) {
          errors.Add(Cat(c->projection.non_key_attributes.size(), " elements"),
                     Cat(path, ".create.projection.nonKeyAttributes"),
                     MaxLengthConstraint(kMaxNonKeyAttributesPerIndex));
        }
        if (c->provisioned_throughput.has_value()) {
          CheckThroughputConstraints(*c->provisioned_throughput,
                                     Cat(path, ".create.provisionedThroughput"), &errors);
        }
      }
      if (const auto& u = updates[i].update; u.has_value()) {
        CheckNewTableName(u->index_name, Cat(path, ".update.indexName"), &errors);
        if (u->provisioned_throughput.has_value()) {
          CheckThroughputConstraints(*u->provisioned_throughput,
                                     Cat(path, ".update.provisionedThroughput"), &errors);
        }
      }
      if (const auto& d = updates[i].delete_action; d.has_value()) {
        CheckNewTableName(d->index_name, Cat(path, ".delete.indexName"), &errors);
      }
    }
  }
  return errors.ToStatus();
}

// The key schema and projection of a new GSI, against the table and the request's
// AttributeDefinitions (a delta merged into the table's).
absl::Status CheckCreate(const storage::TableInfo& table, const UpdateTableRequest& r,
                         const CreateGlobalSecondaryIndexAction& c, BillingMode mode) {
  if (table.FindIndex(c.index_name) != nullptr) {
    return Invalid("Attempting to create an index which already exists");
  }
  const auto& keys = c.key_schema;
  DYNAROCK_RETURN_IF_ERROR(CheckKeySchemaShape(keys));
  const Projection& p = c.projection;
  DYNAROCK_RETURN_IF_ERROR(CheckProjection(p));
  size_t projected = p.non_key_attributes.size();
  size_t globals = 1;
  for (const storage::IndexInfo& index : table.indexes) {
    projected += index.projection.non_key_attributes.size();
    if (index.global) ++globals;
  }
  if (globals > kMaxGlobalIndexes) {  // UpdateTable's own form (live catalogue DDB-TABLE-169)
    return MakeError(ErrorType::kLimitExceeded,
                     Cat("Subscriber limit exceeded: Number of global secondary indexes exceeds "
                         "per-table limit of ",
                         kMaxGlobalIndexes));
  }
  if (projected > kMaxProjectedNonKeyAttributes) {
    return Invalid(Cat(kInvalid, "Number of projected attributes in all indexes exceeds limit of ",
                       kMaxProjectedNonKeyAttributes));
  }
  if (mode == BillingMode::kProvisioned && !c.provisioned_throughput.has_value()) {
    // UpdateTable's own text (live catalogue DDB-TABLE-152; CreateTable says "is not specified").
    return Invalid(Cat(kInvalid, "Both ReadCapacityUnits and WriteCapacityUnits must be specified "
                                 "for index: ",
                       c.index_name));
  }
  if (mode == BillingMode::kPayPerRequest && c.provisioned_throughput.has_value()) {
    return Invalid(Cat(kInvalid, "ProvisionedThroughput should not be specified for index: ",
                       c.index_name, " when BillingMode is PAY_PER_REQUEST"));
  }
  if (c.provisioned_throughput.has_value()) {
    DYNAROCK_RETURN_IF_ERROR(
        CheckCapacityBounds(*c.provisioned_throughput, Cat(" for index ", c.index_name)));
  }
  // Every key attribute defined in this request; an attribute a key of the table or of another
  // index already uses keeps its type.
  for (const KeySchemaElement& k : keys) {
    const AttributeDefinition* def = nullptr;
    for (const AttributeDefinition& d : r.attribute_definitions) {
      if (d.attribute_name == k.attribute_name) def = &d;
    }
    if (def == nullptr) {
      return Invalid(
          Cat(kInvalid, "Some index key attributes are not defined in AttributeDefinitions"));
    }
  }
  for (const AttributeDefinition& d : r.attribute_definitions) {
    for (const AttributeDefinition& old : table.attribute_definitions) {
      if (old.attribute_name == d.attribute_name && old.attribute_type != d.attribute_type) {
        bool used_by_new = false;
        for (const KeySchemaElement& k : keys) used_by_new |= k.attribute_name == d.attribute_name;
        if (used_by_new) {
          return Invalid(Cat(kInvalid,
                             "Attributes cannot be redefined. Please check that your attribute "
                             "has the same type as previously defined."));
        }
      }
    }
  }
  return absl::OkStatus();
}

// An unknown index in GlobalSecondaryIndexUpdates (live catalogue DDB-TABLE-380: no colon after
// "Index", unlike the table's message).
std::string IndexNotFoundMessage(std::string_view index, std::string_view table) {
  return Cat("Requested resource not found: Index ", index, " for table ", table);
}

}  // namespace

TableStatus CurrentTableStatus(const storage::TableInfo& table) {
  for (const storage::IndexInfo& index : table.indexes) {
    if (index.status == IndexStatus::kCreating || index.status == IndexStatus::kDeleting) {
      return TableStatus::kUpdating;
    }
  }
  return TableStatus::kActive;
}

absl::StatusOr<UpdateTableResult> UpdateTable(storage::Engine& engine, IndexBuilder& builder,
                                              const UpdateTableRequest& request) {
  DYNAROCK_RETURN_IF_ERROR(CheckConstraints(request));
  const bool has_gsi_updates = request.global_secondary_index_updates.has_value() &&
                               !request.global_secondary_index_updates->empty();
  if (!request.provisioned_throughput.has_value() && !request.billing_mode.has_value() &&
      !has_gsi_updates && !request.deletion_protection_enabled.has_value()) {
    return Invalid(
        "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
        "GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, "
        "MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, "
        "DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is "
        "required");
  }
  // An empty list next to another change is refused, and nothing is applied (live catalogue
  // DDB-TABLE-359).
  if (request.global_secondary_index_updates.has_value() &&
      request.global_secondary_index_updates->empty()) {
    return Invalid(Cat(kInvalid, "List of GlobalSecondaryIndexUpdates is empty"));
  }
  // UpdateTable is one change per call: DeletionProtectionEnabled with anything else is refused
  // and nothing is applied (live catalogue DDB-TABLE-433/156/174).
  if (request.deletion_protection_enabled.has_value() &&
      (request.provisioned_throughput.has_value() || request.billing_mode.has_value() ||
       has_gsi_updates)) {
    return Invalid(
        Cat(kInvalid, "DeletionProtection modification must be the only operation in the request"));
  }
  const std::string name(ResolveTableName(engine, request.table_name));
  std::shared_ptr<const storage::TableInfo> table = engine.catalog().Find(name);
  if (table == nullptr) return ControlPlaneTableNotFound(name);

  // Billing mode and the table's throughput.
  const BillingMode mode = request.billing_mode.value_or(table->billing_mode);
  if (mode == BillingMode::kPayPerRequest && request.provisioned_throughput.has_value()) {
    return Invalid(Cat(kInvalid,
                       "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
                       "BillingMode is PAY_PER_REQUEST"));
  }
  // BillingMode PROVISIONED needs ProvisionedThroughput even on a PROVISIONED table (live
  // catalogue DDB-TABLE-164/057).
  if (request.billing_mode == BillingMode::kProvisioned &&
      !request.provisioned_throughput.has_value()) {
    return Invalid(
        Cat(kInvalid, "ProvisionedThroughput must be specified when BillingMode is PROVISIONED"));
  }
  if (request.provisioned_throughput.has_value()) {
    const ProvisionedThroughput& pt = *request.provisioned_throughput;
    DYNAROCK_RETURN_IF_ERROR(CheckCapacityBounds(pt, ""));
    if (table->billing_mode == BillingMode::kProvisioned &&
        pt.read_capacity_units == table->read_capacity_units &&
        pt.write_capacity_units == table->write_capacity_units && !has_gsi_updates) {
      return Invalid(Cat(
          "The provisioned throughput for the table will not change. The requested value "
          "equals the current value. Current ReadCapacityUnits provisioned for the table: ",
          table->read_capacity_units, ". Requested ReadCapacityUnits: ", pt.read_capacity_units,
          ". Current WriteCapacityUnits provisioned for the table: ", table->write_capacity_units,
          ". Requested WriteCapacityUnits: ", pt.write_capacity_units,
          ". Refer to the Amazon DynamoDB Developer Guide for current limits and how to "
          "request higher limits."));
    }
  }

  // GlobalSecondaryIndexUpdates.
  const CreateGlobalSecondaryIndexAction* create = nullptr;
  const DeleteGlobalSecondaryIndexAction* remove = nullptr;
  if (has_gsi_updates) {
    std::set<std::string_view> names;
    size_t online = 0;
    for (const GlobalSecondaryIndexUpdate& u : *request.global_secondary_index_updates) {
      const int actions =
          int{u.create.has_value()} + int{u.update.has_value()} + int{u.delete_action.has_value()};
      if (actions == 0) {
        return Invalid(Cat(kInvalid,
                           "One of GlobalSecondaryIndexUpdate.Update, "
                           "GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete "
                           "must not be null"));
      }
      if (actions > 1) {
        return Invalid(Cat(kInvalid,
                           "Only one global secondary index action is allowed per "
                           "GlobalSecondaryIndexUpdate object"));
      }
      const std::string& index_name = u.create   ? u.create->index_name
                                      : u.update ? u.update->index_name
                                                 : u.delete_action->index_name;
      if (!names.insert(index_name).second) {
        return Invalid(Cat(kInvalid,
                           "Only one global secondary index update per index is allowed "
                           "simultaneously. Index: ",
                           index_name));
      }
      if (u.create || u.delete_action) ++online;
      if (u.create) create = &*u.create;
      if (u.delete_action) remove = &u.delete_action.value();
    }
    if (online > 1) {
      return MakeError(ErrorType::kLimitExceeded,
                       "Subscriber limit exceeded: Only 1 online index can be created or deleted "
                       "simultaneously per table");
    }
    // While an index is being created or deleted no other can be (the creating one itself may
    // be deleted).
    for (const storage::IndexInfo& index : table->indexes) {
      const bool busy =
          index.status == IndexStatus::kCreating || index.status == IndexStatus::kDeleting;
      const bool deleting_it = remove != nullptr && remove->index_name == index.name &&
                               index.status == IndexStatus::kCreating;
      if (busy && online > 0 && !deleting_it) {
        return MakeError(ErrorType::kLimitExceeded,
                         "Subscriber limit exceeded: Only 1 online index can be created or "
                         "deleted simultaneously per table");
      }
    }
    for (const GlobalSecondaryIndexUpdate& u : *request.global_secondary_index_updates) {
      if (u.create) DYNAROCK_RETURN_IF_ERROR(CheckCreate(*table, request, *u.create, mode));
      const std::string* target = u.update          ? &u.update->index_name
                                  : u.delete_action ? &u.delete_action->index_name
                                                    : nullptr;
      if (target == nullptr) continue;
      const storage::IndexInfo* index = table->FindIndex(*target);
      if (index != nullptr && !index->global) {
        return Invalid(Cat("Cannot delete an index that is not a GlobalSecondaryIndex: ", *target));
      }
      if (index == nullptr || index->status == IndexStatus::kDeleting) {
        return MakeError(ErrorType::kResourceNotFound, IndexNotFoundMessage(*target, name));
      }
      if (u.update) {
        if (mode == BillingMode::kPayPerRequest && u.update->provisioned_throughput) {
          // Live catalogue DDB-TABLE-152 (OnDemandThroughput and WarmThroughput updates of an
          // index are not modelled).
          return Invalid(Cat(kInvalid, "The only Updates for index: ", *target,
                             " when TableThroughputMode is PAY_PER_REQUEST can be to "
                             "OnDemandThroughput, WarmThroughput"));
        }
        if (u.update->provisioned_throughput) {
          DYNAROCK_RETURN_IF_ERROR(
              CheckCapacityBounds(*u.update->provisioned_throughput, Cat(" for index ", *target)));
        }
      }
    }
  }
  // Switching a table with GSIs to PROVISIONED needs every live GSI's throughput in the same
  // call; nothing is assigned by default (live catalogue DDB-TABLE-152; several names are
  // comma-joined, as dynalite lists them).
  if (mode == BillingMode::kProvisioned && table->billing_mode == BillingMode::kPayPerRequest) {
    std::string missing;
    for (const storage::IndexInfo& index : table->indexes) {
      if (!index.global || index.status == IndexStatus::kDeleting) continue;
      bool given = false;
      if (has_gsi_updates) {
        for (const GlobalSecondaryIndexUpdate& u : *request.global_secondary_index_updates) {
          given = given || (u.update && u.update->index_name == index.name &&
                            u.update->provisioned_throughput.has_value());
        }
      }
      if (given) continue;
      if (!missing.empty()) missing += ',';
      missing += index.name;
    }
    if (!missing.empty()) {
      return Invalid(Cat(kInvalid, "ProvisionedThroughput must be specified for index: ", missing));
    }
  }
  table.reset();

  // One catalog change. The checks above ran on a snapshot; the mutation re-checks what a
  // concurrent UpdateTable could have changed.
  const int64_t now = NowMs();
  auto mutate = [&](storage::TableInfo& t) -> absl::Status {
    if (request.deletion_protection_enabled.has_value()) {
      t.deletion_protection = *request.deletion_protection_enabled;
    }
    t.billing_mode = mode;
    if (mode == BillingMode::kPayPerRequest) {
      t.read_capacity_units = 0;
      t.write_capacity_units = 0;
      for (storage::IndexInfo& index : t.indexes) {
        index.read_capacity_units = 0;
        index.write_capacity_units = 0;
      }
    } else if (request.provisioned_throughput.has_value()) {
      t.read_capacity_units = request.provisioned_throughput->read_capacity_units;
      t.write_capacity_units = request.provisioned_throughput->write_capacity_units;
    }
    if (!has_gsi_updates) return absl::OkStatus();
    for (const GlobalSecondaryIndexUpdate& u : *request.global_secondary_index_updates) {
      if (!u.update || !u.update->provisioned_throughput) continue;
      for (storage::IndexInfo& index : t.indexes) {
        if (index.name != u.update->index_name) continue;
        index.read_capacity_units = u.update->provisioned_throughput->read_capacity_units;
        index.write_capacity_units = u.update->provisioned_throughput->write_capacity_units;
      }
    }
    if (create != nullptr) {
      if (t.FindIndex(create->index_name) != nullptr) {
        return Invalid("Attempting to create an index which already exists");
      }
      for (const storage::IndexInfo& index : t.indexes) {
        if (index.status == IndexStatus::kCreating || index.status == IndexStatus::kDeleting) {
          return MakeError(ErrorType::kLimitExceeded,
                           "Subscriber limit exceeded: Only 1 online index can be created or "
                           "deleted simultaneously per table");
        }
      }
      if (t.next_index_space == 0) {  // wrapped: 255 indexes were created on this table
        return MakeError(ErrorType::kLimitExceeded,
                         "Subscriber limit exceeded: too many indexes were created on this table");
      }
      // New definitions for the new index's keys (the others in the request are ignored).
      std::vector<AttributeDefinition> extra;
      for (const AttributeDefinition& d : request.attribute_definitions) {
        for (const KeySchemaElement& k : create->key_schema) {
          if (k.attribute_name == d.attribute_name) extra.push_back(d);
        }
      }
      storage::IndexInfo index;
      index.name = create->index_name;
      index.global = true;
      index.space = t.next_index_space;
      t.next_index_space = static_cast<uint8_t>(t.next_index_space + 1);
      index.key_schema = create->key_schema;
      index.projection = create->projection;
      index.status = IndexStatus::kCreating;
      index.backfilling = true;
      if (mode == BillingMode::kProvisioned && create->provisioned_throughput) {
        index.read_capacity_units = create->provisioned_throughput->read_capacity_units;
        index.write_capacity_units = create->provisioned_throughput->write_capacity_units;
      }
      index.creation_time_ms = now;
      t.indexes.push_back(std::move(index));
      PruneAttributeDefinitions(&t, extra);
    }
    if (remove != nullptr) {
      for (storage::IndexInfo& index : t.indexes) {
        if (index.name != remove->index_name) continue;
        if (index.status == IndexStatus::kDeleting) {
          return MakeError(ErrorType::kResourceNotFound, IndexNotFoundMessage(index.name, t.name));
        }
        index.status = IndexStatus::kDeleting;
        index.backfilling = false;
      }
    }
    return absl::OkStatus();
  };
  std::shared_ptr<const storage::TableInfo> previous;
  DYNAROCK_ASSIGN_OR_RETURN(std::shared_ptr<const storage::TableInfo> updated,
                            engine.catalog().Update(name, mutate, &previous));
  DYNAROCK_ASSIGN_OR_RETURN(storage::TableCounters counters,
                            engine.catalog().ReadCounters(updated->id));
  UpdateTableResult result{.table_description =
                               Describe(engine, *updated, TableStatus::kUpdating, counters)};
  if (create != nullptr) {
    builder.Start(updated, create->index_name, std::move(previous));
  } else if (remove != nullptr) {
    builder.Start(updated, remove->index_name, std::move(previous));
  }
  return result;
}

}  // namespace dynarock::ops
