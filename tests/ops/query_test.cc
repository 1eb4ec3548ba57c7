// Query: the sort order of N, S and B sort keys in both directions, every key-condition
// operator, paging by Limit and by the 1 MB page limit, FilterExpression / ProjectionExpression /
// Select, ExclusiveStartKey, and DynamoDB's validation messages (reference sections 2, 3.4,
// 4.11).
#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "dynarock/database.h"

#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace dynarock {
namespace {

using testing::DbKind;
using testing::HashRangeTable;
using testing::HashTable;
using testing::TestDb;

// The `sk` values of the items of a result, in result order.
std::vector<AttributeValue> SortKeys(const QueryResult& r) {
  std::vector<AttributeValue> out;
  for (const Item& item : r.items) out.push_back(item.at("sk"));
  return out;
}

std::vector<AttributeValue> Numbers(std::initializer_list<int> ns) {
  std::vector<AttributeValue> out;
  for (int n : ns) out.emplace_back(n);
  return out;
}

QueryRequest PartitionQuery(std::string_view pk) {
  return {.expression_attribute_values = {{":pk", AttributeValue(pk)}},
          .key_condition_expression = "pk = :pk"};
}

// A table T (pk S, sk N) with sk 1..10 in partition "p" and decoys in the neighbouring
// partitions "o", "q" and "pp" (a partition key that extends "p").
class NumbersFixture {
 public:
  explicit NumbersFixture(DbKind kind = DbKind::kInMemory) : t(kind) {
    REQUIRE_OK(t->CreateTable(HashRangeTable("Tab", ScalarType::kS, ScalarType::kN)));
    for (int i = 10; i >= 1; --i) {
      REQUIRE_OK(table().Put({{"pk", "p"}, {"sk", i}, {"v", i % 2 == 0 ? "even" : "odd"}}));
    }
    for (const char* decoy : {"o", "q", "pp"}) {
      for (int i = 0; i <= 11; ++i) REQUIRE_OK(table().Put({{"pk", decoy}, {"sk", i}}));
    }
  }
  Table table() { return t->GetTable("Tab"); }
  // Query of partition "p" with the sort-key condition `sk_condition` ("" for none).
  absl::StatusOr<QueryResult> Run(std::string_view sk_condition, ExpressionAttributeValues values,
                                  bool forward = true) {
    values.emplace(":pk", "p");
    std::string kce = "pk = :pk";
    if (!sk_condition.empty()) kce = std::string(sk_condition) + " AND " + kce;
    return table().Query({.expression_attribute_values = std::move(values),
                          .key_condition_expression = kce,
                          .scan_index_forward = forward});
  }

