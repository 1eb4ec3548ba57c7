// The message helpers of lib/ops/errors.h: the generic constraint shape and the envelope policy.
#include <catch2/catch.hpp>
#include <string>

#include "lib/ops/errors.h"
#include "tests/testing/status_matchers.h"

namespace dynarock::ops {
namespace {

// Why: DynamoDB counts all violations but lists at most 10, singular for one.
TEST_CASE("ConstraintErrors: singular, plural and at most ten listed", "[ops][errors]") {
  ConstraintErrors none;
  CHECK(none.ToStatus().ok());

  ConstraintErrors one;
  one.AddNull("tableName");
  REQUIRE_ERROR(one.ToStatus(), ErrorType::kValidation,
                "1 validation error detected: Value null at 'tableName' failed to satisfy "
                "constraint: Member must not be null");

  ConstraintErrors many;
  for (int i = 0; i < 12; ++i) many.Add(std::to_string(i), "limit", "c");
  std::string expected = "12 validation errors detected: ";
  for (int i = 0; i < 10; ++i) {
    if (i > 0) expected += "; ";
    expected += "Value '" + std::to_string(i) + "' at 'limit' failed to satisfy constraint: c";
  }
  REQUIRE_ERROR(many.ToStatus(), ErrorType::kValidation, expected);
}

// Why: the envelope policy lives in one function; writes wrap the listed families, reads and
// bare families never do.
TEST_CASE("ValidationError: 2026 envelope policy", "[ops][errors][envelope]") {
  CHECK(UsesEnvelope(Operation::kPutItem, MessageFamily::kSetValue));
  CHECK(UsesEnvelope(Operation::kDeleteItem, MessageFamily::kReturnValues));
  CHECK(UsesEnvelope(Operation::kUpdateItem, MessageFamily::kExpression));
  CHECK_FALSE(UsesEnvelope(Operation::kPutItem, MessageFamily::kBare));
  CHECK_FALSE(UsesEnvelope(Operation::kGetItem, MessageFamily::kExpressionParameter));
  REQUIRE_ERROR(ValidationError(Operation::kPutItem, MessageFamily::kSetValue, "core"),
                ErrorType::kValidation, "1 validation error detected: core");
  REQUIRE_ERROR(ValidationError(Operation::kGetItem, MessageFamily::kSetValue, "core"),
                ErrorType::kValidation, "core");
}

}  // namespace
}  // namespace dynarock::ops
