// Batches and transactions on a table with secondary indexes: every write goes through
// StageItemWrite, so index entries and counters commit in the same WriteBatch as the items
// (checked against the independent index checker), index key values are validated like
// PutItem's and UpdateItem's, and a cancelled transaction leaves the indexes untouched.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "dynarock/batch_ops.h"
#include "dynarock/database.h"
#include "tests/testing/index_checker.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace dynarock {
namespace {

using testing::HashRangeTable;
using testing::TestDb;

// pk S, sk N; GSI ByStatus (status S, ts N; INCLUDE note), GSI ByOwner (owner S; KEYS_ONLY),
// LSI ByScore (pk, score N; ALL).
CreateTableRequest IndexedTable(std::string name) {
  CreateTableRequest r = HashRangeTable(std::move(name), ScalarType::kS, ScalarType::kN);
  r.attribute_definitions.push_back({"status", ScalarType::kS});
  r.attribute_definitions.push_back({"ts", ScalarType::kN});
  r.attribute_definitions.push_back({"owner", ScalarType::kS});
  r.attribute_definitions.push_back({"score", ScalarType::kN});
  r.global_secondary_indexes = {
      {.index_name = "ByStatus",
       .key_schema = {{"status", KeyType::kHash}, {"ts", KeyType::kRange}},
       .projection = {.non_key_attributes = {"note"}, .projection_type = ProjectionType::kInclude}},
      {.index_name = "ByOwner",
       .key_schema = {{"owner", KeyType::kHash}},
       .projection = {.projection_type = ProjectionType::kKeysOnly}}};
  r.local_secondary_indexes = {{.index_name = "ByScore",
                                .key_schema = {{"pk", KeyType::kHash}, {"score", KeyType::kRange}},
                                .projection = {.projection_type = ProjectionType::kAll}}};
  return r;
}

void RequireConsistent(Database& db, std::string_view table) {
  testing::IndexCheckReport report = testing::CheckIndexes(db, table);
  INFO(report.Summary());
  REQUIRE(report.problems.empty());
}

size_t CountByStatus(TestDb& t, const std::string& status) {
  absl::StatusOr<QueryResult> q =
      t->Query({.table_name = "Orders",
                .expression_attribute_names = {{"#s", "status"}},
                .expression_attribute_values = {{":s", status}},
                .index_name = "ByStatus",
                .key_condition_expression = "#s = :s"});
  REQUIRE_OK(q);
  return q->items.size();
}

Item Order(int i, std::string status, std::string owner) {
  return {{"pk", "cust#" + std::to_string(i % 3)}, {"sk", i},       {"status", std::move(status)},
          {"ts", 1000 + i},                         {"owner", owner}, {"score", i * 10},
          {"note", "n" + std::to_string(i)}};
}

// Why: a batch that puts, replaces (changing index keys) and deletes keeps every index and
// counter equal to what the items imply.
TEST_CASE("BatchWriteItem: index entries follow the items", "[ops][batch][index]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(IndexedTable("Orders")));
  std::vector<WriteRequest> puts;
  for (int i = 0; i < 20; ++i) {
    puts.push_back({.put_request = PutRequest{.item = Order(i, "open", "ann")}});
  }
  REQUIRE_OK(t->BatchWriteItem({.request_items = {{"Orders", puts}}}));
  RequireConsistent(t.db(), "Orders");
  CHECK(CountByStatus(t, "open") == 20);

  std::vector<WriteRequest> mixed;
  for (int i = 0; i < 5; ++i) {
    mixed.push_back({.put_request = PutRequest{.item = Order(i, "shipped", "bob")}});
  }
  for (int i = 5; i < 10; ++i) {
    Item no_status = Order(i, "x", "ann");
    no_status.erase("status");  // leaves ByStatus (sparse)
    mixed.push_back({.put_request = PutRequest{.item = no_status}});
  }
  for (int i = 10; i < 15; ++i) {
    mixed.push_back({.delete_request = DeleteRequest{
                         .key = {{"pk", "cust#" + std::to_string(i % 3)}, {"sk", i}}}});
  }
  REQUIRE_OK(t->BatchWriteItem({.request_items = {{"Orders", mixed}}}));
  RequireConsistent(t.db(), "Orders");
  CHECK(CountByStatus(t, "open") == 5);
  CHECK(CountByStatus(t, "shipped") == 5);
}

// Why: index key values in a batch are checked like PutItem's, before anything is written.
TEST_CASE("BatchWriteItem: a wrong-typed index key rejects the batch", "[ops][batch][index]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(IndexedTable("Orders")));
  Item bad = Order(1, "open", "ann");
  bad["ts"] = "not a number";
  REQUIRE_ERROR(t->BatchWriteItem({.request_items = {{"Orders",
                                                      {{.put_request = PutRequest{.item = Order(0, "open", "ann")}},
                                                       {.put_request = PutRequest{.item = bad}}}}}}),
                ErrorType::kValidation,
                "One or more parameter values were invalid: Type mismatch for Index Key ts "
                "Expected: N Actual: S IndexName: ByStatus");
  CHECK(CountByStatus(t, "open") == 0);
  RequireConsistent(t.db(), "Orders");
}

// Why: a transaction's writes move index entries together with the items; a cancelled one
// (including one cancelled by an update that would give an index key the wrong type) changes
// no entry.
TEST_CASE("TransactWriteItems: index entries commit with the transaction", "[ops][transact][index]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(IndexedTable("Orders")));
  for (int i = 0; i < 4; ++i) REQUIRE_OK(t->GetTable("Orders").Put(Order(i, "open", "ann")));
  auto key = [](int i) { return Item{{"pk", "cust#" + std::to_string(i % 3)}, {"sk", i}}; };
  REQUIRE_OK(t->TransactWriteItems(
      {.transact_items = {
           {.update = TransactUpdate{.table_name = "Orders",
                                     .key = key(0),
                                     .update_expression = "SET #s = :s REMOVE #o",
                                     .expression_attribute_names = {{"#s", "status"}, {"#o", "owner"}},
                                     .expression_attribute_values = {{":s", "shipped"}}}},
           {.del = TransactDelete{.table_name = "Orders", .key = key(1)}},
           {.put = TransactPut{.table_name = "Orders", .item = Order(9, "shipped", "cy")}}}}));
  RequireConsistent(t.db(), "Orders");
  CHECK(CountByStatus(t, "open") == 2);
  CHECK(CountByStatus(t, "shipped") == 2);

  absl::StatusOr<TransactWriteItemsResult> r = t->TransactWriteItems(
      {.transact_items = {
           {.put = TransactPut{.table_name = "Orders", .item = Order(20, "open", "dee")}},
           {.update = TransactUpdate{.table_name = "Orders",
                                     .key = key(2),
                                     .update_expression = "SET ts = :bad",
                                     .expression_attribute_values = {{":bad", "text"}}}}}});
  REQUIRE_ERROR(r, ErrorType::kTransactionCanceled,
                "Transaction cancelled, please refer cancellation reasons for specific reasons "
                "[None, ValidationError]");
  std::vector<CancellationReason> reasons = GetCancellationReasons(r.status());
  REQUIRE(reasons.size() == 2);
  CHECK(reasons[1].message == std::optional<std::string>(
                                  "The update expression attempted to update the secondary "
                                  "index key to unsupported type"));
  RequireConsistent(t.db(), "Orders");
  CHECK(CountByStatus(t, "open") == 2);
}

}  // namespace
}  // namespace dynarock