  TestDb t;
};

// Why: DynamoDB orders N sort keys numerically (negatives, fractions, exponents), not as text,
// and ScanIndexForward=false must give the exact reverse.
TEST_CASE("Query: number sort keys order by value in both directions", "[ops][query]") {
  auto kind = GENERATE(DbKind::kInMemory, DbKind::kOnDisk);
  TestDb t(kind);
  REQUIRE_OK(t->CreateTable(HashRangeTable("Tab", ScalarType::kS, ScalarType::kN)));
  const std::vector<std::string> sorted = {"-1E+10",
                                           "-3.5",
                                           "-1",
                                           "-0.001",
                                           "0",
                                           "1E-7",
                                           "0.001",
                                           "1",
                                           "1.5",
                                           "2",
                                           "10",
                                           "1E+10",
                                           "12345678901234567890123"};
  std::vector<std::string> shuffled = sorted;
  std::reverse(shuffled.begin(), shuffled.end());
  std::rotate(shuffled.begin(), shuffled.begin() + 5, shuffled.end());
  for (const std::string& n : shuffled)
    REQUIRE_OK(t->GetTable("Tab").Put({{"pk", "a"}, {"sk", N(n)}}));
  std::vector<AttributeValue> expected;
  for (const std::string& n : sorted) expected.push_back(N(n));

  QueryRequest q = PartitionQuery("a");
  auto up = t->GetTable("Tab").Query(q);
  REQUIRE_OK(up);
  CHECK(SortKeys(*up) == expected);
  q.scan_index_forward = false;
  auto down = t->GetTable("Tab").Query(q);
  REQUIRE_OK(down);
  std::reverse(expected.begin(), expected.end());
  CHECK(SortKeys(*down) == expected);
  CHECK(down->count == static_cast<int64_t>(sorted.size()));
  CHECK_FALSE(down->last_evaluated_key.has_value());
}

// Why: S sort keys order by UTF-8 bytes (code point order), B by unsigned bytes, including
// 0x00 (escaped by the key codec) and 0xFF.
TEST_CASE("Query: string and binary sort keys order bytewise in both directions", "[ops][query]") {
  TestDb t;
  SECTION("S") {
    REQUIRE_OK(t->CreateTable(HashRangeTable("Tab", ScalarType::kS, ScalarType::kS)));
    // Byte order: "A" < "a" < "ab" < "b" < "z" < U+00E9 < U+65E5 U+672C < U+1F600.
    const std::vector<std::string> sorted = {
        "A", "a", "ab", "b", "z", "\xC3\xA9", "\xE6\x97\xA5\xE6\x9C\xAC", "\xF0\x9F\x98\x80"};
    for (auto it = sorted.rbegin(); it != sorted.rend(); ++it) {
      REQUIRE_OK(t->GetTable("Tab").Put({{"pk", "a"}, {"sk", *it}}));
    }
    std::vector<AttributeValue> expected(sorted.begin(), sorted.end());
    QueryRequest q = PartitionQuery("a");
    auto up = t->GetTable("Tab").Query(q);
    REQUIRE_OK(up);
    CHECK(SortKeys(*up) == expected);
    q.scan_index_forward = false;
    auto down = t->GetTable("Tab").Query(q);
    REQUIRE_OK(down);
    std::reverse(expected.begin(), expected.end());
    CHECK(SortKeys(*down) == expected);
  }
  SECTION("B") {
    REQUIRE_OK(t->CreateTable(HashRangeTable("Tab", ScalarType::kS, ScalarType::kB)));
    std::vector<std::string> sorted = {std::string("\x00", 1),
                                       std::string("\x00\x00", 2),
                                       std::string("\x00\x01", 2),
                                       std::string("\x00\xFF", 2),
                                       "\x01",
                                       "\x7F",
                                       "\x80",
                                       "\xFF",
                                       std::string("\xFF\x00", 2),
                                       "\xFF\xFF"};
    for (const std::string& b : sorted)
      REQUIRE_OK(t->GetTable("Tab").Put({{"pk", "a"}, {"sk", B(b)}}));
    std::vector<AttributeValue> expected;
    for (const std::string& b : sorted) expected.push_back(B(b));
    QueryRequest q = PartitionQuery("a");
    auto up = t->GetTable("Tab").Query(q);
    REQUIRE_OK(up);
    CHECK(SortKeys(*up) == expected);
    q.scan_index_forward = false;
    auto down = t->GetTable("Tab").Query(q);
    REQUIRE_OK(down);
    std::reverse(expected.begin(), expected.end());
    CHECK(SortKeys(*down) == expected);
  }
}

// Why: each sort-key operator becomes one key range; an off-by-one at either end or a range
// leaking into a neighbouring partition would show here.
TEST_CASE("Query: each key condition operator selects exactly its items", "[ops][query]") {
  auto kind = GENERATE(DbKind::kInMemory, DbKind::kOnDisk);
  NumbersFixture f(kind);
  auto check = [&f](std::string_view cond, ExpressionAttributeValues values,
                    std::vector<AttributeValue> expected) {
    INFO(cond);
    auto up = f.Run(cond, values);
    REQUIRE_OK(up);
    CHECK(SortKeys(*up) == expected);
    auto down = f.Run(cond, values, false);
    REQUIRE_OK(down);
    std::reverse(expected.begin(), expected.end());
    CHECK(SortKeys(*down) == expected);
  };
  check("", {}, Numbers({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
  check("sk = :v", {{":v", 5}}, Numbers({5}));
  check("sk = :v", {{":v", N("5.5")}}, {});
  check("sk < :v", {{":v", 5}}, Numbers({1, 2, 3, 4}));
  check("sk <= :v", {{":v", 5}}, Numbers({1, 2, 3, 4, 5}));
  check("sk > :v", {{":v", 5}}, Numbers({6, 7, 8, 9, 10}));
  check("sk >= :v", {{":v", 5}}, Numbers({5, 6, 7, 8, 9, 10}));
  check("sk BETWEEN :a AND :b", {{":a", 3}, {":b", 6}}, Numbers({3, 4, 5, 6}));
  check("sk BETWEEN :a AND :b", {{":a", 4}, {":b", 4}}, Numbers({4}));
  check(":v <= sk", {{":v", 9}}, Numbers({9, 10}));
  check("(sk > :v)", {{":v", N("-1")}}, Numbers({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
  check("sk > :v", {{":v", 10}}, {});
}

// Why: begins_with is a prefix range over the key encoding; the escaped 0x00 and a 0xFF last
// byte are the edge cases of computing the range's end.
TEST_CASE("Query: begins_with on string and binary sort keys", "[ops][query]") {
  TestDb t;
  auto run = [&t](AttributeValue prefix) {
    auto r = t->GetTable("Tab").Query(
        {.expression_attribute_values = {{":pk", "a"}, {":p", std::move(prefix)}},
         .key_condition_expression = "pk = :pk AND begins_with(sk, :p)"});
    REQUIRE_OK(r);
    return SortKeys(*r);
  };
  SECTION("S") {
    REQUIRE_OK(t->CreateTable(HashRangeTable("Tab", ScalarType::kS, ScalarType::kS)));
    for (const char* s :
         {"a", "ap", "apple", "apricot", "aq", "b", "\xC3\xA9t\xC3\xA9", "\xC3\xA9"}) {
      REQUIRE_OK(t->GetTable("Tab").Put({{"pk", "a"}, {"sk", s}}));
    }
    CHECK(run("ap") == std::vector<AttributeValue>{"ap", "apple", "apricot"});
    CHECK(run("apple") == std::vector<AttributeValue>{"apple"});
    CHECK(run("apples").empty());
    CHECK(run("\xC3\xA9") == std::vector<AttributeValue>{"\xC3\xA9", "\xC3\xA9t\xC3\xA9"});
  }
  SECTION("B") {
    REQUIRE_OK(t->CreateTable(HashRangeTable("Tab", ScalarType::kS, ScalarType::kB)));
    const std::vector<std::string> all = {std::string("\x00", 1),
                                          std::string("\x00\x00", 2),
                                          std::string("\x00\xFF", 2),
                                          "\x01",
                                          "\xFE\xFF",
                                          "\xFF",
                                          std::string("\xFF\x00", 2),
                                          "\xFF\xFF"};
    for (const std::string& b : all)
      REQUIRE_OK(t->GetTable("Tab").Put({{"pk", "a"}, {"sk", B(b)}}));
    CHECK(run(B(std::string("\x00", 1))) ==
          std::vector<AttributeValue>{B(std::string("\x00", 1)), B(std::string("\x00\x00", 2)),
                                      B(std::string("\x00\xFF", 2))});
    CHECK(run(B("\xFF")) ==
          std::vector<AttributeValue>{B("\xFF"), B(std::string("\xFF\x00", 2)), B("\xFF\xFF")});
    CHECK(run(B("\xFE")) == std::vector<AttributeValue>{B("\xFE\xFF")});
  }
}

// Why: a hash-only table's partition is one item; the partition key's encoding must not match
// a longer key that extends it.
TEST_CASE("Query: hash-only table returns the one item of the partition", "[ops][query]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(HashTable("Hash")));
  for (const char* pk : {"a", "ab", "b"})
    REQUIRE_OK(t->GetTable("Hash").Put({{"pk", pk}, {"x", 1}}));
  auto r = t->GetTable("Hash").Query(PartitionQuery("a"));
  REQUIRE_OK(r);
  REQUIRE(r->items.size() == 1);
  CHECK(r->items[0] == Item{{"pk", "a"}, {"x", 1}});
  auto none = t->GetTable("Hash").Query(PartitionQuery("c"));
  REQUIRE_OK(none);
  CHECK(none->items.empty());
  CHECK(none->count == 0);
  CHECK(none->scanned_count == 0);
}

// Why: Limit counts evaluated items; LastEvaluatedKey is the last evaluated key and is present
// whenever Limit stopped the page, even with nothing left (as DynamoDB).
TEST_CASE("Query: paging with Limit in both directions", "[ops][query][paging]") {
  NumbersFixture f;
  for (bool forward : {true, false}) {
    INFO("forward " << forward);
    std::vector<AttributeValue> seen;
    QueryRequest q = PartitionQuery("p");
    q.limit = 5;
    q.scan_index_forward = forward;
    int pages = 0;
    bool had_empty_final_page = false;
    while (true) {
      auto r = f.table().Query(q);
      REQUIRE_OK(r);
      ++pages;
      for (const AttributeValue& v : SortKeys(*r)) seen.push_back(v);
      if (!r->last_evaluated_key.has_value()) {
        had_empty_final_page = r->items.empty();
        break;
      }
      CHECK(r->scanned_count == 5);
      CHECK(*r->last_evaluated_key == Item{{"pk", "p"}, {"sk", r->items.back().at("sk")}});
      q.exclusive_start_key = r->last_evaluated_key;
    }
    std::vector<AttributeValue> expected = Numbers({1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    if (!forward) std::reverse(expected.begin(), expected.end());
    CHECK(seen == expected);
    CHECK(pages == 3);  // 5 + 5 (with LastEvaluatedKey) + an empty last page
    CHECK(had_empty_final_page);
  }
  SECTION("a last page shorter than Limit has no LastEvaluatedKey") {
    QueryRequest q = PartitionQuery("p");
    q.limit = 4;
    q.exclusive_start_key = Item{{"pk", "p"}, {"sk", 8}};
    auto r = f.table().Query(q);
    REQUIRE_OK(r);
    CHECK(SortKeys(*r) == Numbers({9, 10}));
    CHECK_FALSE(r->last_evaluated_key.has_value());
  }
}

// Why: ExclusiveStartKey need not exist; the query resumes strictly after it in the direction
// of the query, and stays within the key condition.
TEST_CASE("Query: ExclusiveStartKey that is not an item", "[ops][query][paging]") {
  NumbersFixture f;
  QueryRequest q = PartitionQuery("p");
  q.exclusive_start_key = Item{{"pk", "p"}, {"sk", N("4.5")}};
  auto up = f.table().Query(q);
  REQUIRE_OK(up);
  CHECK(SortKeys(*up) == Numbers({5, 6, 7, 8, 9, 10}));
  q.scan_index_forward = false;
  auto down = f.table().Query(q);
  REQUIRE_OK(down);
  CHECK(SortKeys(*down) == Numbers({4, 3, 2, 1}));
  q.exclusive_start_key = Item{{"pk", "p"}, {"sk", 5}};
  auto from_item = f.table().Query(q);
  REQUIRE_OK(from_item);
  CHECK(SortKeys(*from_item) == Numbers({4, 3, 2, 1}));
  auto bounded = f.Run("sk <= :v", {{":v", 7}});
  REQUIRE_OK(bounded);
  QueryRequest r{.exclusive_start_key = Item{{"pk", "p"}, {"sk", 5}},
                 .expression_attribute_values = {{":pk", "p"}, {":v", 7}},
                 .key_condition_expression = "pk = :pk AND sk <= :v"};
  auto rest = f.table().Query(r);
  REQUIRE_OK(rest);
  CHECK(SortKeys(*rest) == Numbers({6, 7}));
}

// Why: the 1 MB page limit is measured on item sizes read; with ~100 KB items each page stops
// near 1 MB and paging still returns every item exactly once, in order.
TEST_CASE("Query: pages stop at 1 MB of items read", "[ops][query][paging]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(HashRangeTable("Tab", ScalarType::kS, ScalarType::kN)));
  const std::string payload(100 * 1024, 'x');
  constexpr int kItems = 25;
  for (int i = 0; i < kItems; ++i) {
    REQUIRE_OK(t->GetTable("Tab").Put({{"pk", "big"}, {"sk", i}, {"data", payload}}));
  }
  QueryRequest q = PartitionQuery("big");
  std::vector<AttributeValue> seen;
  std::vector<int64_t> page_sizes;
  while (true) {
    auto r = t->GetTable("Tab").Query(q);
    REQUIRE_OK(r);
    page_sizes.push_back(r->scanned_count);
    for (const AttributeValue& v : SortKeys(*r)) seen.push_back(v);
    if (!r->last_evaluated_key.has_value()) break;
    q.exclusive_start_key = r->last_evaluated_key;
  }
  std::vector<AttributeValue> expected;
  for (int i = 0; i < kItems; ++i) expected.emplace_back(i);
  CHECK(seen == expected);
  // Each item is 100 KB + a few bytes: the 11th item crosses 1 MB (1,048,576 bytes).
  REQUIRE(page_sizes.size() == 3);
  CHECK(page_sizes[0] == 11);
  CHECK(page_sizes[1] == 11);
  CHECK(page_sizes[2] == 3);
}

// Why: the filter applies after Limit: Count counts matches, ScannedCount evaluated items, and
// a page where nothing matches still carries LastEvaluatedKey to continue.
TEST_CASE("Query: FilterExpression, Count and ScannedCount", "[ops][query]") {
  NumbersFixture f;
  QueryRequest q = PartitionQuery("p");
  q.filter_expression = "v = :v";
  q.expression_attribute_values.emplace(":v", "even");
  auto all = f.table().Query(q);
  REQUIRE_OK(all);
  CHECK(SortKeys(*all) == Numbers({2, 4, 6, 8, 10}));
  CHECK(all->count == 5);
  CHECK(all->scanned_count == 10);

  q.expression_attribute_values[":v"] = "none";
  q.limit = 3;
  auto empty_page = f.table().Query(q);
  REQUIRE_OK(empty_page);
  CHECK(empty_page->items.empty());
  CHECK(empty_page->count == 0);
  CHECK(empty_page->scanned_count == 3);
  REQUIRE(empty_page->last_evaluated_key.has_value());
  CHECK(*empty_page->last_evaluated_key == Item{{"pk", "p"}, {"sk", 3}});
}

// Why: Select and the projection parameters shape Items; COUNT returns no items.
TEST_CASE("Query: ProjectionExpression and Select", "[ops][query]") {
  NumbersFixture f;
  QueryRequest q = PartitionQuery("p");
  q.key_condition_expression = "pk = :pk AND sk < :three";
  q.expression_attribute_values.emplace(":three", 3);
  SECTION("projection") {
    q.projection_expression = "#v, nothere";
    q.expression_attribute_names = {{"#v", "v"}};
    auto r = f.table().Query(q);
    REQUIRE_OK(r);
    REQUIRE(r->items.size() == 2);
    CHECK(r->items[0] == Item{{"v", "odd"}});
    CHECK(r->items[1] == Item{{"v", "even"}});
  }
  SECTION("SPECIFIC_ATTRIBUTES with a projection") {
    q.projection_expression = "sk";
    q.select = Select::kSpecificAttributes;
    auto r = f.table().Query(q);
    REQUIRE_OK(r);
    CHECK(r->items == std::vector<Item>{{{"sk", 1}}, {{"sk", 2}}});
  }
  SECTION("COUNT") {
    q.select = Select::kCount;
    auto r = f.table().Query(q);
    REQUIRE_OK(r);
    CHECK(r->items.empty());
    CHECK(r->count == 2);
    CHECK(r->scanned_count == 2);
  }
  SECTION("ALL_ATTRIBUTES") {
    q.select = Select::kAllAttributes;
    auto r = f.table().Query(q);
    REQUIRE_OK(r);
    CHECK(r->items[0] == Item{{"pk", "p"}, {"sk", 1}, {"v", "odd"}});
  }
}

// Why: ConsumedCapacity sums the sizes read, rounded up to 4 KB once, halved when eventually
// consistent; nothing read still costs the minimum.
TEST_CASE("Query: ConsumedCapacity when asked for", "[ops][query]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(HashRangeTable("Tab", ScalarType::kS, ScalarType::kN)));
  for (int i = 0; i < 3; ++i) {
    REQUIRE_OK(t->GetTable("Tab").Put({{"pk", "a"}, {"sk", i}, {"d", std::string(3000, 'y')}}));
  }
  QueryRequest q = PartitionQuery("a");
  q.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  auto r = t->GetTable("Tab").Query(q);
  REQUIRE_OK(r);
  REQUIRE(r->consumed_capacity.has_value());
  CHECK(r->consumed_capacity->table_name == "Tab");
  CHECK(r->consumed_capacity->capacity_units == 1.5);  // ~9 KB -> 3 units, halved
  q.consistent_read = true;
  q.expression_attribute_values[":pk"] = "none";
  auto empty = t->GetTable("Tab").Query(q);
  REQUIRE_OK(empty);
  CHECK(empty->consumed_capacity->capacity_units == 1.0);
  q.return_consumed_capacity.reset();
  auto none = t->GetTable("Tab").Query(q);
  REQUIRE_OK(none);
  CHECK_FALSE(none->consumed_capacity.has_value());
}

// Why: each request error has DynamoDB's type and exact text (reference 3.4, 3.7, 4.11).
TEST_CASE("Query: validation errors", "[ops][query][validation]") {
  NumbersFixture f;
  Table t = f.table();
  auto q = [](std::string kce, ExpressionAttributeValues values) {
    QueryRequest r;
    r.key_condition_expression = std::move(kce);
    r.expression_attribute_values = std::move(values);
    return r;
  };
  SECTION("key condition on a non-key attribute") {
    REQUIRE_ERROR(t.Query(q("v = :v", {{":v", "x"}})), ErrorType::kValidation,
                  "Query condition missed key schema element: pk");
    REQUIRE_ERROR(t.Query(q("pk = :p AND v = :v", {{":p", "p"}, {":v", "x"}})),
                  ErrorType::kValidation, "Query condition missed key schema element: sk");
  }
  SECTION("partition key not compared with =") {
    REQUIRE_ERROR(t.Query(q("pk > :p", {{":p", "p"}})), ErrorType::kValidation,
                  "Query key condition not supported");
  }
  SECTION("wrong value types") {
    REQUIRE_ERROR(t.Query(q("pk = :p AND sk = :v", {{":p", "p"}, {":v", "5"}})),
                  ErrorType::kValidation,
                  "One or more parameter values were invalid: Condition parameter type does not "
                  "match schema type");
    REQUIRE_ERROR(t.Query(q("pk = :p", {{":p", 1}})), ErrorType::kValidation,
                  "One or more parameter values were invalid: Condition parameter type does not "
                  "match schema type");
  }
  SECTION("begins_with on a number and BETWEEN bounds reversed") {
    REQUIRE_ERROR(t.Query(q("pk = :p AND begins_with(sk, :v)", {{":p", "p"}, {":v", 1}})),
                  ErrorType::kValidation,
                  "Invalid KeyConditionExpression: Incorrect operand type for operator or "
                  "function; operator or function: begins_with, operand type: N");
    REQUIRE_ERROR(
        t.Query(q("pk = :p AND sk BETWEEN :a AND :b", {{":p", "p"}, {":a", 5}, {":b", 1}})),
        ErrorType::kValidation,
        "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be "
        "greater than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, "
        "upper bound operand: AttributeValue: {N:1}");
  }
  SECTION("empty partition key value") {
    REQUIRE_ERROR(t.Query(q("pk = :p", {{":p", ""}})), ErrorType::kValidation,
                  "One or more parameter values are not valid. The AttributeValue for a key "
                  "attribute cannot contain an empty string value. Key: pk");
  }
  SECTION("no key condition") {
    REQUIRE_ERROR(t.Query({}), ErrorType::kValidation,
                  "Either the KeyConditions or KeyConditionExpression parameter must be "
                  "specified in the request.");
  }
  SECTION("Limit below 1") {
    QueryRequest r = q("pk = :p", {{":p", "p"}});
    r.limit = 0;
    REQUIRE_ERROR(t.Query(r), ErrorType::kValidation,
                  "1 validation error detected: Value at 'Limit' failed to satisfy "
                  "constraint: Member must have value greater than or equal to 1");
  }
  SECTION("unused placeholders") {
    REQUIRE_ERROR(t.Query(q("pk = :p", {{":p", "p"}, {":x", 1}})), ErrorType::kValidation,
                  "Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}");
    QueryRequest r = q("pk = :p", {{":p", "p"}});
    r.expression_attribute_names = {{"#n", "v"}};
    REQUIRE_ERROR(t.Query(r), ErrorType::kValidation,
                  "Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}");
  }
  SECTION("filter on a key attribute") {
    QueryRequest r = q("pk = :p", {{":p", "p"}, {":v", 1}});
    r.filter_expression = "sk > :v";
    REQUIRE_ERROR(t.Query(r), ErrorType::kValidation,
                  "Filter Expression can only contain non-primary key attributes: Primary key "
                  "attribute: sk");
  }
  SECTION("IndexName on a table without indexes") {
    QueryRequest r = q("pk = :p", {{":p", "p"}});
    r.index_name = "byV";
    REQUIRE_ERROR(t.Query(r), ErrorType::kValidation,
                  "The table does not have the specified index: byV");
  }
  SECTION("Select rules") {
    QueryRequest r = q("pk = :p", {{":p", "p"}});
    r.select = Select::kAllProjectedAttributes;
    REQUIRE_ERROR(t.Query(r), ErrorType::kValidation,
                  "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
    r.select = Select::kSpecificAttributes;
    REQUIRE_ERROR(t.Query(r), ErrorType::kValidation,
                  "1 validation error detected: Must specify the AttributesToGet or "
                  "ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES");
    r.projection_expression = "v";
    r.select = Select::kAllAttributes;
    REQUIRE_ERROR(t.Query(r), ErrorType::kValidation,
                  "Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES");
    r.select = Select::kCount;
    REQUIRE_ERROR(t.Query(r), ErrorType::kValidation,
                  "Cannot specify the ProjectionExpression when choosing to get only the Count");
  }
  SECTION("AttributesToGet with expressions") {
    QueryRequest r = q("pk = :p", {{":p", "p"}});
    r.attributes_to_get = {"v"};
    REQUIRE_ERROR(t.Query(r), ErrorType::kValidation,
                  "Can not use both expression and non-expression parameters in the same "
                  "request: Non-expression parameters: {AttributesToGet} Expression parameters: "
                  "{KeyConditionExpression}");
  }
  SECTION("bad ExclusiveStartKey") {
    QueryRequest r = q("pk = :p", {{":p", "p"}});
    r.exclusive_start_key = Item{{"pk", "p"}};
    REQUIRE_ERROR(t.Query(r), ErrorType::kValidation,
                  "The provided starting key is invalid: The provided key element does not "
                  "match the schema");
    r.exclusive_start_key = Item{{"pk", "p"}, {"sk", "1"}};
    REQUIRE_ERROR(t.Query(r), ErrorType::kValidation,
                  "The provided starting key is invalid: The provided key element does not "
                  "match the schema");
    r.exclusive_start_key = Item{{"pk", "q"}, {"sk", 1}};
    REQUIRE_ERROR(t.Query(r), ErrorType::kValidation,
                  "The provided starting key is outside query boundaries based on provided "
                  "conditions");
    QueryRequest s = q("pk = :p AND sk > :v", {{":p", "p"}, {":v", 5}});
    s.exclusive_start_key = Item{{"pk", "p"}, {"sk", 2}};
    REQUIRE_ERROR(t.Query(s), ErrorType::kValidation,
                  "The provided starting key does not match the range key predicate");
    QueryRequest e = q("pk = :p AND sk = :v", {{":p", "p"}, {":v", 5}});
    e.exclusive_start_key = Item{{"pk", "p"}, {"sk", 5}};
    REQUIRE_ERROR(t.Query(e), ErrorType::kValidation,
                  "The query can return at most one row and cannot be restarted");
  }
  SECTION("missing table") {
    QueryRequest r = q("pk = :p", {{":p", "p"}});
    r.table_name = "Nope";
    REQUIRE_ERROR(f.t->Query(r), ErrorType::kResourceNotFound, "Requested resource not found");
  }
}

}  // namespace
}  // namespace dynarock
