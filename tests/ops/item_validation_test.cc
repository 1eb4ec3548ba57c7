// PutItem, GetItem and DeleteItem validation: DynamoDB's error types and exact messages
// (shared/reference/dynamodb-api.md sections 1, 4.0, 4.7, 4.8, 4.10), the 2026 envelope on
// write operations, and that a failed request leaves the data unchanged.
#include <catch2/catch.hpp>
#include <string>

#include "dynarock/database.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace dynarock {
namespace {

using testing::DbKind;
using testing::HashRangeTable;
using testing::HashTable;
using testing::TestDb;

constexpr char kEnvelope[] = "1 validation error detected: ";
constexpr char kKeyMismatch[] = "The provided key element does not match the schema";

// A table Items (pk S, sk N) holding one item, whose presence and content tests re-check after
// each failed request.
class ItemsFixture {
 public:
  explicit ItemsFixture(DbKind kind = DbKind::kInMemory) : t(kind) {
    REQUIRE_OK(t->CreateTable(HashRangeTable("Items", ScalarType::kS, ScalarType::kN)));
    REQUIRE_OK(t->GetTable("Items").Put(kept));
  }
  // The kept item is still there, unchanged, and the table holds only it.
  void RequireUnchanged() {
    auto got = t->GetTable("Items").Get({{"pk", "a"}, {"sk", 1}});
    REQUIRE_OK(got);
    REQUIRE(got->has_value());
    CHECK(**got == kept);
    auto d = t->DescribeTable({.table_name = "Items"});
    REQUIRE_OK(d);
    CHECK(d->table.item_count == 1);
  }

