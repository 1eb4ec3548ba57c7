// Tests of DynamoDB's item size rules (lib/value/item_size.h).
#include "lib/value/item_size.h"

#include <catch2/catch.hpp>
#include <string>

namespace dynarock::value {
namespace {

size_t Num(std::string_view text) { return NumberSize(N(text).n()); }

// Why: number sizes count significant digit pairs on each side of the point (reference 1.6).
TEST_CASE("ItemSize: number sizes", "[value][size]") {
  CHECK(Num("42") == 2);
  CHECK(Num("-42") == 3);
  CHECK(Num("1000") == 2);
  CHECK(Num("0.0000001") == 2);
  CHECK(Num("123.45") == 4);
  CHECK(Num("0") == 1);
  CHECK(Num("-0") == 1);
  CHECK(Num("1") == 2);
  CHECK(Num("123") == 3);
  CHECK(Num("1.5") == 3);
  CHECK(Num("0.15") == 2);
  CHECK(Num("-0.125") == 4);
  CHECK(Num(std::string(38, '9')) == 20);
  CHECK(Num("1e125") == 2);
  CHECK(Num("1e-130") == 2);
}

// Why: the 400 KB limit and key limits are computed from these rules.
TEST_CASE("ItemSize: value and item sizes", "[value][size]") {
  CHECK(ValueSize("") == 0);
  CHECK(ValueSize("héllo") == 6);  // UTF-8 bytes
  CHECK(ValueSize(B(std::string(10, '\0'))) == 10);
  CHECK(ValueSize(true) == 1);
  CHECK(ValueSize(Null()) == 1);
  CHECK(ValueSize(SS({"ab", "c"})) == 3);
  CHECK(ValueSize(NS({Decimal(42), Decimal(-42)})) == 5);
  CHECK(ValueSize(BS({"abc", ""})) == 3);
  CHECK(ValueSize(L({})) == 3);
  CHECK(ValueSize(M({})) == 3);
  CHECK(ValueSize(L({"ab", 42})) == 3 + (1 + 2) + (1 + 2));
  CHECK(ValueSize(M({{"k", "ab"}, {"kk", true}})) == 3 + (1 + 1 + 2) + (1 + 2 + 1));
  CHECK(ValueSize(L({L({})})) == 3 + 1 + 3);
  Item item{{"id", "abc"}, {"n", 42}, {"m", M({{"x", Null()}})}};
  CHECK(ItemSize(item) == (2 + 3) + (1 + 2) + (1 + 3 + 1 + 1 + 1));
  CHECK(ItemSize(Item{}) == 0);
  CHECK(kMaxItemSize == 409600);
}

}  // namespace
}  // namespace dynarock::value
