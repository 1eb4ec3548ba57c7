// The legacy Query and Scan parameters KeyConditions, QueryFilter, ScanFilter and
// ConditionalOperator: every comparison operator, their validation in DynamoDB's order and
// wording, and DynamoDB's rules for mixing them with expression parameters (reference 4.0,
// "Legacy parameters"; 4.11, 4.12).
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "dynarock/database.h"

#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace dynarock {
namespace {

using testing::HashRangeTable;
using testing::HashTable;
using testing::TestDb;

Condition Cond(ComparisonOperator op, std::vector<AttributeValue> values = {}) {
  return Condition{.comparison_operator = op, .attribute_value_list = std::move(values)};
}

// The `sk` numbers of a result, in result order.
std::vector<int> SortNumbers(const QueryResult& r) {
  std::vector<int> out;
  for (const Item& item : r.items) out.push_back(std::stoi(item.at("sk").n().ToString()));
  return out;
}

// Table Nums (pk S, sk N): partition "p" holds sk 1..10 with v = "odd"/"even" and, for sk 1..3,
// a string set `tags`; partition "q" holds sk 1..2. Table Strs (pk S, sk S): partition "p" holds
// "apple", "apricot", "banana". Table Hash (pk S) holds "h1".
class LegacyFixture {
 public:
  LegacyFixture() {
    REQUIRE_OK(t->CreateTable(HashRangeTable("Nums", ScalarType::kS, ScalarType::kN)));
    REQUIRE_OK(t->CreateTable(HashRangeTable("Strs", ScalarType::kS, ScalarType::kS)));
    REQUIRE_OK(t->CreateTable(HashTable("Hash")));
    for (int i = 1; i <= 10; ++i) {
      Item item{{"pk", "p"}, {"sk", i}, {"v", i % 2 == 0 ? "even" : "odd"}, {"n", i}};
      if (i <= 3) item.emplace("tags", SS({"t" + std::to_string(i), "common"}));
      REQUIRE_OK(numbers().Put(std::move(item)));
    }
    for (int i = 1; i <= 2; ++i) REQUIRE_OK(numbers().Put({{"pk", "q"}, {"sk", i}}));
    for (const char* s : {"apple", "apricot", "banana"}) {
      REQUIRE_OK(strings().Put({{"pk", "p"}, {"sk", s}}));
    }
    REQUIRE_OK(t->GetTable("Hash").Put({{"pk", "h1"}, {"v", 1}}));
  }
  Table numbers() { return t->GetTable("Nums"); }
  Table strings() { return t->GetTable("Strs"); }

  // Query of partition "p" of N with the sort-key condition `sk` (none when nullopt).
  absl::StatusOr<QueryResult> QueryN(std::optional<Condition> sk, Conditions filter = {},
                                     std::optional<ConditionalOperator> op = std::nullopt) {
    QueryRequest r{.conditional_operator = op,
                   .key_conditions = {{"pk", Cond(ComparisonOperator::kEq, {"p"})}},
                   .query_filter = std::move(filter)};
    if (sk.has_value()) r.key_conditions.emplace("sk", *std::move(sk));
    return numbers().Query(std::move(r));
  }

