// CreateTable: request validation in DynamoDB's order (generic constraints, billing, key schema
// against attribute definitions, secondary indexes), then the catalog entry. Tables and their
// indexes are ACTIVE at once.
#include <chrono>
#include <cstdio>
#include <random>
#include <set>

#include "dynarock/error.h"
#include "lib/base/status_macros.h"
#include "lib/ops/errors.h"
#include "lib/ops/ops.h"
#include "lib/ops/table_description.h"
#include "lib/ops/table_checks.h"
#include "lib/ops/table_name.h"

namespace dynarock::ops {
namespace {

constexpr size_t kMaxKeyAttributeNameLength = 255;
constexpr size_t kMaxLocalIndexes = 5;
constexpr std::string_view kInvalid = "One or more parameter values were invalid: ";

std::string_view KeyTypeText(KeyType t) { return t == KeyType::kHash ? "HASH" : "RANGE"; }

// Java toString of a KeySchemaElement list, as DynamoDB renders it in constraint messages.
std::string RenderKeySchema(const std::vector<KeySchemaElement>& schema) {
  std::string out = "[";
  for (size_t i = 0; i < schema.size(); ++i) {
    if (i > 0) out += ", ";
    Append(&out, "KeySchemaElement(attributeName=", schema[i].attribute_name,
           ", keyType=", KeyTypeText(schema[i].key_type), ")");
  }
  out += "]";
  return out;
}

void CheckAttributeName(std::string_view name, std::string_view path, ConstraintErrors* errors) {
  if (name.empty()) {
    errors->Add(name, path, MinLengthConstraint(1));
  } else if (name.size() > kMaxKeyAttributeNameLength) {
    errors->Add(name, path, MaxLengthConstraint(kMaxKeyAttributeNameLength));
  }
}

// The generic constraints of one index: name (as a table name: 3..255 and the pattern), key
// schema 1..2 elements with names of 1..255, NonKeyAttributes at most 20 names of 1..255.
void CheckIndexConstraints(std::string_view name, const std::vector<KeySchemaElement>& key_schema,
                           const Projection& projection, std::string_view path,
                           ConstraintErrors* errors) {
  CheckNewTableName(name, Cat(path, ".indexName"), errors);
  const std::string key_path = Cat(path, ".keySchema");
  if (key_schema.empty()) {
    errors->Add("[]", key_path, MinLengthConstraint(1));
  } else if (key_schema.size() > 2) {
    errors->Add(RenderKeySchema(key_schema), key_path, MaxLengthConstraint(2));
  }
  for (size_t i = 0; i < key_schema.size(); ++i) {
    CheckAttributeName(key_schema[i].attribute_name,
                       Cat(key_path, ".", i + 1, ".member.attributeName"), errors);
  }
  if (projection.non_key_attributes.size() > kMaxNonKeyAttributesPerIndex) {
    std::string list = "[";
    for (size_t i = 0; i < projection.non_key_attributes.size(); ++i) {
      if (i > 0) list += ", ";
      list += projection.non_key_attributes[i];
    }
    list += "]";
    errors->Add(list, Cat(path, ".projection.nonKeyAttributes"),
                MaxLengthConstraint(kMaxNonKeyAttributesPerIndex));
  }
}

absl::Status CheckConstraints(const CreateTableRequest& r) {
  ConstraintErrors errors;
  CheckNewTableName(r.table_name, "tableName", &errors);
  if (r.key_schema.empty()) {
    errors.Add("[]", "keySchema", MinLengthConstraint(1));
  } else if (r.key_schema.size() > 2) {
    errors.Add(RenderKeySchema(r.key_schema), "keySchema", MaxLengthConstraint(2));
  }
  for (size_t i = 0; i < r.key_schema.size(); ++i) {
    CheckAttributeName(r.key_schema[i].attribute_name,
                       Cat("keySchema.", i + 1, ".member.attributeName"), &errors);
  }
  for (size_t i = 0; i < r.attribute_definitions.size(); ++i) {
    CheckAttributeName(r.attribute_definitions[i].attribute_name,
                       Cat("attributeDefinitions.", i + 1, ".member.attributeName"), &errors);
  }
  if (r.provisioned_throughput.has_value()) {
    CheckThroughputConstraints(*r.provisioned_throughput, "provisionedThroughput", &errors);
  }
  for (size_t i = 0; i < r.local_secondary_indexes.size(); ++i) {
    const LocalSecondaryIndex& index = r.local_secondary_indexes[i];
    CheckIndexConstraints(index.index_name, index.key_schema, index.projection,
                          Cat("localSecondaryIndexes.", i + 1, ".member"), &errors);
  }
  for (size_t i = 0; i < r.global_secondary_indexes.size(); ++i) {
    const GlobalSecondaryIndex& index = r.global_secondary_indexes[i];
    const std::string path = Cat("globalSecondaryIndexes.", i + 1, ".member");
    CheckIndexConstraints(index.index_name, index.key_schema, index.projection, path, &errors);
    if (index.provisioned_throughput.has_value()) {
      CheckThroughputConstraints(*index.provisioned_throughput,
                                 Cat(path, ".provisionedThroughput"), &errors);
    }
  }
  return errors.ToStatus();
}

absl::Status CheckBilling(const CreateTableRequest& r) {
  const BillingMode mode = r.billing_mode.value_or(BillingMode::kProvisioned);
  if (mode == BillingMode::kPayPerRequest) {
    if (r.provisioned_throughput.has_value()) {
      return Invalid(
          "One or more parameter values were invalid: Neither ReadCapacityUnits nor "
          "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
    }
    return absl::OkStatus();
  }
  if (!r.provisioned_throughput.has_value()) {
    return Invalid(
        "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must "
        "both be specified when BillingMode is PROVISIONED");
  }
  return CheckCapacityBounds(*r.provisioned_throughput, "");
}

// The key schema against the attribute definitions, in the order DynamoDB reports problems.
absl::Status CheckKeySchema(const CreateTableRequest& r) {
  std::set<std::string_view> defined;
  for (const AttributeDefinition& d : r.attribute_definitions) {
    if (!defined.insert(d.attribute_name).second) {
      return Invalid(Cat("Attribute Name is duplicated: ", d.attribute_name));
    }
  }
  const auto& keys = r.key_schema;
  auto is_defined = [&defined](const KeySchemaElement& k) {
    return defined.count(k.attribute_name) > 0;
  };
  if (keys.size() == 2) {
    if (!is_defined(keys[0]) || !is_defined(keys[1]) ||
        (keys[0].attribute_name == keys[1].attribute_name && defined.size() == 1)) {
      return Invalid("Invalid KeySchema: Some index key attribute have no definition");
    }
  } else if (!is_defined(keys[0])) {
    std::string defs;
    for (const AttributeDefinition& d : r.attribute_definitions) {
      if (!defs.empty()) defs += ", ";
      defs += d.attribute_name;
    }
    return Invalid(Cat(
        "One or more parameter values were invalid: Some index key attributes are not defined in "
        "AttributeDefinitions. Keys: [",
        keys[0].attribute_name, "], AttributeDefinitions: [", defs, "]"));
  }
  DYNAROCK_RETURN_IF_ERROR(CheckKeySchemaShape(keys));
  const bool has_indexes =
      !r.global_secondary_indexes.empty() || !r.local_secondary_indexes.empty();
  if (!has_indexes && keys.size() != r.attribute_definitions.size()) {
    return Invalid(
        "One or more parameter values were invalid: Number of attributes in KeySchema does not "
        "exactly match number of attributes defined in AttributeDefinitions");
  }
  return absl::OkStatus();
}

// "[a, b]": a list as DynamoDB renders it in these messages.
std::string RenderNames(const std::vector<std::string_view>& names) {
  std::string out = "[";
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ", ";
    out += names[i];
  }
  out += "]";
  return out;
}

// Secondary indexes (reference 4.1 and 5), after the table's own key schema and billing.
absl::Status CheckIndexes(const CreateTableRequest& r) {
  const auto& lsis = r.local_secondary_indexes;
  const auto& gsis = r.global_secondary_indexes;
  if (lsis.empty() && gsis.empty()) return absl::OkStatus();
  const std::string& table_hash = r.key_schema[0].attribute_name;
  const bool table_has_range = r.key_schema.size() == 2;
  std::set<std::string_view> names;
  size_t projected_non_key = 0;
  if (!lsis.empty()) {
    if (!table_has_range) {
      return Invalid(Cat(kInvalid,
                         "Table KeySchema does not have a range key, which is required when "
                         "specifying a LocalSecondaryIndex"));
    }
    if (lsis.size() > kMaxLocalIndexes) {
      return Invalid(Cat(kInvalid, "Number of LocalSecondaryIndexes exceeds per-table limit of ",
                         kMaxLocalIndexes));
    }
  }
  for (const LocalSecondaryIndex& index : lsis) {
    DYNAROCK_RETURN_IF_ERROR(CheckKeySchemaShape(index.key_schema));
    if (index.key_schema.size() != 2) {
      return Invalid(Cat(kInvalid, "Index KeySchema does not have a range key for index: ",
                         index.index_name));
    }
    if (index.key_schema[0].attribute_name != table_hash) {
      return Invalid(Cat(kInvalid,
                         "Index KeySchema does not have the same leading hash key as table "
                         "KeySchema for index: ",
                         index.index_name, ". index hash key: ", index.key_schema[0].attribute_name,
                         ", table hash key: ", table_hash));
    }
    DYNAROCK_RETURN_IF_ERROR(CheckProjection(index.projection));
    if (!names.insert(index.index_name).second) {
      return Invalid(Cat(kInvalid, "Duplicate index name: ", index.index_name));
    }
    projected_non_key += index.projection.non_key_attributes.size();
  }
  if (gsis.size() > kMaxGlobalIndexes) {
    return Invalid(Cat(kInvalid, "GlobalSecondaryIndex count exceeds the per-table limit of ",
                       kMaxGlobalIndexes));
  }
  const bool provisioned =
      r.billing_mode.value_or(BillingMode::kProvisioned) == BillingMode::kProvisioned;
  for (const GlobalSecondaryIndex& index : gsis) {
    DYNAROCK_RETURN_IF_ERROR(CheckKeySchemaShape(index.key_schema));
    DYNAROCK_RETURN_IF_ERROR(CheckProjection(index.projection));
    if (provisioned && !index.provisioned_throughput.has_value()) {
      return Invalid(
          Cat(kInvalid, "ProvisionedThroughput is not specified for index: ", index.index_name));
    }
    if (!provisioned && index.provisioned_throughput.has_value()) {
      return Invalid(Cat(kInvalid, "ProvisionedThroughput should not be specified for index: ",
                         index.index_name, " when BillingMode is PAY_PER_REQUEST"));
    }
    if (provisioned) {
      DYNAROCK_RETURN_IF_ERROR(
          CheckCapacityBounds(*index.provisioned_throughput, Cat(" for index ", index.index_name)));
    }
    if (!names.insert(index.index_name).second) {
      return Invalid(Cat(kInvalid, "Duplicate index name: ", index.index_name));
    }
    projected_non_key += index.projection.non_key_attributes.size();
  }
  if (projected_non_key > kMaxProjectedNonKeyAttributes) {
    return Invalid(Cat(kInvalid, "Number of projected attributes in all indexes exceeds limit of ",
                       kMaxProjectedNonKeyAttributes));
  }
  // Every key attribute (table and indexes) defined, and every definition used.
  std::set<std::string_view> used;
  for (const KeySchemaElement& k : r.key_schema) used.insert(k.attribute_name);
  for (const LocalSecondaryIndex& index : lsis) {
    for (const KeySchemaElement& k : index.key_schema) used.insert(k.attribute_name);
  }
  for (const GlobalSecondaryIndex& index : gsis) {
    for (const KeySchemaElement& k : index.key_schema) used.insert(k.attribute_name);
  }
  std::set<std::string_view> defined;
  for (const AttributeDefinition& d : r.attribute_definitions) defined.insert(d.attribute_name);
  if (used == defined) return absl::OkStatus();
  const std::vector<std::string_view> used_list(used.begin(), used.end());
  const std::vector<std::string_view> defined_list(defined.begin(), defined.end());
  if (defined.size() > used.size()) {
    return Invalid(Cat(kInvalid, "Some AttributeDefinitions are not used. AttributeDefinitions: ",
                       RenderNames(defined_list), ", keys used: ", RenderNames(used_list)));
  }
  std::vector<std::string_view> missing;
  for (std::string_view name : used) {
    if (defined.count(name) == 0) missing.push_back(name);
  }
  return Invalid(Cat(kInvalid,
                     "Some index key attributes are not defined in AttributeDefinitions. Keys: ",
                     RenderNames(missing), ", AttributeDefinitions: ", RenderNames(defined_list)));
}

// The catalog entries of the request's indexes: LSIs first, then GSIs, in request order;
// spaces 1, 2, ... (an index's space is never reused by its table).
void AddIndexes(const CreateTableRequest& r, storage::TableInfo* info) {
  uint8_t space = 1;
  auto add = [&](const std::string& name, const std::vector<KeySchemaElement>& key_schema,
                 const Projection& projection, bool global) -> storage::IndexInfo& {
    storage::IndexInfo index;
    index.name = name;
    index.global = global;
    index.space = space++;
    index.key_schema = key_schema;
    index.projection = projection;
    index.status = IndexStatus::kActive;
    index.creation_time_ms = info->creation_time_ms;
    info->indexes.push_back(std::move(index));
    return info->indexes.back();
  };
  for (const LocalSecondaryIndex& index : r.local_secondary_indexes) {
    add(index.index_name, index.key_schema, index.projection, /*global=*/false);
  }
  for (const GlobalSecondaryIndex& index : r.global_secondary_indexes) {
    storage::IndexInfo& added =
        add(index.index_name, index.key_schema, index.projection, /*global=*/true);
    if (info->billing_mode == BillingMode::kProvisioned && index.provisioned_throughput) {
      added.read_capacity_units = index.provisioned_throughput->read_capacity_units;
      added.write_capacity_units = index.provisioned_throughput->write_capacity_units;
    }
  }
  info->next_index_space = space;
}

// A random (version 4) UUID in its canonical text form.
std::string NewUuid() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  uint64_t hi = rng();
  uint64_t lo = rng();
  hi = (hi & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
  lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;  // variant 10
  char buf[37];
  std::snprintf(buf, sizeof(buf), "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xffff), static_cast<unsigned>(hi & 0xffff),
                static_cast<unsigned>(lo >> 48),
                static_cast<unsigned long long>(lo & 0xffffffffffffULL));
  return buf;
}

}  // namespace

absl::StatusOr<CreateTableResult> CreateTable(storage::Engine& engine,
                                              const CreateTableRequest& request) {
  DYNAROCK_RETURN_IF_ERROR(CheckConstraints(request));
  DYNAROCK_RETURN_IF_ERROR(CheckBilling(request));
  DYNAROCK_RETURN_IF_ERROR(CheckKeySchema(request));
  DYNAROCK_RETURN_IF_ERROR(CheckIndexes(request));

  storage::TableInfo info;
  info.name = request.table_name;
  info.table_uuid = NewUuid();
  // Stored HASH first, as DescribeTable returns it.
  info.key_schema = request.key_schema;
  info.attribute_definitions = request.attribute_definitions;
  info.billing_mode = request.billing_mode.value_or(BillingMode::kProvisioned);
  if (info.billing_mode == BillingMode::kProvisioned) {
    info.read_capacity_units = request.provisioned_throughput->read_capacity_units;
    info.write_capacity_units = request.provisioned_throughput->write_capacity_units;
  }
  info.creation_time_ms = NowMs();
  info.deletion_protection = request.deletion_protection_enabled.value_or(false);
  AddIndexes(request, &info);
  DYNAROCK_ASSIGN_OR_RETURN(std::shared_ptr<const storage::TableInfo> created,
                            engine.catalog().Create(std::move(info)));
  return CreateTableResult{.table_description =
                               Describe(engine, *created, TableStatus::kActive, {})};
}

}  // namespace dynarock::ops
