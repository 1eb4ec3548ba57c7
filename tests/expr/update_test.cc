// Tests of UpdateExpression application (lib/expr/update.cc): SET/REMOVE/ADD/DELETE semantics,
// list index edge cases, set arithmetic, functions, runtime errors, key attributes and the
// touched paths behind UPDATED_OLD / UPDATED_NEW.
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "dynarock/error.h"

#include "lib/expr/expression.h"
#include "tests/expr/expr_test_util.h"

namespace dynarock::expr {
namespace {

using testing::Num;
using testing::Update;
constexpr ErrorType kV = ErrorType::kValidation;

constexpr char kMissing[] =
    "The provided expression refers to an attribute that does not exist in the item";
constexpr char kWrongType[] = "An operand in the update expression has an incorrect data type";
constexpr char kInvalidPath[] =
    "The document path provided in the update expression is invalid for update";
constexpr char kOverflow[] =
    "Number overflow. Attempting to store a number with magnitude larger than supported range";

const Item kBase{{"id", "k"},
                 {"n", 5},
                 {"s", "x"},
                 {"l", L({"a", "b", "c"})},
                 {"m", M({{"x", 1}, {"nest", M({{"y", 2}})}})},
                 {"ss", SS({"a", "b"})},
                 {"ns", NS({Decimal(1), Decimal(2)})}};

// Why: SET creates, overwrites and writes nested paths whose parents exist.
TEST_CASE("Update: SET values and paths", "[expr][update]") {
  Item out;
  const ExpressionAttributeValues v = {{":v", "new"}, {":m", M({{"q", 1}})}};
  REQUIRE_OK(Update("SET s = :v, fresh = :v, m.nest.z = :v, m.x = :m", kBase, &out, v));
  CHECK(out.at("s") == AttributeValue("new"));
  CHECK(out.at("fresh") == AttributeValue("new"));
  CHECK(out.at("m").m().at("nest").m().at("z") == AttributeValue("new"));
  CHECK(out.at("m").m().at("nest").m().at("y") == AttributeValue(2));
  CHECK(out.at("m").m().at("x") == M({{"q", 1}}));
  CHECK(kBase.at("s") == AttributeValue("x"));  // the old item is untouched

  SECTION("copying another attribute, evaluated against the old item") {
    REQUIRE_OK(Update("SET s = n, n = s", kBase, &out));
    CHECK(out.at("s") == AttributeValue(5));
    CHECK(out.at("n") == AttributeValue("x"));
  }
  SECTION("missing parents are invalid") {
    REQUIRE_ERROR(Update("SET nope.x = :v", kBase, &out, v), kV, kInvalidPath);
    REQUIRE_ERROR(Update("SET s.x = :v", kBase, &out, v), kV, kInvalidPath);
    REQUIRE_ERROR(Update("SET m[0] = :v", kBase, &out, v), kV, kInvalidPath);
    REQUIRE_ERROR(Update("SET l[9].x = :v", kBase, &out, v), kV, kInvalidPath);
  }
  SECTION("a path operand must exist") {
    REQUIRE_ERROR(Update("SET a = nope", kBase, &out), kV, kMissing);
    REQUIRE_ERROR(Update("SET a = m.nope", kBase, &out), kV, kMissing);
  }
}

// Why: list indexes: SET past the end appends (in index order), REMOVE past the end is a
// no-op, and removals refer to the old list.
TEST_CASE("Update: list index edge cases", "[expr][update][lists]") {
  Item out;
  const ExpressionAttributeValues v = {{":x", "x"}, {":y", "y"}};
  SECTION("SET replaces in range") {
    REQUIRE_OK(Update("SET l[1] = :x", kBase, &out, v));
    CHECK(out.at("l") == L({"a", "x", "c"}));
  }
  SECTION("SET past the end appends, lowest index first") {
    REQUIRE_OK(Update("SET l[20] = :y, l[10] = :x", kBase, &out, v));
    CHECK(out.at("l") == L({"a", "b", "c", "x", "y"}));
  }
  SECTION("REMOVE shifts later elements; indexes are the old ones") {
    REQUIRE_OK(Update("REMOVE l[0], l[2]", kBase, &out));
    CHECK(out.at("l") == L({"b"}));
  }
  SECTION("REMOVE past the end is a no-op") {
    REQUIRE_OK(Update("REMOVE l[3], nope, m.nope", kBase, &out));
    CHECK(out == kBase);
  }
  SECTION("SET and REMOVE on one list use old indexes") {
    REQUIRE_OK(Update("SET l[1] = :x REMOVE l[0]", kBase, &out, v));
    CHECK(out.at("l") == L({"x", "c"}));
  }
  SECTION("REMOVE of a nested member") {
    REQUIRE_OK(Update("REMOVE m.nest.y, s", kBase, &out));
    CHECK(out.at("m").m().at("nest") == M({}));
    CHECK(out.count("s") == 0);
  }
}

// Why: + and - are exact Decimal arithmetic with DynamoDB's 38-digit overflow error.
TEST_CASE("Update: arithmetic", "[expr][update][numbers]") {
  Item out;
  const ExpressionAttributeValues v = {{":one", 1},
                                       {":tenth", Num("0.1")},
                                       {":max", Num("99999999999999999999999999999999999999")},
                                       {":s", "x"}};
  REQUIRE_OK(Update("SET n = n + :tenth, m.x = :one - m.x", kBase, &out, v));
  CHECK(out.at("n") == AttributeValue(Num("5.1")));
  CHECK(out.at("m").m().at("x") == AttributeValue(0));
  SECTION("38 digits fit, 39 overflow") {
    Item big{{"n", Num("99999999999999999999999999999999999998")}};
    REQUIRE_OK(Update("SET n = n + :one", big, &out, v));
    CHECK(out.at("n") == AttributeValue(Num("99999999999999999999999999999999999999")));
    REQUIRE_ERROR(Update("SET n = :max + :one", big, &out, v), kV, kOverflow);
  }
  SECTION("an item attribute of the wrong type") {
    REQUIRE_ERROR(Update("SET n = s + :one", kBase, &out, v), kV, kWrongType);
    REQUIRE_ERROR(Update("SET n = :one - l", kBase, &out, v), kV, kWrongType);
  }
  SECTION("a missing operand") {
    REQUIRE_ERROR(Update("SET n = nope + :one", kBase, &out, v), kV, kMissing);
  }
}

// Why: if_not_exists and list_append are the two update functions.
TEST_CASE("Update: if_not_exists and list_append", "[expr][update][functions]") {
  Item out;
  const ExpressionAttributeValues v = {{":zero", 0}, {":one", 1}, {":l", L({"z"})}, {":s", "q"}};
  REQUIRE_OK(Update("SET c = if_not_exists(c, :zero) + :one, n = if_not_exists(n, :zero)", kBase,
                    &out, v));
  CHECK(out.at("c") == AttributeValue(1));
  CHECK(out.at("n") == AttributeValue(5));
  REQUIRE_OK(Update("SET m.nest.y = if_not_exists(m.nope.deeper, :one)", kBase, &out, v));
  CHECK(out.at("m").m().at("nest").m().at("y") == AttributeValue(1));
  REQUIRE_OK(Update("SET l = list_append(l, :l), k = list_append(:l, l)", kBase, &out, v));
  CHECK(out.at("l") == L({"a", "b", "c", "z"}));
  CHECK(out.at("k") == L({"z", "a", "b", "c"}));
  REQUIRE_ERROR(Update("SET l = list_append(s, :l)", kBase, &out, v), kV, kWrongType);
  REQUIRE_ERROR(Update("SET l = list_append(nope, :l)", kBase, &out, v), kV, kMissing);
  REQUIRE_OK(Update("SET l = list_append(if_not_exists(nope, :l), :l)", kBase, &out, v));
  CHECK(out.at("l") == L({"z", "z"}));
}

// Why: ADD adds numbers and unions sets; a missing attribute counts as 0 / the empty set.
TEST_CASE("Update: ADD", "[expr][update][sets]") {
  Item out;
  const ExpressionAttributeValues v = {
      {":one", 1}, {":ss", SS({"c", "a"})}, {":ns", NS({Decimal(3)})}, {":neg", Num("-5")}};
  REQUIRE_OK(Update("ADD n :one, cnt :neg, ss :ss, fresh :ss, ns :ns", kBase, &out, v));
  CHECK(out.at("n") == AttributeValue(6));
  CHECK(out.at("cnt") == AttributeValue(Num("-5")));
  CHECK(out.at("ss") == SS({"a", "b", "c"}));
  CHECK(out.at("ss").ss().elements == std::vector<std::string>{"a", "b", "c"});  // canonical
  CHECK(out.at("fresh") == SS({"a", "c"}));
  CHECK(out.at("ns") == NS({Decimal(1), Decimal(2), Decimal(3)}));
  REQUIRE_ERROR(Update("ADD ss :ns", kBase, &out, v), kV, kWrongType);
  REQUIRE_ERROR(Update("ADD s :one", kBase, &out, v), kV, kWrongType);
  REQUIRE_ERROR(Update("ADD n :ss", kBase, &out, v), kV, kWrongType);
  REQUIRE_OK(Update("ADD m.nest.y :one, m.nest.w :one", kBase, &out, v));
  CHECK(out.at("m").m().at("nest") == M({{"y", 3}, {"w", 1}}));
}

// Why: DELETE removes set elements; an emptied set disappears; a missing set is a no-op.
TEST_CASE("Update: DELETE", "[expr][update][sets]") {
  Item out;
  const ExpressionAttributeValues v = {
      {":a", SS({"a"})}, {":ab", SS({"a", "b", "zz"})}, {":ns", NS({Decimal(2)})}};
  REQUIRE_OK(Update("DELETE ss :a, ns :ns", kBase, &out, v));
  CHECK(out.at("ss") == SS({"b"}));
  CHECK(out.at("ns") == NS({Decimal(1)}));
  REQUIRE_OK(Update("DELETE ss :ab", kBase, &out, v));
  CHECK(out.count("ss") == 0);
  REQUIRE_OK(Update("DELETE nope :a", kBase, &out, v));
  CHECK(out == kBase);
  REQUIRE_ERROR(Update("DELETE ss :ns", kBase, &out, v), kV, kWrongType);
  REQUIRE_ERROR(Update("DELETE s :a", kBase, &out, v), kV, kWrongType);
}

// Why: only SET/ADD create a missing item; REMOVE/DELETE on nothing leave nothing.
TEST_CASE("Update: absent items", "[expr][update]") {
  const ExpressionAttributeValues v = {{":one", 1}, {":s", SS({"a"})}};
  auto creates = [&](std::string_view text) {
    auto u = ParseUpdate(text, {}, v, nullptr);
    REQUIRE_OK(u);
    return UpdateCreatesItem(*u);
  };
  CHECK(creates("SET a = :one"));
  CHECK(creates("ADD a :one"));
  CHECK_FALSE(creates("REMOVE a"));
  CHECK_FALSE(creates("DELETE a :s"));
  Item out;
  REQUIRE_OK(Update("ADD a :one", Item{}, &out, v));
  CHECK(out == Item{{"a", 1}});
}

// Why: key attributes may not be updated at all, nor through nested paths.
TEST_CASE("Update: key attributes", "[expr][update][keys]") {
  const ExpressionAttributeValues v = {{":v", "x"}};
  const std::vector<std::string_view> keys = {"id", "sk"};
  auto check = [&](std::string_view text, const ExpressionAttributeNames& n = {}) {
    auto u = ParseUpdate(text, n, v, nullptr);
    REQUIRE_OK(u);
    return CheckKeyAttributes(*u, keys);
  };
  CHECK_OK(check("SET oth = :v REMOVE x"));
  REQUIRE_ERROR(check("SET a = :v, #k = :v", {{"#k", "sk"}}), kV,
                "One or more parameter values were invalid: Cannot update attribute sk. This "
                "attribute is part of the key");
  REQUIRE_ERROR(check("REMOVE id"), kV,
                "One or more parameter values were invalid: Cannot update attribute id. This "
                "attribute is part of the key");
  REQUIRE_ERROR(check("SET id.x = :v"), kV,
                "Key attributes must be scalars; list random access '[]' and map lookup '.' are "
                "not allowed: Key: id");
}

// Why: UPDATED_OLD/UPDATED_NEW return the touched fragments within their parents (quirks: a
// SET past the end is not in UPDATED_NEW; a REMOVE of l[1] returns the shifted new l[1]).
TEST_CASE("Update: touched paths for UPDATED_OLD and UPDATED_NEW", "[expr][update][returns]") {
  const ExpressionAttributeValues v = {{":v", "v"}, {":one", 1}};
  Item out;
  UpdatedPaths touched;
  REQUIRE_OK(Update("SET m.nest.y = :v, l[9] = :v REMOVE l[1], s ADD n :one", kBase, &out, v, {},
                    &touched));
  REQUIRE(touched.paths.size() == 5);
  CHECK(PathToString(touched.paths[0]) == "[m, nest, y]");
  CHECK(PathToString(touched.paths[1]) == "[l, [9]]");
  const Item old_part = ProjectPaths(kBase, touched.paths);
  CHECK(old_part ==
        Item{{"m", M({{"nest", M({{"y", 2}})}})}, {"l", L({"b"})}, {"s", "x"}, {"n", 5}});
  const Item new_part = ProjectPaths(out, touched.paths);
  CHECK(new_part == Item{{"m", M({{"nest", M({{"y", "v"}})}})}, {"l", L({"c"})}, {"n", 6}});
}

}  // namespace
}  // namespace dynarock::expr
