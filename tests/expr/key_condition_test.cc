// Tests of KeyConditionExpression parsing (lib/expr/key_condition.cc): the allowed shapes and
// DynamoDB's messages for everything else.
#include <catch2/catch.hpp>

#include "dynarock/error.h"

#include "lib/expr/expression.h"
#include "tests/expr/expr_test_util.h"

namespace dynarock::expr {
namespace {

constexpr ErrorType kV = ErrorType::kValidation;
const ExpressionAttributeValues kValues = {{":p", "p1"}, {":a", "a"}, {":b", "b"}, {":n", 1}};
const ExpressionAttributeNames kNames = {{"#pk", "pk"}, {"#sk", "sk"}, {"#x", "x"}};

absl::StatusOr<ParsedKeyCondition> Key(std::string_view text, bool with_range = true) {
  return ParseKeyCondition(text, kNames, kValues, nullptr, "pk",
                           with_range ? std::optional<std::string_view>("sk") : std::nullopt);
}

// Why: every allowed sort-key operator maps to its SortKeyOp, in either order.
TEST_CASE("KeyCondition: allowed shapes", "[expr][keycondition]") {
  auto k = Key("pk = :p");
  REQUIRE_OK(k);
  CHECK(*k->partition_value == AttributeValue("p1"));
  CHECK_FALSE(k->sort.has_value());

  struct Case {
    const char* text;
    SortKeyOp op;
  };
  const Case cases[] = {
      {"pk = :p AND sk = :a", SortKeyOp::kEq},
      {"pk = :p AND sk < :a", SortKeyOp::kLt},
      {"pk = :p AND sk <= :a", SortKeyOp::kLe},
      {"pk = :p AND sk > :a", SortKeyOp::kGt},
      {"sk >= :a AND pk = :p", SortKeyOp::kGe},
      {"(#pk = :p) AND (#sk = :a)", SortKeyOp::kEq},
      {":a <= sk AND :p = pk", SortKeyOp::kGe},  // flipped
      {"pk = :p AND begins_with(sk, :a)", SortKeyOp::kBeginsWith},
      {"pk = :p AND sk BETWEEN :a AND :b", SortKeyOp::kBetween},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    auto r = Key(c.text);
    REQUIRE_OK(r);
    REQUIRE(r->sort.has_value());
    CHECK(r->sort->op == c.op);
    CHECK(*r->sort->value == AttributeValue("a"));
    CHECK(*r->partition_value == AttributeValue("p1"));
    if (c.op == SortKeyOp::kBetween) CHECK(*r->sort->upper == AttributeValue("b"));
  }
}

// Why: DynamoDB's messages for each unsupported shape.
TEST_CASE("KeyCondition: rejected shapes", "[expr][keycondition]") {
  REQUIRE_ERROR(Key(""), kV, "Invalid KeyConditionExpression: The expression can not be empty;");
  REQUIRE_ERROR(Key("sk = :a"), kV, "Query condition missed key schema element: pk");
  REQUIRE_ERROR(Key("pk = :p AND #x = :a"), kV, "Query condition missed key schema element: sk");
  REQUIRE_ERROR(Key("pk < :p"), kV, "Query key condition not supported");
  REQUIRE_ERROR(Key("pk = :p OR sk = :a"), kV,
                "Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: "
                "OR");
  REQUIRE_ERROR(Key("pk = :p AND NOT sk = :a"), kV,
                "Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: "
                "NOT");
  REQUIRE_ERROR(Key("pk IN (:p)"), kV,
                "Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: "
                "IN");
  REQUIRE_ERROR(Key("pk = :p AND sk <> :a"), kV,
                "Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: "
                "<>");
  REQUIRE_ERROR(Key("pk = :p AND attribute_exists(sk)"), kV,
                "Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: "
                "attribute_exists");
  REQUIRE_ERROR(Key("pk = :p AND sk = pk"), kV,
                "Invalid KeyConditionExpression: Invalid condition in KeyConditionExpression: "
                "Multiple attribute names used in one condition");
  REQUIRE_ERROR(Key("pk = :p AND sk.x = :a"), kV,
                "Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions "
                "on nested attributes");
  REQUIRE_ERROR(Key("pk = :p AND size(sk) = :n"), kV,
                "Invalid KeyConditionExpression: KeyConditionExpressions cannot contain nested "
                "operations");
  REQUIRE_ERROR(Key("pk = :p AND :a = :b"), kV,
                "Invalid KeyConditionExpression: Invalid condition in KeyConditionExpression: No "
                "key attribute specified");
  REQUIRE_ERROR(Key("pk = :p AND :a BETWEEN sk AND :b"), kV,
                "Invalid KeyConditionExpression: Invalid condition in KeyConditionExpression: "
                "BETWEEN operator must have the key attribute as its first operand");
  REQUIRE_ERROR(Key("pk = :p AND begins_with(:a, sk)"), kV,
                "Invalid KeyConditionExpression: Invalid condition in KeyConditionExpression: "
                "begins_with operator must have the key attribute as its first operand");
  REQUIRE_ERROR(Key("pk = :p AND sk = :a AND sk = :b"), kV,
                "Invalid KeyConditionExpression: KeyConditionExpressions must only contain one "
                "condition per key");
  REQUIRE_ERROR(Key("pk = :p AND sk = :a", false), kV,
                "Query condition missed key schema element: pk");
  REQUIRE_ERROR(Key("pk = :p AND begins_with(sk, :n)"), kV,
                "Invalid KeyConditionExpression: Incorrect operand type for operator or "
                "function; operator or function: begins_with, operand type: N");
}

}  // namespace
}  // namespace dynarock::expr
