// ConsumedCapacity on tables with secondary indexes (reference 6; DeveloperGuide GSI.html,
// "Provisioned throughput considerations"): a write is charged on each index it changes (an
// entry put or deleted: 1 write; the index key changed: 2; only projected attributes changed:
// 1; nothing projected changed: 0), INDEXES itemises them, TOTAL sums them, transactions
// double them, and a read through an index is charged to the index.
#include <string>

#include <catch2/catch.hpp>

#include "dynarock/database.h"

#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace dynarock {
namespace {

using testing::HashRangeTable;
using testing::TestDb;

// Orders (pk S, sk N): GSI ByG (g; KEYS_ONLY), GSI ByGAll (g, sk; ALL), LSI ByL (pk, l; ALL),
// LSI ByLKeys (pk, l; KEYS_ONLY).
struct Fixture {
  TestDb t;
  Table table = t->GetTable("Orders");
  Fixture() {
    CreateTableRequest r = HashRangeTable("Orders", ScalarType::kS, ScalarType::kN);
    r.attribute_definitions.push_back({"g", ScalarType::kS});
    r.attribute_definitions.push_back({"l", ScalarType::kS});
    r.global_secondary_indexes = {
        {.index_name = "ByG",
         .key_schema = {{"g", KeyType::kHash}},
         .projection = {.projection_type = ProjectionType::kKeysOnly}},
        {.index_name = "ByGAll",
         .key_schema = {{"g", KeyType::kHash}, {"sk", KeyType::kRange}},
         .projection = {.projection_type = ProjectionType::kAll}}};
    r.local_secondary_indexes = {
        {.index_name = "ByL",
         .key_schema = {{"pk", KeyType::kHash}, {"l", KeyType::kRange}},
         .projection = {.projection_type = ProjectionType::kAll}},
        {.index_name = "ByLKeys",
         .key_schema = {{"pk", KeyType::kHash}, {"l", KeyType::kRange}},
         .projection = {.projection_type = ProjectionType::kKeysOnly}}};
    REQUIRE_OK(t->CreateTable(r));
  }
};

// The capacity as "total | table | index:units ..." (GSIs then LSIs, by name), so that one
// CHECK shows every figure.
std::string Render(const std::optional<ConsumedCapacity>& c) {
  REQUIRE(c.has_value());
  std::string out = std::to_string(c->capacity_units);
  if (c->table.has_value()) out += " | " + std::to_string(c->table->capacity_units);
  for (const auto& [name, units] : c->global_secondary_indexes) {
    out += " | " + name + ":" + std::to_string(units.capacity_units);
  }
  for (const auto& [name, units] : c->local_secondary_indexes) {
    out += " | " + name + ":" + std::to_string(units.capacity_units);
  }
  return out;
}

std::string Units(double total, double table, std::initializer_list<std::string> indexes = {}) {
  std::string out = std::to_string(total) + " | " + std::to_string(table);
  for (const std::string& i : indexes) out += " | " + i;
  return out;
}

std::string U(std::string_view index, double units) {
  return std::string(index) + ":" + std::to_string(units);
}

PutItemRequest Put(Item item, ReturnConsumedCapacity rc = ReturnConsumedCapacity::kIndexes) {
  PutItemRequest r;
  r.item = std::move(item);
  r.return_consumed_capacity = rc;
  return r;
}

UpdateItemRequest Update(std::string expression, ExpressionAttributeValues values = {}) {
  UpdateItemRequest r;
  r.key = {{"pk", "a"}, {"sk", 1}};
  r.update_expression = std::move(expression);
  r.expression_attribute_values = std::move(values);
  r.return_consumed_capacity = ReturnConsumedCapacity::kIndexes;
  return r;
}

// Why: before, writes reported only the table's own units, so a key design's index cost (the
// point of measuring capacity before paying for it) was invisible.
TEST_CASE("IndexCapacity: each write is charged on the indexes it changes",
          "[ops][index][capacity]") {
  Fixture f;
  // A new item with both index keys: one entry put in each of the four indexes.
  auto put = f.table.PutItem(Put({{"pk", "a"}, {"sk", 1}, {"g", "g1"}, {"l", "l1"}, {"v", 1}}));
  REQUIRE_OK(put);
  CHECK(Render(put->consumed_capacity) ==
        Units(5, 1, {U("ByG", 1), U("ByGAll", 1), U("ByL", 1), U("ByLKeys", 1)}));
  // The same item again: no index entry changes, only the table is charged.
  put = f.table.PutItem(Put({{"pk", "a"}, {"sk", 1}, {"g", "g1"}, {"l", "l1"}, {"v", 1}}));
  REQUIRE_OK(put);
  CHECK(Render(put->consumed_capacity) == Units(1, 1));
  // A non-key attribute: only the ALL indexes project it.
  auto updated = f.table.UpdateItem(Update("SET v = :v", {{":v", 2}}));
  REQUIRE_OK(updated);
  CHECK(Render(updated->consumed_capacity) == Units(3, 1, {U("ByGAll", 1), U("ByL", 1)}));
  // The GSI key changes: delete + put on both GSIs; the LSIs see a changed projected attribute
  // (ALL) or nothing (KEYS_ONLY does not project g).
  updated = f.table.UpdateItem(Update("SET g = :g", {{":g", "g2"}}));
  REQUIRE_OK(updated);
  CHECK(Render(updated->consumed_capacity) ==
        Units(6, 1, {U("ByG", 2), U("ByGAll", 2), U("ByL", 1)}));
  // The GSI key goes away: its entries are deleted.
  updated = f.table.UpdateItem(Update("REMOVE g"));
  REQUIRE_OK(updated);
  CHECK(Render(updated->consumed_capacity) ==
        Units(4, 1, {U("ByG", 1), U("ByGAll", 1), U("ByL", 1)}));
  // Deleting the item deletes its LSI entries.
  DeleteItemRequest del;
  del.key = {{"pk", "a"}, {"sk", 1}};
  del.return_consumed_capacity = ReturnConsumedCapacity::kIndexes;
  auto deleted = f.table.DeleteItem(del);
  REQUIRE_OK(deleted);
  CHECK(Render(deleted->consumed_capacity) == Units(3, 1, {U("ByL", 1), U("ByLKeys", 1)}));
  // TOTAL gives the same sum without the breakdown; an item without index keys costs the
  // table only.
  put = f.table.PutItem(
      Put({{"pk", "b"}, {"sk", 1}, {"g", "g1"}}, ReturnConsumedCapacity::kTotal));
  REQUIRE_OK(put);
  CHECK(Render(put->consumed_capacity) == std::to_string(3.0));
  put = f.table.PutItem(Put({{"pk", "c"}, {"sk", 1}, {"v", 1}}));
  REQUIRE_OK(put);
  CHECK(Render(put->consumed_capacity) == Units(1, 1));
}

// Why: on an INCLUDE index only the listed non-key attributes are projected, so changing one
// costs an index write and changing another costs nothing.
TEST_CASE("IndexCapacity: INCLUDE projections charge only for listed attributes",
          "[ops][index][capacity]") {
  TestDb t;
  CreateTableRequest r = HashRangeTable("Inc", ScalarType::kS, ScalarType::kN);
  r.attribute_definitions.push_back({"g", ScalarType::kS});
  r.global_secondary_indexes = {
      {.index_name = "ByInc",
       .key_schema = {{"g", KeyType::kHash}},
       .projection = {.non_key_attributes = {"v"}, .projection_type = ProjectionType::kInclude}}};
  REQUIRE_OK(t->CreateTable(r));
  Table table = t->GetTable("Inc");
  auto put = table.PutItem(Put({{"pk", "a"}, {"sk", 1}, {"g", "g1"}, {"v", 1}, {"w", 1}}));
  REQUIRE_OK(put);
  CHECK(Render(put->consumed_capacity) == Units(2, 1, {U("ByInc", 1)}));
  auto updated = table.UpdateItem(Update("SET v = :x", {{":x", 2}}));
  REQUIRE_OK(updated);
  CHECK(Render(updated->consumed_capacity) == Units(2, 1, {U("ByInc", 1)}));
  updated = table.UpdateItem(Update("SET w = :x", {{":x", 2}}));
  REQUIRE_OK(updated);
  CHECK(Render(updated->consumed_capacity) == Units(1, 1));
  updated = table.UpdateItem(Update("REMOVE v"));  // a projected attribute goes away
  REQUIRE_OK(updated);
  CHECK(Render(updated->consumed_capacity) == Units(2, 1, {U("ByInc", 1)}));
}

// Why: an index entry is sized on its projected attributes at 1 KB granularity, so a large
// attribute costs more on an ALL index than on a KEYS_ONLY one.
TEST_CASE("IndexCapacity: entries are sized on what the index projects",
          "[ops][index][capacity]") {
  Fixture f;
  auto put = f.table.PutItem(
      Put({{"pk", "a"}, {"sk", 1}, {"g", "g1"}, {"big", std::string(3000, 'x')}}));
  REQUIRE_OK(put);
  // ~3 KB item: 3 units on the table and on the ALL index, 1 on KEYS_ONLY (pk, sk, g); no l,
  // so no LSI entry.
  CHECK(Render(put->consumed_capacity) == Units(7, 3, {U("ByG", 1), U("ByGAll", 3)}));
}

// Why: batches and transactions report per table; transactions charge indexes twice, as they
// charge the table.
TEST_CASE("IndexCapacity: batches and transactions include the index units",
          "[ops][index][capacity]") {
  Fixture f;
  BatchWriteItemRequest batch;
  batch.request_items["Orders"] = {
      {.put_request = PutRequest{{{"pk", "a"}, {"sk", 1}, {"g", "g1"}}}},
      {.put_request = PutRequest{{{"pk", "a"}, {"sk", 2}, {"l", "l1"}}}}};
  batch.return_consumed_capacity = ReturnConsumedCapacity::kIndexes;
  auto written = f.t->BatchWriteItem(batch);
  REQUIRE_OK(written);
  REQUIRE(written->consumed_capacity.size() == 1);
  CHECK(Render(written->consumed_capacity[0]) ==
        Units(6, 2, {U("ByG", 1), U("ByGAll", 1), U("ByL", 1), U("ByLKeys", 1)}));

  TransactWriteItemsRequest transact;
  transact.transact_items.push_back(
      {.update = TransactUpdate{.table_name = "Orders",
                                .key = {{"pk", "a"}, {"sk", 1}},
                                .update_expression = "SET g = :g",
                                .expression_attribute_values = {{":g", "g2"}}}});
  transact.return_consumed_capacity = ReturnConsumedCapacity::kIndexes;
  auto done = f.t->TransactWriteItems(transact);
  REQUIRE_OK(done);
  REQUIRE(done->consumed_capacity.size() == 1);
  const ConsumedCapacity& c = done->consumed_capacity[0];
  CHECK(Render(c) == Units(10, 2, {U("ByG", 4), U("ByGAll", 4)}));
  CHECK(c.write_capacity_units == 10);
  CHECK(c.global_secondary_indexes.at("ByG").write_capacity_units == 4);
}

// Why: a Query or Scan of an index reads the index, not the table: the units are the index's,
// and the table is charged only for base items an LSI read fetches (unprojected attributes).
TEST_CASE("IndexCapacity: reads through an index are charged to the index",
          "[ops][index][capacity]") {
  Fixture f;
  REQUIRE_OK(f.table.Put({{"pk", "a"}, {"sk", 1}, {"g", "g1"}, {"l", "l1"}, {"v", 1}}));
  QueryRequest q;
  q.index_name = "ByG";
  q.key_condition_expression = "g = :g";
  q.expression_attribute_values = {{":g", "g1"}};
  q.return_consumed_capacity = ReturnConsumedCapacity::kIndexes;
  auto r = f.table.Query(q);
  REQUIRE_OK(r);
  CHECK(r->count == 1);
  CHECK(Render(r->consumed_capacity) == Units(0.5, 0, {U("ByG", 0.5)}));

  QueryRequest lq;
  lq.index_name = "ByLKeys";
  lq.key_condition_expression = "pk = :p";
  lq.expression_attribute_values = {{":p", "a"}};
  lq.consistent_read = true;
  lq.projection_expression = "v";  // not projected: fetched from the table
  lq.return_consumed_capacity = ReturnConsumedCapacity::kIndexes;
  r = f.table.Query(lq);
  REQUIRE_OK(r);
  REQUIRE(r->items.size() == 1);
  CHECK(r->items[0] == Item{{"v", 1}});
  CHECK(Render(r->consumed_capacity) == Units(2, 1, {U("ByLKeys", 1)}));

  ScanRequest s;
  s.index_name = "ByGAll";
  s.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  auto scanned = f.table.Scan(s);
  REQUIRE_OK(scanned);
  CHECK(Render(scanned->consumed_capacity) == std::to_string(0.5));
}

}  // namespace
}  // namespace dynarock
