// Tests of condition/filter evaluation (lib/expr/evaluate.cc): DynamoDB's semantics for every
// comparator, BETWEEN, IN, each function, precedence, nested documents and missing paths.
#include <string>

#include <catch2/catch.hpp>

#include "lib/expr/expression.h"
#include "tests/expr/expr_test_util.h"

namespace dynarock::expr {
namespace {

using testing::Matches;
using testing::Num;

const Item& Doc() {
  static const Item* item = new Item{
      {"pk", "p1"},
      {"n", Num("10.50")},
      {"s", "hello"},
      {"b", B(std::string("\x01\xFF", 2))},
      {"t", true},
      {"z", Null()},
      {"ss", SS({"a", "b"})},
      {"ns", NS({Decimal(1), Decimal(2)})},
      {"bs", BS({"x", "y"})},
      {"l", L({1, "two", L({3})})},
      {"m", M({{"k", "v"}, {"deep", M({{"x", 5}})}, {"arr", L({M({{"y", 6}})})}})},
      {"emoji", "\xC3\xA9\xF0\x9D\x84\x9E"},  // U+00E9 U+1D11E: 3 UTF-16 code units
  };
  return *item;
}

// Why: numbers compare exactly by value, not as text or doubles.
TEST_CASE("Evaluate: comparators on numbers", "[expr][evaluate]") {
  const ExpressionAttributeValues v = {{":a", Num("10.5")},
                                       {":b", Num("9")},
                                       {":c", Num("10.500000000000000000000000000000000001")}};
  CHECK(Matches("n = :a", Doc(), v));
  CHECK_FALSE(Matches("n <> :a", Doc(), v));
  CHECK(Matches("n > :b", Doc(), v));
  CHECK(Matches("n >= :a", Doc(), v));
  CHECK(Matches("n < :c", Doc(), v));
  CHECK(Matches("n <= :c", Doc(), v));
  CHECK_FALSE(Matches("n > :c", Doc(), v));
  CHECK(Matches(":b < n", Doc(), v));
}

// Why: strings and binaries order by unsigned bytes (0xFF sorts after 'z').
TEST_CASE("Evaluate: strings and binaries compare by unsigned bytes", "[expr][evaluate]") {
  const ExpressionAttributeValues v = {{":s", "hellp"},
                                       {":hi", std::string("\xC3\xA9")},
                                       {":b", B(std::string("\x01\x7F", 2))},
                                       {":b2", B(std::string("\x01\xFF", 2))}};
  CHECK(Matches("s < :s", Doc(), v));
  CHECK(Matches("s < :hi", Doc(), v));
  CHECK(Matches("b > :b", Doc(), v));
  CHECK(Matches("b = :b2", Doc(), v));
}

// Why: different types are never equal or ordered, and that is no error.
TEST_CASE("Evaluate: mismatched types are false", "[expr][evaluate]") {
  const ExpressionAttributeValues v = {{":ns", "10.5"}, {":l", L({1})}, {":one", 1}};
  CHECK_FALSE(Matches("n = :ns", Doc(), v));
  CHECK(Matches("n <> :ns", Doc(), v));
  CHECK_FALSE(Matches("n < :ns", Doc(), v));
  CHECK_FALSE(Matches("n > :ns", Doc(), v));
  CHECK_FALSE(Matches("l < :l", Doc(), v));  // lists are not ordered
  CHECK_FALSE(Matches("t > :one", Doc(), v));
}

// Why: a missing attribute makes comparisons false except <>, which is true.
TEST_CASE("Evaluate: missing attributes", "[expr][evaluate]") {
  const ExpressionAttributeValues v = {{":a", 1}};
  CHECK_FALSE(Matches("nope = :a", Doc(), v));
  CHECK(Matches("nope <> :a", Doc(), v));
  CHECK_FALSE(Matches("nope < :a", Doc(), v));
  CHECK_FALSE(Matches("nope BETWEEN :a AND :a", Doc(), v));
  CHECK_FALSE(Matches("nope IN (:a)", Doc(), v));
  CHECK_FALSE(Matches("m.nope.deeper = :a", Doc(), v));
  CHECK_FALSE(Matches("s.x = :a", Doc(), v));  // a path through a string is absent
  CHECK_FALSE(Matches("l[7] = :a", Doc(), v));
  CHECK(Matches("attribute_not_exists(pk)", Item{}, v));
  CHECK_FALSE(Matches("a < b", Item{}, v));
}

// Why: = and <> compare sets as sets and documents deeply.
TEST_CASE("Evaluate: equality of sets, lists and maps", "[expr][evaluate]") {
  const ExpressionAttributeValues v = {{":ss", SS({"b", "a"})},
                                       {":ns", NS({Num("2.0"), Decimal(1)})},
                                       {":l", L({1, "two", L({3})})},
                                       {":l2", L({"two", 1, L({3})})},
                                       {":m", M({{"k", "v"}})}};
  CHECK(Matches("ss = :ss", Doc(), v));
  CHECK(Matches("ns = :ns", Doc(), v));
  CHECK(Matches("l = :l", Doc(), v));
  CHECK_FALSE(Matches("l = :l2", Doc(), v));
  CHECK(Matches("m.deep <> :m", Doc(), v));
}

// Why: nested maps and lists resolve through . and [n].
TEST_CASE("Evaluate: nested document paths", "[expr][evaluate]") {
  const ExpressionAttributeValues v = {{":five", 5}, {":six", 6}, {":three", 3}, {":two", "two"}};
  const ExpressionAttributeNames n = {{"#d", "deep"}, {"#dot", "m.deep"}};
  CHECK(Matches("m.deep.x = :five", Doc(), v));
  CHECK(Matches("m.#d.x = :five", Doc(), v, n));
  CHECK(Matches("m.arr[0].y = :six", Doc(), v));
  CHECK(Matches("l[2][0] = :three", Doc(), v));
  CHECK(Matches("l[1] = :two", Doc(), v));
  CHECK(Matches("attribute_not_exists(#dot)", Doc(), v, n));  // one name, not a path
}

// Why: BETWEEN is inclusive and typed; IN matches any member.
TEST_CASE("Evaluate: BETWEEN and IN", "[expr][evaluate]") {
  const ExpressionAttributeValues v = {{":lo", 10},  {":hi", Num("10.5")}, {":s1", "a"},
                                       {":s2", "z"}, {":x", "hello"},      {":y", 3}};
  CHECK(Matches("n BETWEEN :lo AND :hi", Doc(), v));
  CHECK(Matches("s BETWEEN :s1 AND :s2", Doc(), v));
  CHECK_FALSE(Matches("n BETWEEN :s1 AND :s2", Doc(), v));
  CHECK(Matches("s IN (:y, :x)", Doc(), v));
  CHECK_FALSE(Matches("s IN (:y, :lo)", Doc(), v));
}

// Why: NOT binds tighter than AND, AND tighter than OR.
TEST_CASE("Evaluate: precedence NOT > AND > OR", "[expr][evaluate]") {
  const ExpressionAttributeValues v = {{":t", true}, {":f", false}};
  const Item item{{"yes", true}, {"n0", false}};
  // a OR b AND c == a OR (b AND c)
  CHECK(Matches("yes = :t OR n0 = :t AND n0 = :t", item, v));
  CHECK_FALSE(Matches("(yes = :t OR n0 = :t) AND n0 = :t", item, v));
  // NOT a AND b == (NOT a) AND b
  CHECK_FALSE(Matches("NOT n0 = :t AND n0 = :t", item, v));
  CHECK(Matches("NOT (n0 = :t AND n0 = :t)", item, v));
  // NOT a OR b == (NOT a) OR b
  CHECK(Matches("NOT yes = :t OR yes = :t", item, v));
  CHECK_FALSE(Matches("NOT (yes = :t OR yes = :t)", item, v));
  CHECK(Matches("yes = :f OR NOT n0 = :t", item, v));
}

// Why: each function follows the Developer Guide semantics.
TEST_CASE("Evaluate: functions", "[expr][evaluate][functions]") {
  const ExpressionAttributeValues v = {
      {":S", "S"},       {":N", "N"},     {":B", "B"},     {":BOOL", "BOOL"},
      {":NULL", "NULL"}, {":SS", "SS"},   {":NS", "NS"},   {":BS", "BS"},
      {":L", "L"},       {":M", "M"},     {":he", "he"},   {":ll", "ll"},
      {":a", "a"},       {":one", 1},     {":two", "two"}, {":b1", B(std::string("\x01", 1))},
      {":x", B("x")},    {":l3", L({3})}, {":k", "k"}};
  SECTION("attribute_exists / attribute_not_exists") {
    CHECK(Matches("attribute_exists(m.deep.x)", Doc(), v));
    CHECK(Matches("attribute_not_exists(m.deep.y)", Doc(), v));
    CHECK(Matches("attribute_exists(z)", Doc(), v));  // NULL exists
  }
  SECTION("attribute_type with the ten type names") {
    CHECK(Matches("attribute_type(s, :S)", Doc(), v));
    CHECK(Matches("attribute_type(n, :N)", Doc(), v));
    CHECK(Matches("attribute_type(b, :B)", Doc(), v));
    CHECK(Matches("attribute_type(t, :BOOL)", Doc(), v));
    CHECK(Matches("attribute_type(z, :NULL)", Doc(), v));
    CHECK(Matches("attribute_type(ss, :SS)", Doc(), v));
    CHECK(Matches("attribute_type(ns, :NS)", Doc(), v));
    CHECK(Matches("attribute_type(bs, :BS)", Doc(), v));
    CHECK(Matches("attribute_type(l, :L)", Doc(), v));
    CHECK(Matches("attribute_type(m, :M)", Doc(), v));
    CHECK_FALSE(Matches("attribute_type(s, :N)", Doc(), v));
    CHECK_FALSE(Matches("attribute_type(nope, :S)", Doc(), v));
  }
  SECTION("begins_with on S and B only") {
    CHECK(Matches("begins_with(s, :he)", Doc(), v));
    CHECK_FALSE(Matches("begins_with(s, :ll)", Doc(), v));
    CHECK(Matches("begins_with(b, :b1)", Doc(), v));
    CHECK_FALSE(Matches("begins_with(ss, :a)", Doc(), v));
    CHECK_FALSE(Matches("begins_with(b, :he)", Doc(), v));  // B vs S
  }
  SECTION("contains on strings, sets and lists") {
    CHECK(Matches("contains(s, :ll)", Doc(), v));
    CHECK(Matches("contains(ss, :a)", Doc(), v));
    CHECK_FALSE(Matches("contains(ss, :he)", Doc(), v));
    CHECK(Matches("contains(ns, :one)", Doc(), v));
    CHECK(Matches("contains(bs, :x)", Doc(), v));
    CHECK(Matches("contains(l, :two)", Doc(), v));
    CHECK(Matches("contains(l, :l3)", Doc(), v));
    CHECK_FALSE(Matches("contains(m, :k)", Doc(), v));  // maps: false
    CHECK_FALSE(Matches("contains(n, :one)", Doc(), v));
  }
}

// Why: size() counts per type; S in UTF-16 code units (DynamoDB is Java: String.length()).
TEST_CASE("Evaluate: size()", "[expr][evaluate][functions]") {
  const ExpressionAttributeValues v = {{":0", 0}, {":1", 1}, {":2", 2},
                                       {":3", 3}, {":5", 5}, {":l", L({1, 2})}};
  CHECK(Matches("size(s) = :5", Doc(), v));
  CHECK(Matches("size(emoji) = :3", Doc(), v));
  CHECK(Matches("size(b) = :2", Doc(), v));
  CHECK(Matches("size(ss) = :2", Doc(), v));
  CHECK(Matches("size(ns) = :2", Doc(), v));
  CHECK(Matches("size(bs) = :2", Doc(), v));
  CHECK(Matches("size(l) = :3", Doc(), v));
  CHECK(Matches("size(m) = :3", Doc(), v));
  CHECK(Matches("size(m.deep) = :1", Doc(), v));
  CHECK(Matches("size(:l) = :2", Doc(), v));
  CHECK(Matches("size(l) > size(ss)", Doc(), v));
  // N, BOOL, NULL have no size: every comparison is false, even <>.
  CHECK_FALSE(Matches("size(n) = :2", Doc(), v));
  CHECK_FALSE(Matches("size(n) <> :2", Doc(), v));
  CHECK_FALSE(Matches("size(t) >= :0", Doc(), v));
  CHECK_FALSE(Matches("size(nope) = :0", Doc(), v));
}

// Why: the filter names helper feeds Query's "non-primary key attributes" check.
TEST_CASE("Evaluate: top-level names of a condition", "[expr][evaluate]") {
  const ExpressionAttributeValues v = {{":v", 1}};
  const ExpressionAttributeNames n = {{"#k", "pk"}};
  auto c = ParseCondition("a.b = :v AND (size(#k) > :v OR l[1] = :v) AND a = :v",
                          ExpressionKind::kFilter, n, v, nullptr);
  REQUIRE_OK(c);
  std::vector<std::string_view> names = TopLevelNames(*c);
  CHECK(names == std::vector<std::string_view>{"a", "pk", "l"});
}

}  // namespace
}  // namespace dynarock::expr
