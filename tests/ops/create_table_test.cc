// CreateTable, DescribeTable, ListTables and DeleteTable validation: DynamoDB's error types and
// exact messages (shared/reference/dynamodb-api.md sections 0, 4.0-4.4), and that a failed
// request creates nothing.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "dynarock/database.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace dynarock {
namespace {

using testing::HashRangeTable;
using testing::HashTable;
using testing::TestDb;

// The request is rejected with `message` and no table exists afterwards.
void RequireRejected(TestDb& t, const CreateTableRequest& r, std::string_view message) {
  REQUIRE_ERROR(t->CreateTable(r), ErrorType::kValidation, message);
  auto list = t->ListTables({});
  REQUIRE_OK(list);
  CHECK(list->table_names.empty());
}

// Why: table names follow DynamoDB's constraints, reported in the generic shape.
TEST_CASE("CreateTable: table name constraints", "[ops][create_table]") {
  TestDb t;
  SECTION("too short") {
    RequireRejected(t, HashTable("ab"),
                    "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy "
                    "constraint: Member must have length greater than or equal to 3");
  }
  SECTION("empty") {
    RequireRejected(t, HashTable(""),
                    "1 validation error detected: Value '' at 'tableName' failed to satisfy "
                    "constraint: Member must have length greater than or equal to 3");
  }
  SECTION("bad characters") {
    RequireRejected(t, HashTable("bad table!@#"),
                    "1 validation error detected: Value 'bad table!@#' at 'tableName' failed to "
                    "satisfy constraint: Member must satisfy regular expression pattern: "
                    "[a-zA-Z0-9_.-]+");
  }
  SECTION("bad characters and too short: two errors") {
    RequireRejected(t, HashTable("a;"),
                    "2 validation errors detected: Value 'a;' at 'tableName' failed to satisfy "
                    "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
                    "Value 'a;' at 'tableName' failed to satisfy constraint: Member must have "
                    "length greater than or equal to 3");
  }
  SECTION("too long") {
    std::string name(256, 'a');
    RequireRejected(t, HashTable(name),
                    "1 validation error detected: Value '" + name +
                        "' at 'tableName' failed to satisfy constraint: Member must have length "
                        "less than or equal to 255");
  }
  SECTION("255 characters and every allowed character are fine") {
    REQUIRE_OK(t->CreateTable(HashTable(std::string(255, 'a'))));
    REQUIRE_OK(t->CreateTable(HashTable("azAZ09_.-")));
  }
}

// Why: the key schema must be HASH then optional RANGE over defined attributes, and every
// definition must be used; each mistake has its own DynamoDB message.
TEST_CASE("CreateTable: key schema and attribute definitions", "[ops][create_table]") {
  TestDb t;
  CreateTableRequest r = HashRangeTable("Tbl");
  SECTION("empty key schema") {
    r.key_schema.clear();
    RequireRejected(t, r,
                    "1 validation error detected: Value '[]' at 'keySchema' failed to satisfy "
                    "constraint: Member must have length greater than or equal to 1");
  }
  SECTION("three key elements") {
    r.key_schema.push_back({"extra", KeyType::kRange});
    RequireRejected(
        t, r,
        "1 validation error detected: Value '[KeySchemaElement(attributeName=pk, keyType=HASH), "
        "KeySchemaElement(attributeName=sk, keyType=RANGE), KeySchemaElement(attributeName=extra, "
        "keyType=RANGE)]' at 'keySchema' failed to satisfy constraint: Member must have length "
        "less than or equal to 2");
  }
  SECTION("first element not HASH") {
    r.key_schema = {{"pk", KeyType::kRange}, {"sk", KeyType::kHash}};
    RequireRejected(t, r, "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  }
  SECTION("second element not RANGE") {
    r.key_schema = {{"pk", KeyType::kHash}, {"sk", KeyType::kHash}};
    RequireRejected(t, r, "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
  }
  SECTION("the same name twice") {
    r.key_schema = {{"pk", KeyType::kHash}, {"pk", KeyType::kRange}};
    RequireRejected(t, r,
                    "Both the Hash Key and the Range Key element in the KeySchema have the same "
                    "name");
  }
  SECTION("range key without definition") {
    r.attribute_definitions = {{"pk", ScalarType::kS}};
    RequireRejected(t, r, "Invalid KeySchema: Some index key attribute have no definition");
  }
  SECTION("hash key without definition") {
    CreateTableRequest h = HashTable("Tbl");
    h.attribute_definitions = {{"other", ScalarType::kS}};
    RequireRejected(t, h,
                    "One or more parameter values were invalid: Some index key attributes are not "
                    "defined in AttributeDefinitions. Keys: [pk], AttributeDefinitions: [other]");
  }
  SECTION("unused attribute definition") {
    CreateTableRequest h = HashTable("Tbl");
    h.attribute_definitions.push_back({"unused", ScalarType::kN});
    RequireRejected(t, h,
                    "One or more parameter values were invalid: Number of attributes in KeySchema "
                    "does not exactly match number of attributes defined in AttributeDefinitions");
  }
  SECTION("duplicated attribute definition") {
    r.attribute_definitions.push_back({"sk", ScalarType::kN});
    RequireRejected(t, r, "Attribute Name is duplicated: sk");
  }
  SECTION("empty key attribute name") {
    CreateTableRequest h = HashTable("Tbl");
    h.key_schema[0].attribute_name = "";
    h.attribute_definitions[0].attribute_name = "";
    RequireRejected(t, h,
                    "2 validation errors detected: Value '' at 'keySchema.1.member.attributeName' "
                    "failed to satisfy constraint: Member must have length greater than or equal "
                    "to 1; Value '' at 'attributeDefinitions.1.member.attributeName' failed to "
                    "satisfy constraint: Member must have length greater than or equal to 1");
  }
}

// Why: BillingMode decides whether ProvisionedThroughput is required or forbidden.
TEST_CASE("CreateTable: billing mode and throughput rules", "[ops][create_table]") {
  TestDb t;
  CreateTableRequest r = HashTable("Tbl");
  SECTION("PROVISIONED (the default) needs throughput") {
    r.billing_mode.reset();
    RequireRejected(t, r,
                    "One or more parameter values were invalid: ReadCapacityUnits and "
                    "WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
  }
  SECTION("PAY_PER_REQUEST forbids throughput") {
    r.provisioned_throughput = ProvisionedThroughput{1, 1};
    RequireRejected(t, r,
                    "One or more parameter values were invalid: Neither ReadCapacityUnits nor "
                    "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
  }
  SECTION("units below 1") {
    r.billing_mode = BillingMode::kProvisioned;
    r.provisioned_throughput = ProvisionedThroughput{0, -1};
    RequireRejected(t, r,
                    "2 validation errors detected: Value '0' at "
                    "'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: "
                    "Member must have value greater than or equal to 1; Value '-1' at "
                    "'provisionedThroughput.writeCapacityUnits' failed to satisfy constraint: "
                    "Member must have value greater than or equal to 1");
  }
  SECTION("units out of bounds") {
    r.billing_mode = BillingMode::kProvisioned;
    r.provisioned_throughput = ProvisionedThroughput{1, 1000000000001};
    RequireRejected(t, r, "Given value 1000000000001 for WriteCapacityUnits is out of bounds");
  }
}

// Why: an existing name is ResourceInUseException, and the first table is untouched.
TEST_CASE("CreateTable: existing table", "[ops][create_table]") {
  TestDb t;
  auto first = t->CreateTable(HashTable("Dup"));
  REQUIRE_OK(first);
  REQUIRE_ERROR(t->CreateTable(HashRangeTable("Dup")), ErrorType::kResourceInUse,
                "Table already exists: Dup");
  auto d = t->DescribeTable({.table_name = "Dup"});
  REQUIRE_OK(d);
  CHECK(d->table.table_id == first->table_description.table_id);
  CHECK(d->table.key_schema.size() == 1);
}

// Why: secondary indexes are part of CreateTable (issue 6; their validation and description
// are tested in tests/ops/index_test.cc).
TEST_CASE("CreateTable: secondary indexes are accepted", "[ops][create_table]") {
  TestDb t;
  CreateTableRequest r = HashRangeTable("Idx");
  r.global_secondary_indexes.push_back({.index_name = "gsi",
                                        .key_schema = {{"sk", KeyType::kHash}},
                                        .projection = {.projection_type = ProjectionType::kAll}});
  auto created = t->CreateTable(r);
  REQUIRE_OK(created);
  REQUIRE(created->table_description.global_secondary_indexes.size() == 1);
  CHECK(created->table_description.global_secondary_indexes[0].index_name == "gsi");
}

// Why: control-plane calls name the missing table; data-plane calls do not.
TEST_CASE("DescribeTable: missing tables and bad names", "[ops][describe_table]") {
  TestDb t;
  REQUIRE_ERROR(t->DescribeTable({.table_name = "Missing"}), ErrorType::kResourceNotFound,
                "Requested resource not found: Table: Missing not found");
  REQUIRE_ERROR(t->DeleteTable({.table_name = "Missing"}), ErrorType::kResourceNotFound,
                "Requested resource not found: Table: Missing not found");
  // Outside CreateTable, DynamoDB enforces 1..255 characters.
  REQUIRE_ERROR(t->DescribeTable({.table_name = "ab"}), ErrorType::kResourceNotFound,
                "Requested resource not found: Table: ab not found");
  REQUIRE_ERROR(t->DescribeTable({.table_name = ""}), ErrorType::kValidation,
                "1 validation error detected: Value '' at 'tableName' failed to satisfy "
                "constraint: Member must have length greater than or equal to 1");
  // Over 255 characters, the length is reported alone.
  const std::string long_name(256, '!');
  REQUIRE_ERROR(t->DescribeTable({.table_name = long_name}), ErrorType::kValidation,
                "1 validation error detected: Value '" + long_name +
                    "' at 'tableName' failed to satisfy constraint: Member must have length less "
                    "than or equal to 255");
  // An ARN of another account names no table here.
  REQUIRE_ERROR(
      t->DescribeTable({.table_name = "arn:aws:dynamodb:us-east-1:111111111111:table/Missing"}),
      ErrorType::kResourceNotFound,
      "Requested resource not found: Table: arn:aws:dynamodb:us-east-1:111111111111:table/Missing "
      "not found");
  REQUIRE_ERROR(t->DeleteTable({.table_name = "no way"}), ErrorType::kValidation,
                "1 validation error detected: Value 'no way' at 'tableName' failed to satisfy "
                "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
}

// Why: ListTables pages in name order; LastEvaluatedTableName appears only when more remain.
TEST_CASE("ListTables: sorted pages", "[ops][list_tables]") {
  TestDb t;
  std::vector<std::string> names = {"delta", "Alpha", "charlie", "bravo", "echo"};
  for (const std::string& n : names) REQUIRE_OK(t->CreateTable(HashTable(n)));
  std::vector<std::string> sorted = {"Alpha", "bravo", "charlie", "delta", "echo"};

  auto all = t->ListTables({});
  REQUIRE_OK(all);
  CHECK(all->table_names == sorted);
  CHECK_FALSE(all->last_evaluated_table_name.has_value());

  auto p1 = t->ListTables({.limit = 2});
  REQUIRE_OK(p1);
  CHECK(p1->table_names == std::vector<std::string>{"Alpha", "bravo"});
  REQUIRE(p1->last_evaluated_table_name == std::optional<std::string>("bravo"));
  auto p2 = t->ListTables({.exclusive_start_table_name = "bravo", .limit = 2});
  REQUIRE_OK(p2);
  CHECK(p2->table_names == std::vector<std::string>{"charlie", "delta"});
  REQUIRE(p2->last_evaluated_table_name == std::optional<std::string>("delta"));
  auto p3 = t->ListTables({.exclusive_start_table_name = "delta", .limit = 2});
  REQUIRE_OK(p3);
  CHECK(p3->table_names == std::vector<std::string>{"echo"});
  CHECK_FALSE(p3->last_evaluated_table_name.has_value());
  // A page that ends exactly at the last table has no LastEvaluatedTableName.
  auto exact = t->ListTables({.exclusive_start_table_name = "charlie", .limit = 2});
  REQUIRE_OK(exact);
  CHECK(exact->table_names == std::vector<std::string>{"delta", "echo"});
  CHECK_FALSE(exact->last_evaluated_table_name.has_value());
  // The start name need not exist.
  auto between = t->ListTables({.exclusive_start_table_name = "cat"});
  REQUIRE_OK(between);
  CHECK(between->table_names == std::vector<std::string>{"charlie", "delta", "echo"});
}

// Why: Limit is 1..100, reported in the generic shape.
TEST_CASE("ListTables: limit constraints", "[ops][list_tables]") {
  TestDb t;
  REQUIRE_ERROR(t->ListTables({.limit = 0}), ErrorType::kValidation,
                "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                "Member must have value greater than or equal to 1");
  REQUIRE_ERROR(t->ListTables({.limit = 101}), ErrorType::kValidation,
                "1 validation error detected: Value '101' at 'limit' failed to satisfy "
                "constraint: Member must have value less than or equal to 100");
  REQUIRE_OK(t->ListTables({.limit = 100}));
  REQUIRE_OK(t->ListTables({.limit = 1}));
}

}  // namespace
}  // namespace dynarock
