// UpdateItem through the typed API: every ReturnValues option, upsert, key protection, nested
// UPDATED_* fragments, runtime errors leaving data unchanged, and GetItem's projection.
#include <catch2/catch.hpp>
#include <string>

#include "dynarock/database.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace dynarock {
namespace {

using testing::HashRangeTable;
using testing::HashTable;
using testing::TestDb;

struct Fixture {
  TestDb t;
  Table table = t->GetTable("Tbl");
  Fixture() {
    REQUIRE_OK(t->CreateTable(HashTable("Tbl")));
    REQUIRE_OK(table.Put({{"pk", "a"},
                          {"n", 1},
                          {"s", "x"},
                          {"m", AttributeMap{{"b", 1}, {"c", 2}}},
                          {"l", AttributeList{AttributeValue("p"), AttributeValue("q")}}}));
  }
  Item Get(const char* pk) {
    auto got = table.Get({{"pk", pk}});
    REQUIRE_OK(got);
    return got->value_or(Item{});
  }
  absl::StatusOr<UpdateItemResult> Update(std::string expression, ExpressionAttributeValues values,
                                          ReturnValues rv, const char* pk = "a") {
    return table.UpdateItem({.key = {{"pk", pk}},
                             .expression_attribute_values = std::move(values),
                             .return_values = rv,
                             .update_expression = std::move(expression)});
  }
};

// Why: the five ReturnValues options each return a different view (reference 4.0 table).
TEST_CASE("UpdateItem: each ReturnValues option", "[ops][update]") {
  Fixture f;
  const Item before = f.Get("a");
  SECTION("NONE") {
    auto r = f.Update("SET n = n + :one", {{":one", 1}}, ReturnValues::kNone);
    REQUIRE_OK(r);
    CHECK_FALSE(r->attributes.has_value());
  }
  SECTION("ALL_OLD") {
    auto r = f.Update("SET n = n + :one", {{":one", 1}}, ReturnValues::kAllOld);
    REQUIRE_OK(r);
    CHECK(r->attributes == before);
  }
  SECTION("ALL_NEW") {
    auto r = f.Update("SET n = n + :one REMOVE s", {{":one", 1}}, ReturnValues::kAllNew);
    REQUIRE_OK(r);
    Item expected = before;
    expected["n"] = 2;
    expected.erase("s");
    CHECK(r->attributes == expected);
    CHECK(f.Get("a") == expected);
  }
  SECTION("UPDATED_OLD") {
    auto r = f.Update("SET n = :v, z = :v REMOVE s", {{":v", 7}}, ReturnValues::kUpdatedOld);
    REQUIRE_OK(r);
    CHECK(r->attributes == Item{{"n", 1}, {"s", "x"}});  // z did not exist before
  }
  SECTION("UPDATED_NEW") {
    auto r = f.Update("SET n = :v, z = :v REMOVE s", {{":v", 7}}, ReturnValues::kUpdatedNew);
    REQUIRE_OK(r);
    CHECK(r->attributes == Item{{"n", 7}, {"z", 7}});  // s was removed: omitted
  }
  SECTION("UPDATED_NEW after REMOVE only returns nothing") {
    auto r = f.Update("REMOVE s", {}, ReturnValues::kUpdatedNew);
    REQUIRE_OK(r);
    CHECK_FALSE(r->attributes.has_value());
  }
}

// Why: nested paths return only the touched fragment inside its parents (reference 4.0).
TEST_CASE("UpdateItem: UPDATED_* on nested paths", "[ops][update]") {
  Fixture f;
  auto old_r = f.Update("SET m.b = :v, l[1] = :v", {{":v", 5}}, ReturnValues::kUpdatedOld);
  REQUIRE_OK(old_r);
  CHECK(old_r->attributes == Item{{"m", AttributeMap{{"b", 1}}},
                                  {"l", AttributeList{AttributeValue("q")}}});
  auto new_r = f.Update("SET m.c = :v ADD m.d :v", {{":v", 9}}, ReturnValues::kUpdatedNew);
  REQUIRE_OK(new_r);
  CHECK(new_r->attributes == Item{{"m", AttributeMap{{"c", 9}, {"d", 9}}}});
  CHECK(f.Get("a").at("m") == AttributeValue(AttributeMap{{"b", 5}, {"c", 9}, {"d", 9}}));
}

// Why: UpdateItem creates a missing item (upsert), also without an UpdateExpression (key-only
// item); REMOVE-only updates on a missing item create nothing.
TEST_CASE("UpdateItem: upsert", "[ops][update]") {
  Fixture f;
  auto r = f.Update("SET v = :v ADD c :one", {{":v", "new"}, {":one", 1}}, ReturnValues::kAllNew,
                    "b");
  REQUIRE_OK(r);
  CHECK(r->attributes == Item{{"pk", "b"}, {"v", "new"}, {"c", 1}});
  CHECK(f.Get("b") == Item{{"pk", "b"}, {"v", "new"}, {"c", 1}});

  auto key_only = f.table.UpdateItem({.key = {{"pk", "k"}}, .return_values = ReturnValues::kAllNew});
  REQUIRE_OK(key_only);
  CHECK(key_only->attributes == Item{{"pk", "k"}});
  CHECK(f.Get("k") == Item{{"pk", "k"}});

  auto remove_only = f.Update("REMOVE x", {}, ReturnValues::kAllNew, "none");
  REQUIRE_OK(remove_only);
  CHECK_FALSE(remove_only->attributes.has_value());
  CHECK(f.Get("none").empty());

  auto d = f.t->DescribeTable({.table_name = "Tbl"});
  REQUIRE_OK(d);
  CHECK(d->table.item_count == 3);
}

// Why: key attributes can never be changed by an update (reference 3.6).
TEST_CASE("UpdateItem: key attributes are rejected", "[ops][update][errors]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(HashRangeTable("Rng")));
  Table r = t->GetTable("Rng");
  REQUIRE_OK(r.Put({{"pk", "a"}, {"sk", "1"}, {"v", 1}}));
  REQUIRE_ERROR(r.UpdateItem({.key = {{"pk", "a"}, {"sk", "1"}},
                              .expression_attribute_values = {{":v", "2"}},
                              .update_expression = "SET sk = :v"}),
                ErrorType::kValidation,
                "One or more parameter values were invalid: Cannot update attribute sk. This "
                "attribute is part of the key");
  REQUIRE_ERROR(r.UpdateItem({.key = {{"pk", "a"}, {"sk", "1"}},
                              .update_expression = "REMOVE pk.x"}),
                ErrorType::kValidation,
                "Key attributes must be scalars; list random access '[]' and map lookup '.' are "
                "not allowed: Key: pk");
  REQUIRE_ERROR(r.UpdateItem({.key = {{"pk", "a"}}, .update_expression = "REMOVE v"}),
                ErrorType::kValidation, "The provided key element does not match the schema");
  auto got = r.Get({{"pk", "a"}, {"sk", "1"}});
  REQUIRE_OK(got);
  CHECK(**got == Item{{"pk", "a"}, {"sk", "1"}, {"v", 1}});
}

// Why: runtime errors of the update (wrong types, missing operands, bad paths) and expression
// errors fail the request and change nothing; expression errors are enveloped, runtime ones bare.
TEST_CASE("UpdateItem: errors leave the item unchanged", "[ops][update][errors]") {
  Fixture f;
  const Item before = f.Get("a");
  REQUIRE_ERROR(f.Update("SET n = s + :one", {{":one", 1}}, ReturnValues::kNone),
                ErrorType::kValidation,
                "An operand in the update expression has an incorrect data type");
  REQUIRE_ERROR(f.Update("SET n = nope", {}, ReturnValues::kNone), ErrorType::kValidation,
                "The provided expression refers to an attribute that does not exist in the item");
  REQUIRE_ERROR(f.Update("SET nope.x = :one", {{":one", 1}}, ReturnValues::kNone),
                ErrorType::kValidation,
                "The document path provided in the update expression is invalid for update");
  REQUIRE_ERROR(f.Update("SET n = :one SET s = :one", {{":one", 1}}, ReturnValues::kNone),
                ErrorType::kValidation,
                "1 validation error detected: Invalid UpdateExpression: The \"SET\" section can "
                "only be used once in an update expression;");
  REQUIRE_ERROR(f.Update("", {}, ReturnValues::kNone), ErrorType::kValidation,
                "1 validation error detected: Invalid UpdateExpression: The expression can not be "
                "empty;");
  CHECK(f.Get("a") == before);
}

// Why: the finished item may not exceed 400 KB (UpdateItem's own message, reference 1.6).
TEST_CASE("UpdateItem: item size limit", "[ops][update][errors]") {
  Fixture f;
  const std::string big(300 * 1024, 'x');
  REQUIRE_OK(f.Update("SET big1 = :b", {{":b", big}}, ReturnValues::kNone));
  REQUIRE_ERROR(f.Update("SET big2 = :b", {{":b", big}}, ReturnValues::kNone),
                ErrorType::kValidation, "Item size to update has exceeded the maximum allowed size");
  CHECK(f.Get("a").count("big2") == 0);
}

// Why: sets written by SET from a value come back canonical and ADD/DELETE keep sets exact; an
// emptied set disappears.
TEST_CASE("UpdateItem: set actions", "[ops][update]") {
  Fixture f;
  REQUIRE_OK(f.Update("SET ss = :s", {{":s", StringSet{{"b", "a"}}}}, ReturnValues::kNone));
  REQUIRE_OK(f.Update("ADD ss :s", {{":s", StringSet{{"c"}}}}, ReturnValues::kNone));
  CHECK(f.Get("a").at("ss") == AttributeValue(StringSet{{"a", "b", "c"}}));
  auto r = f.Update("DELETE ss :s", {{":s", StringSet{{"a", "b", "c"}}}}, ReturnValues::kAllNew);
  REQUIRE_OK(r);
  CHECK(r->attributes->count("ss") == 0);
}

// Why: GetItem's ProjectionExpression returns only the requested branches, {} when nothing
// matches, and follows the placeholder rules; it cannot be mixed with AttributesToGet.
TEST_CASE("GetItem: ProjectionExpression", "[ops][projection]") {
  Fixture f;
  auto got = f.t->GetItem({.table_name = "Tbl",
                           .key = {{"pk", "a"}},
                           .expression_attribute_names = {{"#m", "m"}},
                           .projection_expression = "#m.c, l[1], n"});
  REQUIRE_OK(got);
  CHECK(got->item == Item{{"m", AttributeMap{{"c", 2}}},
                          {"l", AttributeList{AttributeValue("q")}},
                          {"n", 1}});
  auto none = f.t->GetItem({.table_name = "Tbl", .key = {{"pk", "a"}}, .projection_expression = "zz"});
  REQUIRE_OK(none);
  CHECK(none->item == Item{});
  auto missing = f.t->GetItem({.table_name = "Tbl", .key = {{"pk", "q"}}, .projection_expression = "n"});
  REQUIRE_OK(missing);
  CHECK_FALSE(missing->item.has_value());
  REQUIRE_ERROR(f.t->GetItem({.table_name = "Tbl",
                              .key = {{"pk", "a"}},
                              .expression_attribute_names = {{"#u", "u"}},
                              .projection_expression = "n"}),
                ErrorType::kValidation,
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {#u}");
  REQUIRE_ERROR(f.t->GetItem({.table_name = "Tbl",
                              .key = {{"pk", "a"}},
                              .attributes_to_get = {"n"},
                              .projection_expression = "n"}),
                ErrorType::kValidation,
                "Can not use both expression and non-expression parameters in the same request: "
                "Non-expression parameters: {AttributesToGet} Expression parameters: "
                "{ProjectionExpression}");
  REQUIRE_ERROR(f.t->GetItem({.table_name = "Tbl", .key = {{"pk", "a"}}, .projection_expression = "n, n"}),
                ErrorType::kValidation,
                "Invalid ProjectionExpression: Two document paths overlap with each other; must "
                "remove or rewrite one of these paths; path one: [n], path two: [n]");
}

}  // namespace
}  // namespace dynarock