  TestDb t;
  Item kept{{"pk", "a"}, {"sk", 1}, {"v", "keep"}};
};

// Why: a PutItem item must hold every key attribute with the declared type.
TEST_CASE("PutItem: key attributes of the item", "[ops][put_item]") {
  auto kind = GENERATE(DbKind::kInMemory, DbKind::kOnDisk);
  ItemsFixture f(kind);
  Table items = f.t->GetTable("Items");
  SECTION("missing partition key") {
    REQUIRE_ERROR(items.Put({{"sk", 1}, {"v", "x"}}), ErrorType::kValidation,
                  "One or more parameter values were invalid: Missing the key pk in the item");
  }
  SECTION("missing sort key") {
    REQUIRE_ERROR(items.Put({{"pk", "a"}, {"v", "x"}}), ErrorType::kValidation,
                  "One or more parameter values were invalid: Missing the key sk in the item");
  }
  SECTION("wrong partition key type") {
    REQUIRE_ERROR(items.Put({{"pk", 5}, {"sk", 1}}), ErrorType::kValidation,
                  "One or more parameter values were invalid: Type mismatch for key pk expected: "
                  "S actual: N");
  }
  SECTION("wrong sort key type") {
    REQUIRE_ERROR(items.Put({{"pk", "a"}, {"sk", SS({"x"})}}), ErrorType::kValidation,
                  "One or more parameter values were invalid: Type mismatch for key sk expected: "
                  "N actual: SS");
  }
  SECTION("empty string key") {
    REQUIRE_ERROR(items.Put({{"pk", ""}, {"sk", 1}}), ErrorType::kValidation,
                  "One or more parameter values are not valid. The AttributeValue for a key "
                  "attribute cannot contain an empty string value. Key: pk");
  }
  f.RequireUnchanged();
}

// Why: empty binary keys have their own message; key size limits are 2048 and 1024 bytes.
TEST_CASE("PutItem: empty binary keys and key sizes", "[ops][put_item]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(HashRangeTable("Bin", ScalarType::kB, ScalarType::kS)));
  Table bin = t->GetTable("Bin");
  REQUIRE_ERROR(bin.Put({{"pk", B("")}, {"sk", "s"}}), ErrorType::kValidation,
                "One or more parameter values are not valid. The AttributeValue for a key "
                "attribute cannot contain an empty binary value. Key: pk");
  REQUIRE_OK(bin.Put({{"pk", B(std::string(2048, 'x'))}, {"sk", std::string(1024, 's')}}));
  REQUIRE_ERROR(bin.Put({{"pk", B(std::string(2049, 'x'))}, {"sk", "s"}}), ErrorType::kValidation,
                "One or more parameter values were invalid: Size of hashkey has exceeded the "
                "maximum size limit of2048 bytes");
  REQUIRE_ERROR(bin.Put({{"pk", B("x")}, {"sk", std::string(1025, 's')}}), ErrorType::kValidation,
                "One or more parameter values were invalid: Aggregated size of all range keys has "
                "exceeded the size limit of 1024 bytes");
  REQUIRE_ERROR(bin.Get({{"pk", B(std::string(2049, 'x'))}, {"sk", "s"}}), ErrorType::kValidation,
                "One or more parameter values were invalid: Size of hashkey has exceeded the "
                "maximum size limit of2048 bytes");
  auto d = t->DescribeTable({.table_name = "Bin"});
  REQUIRE_OK(d);
  CHECK(d->table.item_count == 1);
}

// Why: items over 400 KB are refused (bare message); exactly 400 KB is accepted.
TEST_CASE("PutItem: item size limit", "[ops][put_item]") {
  ItemsFixture f;
  Table items = f.t->GetTable("Items");
  // pk "a": 2+1, sk 1: 2+2, "v": 1 + value. 409600 - 8 = 409592 bytes of value fit exactly.
  REQUIRE_OK(items.Put({{"pk", "b"}, {"sk", 1}, {"v", std::string(409592, 'x')}}));
  REQUIRE_ERROR(items.Put({{"pk", "a"}, {"sk", 1}, {"v", std::string(409593, 'x')}}),
                ErrorType::kValidation, "Item size has exceeded the maximum allowed size");
  REQUIRE_OK(items.Delete({{"pk", "b"}, {"sk", 1}}));
  f.RequireUnchanged();
}

// Why: set and nesting rules come from value validation; PutItem and DeleteItem envelope the
// set messages (2026), GetItem does not, and the nesting message stays bare.
TEST_CASE("PutItem: invalid values and the 2026 envelope", "[ops][put_item][envelope]") {
  ItemsFixture f;
  Table items = f.t->GetTable("Items");
  SECTION("empty string set") {
    REQUIRE_ERROR(items.Put({{"pk", "a"}, {"sk", 1}, {"s", SS({})}}), ErrorType::kValidation,
                  std::string(kEnvelope) +
                      "One or more parameter values were invalid: An string set  may not be empty");
  }
  SECTION("duplicate in a string set") {
    REQUIRE_ERROR(items.Put({{"pk", "a"}, {"sk", 1}, {"s", SS({"a", "a"})}}),
                  ErrorType::kValidation,
                  std::string(kEnvelope) +
                      "One or more parameter values were invalid: Input collection [a, a] "
                      "contains duplicates.");
  }
  SECTION("empty number set inside a map") {
    REQUIRE_ERROR(items.Put({{"pk", "a"}, {"sk", 1}, {"m", M({{"n", NS({})}})}}),
                  ErrorType::kValidation,
                  std::string(kEnvelope) +
                      "One or more parameter values were invalid: An number set  may not be empty");
  }
  SECTION("nesting beyond 32 levels") {
    AttributeValue deep = "leaf";
    for (int i = 0; i < 40; ++i) deep = M({{"m", deep}});
    REQUIRE_ERROR(items.Put({{"pk", "a"}, {"sk", 1}, {"deep", deep}}), ErrorType::kValidation,
                  "Nesting Levels have exceeded supported limits: Attributes in the item have "
                  "nested levels beyond supported limit");
  }
  f.RequireUnchanged();
}

// Why: PutItem and DeleteItem accept only NONE and ALL_OLD (enveloped message, 2026).
TEST_CASE("PutItem: ReturnValues other than NONE and ALL_OLD", "[ops][put_item][envelope]") {
  ItemsFixture f;
  auto rv = GENERATE(ReturnValues::kAllNew, ReturnValues::kUpdatedOld, ReturnValues::kUpdatedNew);
  REQUIRE_ERROR(
      f.t->PutItem({.table_name = "Items", .item = {{"pk", "a"}, {"sk", 1}}, .return_values = rv}),
      ErrorType::kValidation, std::string(kEnvelope) + "ReturnValues can only be ALL_OLD or NONE");
  REQUIRE_ERROR(f.t->DeleteItem(
                    {.table_name = "Items", .key = {{"pk", "a"}, {"sk", 1}}, .return_values = rv}),
                ErrorType::kValidation,
                std::string(kEnvelope) + "ReturnValues can only be ALL_OLD or NONE");
  f.RequireUnchanged();
}

// Why: a false condition changes nothing; placeholders without an expression are DynamoDB's
// own error. (Conditions in depth: condition_test.cc.)
TEST_CASE("PutItem: expression parameters", "[ops][put_item][expressions]") {
  ItemsFixture f;
  REQUIRE_ERROR(f.t->PutItem({.table_name = "Items",
                              .item = {{"pk", "a"}, {"sk", 1}},
                              .condition_expression = "attribute_not_exists(pk)"}),
                ErrorType::kConditionalCheckFailed, "The conditional request failed");
  REQUIRE_ERROR(f.t->DeleteItem({.table_name = "Items",
                                 .key = {{"pk", "a"}, {"sk", 1}},
                                 .condition_expression = "attribute_not_exists(pk)"}),
                ErrorType::kConditionalCheckFailed, "The conditional request failed");
  REQUIRE_ERROR(f.t->PutItem({.table_name = "Items",
                              .item = {{"pk", "a"}, {"sk", 1}},
                              .expression_attribute_names = {{"#p", "pk"}}}),
                ErrorType::kValidation,
                std::string(kEnvelope) +
                    "ExpressionAttributeNames can only be specified when using expressions");
  REQUIRE_ERROR(f.t->DeleteItem({.table_name = "Items",
                                 .key = {{"pk", "a"}, {"sk", 1}},
                                 .expression_attribute_values = {{":v", 1}}}),
                ErrorType::kValidation,
                std::string(kEnvelope) +
                    "ExpressionAttributeValues can only be specified when using expressions: "
                    "ConditionExpression is null");
  REQUIRE_OK(f.t->GetItem(
      {.table_name = "Items", .key = {{"pk", "a"}, {"sk", 1}}, .projection_expression = "v"}));
  REQUIRE_ERROR(f.t->GetItem({.table_name = "Items",
                              .key = {{"pk", "a"}, {"sk", 1}},
                              .expression_attribute_names = {{"#v", "v"}}}),
                ErrorType::kValidation,
                "ExpressionAttributeNames can only be specified when using expressions");
  f.RequireUnchanged();
}

// Why: a Key must hold exactly the key attributes with their types; anything else is one
// message on GetItem and DeleteItem.
TEST_CASE("GetItem: key must match the schema", "[ops][get_item][delete_item]") {
  auto kind = GENERATE(DbKind::kInMemory, DbKind::kOnDisk);
  ItemsFixture f(kind);
  Table items = f.t->GetTable("Items");
  auto bad_key = GENERATE(Item{{"pk", "a"}},                            // missing sk
                          Item{{"sk", 1}},                              // missing pk
                          Item{{"pk", "a"}, {"sk", 1}, {"v", "keep"}},  // extra attribute
                          Item{{"pk", "a"}, {"sk", "1"}},               // sk wrong type
                          Item{{"pk", 1}, {"sk", 1}},                   // pk wrong type
                          Item{{"pk", "a"}, {"other", 1}},              // wrong name
                          Item{});                                      // empty
  INFO(ToDebugString(bad_key));
  REQUIRE_ERROR(items.Get(bad_key), ErrorType::kValidation, kKeyMismatch);
  REQUIRE_ERROR(items.Delete(bad_key), ErrorType::kValidation, kKeyMismatch);
  f.RequireUnchanged();
}

// Why: empty key values in a Key get the key-attribute message, bare, on reads and deletes.
TEST_CASE("GetItem: empty key values", "[ops][get_item][delete_item]") {
  ItemsFixture f;
  Table items = f.t->GetTable("Items");
  const std::string message =
      "One or more parameter values are not valid. The AttributeValue for a key attribute cannot "
      "contain an empty string value. Key: pk";
  REQUIRE_ERROR(items.Get({{"pk", ""}, {"sk", 1}}), ErrorType::kValidation, message);
  REQUIRE_ERROR(items.Delete({{"pk", ""}, {"sk", 1}}), ErrorType::kValidation, message);
  f.RequireUnchanged();
}

// Why: data-plane calls on a missing table are ResourceNotFoundException without the name.
TEST_CASE("PutItem: missing table", "[ops][put_item]") {
  TestDb t;
  REQUIRE_ERROR(t->PutItem({.table_name = "Nope", .item = {{"pk", "a"}}}),
                ErrorType::kResourceNotFound, "Requested resource not found");
  REQUIRE_ERROR(t->GetItem({.table_name = "Nope", .key = {{"pk", "a"}}}),
                ErrorType::kResourceNotFound, "Requested resource not found");
  REQUIRE_ERROR(t->DeleteItem({.table_name = "Nope", .key = {{"pk", "a"}}}),
                ErrorType::kResourceNotFound, "Requested resource not found");
  REQUIRE_ERROR(t->PutItem({.table_name = "", .item = {{"pk", "a"}}}), ErrorType::kValidation,
                "1 validation error detected: Value '' at 'tableName' failed to satisfy "
                "constraint: Member must have length greater than or equal to 1");
}

// Why: the legacy AttributesToGet selects attributes; duplicates are refused.
TEST_CASE("GetItem: AttributesToGet", "[ops][get_item]") {
  ItemsFixture f;
  auto got = f.t->GetItem(
      {.table_name = "Items", .key = {{"pk", "a"}, {"sk", 1}}, .attributes_to_get = {"v", "zz"}});
  REQUIRE_OK(got);
  REQUIRE(got->item.has_value());
  CHECK(*got->item == Item{{"v", "keep"}});
  REQUIRE_ERROR(f.t->GetItem({.table_name = "Items",
                              .key = {{"pk", "a"}, {"sk", 1}},
                              .attributes_to_get = {"v", "v"}}),
                ErrorType::kValidation,
                "One or more parameter values were invalid: Duplicate value in attribute name: v");
}

// Why: ReturnConsumedCapacity reports DynamoDB's units: writes by 1 KB, reads by 4 KB.
TEST_CASE("PutItem: ConsumedCapacity", "[ops][put_item][capacity]") {
  ItemsFixture f;
  auto put = f.t->PutItem({.table_name = "Items",
                           .item = {{"pk", "b"}, {"sk", 1}, {"v", std::string(1500, 'x')}},
                           .return_consumed_capacity = ReturnConsumedCapacity::kTotal});
  REQUIRE_OK(put);
  REQUIRE(put->consumed_capacity.has_value());
  CHECK(put->consumed_capacity->table_name == "Items");
  CHECK(put->consumed_capacity->capacity_units == 2.0);
  auto get = f.t->GetItem({.table_name = "Items",
                           .key = {{"pk", "b"}, {"sk", 1}},
                           .return_consumed_capacity = ReturnConsumedCapacity::kIndexes});
  REQUIRE_OK(get);
  REQUIRE(get->consumed_capacity.has_value());
  CHECK(get->consumed_capacity->capacity_units == 0.5);
  REQUIRE(get->consumed_capacity->table.has_value());
  CHECK(get->consumed_capacity->table->capacity_units == 0.5);
  auto plain = f.t->GetItem({.table_name = "Items", .key = {{"pk", "b"}, {"sk", 1}}});
  REQUIRE_OK(plain);
  CHECK_FALSE(plain->consumed_capacity.has_value());
}

}  // namespace
}  // namespace dynarock