  TestDb t;
};

// Why: each sort-key operator KeyConditions allows must select the same range as its
// KeyConditionExpression twin, in both directions.
TEST_CASE("QueryLegacy: KeyConditions sort-key operators", "[ops][query][legacy]") {
  LegacyFixture f;
  using CO = ComparisonOperator;
  SECTION("partition only") {
    auto r = f.QueryN(std::nullopt);
    REQUIRE_OK(r);
    CHECK(SortNumbers(*r) == std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  }
  SECTION("EQ") {
    auto r = f.QueryN(Cond(CO::kEq, {4}));
    REQUIRE_OK(r);
    CHECK(SortNumbers(*r) == std::vector<int>{4});
  }
  SECTION("LT") {
    auto r = f.QueryN(Cond(CO::kLt, {4}));
    REQUIRE_OK(r);
    CHECK(SortNumbers(*r) == std::vector<int>{1, 2, 3});
  }
  SECTION("LE") {
    auto r = f.QueryN(Cond(CO::kLe, {4}));
    REQUIRE_OK(r);
    CHECK(SortNumbers(*r) == std::vector<int>{1, 2, 3, 4});
  }
  SECTION("GT") {
    auto r = f.QueryN(Cond(CO::kGt, {8}));
    REQUIRE_OK(r);
    CHECK(SortNumbers(*r) == std::vector<int>{9, 10});
  }
  SECTION("GE") {
    auto r = f.QueryN(Cond(CO::kGe, {8}));
    REQUIRE_OK(r);
    CHECK(SortNumbers(*r) == std::vector<int>{8, 9, 10});
  }
  SECTION("BETWEEN, descending") {
    QueryRequest q{.key_conditions = {{"pk", Cond(CO::kEq, {"p"})},
                                      {"sk", Cond(CO::kBetween, {3, 6})}},
                   .scan_index_forward = false};
    auto r = f.numbers().Query(q);
    REQUIRE_OK(r);
    CHECK(SortNumbers(*r) == std::vector<int>{6, 5, 4, 3});
  }
  SECTION("BEGINS_WITH on a string sort key") {
    auto r = f.strings().Query(
        {.key_conditions = {{"pk", Cond(CO::kEq, {"p"})}, {"sk", Cond(CO::kBeginsWith, {"ap"})}}});
    REQUIRE_OK(r);
    REQUIRE(r->items.size() == 2);
    CHECK(r->items[0].at("sk") == AttributeValue("apple"));
    CHECK(r->items[1].at("sk") == AttributeValue("apricot"));
  }
  SECTION("hash-only table") {
    auto r = f.t->GetTable("Hash").Query({.key_conditions = {{"pk", Cond(CO::kEq, {"h1"})}}});
    REQUIRE_OK(r);
    REQUIRE(r->items.size() == 1);
    CHECK(r->items[0].at("v") == AttributeValue(1));
  }
}

// Why: a KeyConditions query pages like an expression query (LastEvaluatedKey fed back as
// ExclusiveStartKey), and KeyConditions may go with AttributesToGet.
TEST_CASE("QueryLegacy: KeyConditions paging and AttributesToGet", "[ops][query][legacy]") {
  LegacyFixture f;
  QueryRequest q{.attributes_to_get = {"sk"},
                 .key_conditions = {{"pk", Cond(ComparisonOperator::kEq, {"p"})},
                                    {"sk", Cond(ComparisonOperator::kGt, {2})}},
                 .limit = 3};
  std::vector<int> seen;
  int pages = 0;
  do {
    auto r = f.numbers().Query(q);
    REQUIRE_OK(r);
    for (const Item& item : r->items) CHECK(item.size() == 1);
    for (int n : SortNumbers(*r)) seen.push_back(n);
    q.exclusive_start_key = r->last_evaluated_key;
    ++pages;
  } while (q.exclusive_start_key.has_value() && pages < 10);
  CHECK(seen == std::vector<int>{3, 4, 5, 6, 7, 8, 9, 10});
  CHECK(pages == 3);
}

// Why: every comparison operator of QueryFilter runs on the shared evaluator with DynamoDB's
// semantics, after the key range (Count versus ScannedCount).
TEST_CASE("QueryLegacy: QueryFilter operators", "[ops][query][legacy]") {
  LegacyFixture f;
  using CO = ComparisonOperator;
  struct Case {
    const char* name;
    Conditions filter;
    std::vector<int> want;
  };
  const std::vector<Case> cases = {
      {"EQ", {{"v", Cond(CO::kEq, {"even"})}}, {2, 4, 6, 8, 10}},
      {"EQ on a set", {{"tags", Cond(CO::kEq, {SS({"common", "t2"})})}}, {2}},
      {"NE", {{"n", Cond(CO::kNe, {5})}}, {1, 2, 3, 4, 6, 7, 8, 9, 10}},
      {"LT", {{"n", Cond(CO::kLt, {3})}}, {1, 2}},
      {"LE", {{"n", Cond(CO::kLe, {3})}}, {1, 2, 3}},
      {"GT", {{"n", Cond(CO::kGt, {8})}}, {9, 10}},
      {"GE", {{"n", Cond(CO::kGe, {8})}}, {8, 9, 10}},
      {"NOT_NULL", {{"tags", Cond(CO::kNotNull)}}, {1, 2, 3}},
      {"NULL", {{"tags", Cond(CO::kNull)}}, {4, 5, 6, 7, 8, 9, 10}},
      {"CONTAINS on a set", {{"tags", Cond(CO::kContains, {"t3"})}}, {3}},
      {"CONTAINS on a string", {{"v", Cond(CO::kContains, {"ve"})}}, {2, 4, 6, 8, 10}},
      {"NOT_CONTAINS", {{"tags", Cond(CO::kNotContains, {"t1"})}}, {2, 3}},
      {"BEGINS_WITH", {{"v", Cond(CO::kBeginsWith, {"o"})}}, {1, 3, 5, 7, 9}},
      {"IN", {{"n", Cond(CO::kIn, {2, 7, 42})}}, {2, 7}},
      {"BETWEEN", {{"n", Cond(CO::kBetween, {4, 6})}}, {4, 5, 6}},
      {"two conditions, AND by default",
       {{"v", Cond(CO::kEq, {"odd"})}, {"n", Cond(CO::kGt, {5})}},
       {7, 9}},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    auto r = f.QueryN(std::nullopt, c.filter);
    REQUIRE_OK(r);
    CHECK(SortNumbers(*r) == c.want);
    CHECK(r->count == static_cast<int64_t>(c.want.size()));
    CHECK(r->scanned_count == 10);
  }
  SECTION("ConditionalOperator OR") {
    auto r = f.QueryN(std::nullopt, {{"v", Cond(CO::kEq, {"odd"})}, {"n", Cond(CO::kGt, {7})}},
                      ConditionalOperator::kOr);
    REQUIRE_OK(r);
    CHECK(SortNumbers(*r) == std::vector<int>{1, 3, 5, 7, 8, 9, 10});
  }
  SECTION("ConditionalOperator AND") {
    auto r = f.QueryN(Cond(CO::kLe, {6}),
                      {{"v", Cond(CO::kEq, {"odd"})}, {"n", Cond(CO::kGt, {2})}},
                      ConditionalOperator::kAnd);
    REQUIRE_OK(r);
    CHECK(SortNumbers(*r) == std::vector<int>{3, 5});
    CHECK(r->scanned_count == 6);
  }
}

// Why: ScanFilter is the same evaluator over the whole table, and may name key attributes
// (only QueryFilter may not).
TEST_CASE("ScanLegacy: ScanFilter operators and ConditionalOperator", "[ops][scan][legacy]") {
  LegacyFixture f;
  using CO = ComparisonOperator;
  auto count = [&f](Conditions filter, std::optional<ConditionalOperator> op = std::nullopt) {
    auto r = f.numbers().Scan({.conditional_operator = op, .scan_filter = std::move(filter)});
    REQUIRE_OK(r);
    CHECK(r->scanned_count == 12);
    CHECK(r->count == static_cast<int64_t>(r->items.size()));
    return r->count;
  };
  CHECK(count({{"pk", Cond(CO::kEq, {"q"})}}) == 2);
  CHECK(count({{"sk", Cond(CO::kLe, {2})}}) == 4);
  CHECK(count({{"sk", Cond(CO::kLt, {2})}}) == 2);
  CHECK(count({{"sk", Cond(CO::kGe, {9})}}) == 2);
  CHECK(count({{"sk", Cond(CO::kGt, {9})}}) == 1);
  CHECK(count({{"v", Cond(CO::kNe, {"odd"})}}) == 7);  // absent counts as not equal
  CHECK(count({{"v", Cond(CO::kNotNull)}}) == 10);
  CHECK(count({{"v", Cond(CO::kNull)}}) == 2);
  CHECK(count({{"tags", Cond(CO::kContains, {"common"})}}) == 3);
  CHECK(count({{"tags", Cond(CO::kNotContains, {"t2"})}}) == 2);
  CHECK(count({{"pk", Cond(CO::kBeginsWith, {"q"})}}) == 2);
  CHECK(count({{"sk", Cond(CO::kIn, {1, 10})}}) == 3);
  CHECK(count({{"sk", Cond(CO::kBetween, {2, 3})}}) == 3);
  CHECK(count({{"pk", Cond(CO::kEq, {"q"})}, {"sk", Cond(CO::kEq, {10})}},
              ConditionalOperator::kOr) == 3);
  CHECK(count({{"pk", Cond(CO::kEq, {"q"})}, {"sk", Cond(CO::kEq, {1})}},
              ConditionalOperator::kAnd) == 1);
}

// Why: the argument checks of QueryFilter/ScanFilter/KeyConditions conditions are DynamoDB's,
// in its order (count, one type, operator's types, BETWEEN bounds), with its texts.
TEST_CASE("QueryLegacy: condition argument errors", "[ops][query][scan][legacy]") {
  LegacyFixture f;
  using CO = ComparisonOperator;
  auto scan = [&f](Conditions filter) { return f.numbers().Scan({.scan_filter = std::move(filter)}); };
  const std::string prefix = "One or more parameter values were invalid: ";
  SECTION("argument counts") {
    REQUIRE_ERROR(scan({{"a", Cond(CO::kEq)}}), ErrorType::kValidation,
                  prefix + "Invalid number of argument(s) for the EQ ComparisonOperator");
    REQUIRE_ERROR(scan({{"a", Cond(CO::kNull, {"x"})}}), ErrorType::kValidation,
                  prefix + "Invalid number of argument(s) for the NULL ComparisonOperator");
    REQUIRE_ERROR(scan({{"a", Cond(CO::kNotNull, {"x"})}}), ErrorType::kValidation,
                  prefix + "Invalid number of argument(s) for the NOT_NULL ComparisonOperator");
    REQUIRE_ERROR(scan({{"a", Cond(CO::kBetween, {1})}}), ErrorType::kValidation,
                  prefix + "Invalid number of argument(s) for the BETWEEN ComparisonOperator");
    REQUIRE_ERROR(scan({{"a", Cond(CO::kIn)}}), ErrorType::kValidation,
                  prefix + "Invalid number of argument(s) for the IN ComparisonOperator");
    REQUIRE_ERROR(scan({{"a", Cond(CO::kLt, {1, 2})}}), ErrorType::kValidation,
                  prefix + "Invalid number of argument(s) for the LT ComparisonOperator");
  }
  SECTION("operand types") {
    REQUIRE_ERROR(scan({{"a", Cond(CO::kLt, {SS({"x"})})}}), ErrorType::kValidation,
                  prefix + "ComparisonOperator LT is not valid for SS AttributeValue type");
    REQUIRE_ERROR(scan({{"a", Cond(CO::kBeginsWith, {1})}}), ErrorType::kValidation,
                  prefix + "ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type");
    REQUIRE_ERROR(scan({{"a", Cond(CO::kContains, {true})}}), ErrorType::kValidation,
                  prefix + "ComparisonOperator CONTAINS is not valid for BOOL AttributeValue type");
  }
  SECTION("one type for all values, checked before the operator's types") {
    REQUIRE_ERROR(scan({{"a", Cond(CO::kIn, {"x", 1})}}), ErrorType::kValidation,
                  prefix + "AttributeValues inside AttributeValueList must be of same type");
    REQUIRE_ERROR(scan({{"a", Cond(CO::kBetween, {SS({"x"}), 1})}}), ErrorType::kValidation,
                  prefix + "AttributeValues inside AttributeValueList must be of same type");
  }
  SECTION("BETWEEN bounds") {
    REQUIRE_ERROR(scan({{"a", Cond(CO::kBetween, {5, 4})}}), ErrorType::kValidation,
                  "The BETWEEN condition was provided a range where the lower bound is greater "
                  "than the upper bound");
  }
  SECTION("invalid values") {
    REQUIRE_ERROR(scan({{"a", Cond(CO::kEq, {SS({})})}}), ErrorType::kValidation,
                  prefix + "An string set  may not be empty");
  }
  SECTION("QueryFilter and KeyConditions are checked alike") {
    REQUIRE_ERROR(f.QueryN(std::nullopt, {{"v", Cond(CO::kGe)}}), ErrorType::kValidation,
                  prefix + "Invalid number of argument(s) for the GE ComparisonOperator");
    REQUIRE_ERROR(f.QueryN(Cond(CO::kBetween, {9, 1})), ErrorType::kValidation,
                  "The BETWEEN condition was provided a range where the lower bound is greater "
                  "than the upper bound");
  }
}

// Why: KeyConditions accept only DynamoDB's key shapes, with its messages.
TEST_CASE("QueryLegacy: KeyConditions validation", "[ops][query][legacy]") {
  LegacyFixture f;
  using CO = ComparisonOperator;
  auto query = [&f](Conditions kc) { return f.numbers().Query({.key_conditions = std::move(kc)}); };
  SECTION("length 1 or 2") {
    REQUIRE_ERROR(query({{"pk", Cond(CO::kEq, {"p"})},
                         {"sk", Cond(CO::kEq, {1})},
                         {"z", Cond(CO::kEq, {1})}}),
                  ErrorType::kValidation, "Conditions can be of length 1 or 2 only");
  }
  SECTION("missing partition key") {
    REQUIRE_ERROR(query({{"sk", Cond(CO::kEq, {1})}}), ErrorType::kValidation,
                  "Query condition missed key schema element: pk");
    REQUIRE_ERROR(query({{"z", Cond(CO::kEq, {1})}}), ErrorType::kValidation,
                  "Query condition missed key schema element: pk");
  }
  SECTION("a non-key attribute beside the partition key") {
    REQUIRE_ERROR(query({{"pk", Cond(CO::kEq, {"p"})}, {"z", Cond(CO::kEq, {1})}}),
                  ErrorType::kValidation, "Query condition missed key schema element: sk");
  }
  SECTION("operators that cannot use the index") {
    for (CO op : {CO::kNe, CO::kContains, CO::kNotContains, CO::kIn}) {
      REQUIRE_ERROR(query({{"pk", Cond(op, {"p"})}}), ErrorType::kValidation,
                    "Attempted conditional constraint is not an indexable operation");
      REQUIRE_ERROR(query({{"pk", Cond(CO::kEq, {"p"})}, {"sk", Cond(op, {1})}}),
                    ErrorType::kValidation,
                    "Attempted conditional constraint is not an indexable operation");
    }
    for (CO op : {CO::kNull, CO::kNotNull}) {
      REQUIRE_ERROR(query({{"pk", Cond(CO::kEq, {"p"})}, {"sk", Cond(op)}}),
                    ErrorType::kValidation,
                    "Attempted conditional constraint is not an indexable operation");
    }
  }
  SECTION("partition key not compared with EQ") {
    for (CO op : {CO::kLt, CO::kLe, CO::kGt, CO::kGe, CO::kBeginsWith}) {
      REQUIRE_ERROR(query({{"pk", Cond(op, {"p"})}}), ErrorType::kValidation,
                    "Query key condition not supported");
    }
    REQUIRE_ERROR(query({{"pk", Cond(CO::kBetween, {"a", "b"})}}), ErrorType::kValidation,
                  "Query key condition not supported");
  }
  SECTION("two conditions on a table without sort key") {
    REQUIRE_ERROR(f.t->GetTable("Hash").Query({.key_conditions = {{"pk", Cond(CO::kEq, {"h1"})},
                                                               {"v", Cond(CO::kEq, {1})}}}),
                  ErrorType::kValidation, "Query key condition not supported");
  }
  SECTION("value type does not match the key") {
    REQUIRE_ERROR(query({{"pk", Cond(CO::kEq, {1})}}), ErrorType::kValidation,
                  "One or more parameter values were invalid: Condition parameter type does not "
                  "match schema type");
    REQUIRE_ERROR(query({{"pk", Cond(CO::kEq, {"p"})}, {"sk", Cond(CO::kGt, {"1"})}}),
                  ErrorType::kValidation,
                  "One or more parameter values were invalid: Condition parameter type does not "
                  "match schema type");
  }
  SECTION("neither KeyConditions nor KeyConditionExpression") {
    REQUIRE_ERROR(f.numbers().Query({.query_filter = {{"v", Cond(CO::kNotNull)}}}),
                  ErrorType::kValidation,
                  "Either the KeyConditions or KeyConditionExpression parameter must be "
                  "specified in the request.");
  }
  SECTION("QueryFilter on a key attribute") {
    REQUIRE_ERROR(f.QueryN(std::nullopt, {{"sk", Cond(CO::kGt, {1})}}), ErrorType::kValidation,
                  "QueryFilter can only contain non-primary key attributes: Primary key "
                  "attribute: sk");
  }
  SECTION("ConditionalOperator without a filter") {
    QueryRequest q{.conditional_operator = ConditionalOperator::kOr,
                   .key_conditions = {{"pk", Cond(CO::kEq, {"p"})}}};
    REQUIRE_ERROR(f.numbers().Query(q), ErrorType::kValidation,
                  "ConditionalOperator cannot be used without Filter or Expected");
    REQUIRE_ERROR(f.numbers().Scan({.conditional_operator = ConditionalOperator::kAnd}),
                  ErrorType::kValidation,
                  "ConditionalOperator cannot be used without Filter or Expected");
  }
}

// Why: one request may not mix legacy and expression parameters (DynamoDB lists both sides),
// except KeyConditions with FilterExpression or ProjectionExpression.
TEST_CASE("QueryLegacy: mixing legacy and expression parameters", "[ops][query][scan][legacy]") {
  LegacyFixture f;
  using CO = ComparisonOperator;
  const Conditions key = {{"pk", Cond(CO::kEq, {"p"})}};
  const std::string mixed =
      "Can not use both expression and non-expression parameters in the same request: ";
  SECTION("KeyConditions with KeyConditionExpression") {
    REQUIRE_ERROR(f.numbers().Query({.expression_attribute_values = {{":p", "p"}},
                                     .key_condition_expression = "pk = :p",
                                     .key_conditions = key}),
                  ErrorType::kValidation,
                  mixed + "Non-expression parameters: {KeyConditions} Expression parameters: "
                          "{KeyConditionExpression}");
  }
  SECTION("QueryFilter with FilterExpression") {
    REQUIRE_ERROR(f.numbers().Query({.expression_attribute_values = {{":p", "p"}, {":v", "odd"}},
                                     .filter_expression = "v = :v",
                                     .key_condition_expression = "pk = :p",
                                     .query_filter = {{"v", Cond(CO::kNotNull)}}}),
                  ErrorType::kValidation,
                  mixed + "Non-expression parameters: {QueryFilter} Expression parameters: "
                          "{FilterExpression, KeyConditionExpression}");
  }
  SECTION("AttributesToGet with ProjectionExpression") {
    REQUIRE_ERROR(f.numbers().Query({.attributes_to_get = {"v"},
                                     .key_conditions = key,
                                     .projection_expression = "v"}),
                  ErrorType::kValidation,
                  mixed + "Non-expression parameters: {AttributesToGet} Expression parameters: "
                          "{ProjectionExpression}");
  }
  SECTION("every legacy parameter against every expression") {
    REQUIRE_ERROR(f.numbers().Query({.attributes_to_get = {"v"},
                                     .conditional_operator = ConditionalOperator::kOr,
                                     .expression_attribute_values = {{":p", "p"}, {":v", "odd"}},
                                     .filter_expression = "v = :v",
                                     .key_condition_expression = "pk = :p",
                                     .key_conditions = key,
                                     .projection_expression = "v",
                                     .query_filter = {{"v", Cond(CO::kNotNull)}}}),
                  ErrorType::kValidation,
                  mixed + "Non-expression parameters: {AttributesToGet, QueryFilter, "
                          "ConditionalOperator, KeyConditions} Expression parameters: "
                          "{ProjectionExpression, FilterExpression, KeyConditionExpression}");
  }
  SECTION("ScanFilter or ConditionalOperator with FilterExpression") {
    REQUIRE_ERROR(f.numbers().Scan({.expression_attribute_values = {{":v", "odd"}},
                                    .filter_expression = "v = :v",
                                    .scan_filter = {{"v", Cond(CO::kNotNull)}}}),
                  ErrorType::kValidation,
                  mixed + "Non-expression parameters: {ScanFilter} Expression parameters: "
                          "{FilterExpression}");
    REQUIRE_ERROR(f.numbers().Scan({.conditional_operator = ConditionalOperator::kOr,
                                    .expression_attribute_values = {{":v", "odd"}},
                                    .filter_expression = "v = :v"}),
                  ErrorType::kValidation,
                  mixed + "Non-expression parameters: {ConditionalOperator} Expression "
                          "parameters: {FilterExpression}");
  }
  SECTION("KeyConditions with FilterExpression and ProjectionExpression is allowed") {
    auto r = f.numbers().Query({.expression_attribute_names = {{"#v", "v"}},
                                .expression_attribute_values = {{":v", "odd"}},
                                .filter_expression = "#v = :v",
                                .key_conditions = {{"pk", Cond(CO::kEq, {"p"})},
                                                   {"sk", Cond(CO::kLe, {5})}},
                                .projection_expression = "sk"});
    REQUIRE_OK(r);
    CHECK(SortNumbers(*r) == std::vector<int>{1, 3, 5});
    CHECK(r->items[0].size() == 1);
    CHECK(r->scanned_count == 5);
  }
}

}  // namespace
}  // namespace dynarock
