// CreateTable: request validation in DynamoDB's order (generic constraints, billing, key schema
// against attribute definitions), then the catalog entry. Tables are ACTIVE at once.
#include <chrono>
#include <cstdio>
#include <random>
#include <set>

#include "dynarock/error.h"
#include "lib/base/status_macros.h"
#include "lib/ops/errors.h"
#include "lib/ops/ops.h"
#include "lib/ops/table_description.h"
#include "lib/ops/table_name.h"

namespace dynarock::ops {
namespace {

constexpr size_t kMaxKeyAttributeNameLength = 255;
constexpr int64_t kMaxCapacityUnits = 1000000000000;  // "Given value ... is out of bounds"

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
    const ProvisionedThroughput& pt = *r.provisioned_throughput;
    if (pt.read_capacity_units < 1) {
      errors.Add(Cat(pt.read_capacity_units), "provisionedThroughput.readCapacityUnits",
                 MinValueConstraint(1));
    }
    if (pt.write_capacity_units < 1) {
      errors.Add(Cat(pt.write_capacity_units), "provisionedThroughput.writeCapacityUnits",
                 MinValueConstraint(1));
    }
  }
  return errors.ToStatus();
}

absl::Status Invalid(std::string_view message) {
  return MakeError(ErrorType::kValidation, message);
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
  const ProvisionedThroughput& pt = *r.provisioned_throughput;
  if (pt.read_capacity_units > kMaxCapacityUnits) {
    return Invalid(
        Cat("Given value ", pt.read_capacity_units, " for ReadCapacityUnits is out of bounds"));
  }
  if (pt.write_capacity_units > kMaxCapacityUnits) {
    return Invalid(
        Cat("Given value ", pt.write_capacity_units, " for WriteCapacityUnits is out of bounds"));
  }
  return absl::OkStatus();
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
  if (keys.size() == 2 && keys[0].attribute_name == keys[1].attribute_name) {
    return Invalid(
        "Both the Hash Key and the Range Key element in the KeySchema have the same name");
  }
  if (keys[0].key_type != KeyType::kHash) {
    return Invalid("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  }
  if (keys.size() == 2 && keys[1].key_type != KeyType::kRange) {
    return Invalid("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
  }
  if (keys.size() != r.attribute_definitions.size()) {
    return Invalid(
        "One or more parameter values were invalid: Number of attributes in KeySchema does not "
        "exactly match number of attributes defined in AttributeDefinitions");
  }
  return absl::OkStatus();
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
  if (!request.global_secondary_indexes.empty()) {
    return NotSupportedYet("GlobalSecondaryIndexes");
  }
  if (!request.local_secondary_indexes.empty()) {
    return NotSupportedYet("LocalSecondaryIndexes");
  }
  DYNAROCK_RETURN_IF_ERROR(CheckBilling(request));
  DYNAROCK_RETURN_IF_ERROR(CheckKeySchema(request));

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
  info.creation_time_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
  info.deletion_protection = request.deletion_protection_enabled.value_or(false);
  DYNAROCK_ASSIGN_OR_RETURN(std::shared_ptr<const storage::TableInfo> created,
                            engine.catalog().Create(std::move(info)));
  return CreateTableResult{.table_description =
                               Describe(engine, *created, TableStatus::kActive, {})};
}

}  // namespace dynarock::ops
