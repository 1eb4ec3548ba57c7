// BatchWriteItem and BatchGetItem through the typed API: DynamoDB's validation (every message),
// all-or-nothing application of a batch, table counters, projections, ConsumedCapacity per
// table and UnprocessedKeys past the 16 MB response limit.
#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "dynarock/batch_ops.h"
#include "dynarock/database.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace dynarock {
namespace {

using testing::HashRangeTable;
using testing::HashTable;
using testing::TestDb;

WriteRequest Put(Item item) { return {.put_request = PutRequest{.item = std::move(item)}}; }
WriteRequest Del(Item key) { return {.delete_request = DeleteRequest{.key = std::move(key)}}; }

std::vector<WriteRequest> Puts(int from, int to) {
  std::vector<WriteRequest> out;
  for (int i = from; i < to; ++i) out.push_back(Put({{"pk", "k" + std::to_string(i)}, {"v", i}}));
  return out;
}

int64_t ItemCount(TestDb& t, const std::string& table) {
  absl::StatusOr<DescribeTableResult> d = t->DescribeTable({.table_name = table});
  REQUIRE_OK(d);
  return d->table.item_count;
}

// Why: the basic contract -- puts and deletes across tables are applied, UnprocessedItems is
// empty, and BatchGetItem reads them back per table.
TEST_CASE("BatchWriteItem: puts and deletes across tables, read back by BatchGetItem",
          "[ops][batch]") {
  auto kind = GENERATE(testing::DbKind::kInMemory, testing::DbKind::kOnDisk);
  TestDb t(kind);
  REQUIRE_OK(t->CreateTable(HashTable("TabA")));
  REQUIRE_OK(t->CreateTable(HashRangeTable("TabB", ScalarType::kS, ScalarType::kN)));
  REQUIRE_OK(t->GetTable("TabA").Put({{"pk", "gone"}, {"v", 0}}));
  absl::StatusOr<BatchWriteItemResult> w = t->BatchWriteItem(
      {.request_items = {{"TabA", {Put({{"pk", "a1"}, {"v", 1}}), Put({{"pk", "a2"}, {"v", 2}}),
                                Del({{"pk", "gone"}}), Del({{"pk", "never-there"}})}},
                         {"TabB", {Put({{"pk", "b"}, {"sk", 1}, {"v", 3}})}}}});
  REQUIRE_OK(w);
  CHECK(w->unprocessed_items.empty());
  CHECK(w->consumed_capacity.empty());  // not asked for
  CHECK(ItemCount(t, "TabA") == 2);
  CHECK(ItemCount(t, "TabB") == 1);

  absl::StatusOr<BatchGetItemResult> g = t->BatchGetItem(
      {.request_items = {{"TabA", {.keys = {{{"pk", "a1"}}, {{"pk", "a2"}}, {{"pk", "gone"}}}}},
                         {"TabB", {.keys = {{{"pk", "b"}, {"sk", 1}}}}}}});
  REQUIRE_OK(g);
  CHECK(g->unprocessed_keys.empty());
  REQUIRE(g->responses.size() == 2);
  std::vector<Item> a = g->responses["TabA"];
  REQUIRE(a.size() == 2);  // "gone" is absent, not an empty entry
  std::sort(a.begin(), a.end(), [](const Item& x, const Item& y) {
    return x.at("pk").s() < y.at("pk").s();
  });
  CHECK(a[0] == Item{{"pk", "a1"}, {"v", 1}});
  CHECK(a[1] == Item{{"pk", "a2"}, {"v", 2}});
  REQUIRE(g->responses["TabB"].size() == 1);
  CHECK(GetInt(g->responses["TabB"][0], "v").value_or(-1) == 3);
}

// Why: a batch is validated as a whole before anything is written, with DynamoDB's texts.
TEST_CASE("BatchWriteItem: validation errors reject the whole batch", "[ops][batch]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(HashTable("TabA")));
  REQUIRE_OK(t->CreateTable(HashTable("TabN", ScalarType::kN)));
  auto write = [&](BatchWriteItemRequest r) { return t->BatchWriteItem(r); };

  SECTION("empty RequestItems") {
    REQUIRE_ERROR(write({}), ErrorType::kValidation,
                  "The requestItems parameter is required for BatchWriteItem");
  }
  SECTION("a table with no writes") {
    REQUIRE_ERROR(write({.request_items = {{"TabA", {}}}}), ErrorType::kValidation,
                  "1 validation error detected: Value '{TabA=[0 write requests]}' at "
                  "'requestItems' failed to satisfy constraint: Map value must satisfy "
                  "constraint: [Member must have length less than or equal to 25, Member must "
                  "have length greater than or equal to 1]");
  }
  SECTION("26 writes on one table") {
    REQUIRE_ERROR(write({.request_items = {{"TabA", Puts(0, 26)}}}), ErrorType::kValidation,
                  "1 validation error detected: Value '{TabA=[26 write requests]}' at "
                  "'requestItems' failed to satisfy constraint: Map value must satisfy "
                  "constraint: [Member must have length less than or equal to 25, Member must "
                  "have length greater than or equal to 1]");
  }
  SECTION("26 writes across tables") {
    std::vector<WriteRequest> numbers;
    for (int i = 0; i < 6; ++i) numbers.push_back(Put({{"pk", i}}));
    REQUIRE_ERROR(write({.request_items = {{"TabA", Puts(0, 20)}, {"TabN", numbers}}}),
                  ErrorType::kValidation, "Too many items requested for the BatchWriteItem call");
  }
  SECTION("a WriteRequest with neither or both members") {
    const char* kText =
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of "
        "the supported datatypes";
    REQUIRE_ERROR(write({.request_items = {{"TabA", {WriteRequest{}}}}}), ErrorType::kValidation,
                  kText);
    WriteRequest both = Put({{"pk", "x"}});
    both.delete_request = DeleteRequest{.key = {{"pk", "x"}}};
    REQUIRE_ERROR(write({.request_items = {{"TabA", {both}}}}), ErrorType::kValidation, kText);
  }
  SECTION("two writes on one item") {
    REQUIRE_ERROR(write({.request_items = {{"TabA", {Put({{"pk", "x"}, {"v", 1}}), Del({{"pk", "x"}})}}}}),
                  ErrorType::kValidation, "Provided list of item keys contains duplicates");
  }
  SECTION("an unknown table") {
    REQUIRE_ERROR(write({.request_items = {{"TabA", Puts(0, 3)}, {"Missing", Puts(3, 4)}}}),
                  ErrorType::kResourceNotFound, "Requested resource not found");
  }
  SECTION("an item over 400 KB") {
    REQUIRE_ERROR(write({.request_items = {{"TabA", {Put({{"pk", "big"},
                                                       {"v", std::string(400 * 1024, 'x')}})}}}}),
                  ErrorType::kValidation, "Item size has exceeded the maximum allowed size");
  }
  SECTION("a put whose key is missing or mistyped") {
    REQUIRE_ERROR(write({.request_items = {{"TabA", {Put({{"other", "x"}})}}}}),
                  ErrorType::kValidation, "The provided key element does not match the schema");
    REQUIRE_ERROR(write({.request_items = {{"TabA", {Put({{"pk", 5}})}}}}), ErrorType::kValidation,
                  "The provided key element does not match the schema");
  }
  SECTION("a delete with a bad key") {
    REQUIRE_ERROR(write({.request_items = {{"TabA", {Del({{"pk", "x"}, {"extra", 1}})}}}}),
                  ErrorType::kValidation, "The provided key element does not match the schema");
  }
  SECTION("an empty string key value") {
    REQUIRE_ERROR(write({.request_items = {{"TabA", {Put({{"pk", ""}})}}}}), ErrorType::kValidation,
                  "One or more parameter values are not valid. The AttributeValue for a key "
                  "attribute cannot contain an empty string value. Key: pk");
  }
  // Whatever failed, no write of the batch landed.
  CHECK(ItemCount(t, "TabA") == 0);
  CHECK(ItemCount(t, "TabN") == 0);
  absl::StatusOr<std::optional<Item>> x = t->GetTable("TabA").Get({{"pk", "k0"}});
  REQUIRE_OK(x);
  CHECK_FALSE(x->has_value());
}

// Why: applications reload with batches; replacing an item must keep the counters exact, and
// ConsumedCapacity is one entry per table with each request rounded to 1 KB separately.
TEST_CASE("BatchWriteItem: replacing items and ConsumedCapacity per table", "[ops][batch]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(HashTable("TabA")));
  REQUIRE_OK(t->CreateTable(HashTable("TabB")));
  REQUIRE_OK(t->BatchWriteItem({.request_items = {{"TabA", Puts(0, 25)}}}));
  absl::StatusOr<BatchWriteItemResult> w = t->BatchWriteItem(
      {.request_items = {{"TabA", Puts(0, 10)},
                         {"TabB", {Put({{"pk", "b"}, {"v", std::string(1500, 'x')}})}}},
       .return_consumed_capacity = ReturnConsumedCapacity::kTotal});
  REQUIRE_OK(w);
  CHECK(ItemCount(t, "TabA") == 25);
  REQUIRE(w->consumed_capacity.size() == 2);
  CHECK(w->consumed_capacity[0].table_name == "TabA");
  CHECK(w->consumed_capacity[0].capacity_units == 10);
  CHECK(w->consumed_capacity[1].table_name == "TabB");
  CHECK(w->consumed_capacity[1].capacity_units == 2);
  CHECK_FALSE(w->consumed_capacity[0].table.has_value());
}

// Why: BatchGetItem has its own limits and messages, checked before any read.
TEST_CASE("BatchGetItem: validation errors", "[ops][batch]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(HashTable("TabA")));
  REQUIRE_OK(t->CreateTable(HashTable("TabB")));
  auto keys = [](int from, int to) {
    std::vector<Item> out;
    for (int i = from; i < to; ++i) out.push_back({{"pk", "k" + std::to_string(i)}});
    return out;
  };
  auto get = [&](BatchGetItemRequest r) { return t->BatchGetItem(r); };
  SECTION("empty RequestItems") {
    REQUIRE_ERROR(get({}), ErrorType::kValidation,
                  "The requestItems parameter is required for BatchGetItem");
  }
  SECTION("101 keys on one table") {
    REQUIRE_ERROR(get({.request_items = {{"TabA", {.keys = keys(0, 101)}}}}), ErrorType::kValidation,
                  "1 validation error detected: Value at 'RequestItems.TabA.member.Keys' failed to "
                  "satisfy constraint: Member must have length less than or equal to 100");
  }
  SECTION("101 keys across tables") {
    REQUIRE_ERROR(
        get({.request_items = {{"TabA", {.keys = keys(0, 60)}}, {"TabB", {.keys = keys(0, 41)}}}}),
        ErrorType::kValidation, "Too many items requested for the BatchGetItem call");
  }
  SECTION("a table without keys") {
    REQUIRE_ERROR(get({.request_items = {{"TabA", {}}}}), ErrorType::kValidation,
                  "1 validation error detected: Value '[]' at 'requestItems.TabA.member.keys' "
                  "failed to satisfy constraint: Member must have length greater than or equal "
                  "to 1");
  }
  SECTION("the same key twice") {
    REQUIRE_ERROR(get({.request_items = {{"TabA", {.keys = {{{"pk", "x"}}, {{"pk", "x"}}}}}}}),
                  ErrorType::kValidation, "Provided list of item keys contains duplicates");
  }
  SECTION("an unknown table") {
    REQUIRE_ERROR(get({.request_items = {{"Nope", {.keys = keys(0, 1)}}}}),
                  ErrorType::kResourceNotFound, "Requested resource not found");
  }
  SECTION("a key that does not match the schema") {
    REQUIRE_ERROR(get({.request_items = {{"TabA", {.keys = {{{"pk", 1}}}}}}}),
                  ErrorType::kValidation, "The provided key element does not match the schema");
  }
  SECTION("ProjectionExpression with AttributesToGet") {
    REQUIRE_ERROR(get({.request_items = {{"TabA",
                                          {.keys = keys(0, 1),
                                           .attributes_to_get = {"v"},
                                           .projection_expression = "v"}}}}),
                  ErrorType::kValidation,
                  "Can not use both expression and non-expression parameters in the same "
                  "request: Non-expression parameters: {AttributesToGet} Expression "
                  "parameters: {ProjectionExpression}");
  }
  SECTION("ProjectionExpression on one table, AttributesToGet on another") {
    REQUIRE_ERROR(get({.request_items = {{"TabA", {.keys = keys(0, 1), .attributes_to_get = {"v"}}},
                                         {"TabB", {.keys = keys(0, 1), .projection_expression = "v"}}}}),
                  ErrorType::kValidation,
                  "Can not use both expression and non-expression parameters in the same "
                  "request: Non-expression parameters: {AttributesToGet} Expression "
                  "parameters: {ProjectionExpression}");
  }
  SECTION("an unused ExpressionAttributeNames entry") {
    REQUIRE_ERROR(get({.request_items = {{"TabA",
                                          {.keys = keys(0, 1),
                                           .expression_attribute_names = {{"#v", "v"}, {"#w", "w"}},
                                           .projection_expression = "#v"}}}}),
                  ErrorType::kValidation,
                  "Value provided in ExpressionAttributeNames unused in expressions: keys: {#w}");
  }
}

// Why: the per-table projection (expression with names, or legacy AttributesToGet) applies to
// each item read, and ConsumedCapacity rounds each item to 4 KB separately.
TEST_CASE("BatchGetItem: projections and ConsumedCapacity", "[ops][batch]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(HashTable("TabA")));
  REQUIRE_OK(t->CreateTable(HashTable("TabB")));
  REQUIRE_OK(t->GetTable("TabA").Put({{"pk", "a"}, {"x", 1}, {"y", 2}, {"z", 3}}));
  REQUIRE_OK(t->GetTable("TabB").Put({{"pk", "b"}, {"x", 1}, {"big", std::string(5000, 'b')}}));
  absl::StatusOr<BatchGetItemResult> g = t->BatchGetItem(
      {.request_items = {{"TabA",
                          {.keys = {{{"pk", "a"}}},
                           .expression_attribute_names = {{"#y", "y"}},
                           .projection_expression = "x, #y"}},
                         {"TabB",
                          {.keys = {{{"pk", "b"}}, {{"pk", "none"}}},
                           .consistent_read = true,
                           .projection_expression = "pk"}}},
       .return_consumed_capacity = ReturnConsumedCapacity::kIndexes});
  REQUIRE_OK(g);
  REQUIRE(g->responses["TabA"].size() == 1);
  CHECK(g->responses["TabA"][0] == Item{{"x", 1}, {"y", 2}});
  REQUIRE(g->responses["TabB"].size() == 1);
  CHECK(g->responses["TabB"][0] == Item{{"pk", "b"}});
  REQUIRE(g->consumed_capacity.size() == 2);
  CHECK(g->consumed_capacity[0].capacity_units == 0.5);  // eventually consistent, 1 item
  // Strongly consistent: 2 units for the 5 KB item, 1 for the missing one.
  CHECK(g->consumed_capacity[1].capacity_units == 3);
  CHECK(g->consumed_capacity[1].table.has_value());
  // The legacy AttributesToGet (on every table of the request: mixing it with
  // ProjectionExpression across tables is an error, see "validation errors").
  g = t->BatchGetItem(
      {.request_items = {{"TabB", {.keys = {{{"pk", "b"}}}, .attributes_to_get = {"pk", "x"}}}}});
  REQUIRE_OK(g);
  REQUIRE(g->responses["TabB"].size() == 1);
  CHECK(g->responses["TabB"][0] == Item{{"pk", "b"}, {"x", 1}});
}

// Why: DynamoDB returns at most 16 MB per BatchGetItem and hands back the rest as
// UnprocessedKeys (with the table's parameters) for the client's retry loop.
TEST_CASE("BatchGetItem: UnprocessedKeys past 16 MB", "[ops][batch]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(HashTable("TabA")));
  const std::string payload(390 * 1024, 'p');
  constexpr int kItems = 50;  // about 19 MB in all
  std::vector<Item> keys;
  for (int i = 0; i < kItems; ++i) {
    REQUIRE_OK(t->GetTable("TabA").Put({{"pk", "k" + std::to_string(i)}, {"p", payload}}));
    keys.push_back({{"pk", "k" + std::to_string(i)}});
  }
  BatchGetItemRequest request{
      .request_items = {{"TabA", {.keys = keys, .projection_expression = "pk, p"}}},
      .return_consumed_capacity = ReturnConsumedCapacity::kTotal};
  std::set<std::string> seen;
  double units = 0;
  int rounds = 0;
  while (!request.request_items.empty()) {
    REQUIRE(++rounds <= 3);
    absl::StatusOr<BatchGetItemResult> g = t->BatchGetItem(request);
    REQUIRE_OK(g);
    size_t bytes = 0;
    for (const Item& item : g->responses["TabA"]) {
      bytes += item.at("p").s().size();
      CHECK(seen.insert(item.at("pk").s()).second);
    }
    CHECK(bytes <= size_t{16} << 20);
    REQUIRE(g->consumed_capacity.size() == 1);
    // Only the items returned are charged (98 units each, eventually consistent: 49), so over
    // both rounds every item is charged once.
    CHECK(g->consumed_capacity[0].capacity_units == 49.0 * g->responses["TabA"].size());
    units += g->consumed_capacity[0].capacity_units;
    if (rounds == 1) {
      REQUIRE(g->unprocessed_keys.count("TabA") == 1);
      CHECK(g->unprocessed_keys["TabA"].projection_expression == std::optional<std::string>("pk, p"));
      CHECK(g->responses["TabA"].size() + g->unprocessed_keys["TabA"].keys.size() == kItems);
    }
    request.request_items = g->unprocessed_keys;
  }
  CHECK(rounds == 2);
  CHECK(seen.size() == kItems);
  CHECK(units == 49.0 * kItems);
}

}  // namespace
}  // namespace dynarock
