// Tests of value validation with DynamoDB's exact messages (lib/value/validate.h).
#include "lib/value/validate.h"

#include <catch2/catch.hpp>
#include <string>

#include "dynarock/error.h"
#include "tests/testing/status_matchers.h"

namespace dynarock::value {
namespace {

constexpr char kNesting[] =
    "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels "
    "beyond supported limit";

// A value nested in `levels` levels: the outermost value is level 1, each L adds one.
AttributeValue Nested(int levels) {
  AttributeValue v = "leaf";
  for (int i = 1; i < levels; ++i) v = i % 2 ? L({v}) : M({{"k", v}});
  return v;
}

// Why: valid items, including empty strings and empty containers, must pass untouched.
TEST_CASE("Validate: valid values pass", "[value][validate]") {
  Item item{{"s", ""},          {"b", B("")},         {"l", L({})},
            {"m", M({})},       {"ss", SS({"", "a"})}, {"ns", NS({Decimal(1), Decimal(2)})},
            {"bs", BS({"", "a"})}, {"null", Null()}};
  REQUIRE_OK(ValidateItemValues(item));
  REQUIRE_OK(ValidateValue(SS({"a"})));
}

// Why: empty sets are never allowed; each type has its own (quirky) text.
TEST_CASE("Validate: empty sets", "[value][validate][errors]") {
  REQUIRE_ERROR(ValidateValue(SS({})), ErrorType::kValidation,
                "One or more parameter values were invalid: An string set  may not be empty");
  REQUIRE_ERROR(ValidateValue(NS({})), ErrorType::kValidation,
                "One or more parameter values were invalid: An number set  may not be empty");
  REQUIRE_ERROR(ValidateValue(BS({})), ErrorType::kValidation,
                "One or more parameter values were invalid: Binary sets should not be empty");
  // At any depth.
  REQUIRE_ERROR(ValidateItemValues(Item{{"x", L({M({{"y", SS({})}})})}}), ErrorType::kValidation,
                "One or more parameter values were invalid: An string set  may not be empty");
}

// Why: duplicate messages differ per set type and render the members in the given order.
TEST_CASE("Validate: duplicate set members", "[value][validate][errors]") {
  REQUIRE_ERROR(ValidateValue(SS({"a", "a"})), ErrorType::kValidation,
                "One or more parameter values were invalid: Input collection [a, a] contains "
                "duplicates.");
  REQUIRE_ERROR(ValidateValue(SS({"b", "a", "b"})), ErrorType::kValidation,
                "One or more parameter values were invalid: Input collection [b, a, b] contains "
                "duplicates.");
  REQUIRE_ERROR(ValidateValue(BS({"b", "b"})), ErrorType::kValidation,
                "One or more parameter values were invalid: Input collection [Yg==, Yg==]of type "
                "BS contains duplicates.");
  REQUIRE_ERROR(ValidateValue(NS({N("1").n(), N("1.0").n()})), ErrorType::kValidation,
                "Input collection contains duplicates");
  REQUIRE_ERROR(ValidateValue(NS({Decimal(3), Decimal(2), N("30e-1").n()})),
                ErrorType::kValidation, "Input collection contains duplicates");
  // Large sets take the sorted path.
  std::vector<std::string> many;
  for (int i = 0; i < 100; ++i) many.push_back(std::to_string(i));
  REQUIRE_OK(ValidateValue(SS(many)));
  many.push_back("42");
  REQUIRE_FALSE(ValidateValue(SS(many)).ok());
  std::vector<Decimal> numbers;
  for (int i = 0; i < 100; ++i) numbers.push_back(Decimal(i));
  REQUIRE_OK(ValidateValue(NS(numbers)));
  numbers.push_back(N("4.20e1").n());
  REQUIRE_ERROR(ValidateValue(NS(numbers)), ErrorType::kValidation,
                "Input collection contains duplicates");
  // Bytes that differ only in case or sign bit are distinct.
  REQUIRE_OK(ValidateValue(BS({"a", "A", "\x80", "\x00"})));
}

// Why: DynamoDB allows 32 nesting levels, counting the attribute's own value as level 1.
TEST_CASE("Validate: nesting depth", "[value][validate][errors]") {
  REQUIRE_OK(ValidateItemValues(Item{{"deep", Nested(32)}}));
  REQUIRE_ERROR(ValidateItemValues(Item{{"deep", Nested(33)}}), ErrorType::kValidation, kNesting);
  REQUIRE_OK(ValidateValue(Nested(32)));
  REQUIRE_ERROR(ValidateValue(Nested(40)), ErrorType::kValidation, kNesting);
}

// Why: validated items are stored with sets in canonical order, at any depth.
TEST_CASE("Validate: CanonicalizeSets sorts nested sets", "[value][validate][sets]") {
  Item item{{"top", SS({"b", "a"})}, {"m", M({{"l", L({NS({Decimal(2), Decimal(1)})})}})}};
  CanonicalizeSets(&item);
  CHECK(item.at("top").ss().elements == std::vector<std::string>{"a", "b"});
  CHECK(item.at("m").m().at("l").l()[0].ns().elements ==
        std::vector<Decimal>{Decimal(1), Decimal(2)});
}

}  // namespace
}  // namespace dynarock::value
