#include "lib/ops/table_checks.h"

#include <chrono>
#include <set>
#include <string>

#include "dynarock/error.h"

namespace dynarock::ops {
namespace {

constexpr std::string_view kInvalid = "One or more parameter values were invalid: ";

}  // namespace

void CheckThroughputConstraints(const ProvisionedThroughput& pt, std::string_view path,
                                ConstraintErrors* errors) {
  if (pt.read_capacity_units < 1) {
    errors->Add(Cat(pt.read_capacity_units), Cat(path, ".readCapacityUnits"),
                MinValueConstraint(1));
  }
  if (pt.write_capacity_units < 1) {
    errors->Add(Cat(pt.write_capacity_units), Cat(path, ".writeCapacityUnits"),
                MinValueConstraint(1));
  }
}

absl::Status CheckCapacityBounds(const ProvisionedThroughput& pt, std::string_view suffix) {
  if (pt.read_capacity_units > kMaxCapacityUnits) {
    return Invalid(Cat("Given value ", pt.read_capacity_units,
                       " for ReadCapacityUnits is out of bounds", suffix));
  }
  if (pt.write_capacity_units > kMaxCapacityUnits) {
    return Invalid(Cat("Given value ", pt.write_capacity_units,
                       " for WriteCapacityUnits is out of bounds", suffix));
  }
  return absl::OkStatus();
}

absl::Status CheckKeySchemaShape(const std::vector<KeySchemaElement>& keys) {
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
  return absl::OkStatus();
}

absl::Status CheckProjection(const Projection& p) {
  if (!p.projection_type.has_value()) return Invalid(Cat(kInvalid, "Unknown ProjectionType: null"));
  if (*p.projection_type == ProjectionType::kInclude) {
    if (p.non_key_attributes.empty()) {
      return Invalid(
          Cat(kInvalid, "ProjectionType is INCLUDE, but NonKeyAttributes is not specified"));
    }
  } else if (!p.non_key_attributes.empty()) {
    return Invalid(Cat(kInvalid, "ProjectionType is ", ProjectionTypeName(*p.projection_type),
                       ", but NonKeyAttributes is specified"));
  }
  std::set<std::string_view> seen;
  for (const std::string& a : p.non_key_attributes) {
    if (!seen.insert(a).second) {
      return Invalid(Cat(kInvalid, "Duplicate element in NonKeyAttributes: ", a));
    }
  }
  return absl::OkStatus();
}

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace dynarock::ops
