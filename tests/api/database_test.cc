// End-to-end tests of the typed API (dynarock::Database) over real RocksDB, in memory and on
// disk.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "dynarock/database.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace dynarock {
namespace {

using testing::DbKind;
using testing::HashRangeTable;
using testing::HashTable;
using testing::TestDb;

// Why: the basic path every other layer (JSON, server, benchmarks) builds on.
TEST_CASE("Database: put, get and delete an item", "[api][items]") {
  auto kind = GENERATE(DbKind::kInMemory, DbKind::kOnDisk);
  TestDb t(kind);
  REQUIRE_OK(t->CreateTable(HashRangeTable("Orders")));
  Table orders = t->GetTable("Orders");
  Item item{{"pk", "c#7"}, {"sk", "o#1"}, {"total", N("19.99")}, {"tags", SS({"b", "a"})}};
  REQUIRE_OK(orders.Put(item));

  absl::StatusOr<std::optional<Item>> got = orders.Get({{"pk", "c#7"}, {"sk", "o#1"}});
  REQUIRE_OK(got);
  REQUIRE(got->has_value());
  CHECK(**got == item);
  // Sets come back canonicalised (sorted).
  CHECK((**got).at("tags").ss().elements == std::vector<std::string>{"a", "b"});

  REQUIRE_OK(orders.Delete({{"pk", "c#7"}, {"sk", "o#1"}}));
  got = orders.Get({{"pk", "c#7"}, {"sk", "o#1"}});
  REQUIRE_OK(got);
  CHECK_FALSE(got->has_value());
}

// Why: a database on disk must keep its tables and items across close and open.
TEST_CASE("Database: reopening keeps tables, items and counters", "[api][disk]") {
  TestDb t(DbKind::kOnDisk);
  REQUIRE_OK(t->CreateTable(HashTable("Keep")));
  REQUIRE_OK(t->CreateTable(HashRangeTable("Other", ScalarType::kN, ScalarType::kB)));
  auto before = t->DescribeTable({.table_name = "Keep"});
  REQUIRE_OK(before);
  for (int i = 0; i < 10; ++i) {
    REQUIRE_OK(t->GetTable("Keep").Put({{"pk", "k" + std::to_string(i)}, {"v", i}}));
  }
  REQUIRE_OK(t->GetTable("Other").Put({{"pk", 1}, {"sk", B("x")}}));
  auto described = t->DescribeTable({.table_name = "Keep"});
  REQUIRE_OK(described);

  t.Reopen();

  auto list = t->ListTables({});
  REQUIRE_OK(list);
  CHECK(list->table_names == std::vector<std::string>{"Keep", "Other"});
  auto after = t->DescribeTable({.table_name = "Keep"});
  REQUIRE_OK(after);
  CHECK(after->table.table_id == before->table.table_id);
  CHECK(after->table.creation_date_time == before->table.creation_date_time);
  CHECK(after->table.item_count == 10);
  CHECK(after->table.table_size_bytes == described->table.table_size_bytes);
  for (int i = 0; i < 10; ++i) {
    auto got = t->GetTable("Keep").Get({{"pk", "k" + std::to_string(i)}});
    REQUIRE_OK(got);
    REQUIRE(got->has_value());
    CHECK((**got).at("v") == AttributeValue(i));
  }
  auto other = t->GetTable("Other").Get({{"pk", 1}, {"sk", B("x")}});
  REQUIRE_OK(other);
  CHECK(other->has_value());
  // A table created after reopening gets a fresh id: its items stay apart.
  REQUIRE_OK(t->CreateTable(HashTable("Third")));
  auto third = t->GetTable("Third").Get({{"pk", "k0"}});
  REQUIRE_OK(third);
  CHECK_FALSE(third->has_value());
}

// Why: DynamoDB addresses a numeric key by value: 1e3 and 1000 are one item, returned as 1000.
TEST_CASE("Database: number keys compare by value", "[api][keys]") {
  auto kind = GENERATE(DbKind::kInMemory, DbKind::kOnDisk);
  TestDb t(kind);
  REQUIRE_OK(t->CreateTable(HashRangeTable("Nums", ScalarType::kN, ScalarType::kN)));
  Table nums = t->GetTable("Nums");
  REQUIRE_OK(nums.Put({{"pk", N("1e3")}, {"sk", N("0.50")}, {"v", "first"}}));
  REQUIRE_OK(nums.Put({{"pk", N("1000.0")}, {"sk", N("5E-1")}, {"v", "second"}}));
  auto got = nums.Get({{"pk", N("+001000")}, {"sk", N(".5")}});
  REQUIRE_OK(got);
  REQUIRE(got->has_value());
  CHECK((**got).at("v") == AttributeValue("second"));
  CHECK((**got).at("pk").n().ToString() == "1000");
  CHECK((**got).at("sk").n().ToString() == "0.5");
  auto described = nums.Describe();
  REQUIRE_OK(described);
  CHECK(described->table.item_count == 1);
}

// Why: ReturnValues ALL_OLD returns the replaced or deleted item, and nothing when none existed.
TEST_CASE("Database: ReturnValues ALL_OLD and NONE", "[api][items]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(HashTable("Tab")));
  auto first = t->PutItem({.table_name = "Tab",
                           .item = {{"pk", "a"}, {"v", 1}},
                           .return_values = ReturnValues::kAllOld});
  REQUIRE_OK(first);
  CHECK_FALSE(first->attributes.has_value());
  auto second = t->PutItem({.table_name = "Tab",
                            .item = {{"pk", "a"}, {"v", 2}},
                            .return_values = ReturnValues::kAllOld});
  REQUIRE_OK(second);
  REQUIRE(second->attributes.has_value());
  CHECK(*second->attributes == Item{{"pk", "a"}, {"v", 1}});
  auto none = t->PutItem(
      {.table_name = "Tab", .item = {{"pk", "a"}, {"v", 3}}, .return_values = ReturnValues::kNone});
  REQUIRE_OK(none);
  CHECK_FALSE(none->attributes.has_value());
  auto deleted = t->DeleteItem(
      {.table_name = "Tab", .key = {{"pk", "a"}}, .return_values = ReturnValues::kAllOld});
  REQUIRE_OK(deleted);
  REQUIRE(deleted->attributes.has_value());
  CHECK(*deleted->attributes == Item{{"pk", "a"}, {"v", 3}});
  auto again = t->DeleteItem(
      {.table_name = "Tab", .key = {{"pk", "a"}}, .return_values = ReturnValues::kAllOld});
  REQUIRE_OK(again);
  CHECK_FALSE(again->attributes.has_value());
}

// Why: ItemCount and TableSizeBytes are exact, kept by the counters merge operator through
// inserts, overwrites and deletes.
TEST_CASE("Database: DescribeTable counts items and bytes exactly", "[api][tables]") {
  auto kind = GENERATE(DbKind::kInMemory, DbKind::kOnDisk);
  TestDb t(kind);
  REQUIRE_OK(t->CreateTable(HashTable("Tab")));
  Table table = t->GetTable("Tab");
  REQUIRE_OK(table.Put({{"pk", "a"}, {"v", "xyz"}}));  // 2+1 + 1+3 = 7 bytes
  REQUIRE_OK(table.Put({{"pk", "bb"}}));               // 2+2 = 4 bytes
  auto d = table.Describe();
  REQUIRE_OK(d);
  CHECK(d->table.item_count == 2);
  CHECK(d->table.table_size_bytes == 11);
  REQUIRE_OK(table.Put({{"pk", "a"}}));  // overwrite: 7 -> 3 bytes
  d = table.Describe();
  REQUIRE_OK(d);
  CHECK(d->table.item_count == 2);
  CHECK(d->table.table_size_bytes == 7);
  REQUIRE_OK(table.Delete({{"pk", "bb"}}));
  REQUIRE_OK(table.Delete({{"pk", "missing"}}));
  d = table.Describe();
  REQUIRE_OK(d);
  CHECK(d->table.item_count == 1);
  CHECK(d->table.table_size_bytes == 3);
}

// Why: DescribeTable's shape: status, ARN, UUID TableId, on-demand summary and zero throughput.
TEST_CASE("Database: DescribeTable describes the table", "[api][tables]") {
  TestDb t(DbKind::kInMemory, {.region = "eu-west-2", .account_id = "123456789012"});
  auto created = t->CreateTable(HashRangeTable("Orders", ScalarType::kS, ScalarType::kN));
  REQUIRE_OK(created);
  const TableDescription& c = created->table_description;
  CHECK(c.table_status == TableStatus::kActive);
  auto d = t->DescribeTable({.table_name = "Orders"});
  REQUIRE_OK(d);
  const TableDescription& td = d->table;
  CHECK(td.table_name == "Orders");
  CHECK(td.table_status == TableStatus::kActive);
  CHECK(td.table_arn == "arn:aws:dynamodb:eu-west-2:123456789012:table/Orders");
  CHECK(td.table_id == c.table_id);
  REQUIRE(td.table_id.size() == 36);
  CHECK(td.table_id[14] == '4');  // UUID version 4
  CHECK(td.key_schema ==
        std::vector<KeySchemaElement>{{"pk", KeyType::kHash}, {"sk", KeyType::kRange}});
  CHECK(td.attribute_definitions ==
        std::vector<AttributeDefinition>{{"pk", ScalarType::kS}, {"sk", ScalarType::kN}});
  REQUIRE(td.billing_mode_summary.has_value());
  CHECK(td.billing_mode_summary->billing_mode == BillingMode::kPayPerRequest);
  CHECK(td.billing_mode_summary->last_update_to_pay_per_request_date_time == td.creation_date_time);
  CHECK(td.provisioned_throughput.read_capacity_units == 0);
  CHECK(td.provisioned_throughput.write_capacity_units == 0);
  CHECK(td.provisioned_throughput.number_of_decreases_today == 0);
  CHECK(td.creation_date_time > 1.7e9);
  CHECK(td.item_count == 0);
  CHECK(td.table_size_bytes == 0);
  REQUIRE(td.deletion_protection_enabled.has_value());
  CHECK_FALSE(*td.deletion_protection_enabled);
  // The table's ARN works wherever its name does.
  auto by_arn = t->DescribeTable({.table_name = td.table_arn});
  REQUIRE_OK(by_arn);
  CHECK(by_arn->table.table_id == td.table_id);
}

// Why: a provisioned table reports its capacity units and no on-demand summary.
TEST_CASE("Database: provisioned tables report their throughput", "[api][tables]") {
  TestDb t;
  CreateTableRequest r = HashTable("Prov");
  r.billing_mode = BillingMode::kProvisioned;
  r.provisioned_throughput =
      ProvisionedThroughput{.read_capacity_units = 5, .write_capacity_units = 7};
  REQUIRE_OK(t->CreateTable(r));
  auto d = t->DescribeTable({.table_name = "Prov"});
  REQUIRE_OK(d);
  CHECK_FALSE(d->table.billing_mode_summary.has_value());
  CHECK(d->table.provisioned_throughput.read_capacity_units == 5);
  CHECK(d->table.provisioned_throughput.write_capacity_units == 7);
}

// Why: DeleteTable is one DeleteRange whatever the table's size; the name can then be reused
// for an empty table with a new TableId.
TEST_CASE("Database: deleting a 10k-item table and re-creating it", "[api][tables]") {
  auto kind = GENERATE(DbKind::kInMemory, DbKind::kOnDisk);
  TestDb t(kind);
  REQUIRE_OK(t->CreateTable(HashRangeTable("Big")));
  Table big = t->GetTable("Big");
  for (int i = 0; i < 10000; ++i) {
    REQUIRE_OK(big.Put({{"pk", "p" + std::to_string(i % 100)}, {"sk", std::to_string(i)}}));
  }
  auto before = big.Describe();
  REQUIRE_OK(before);
  CHECK(before->table.item_count == 10000);

  auto deleted = t->DeleteTable({.table_name = "Big"});
  REQUIRE_OK(deleted);
  CHECK(deleted->table_description.table_status == TableStatus::kDeleting);
  CHECK(deleted->table_description.item_count == 10000);
  CHECK(deleted->table_description.table_id == before->table.table_id);
  REQUIRE_ERROR(big.Describe(), ErrorType::kResourceNotFound,
                "Requested resource not found: Table: Big not found");
  REQUIRE_ERROR(big.Get({{"pk", "p1"}, {"sk", "1"}}), ErrorType::kResourceNotFound,
                "Requested resource not found");

  REQUIRE_OK(t->CreateTable(HashRangeTable("Big")));
  auto again = big.Describe();
  REQUIRE_OK(again);
  CHECK(again->table.item_count == 0);
  CHECK(again->table.table_size_bytes == 0);
  CHECK(again->table.table_id != before->table.table_id);
  auto got = big.Get({{"pk", "p1"}, {"sk", "1"}});
  REQUIRE_OK(got);
  CHECK_FALSE(got->has_value());
  if (kind == DbKind::kOnDisk) {
    t.Reopen();
    auto reopened = t->GetTable("Big").Get({{"pk", "p1"}, {"sk", "1"}});
    REQUIRE_OK(reopened);
    CHECK_FALSE(reopened->has_value());
  }
}

// Why: a protected table refuses DeleteTable with DynamoDB's message and stays usable.
TEST_CASE("Database: deletion protection blocks DeleteTable", "[api][tables]") {
  TestDb t;
  CreateTableRequest r = HashTable("Safe");
  r.deletion_protection_enabled = true;
  REQUIRE_OK(t->CreateTable(r));
  REQUIRE_OK(t->GetTable("Safe").Put({{"pk", "a"}}));
  REQUIRE_ERROR(t->DeleteTable({.table_name = "Safe"}), ErrorType::kValidation,
                "Resource cannot be deleted as it is currently protected against deletion. "
                "Disable deletion protection first.");
  auto got = t->GetTable("Safe").Get({{"pk", "a"}});
  REQUIRE_OK(got);
  CHECK(got->has_value());
  REQUIRE_OK(t->GetTable("Safe").Put({{"pk", "b"}}));
}

// Why: the typed API's Table handle fills in the table name and its shorthands report errors.
TEST_CASE("Database: Table shorthands report missing tables", "[api][items]") {
  TestDb t;
  Table missing = t->GetTable("Nope");
  REQUIRE_ERROR(missing.Put({{"pk", "a"}}), ErrorType::kResourceNotFound,
                "Requested resource not found");
  REQUIRE_ERROR(missing.Get({{"pk", "a"}}), ErrorType::kResourceNotFound,
                "Requested resource not found");
  REQUIRE_ERROR(missing.Delete({{"pk", "a"}}), ErrorType::kResourceNotFound,
                "Requested resource not found");
}

}  // namespace
}  // namespace dynarock
