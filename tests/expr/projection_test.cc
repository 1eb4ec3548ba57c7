// Tests of ProjectionExpression results (lib/expr/projection.cc), shaped as DynamoDB returns
// them: only requested branches, compacted list elements in index order, missing paths omitted.
#include <catch2/catch.hpp>

#include "lib/expr/expression.h"
#include "tests/expr/expr_test_util.h"

namespace dynarock::expr {
namespace {

const Item kItem{{"a", 1},
                 {"b", "x"},
                 {"l", L({"x", "y", "z"})},
                 {"m", M({{"b", 2}, {"c", 3}, {"lst", L({M({{"p", 1}, {"q", 2}}), 7})}})}};

Item ProjectText(std::string_view text, const ExpressionAttributeNames& names = {}) {
  auto p = ParseProjection(text, names, nullptr);
  REQUIRE_OK(p);
  return Project(*p, kItem);
}

// Why: top-level names select whole attributes; missing ones are omitted.
TEST_CASE("Project: top-level attributes", "[expr][projection]") {
  CHECK(ProjectText("a, nope, #n", {{"#n", "b"}}) == Item{{"a", 1}, {"b", "x"}});
  CHECK(ProjectText("nope") == Item{});
}

// Why: a nested path returns only the requested branch inside its parents.
TEST_CASE("Project: nested paths rebuild requested branches", "[expr][projection]") {
  CHECK(ProjectText("m.b") == Item{{"m", M({{"b", 2}})}});
  CHECK(ProjectText("m.b, m.c, a") == Item{{"a", 1}, {"m", M({{"b", 2}, {"c", 3}})}});
  CHECK(ProjectText("m.nope, m.b.c") == Item{});
}

// Why: DynamoDB compacts several list indexes in ascending order and merges sub-paths.
TEST_CASE("Project: list elements are compacted in index order", "[expr][projection]") {
  CHECK(ProjectText("l[2], l[0]") == Item{{"l", L({"x", "z"})}});
  CHECK(ProjectText("l[5]") == Item{});
  CHECK(ProjectText("m.lst[0].q, m.lst[0].p, m.lst[1]") ==
        Item{{"m", M({{"lst", L({M({{"p", 1}, {"q", 2}}), 7})}})}});
  CHECK(ProjectText("m.lst[0].q") == Item{{"m", M({{"lst", L({M({{"q", 2}})})}})}});
}

}  // namespace
}  // namespace dynarock::expr
