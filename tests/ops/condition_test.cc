// ConditionExpression on PutItem, DeleteItem and UpdateItem through the typed API: the check
// runs against the current item, a failure changes nothing, ALL_OLD rides on the status, and
// the placeholder rules of reference 3.7 apply across the request.
#include <catch2/catch.hpp>
#include <string>

#include "absl/strings/cord.h"
#include "dynarock/database.h"
#include "lib/codec/item_codec.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace dynarock {
namespace {

using testing::HashTable;
using testing::TestDb;

constexpr std::string_view kFailed = "The conditional request failed";

struct Fixture {
  TestDb t;
  Table table = t->GetTable("Tbl");
  Fixture() {
    REQUIRE_OK(t->CreateTable(HashTable("Tbl")));
    REQUIRE_OK(table.Put({{"pk", "a"}, {"v", 1}}));
  }
  Item Get(const char* pk) {
    auto got = table.Get({{"pk", pk}});
    REQUIRE_OK(got);
    return got->value_or(Item{});
  }
};

// Why: the condition guards the write; a false condition leaves the item as it was.
TEST_CASE("Conditions: PutItem succeeds or fails with data unchanged", "[ops][conditions]") {
  Fixture f;
  REQUIRE_ERROR(f.table.PutItem({.item = {{"pk", "a"}, {"v", 2}},
                                 .condition_expression = "attribute_not_exists(pk)"}),
                ErrorType::kConditionalCheckFailed, kFailed);
  CHECK(f.Get("a") == Item{{"pk", "a"}, {"v", 1}});
  REQUIRE_OK(f.table.PutItem({.item = {{"pk", "a"}, {"v", 2}},
                              .condition_expression = "v = :one",
                              .expression_attribute_values = {{":one", 1}}}));
  CHECK(f.Get("a") == Item{{"pk", "a"}, {"v", 2}});
  // An absent item has every attribute missing.
  REQUIRE_OK(f.table.PutItem(
      {.item = {{"pk", "b"}}, .condition_expression = "attribute_not_exists(pk)"}));
  CHECK(f.Get("b") == Item{{"pk", "b"}});
}

// Why: DeleteItem with a failing condition must keep the item; with a true one delete it.
TEST_CASE("Conditions: DeleteItem succeeds or fails with data unchanged", "[ops][conditions]") {
  Fixture f;
  REQUIRE_ERROR(f.table.DeleteItem({.key = {{"pk", "a"}},
                                    .condition_expression = "v > :n",
                                    .expression_attribute_values = {{":n", 5}}}),
                ErrorType::kConditionalCheckFailed, kFailed);
  CHECK(f.Get("a") == Item{{"pk", "a"}, {"v", 1}});
  auto deleted = f.table.DeleteItem({.key = {{"pk", "a"}},
                                     .condition_expression = "v < :n",
                                     .expression_attribute_values = {{":n", 5}},
                                     .return_values = ReturnValues::kAllOld});
  REQUIRE_OK(deleted);
  CHECK(deleted->attributes == Item{{"pk", "a"}, {"v", 1}});
  CHECK(f.Get("a").empty());
  // A condition on a missing item that requires it to exist fails.
  REQUIRE_ERROR(f.table.DeleteItem({.key = {{"pk", "a"}},
                                    .condition_expression = "attribute_exists(pk)"}),
                ErrorType::kConditionalCheckFailed, kFailed);
}

// Why: ReturnValuesOnConditionCheckFailure=ALL_OLD returns the old item on the error (payload
// read by the JSON layer), and nothing when no item exists.
TEST_CASE("Conditions: ALL_OLD on condition failure rides on the status", "[ops][conditions]") {
  Fixture f;
  auto put = f.table.PutItem(
      {.item = {{"pk", "a"}, {"v", 9}},
       .condition_expression = "attribute_not_exists(pk)",
       .return_values_on_condition_check_failure = ReturnValuesOnConditionCheckFailure::kAllOld});
  REQUIRE_ERROR(put, ErrorType::kConditionalCheckFailed, kFailed);
  auto payload = put.status().GetPayload(kPayloadConditionItem);
  REQUIRE(payload.has_value());
  auto old = codec::DecodeItem(std::string(*payload));
  REQUIRE_OK(old);
  CHECK(*old == Item{{"pk", "a"}, {"v", 1}});

  auto update = f.table.UpdateItem(
      {.key = {{"pk", "zz"}},
       .condition_expression = "attribute_exists(pk)",
       .expression_attribute_values = {{":v", 1}},
       .return_values_on_condition_check_failure = ReturnValuesOnConditionCheckFailure::kAllOld,
       .update_expression = "SET v = :v"});
  REQUIRE_ERROR(update, ErrorType::kConditionalCheckFailed, kFailed);
  CHECK_FALSE(update.status().GetPayload(kPayloadConditionItem).has_value());
  CHECK(f.Get("zz").empty());

  // Without the flag no item is attached.
  auto del = f.table.DeleteItem({.key = {{"pk", "a"}}, .condition_expression = "v = :n",
                                 .expression_attribute_values = {{":n", 2}}});
  REQUIRE_ERROR(del, ErrorType::kConditionalCheckFailed, kFailed);
  CHECK_FALSE(del.status().GetPayload(kPayloadConditionItem).has_value());
}

// Why: placeholders are checked across the request: unused names before unused values,
// undefined ones by the expression, and maps without any expression (reference 3.7).
TEST_CASE("Conditions: placeholder rules", "[ops][conditions][placeholders]") {
  Fixture f;
  REQUIRE_ERROR(f.table.PutItem({.item = {{"pk", "a"}}, .expression_attribute_names = {{"#a", "x"}}}),
                ErrorType::kValidation,
                "1 validation error detected: ExpressionAttributeNames can only be specified when "
                "using expressions");
  REQUIRE_ERROR(
      f.table.DeleteItem({.key = {{"pk", "a"}}, .expression_attribute_values = {{":a", 1}}}),
      ErrorType::kValidation,
      "1 validation error detected: ExpressionAttributeValues can only be specified when using "
      "expressions: ConditionExpression is null");
  REQUIRE_ERROR(f.table.UpdateItem({.key = {{"pk", "a"}},
                                    .expression_attribute_values = {{":a", 1}}}),
                ErrorType::kValidation,
                "1 validation error detected: ExpressionAttributeValues can only be specified when "
                "using expressions: UpdateExpression and ConditionExpression are null");
  REQUIRE_ERROR(f.table.PutItem({.item = {{"pk", "a"}},
                                 .condition_expression = "v = :v",
                                 .expression_attribute_names = {{"#u", "x"}},
                                 .expression_attribute_values = {{":v", 1}, {":w", 2}}}),
                ErrorType::kValidation,
                "1 validation error detected: Value provided in ExpressionAttributeNames unused in "
                "expressions: keys: {#u}");
  REQUIRE_ERROR(f.table.PutItem({.item = {{"pk", "a"}},
                                 .condition_expression = "v = :v",
                                 .expression_attribute_values = {{":v", 1}, {":w", 2}}}),
                ErrorType::kValidation,
                "1 validation error detected: Value provided in ExpressionAttributeValues unused "
                "in expressions: keys: {:w}");
  REQUIRE_ERROR(f.table.PutItem({.item = {{"pk", "a"}}, .condition_expression = "#n = :v",
                                 .expression_attribute_values = {{":v", 1}}}),
                ErrorType::kValidation,
                "1 validation error detected: Invalid ConditionExpression: An expression attribute "
                "name used in the document path is not defined; attribute name: #n");
  // A value used only by the condition of an UpdateItem counts as used.
  REQUIRE_OK(f.table.UpdateItem({.key = {{"pk", "a"}},
                                 .condition_expression = "v = :one",
                                 .expression_attribute_names = {{"#w", "w"}},
                                 .expression_attribute_values = {{":one", 1}, {":two", 2}},
                                 .update_expression = "SET #w = :two"}));
  CHECK(f.Get("a") == Item{{"pk", "a"}, {"v", 1}, {"w", 2}});
  // Values are validated as item values are (an empty set is in the enveloped family on
  // writes; see the next case).
  REQUIRE_ERROR(f.table.PutItem({.item = {{"pk", "a"}}, .condition_expression = "v = :v",
                                 .expression_attribute_values = {{":v", StringSet{}}}}),
                ErrorType::kValidation,
                "1 validation error detected: ExpressionAttributeValues contains invalid value: "
                "One or more parameter values were invalid: An string set  may not be empty for "
                "key :v");
  CHECK(f.Get("a") == Item{{"pk", "a"}, {"v", 1}, {"w", 2}});
}

// Why: a bad set in ExpressionAttributeValues gets the "contains invalid value" wrapper on
// every operation (reference 1.2; Scan and Query once gave the bare set message), and the 2026
// envelope only on PutItem/UpdateItem/DeleteItem, where empty and duplicate sets are an
// enveloped family; reads and transactions stay bare (reference, "Important 2026 change").
TEST_CASE("Conditions: invalid sets in ExpressionAttributeValues, per operation",
          "[ops][conditions]") {
  Fixture f;
  constexpr std::string_view kWrapped =
      "ExpressionAttributeValues contains invalid value: One or more parameter values were "
      "invalid: An string set  may not be empty for key :v";
  const std::string enveloped = std::string("1 validation error detected: ") + std::string(kWrapped);
  REQUIRE_ERROR(f.table.Scan({.expression_attribute_values = {{":v", StringSet{}}},
                              .filter_expression = "v = :v"}),
                ErrorType::kValidation, kWrapped);
  REQUIRE_ERROR(f.table.Query({.expression_attribute_values = {{":p", "a"}, {":v", StringSet{}}},
                               .filter_expression = "v = :v",
                               .key_condition_expression = "pk = :p"}),
                ErrorType::kValidation, kWrapped);
  REQUIRE_ERROR(f.table.UpdateItem({.key = {{"pk", "a"}},
                                    .expression_attribute_values = {{":v", StringSet{}}},
                                    .update_expression = "SET w = :v"}),
                ErrorType::kValidation, enveloped);
  REQUIRE_ERROR(f.table.UpdateItem({.key = {{"pk", "a"}},
                                    .expression_attribute_values = {{":v", StringSet{{"x", "x"}}}},
                                    .update_expression = "ADD w :v"}),
                ErrorType::kValidation,
                "1 validation error detected: ExpressionAttributeValues contains invalid value: "
                "One or more parameter values were invalid: Input collection [x, x] contains "
                "duplicates. for key :v");
  TransactWriteItemsRequest transact;
  transact.transact_items.push_back(
      {.update = TransactUpdate{.table_name = "Tbl",
                                .key = {{"pk", "a"}},
                                .update_expression = "SET w = :v",
                                .expression_attribute_values = {{":v", StringSet{}}}}});
  REQUIRE_ERROR(f.t->TransactWriteItems(transact), ErrorType::kValidation, kWrapped);
  CHECK(f.Get("a") == Item{{"pk", "a"}, {"v", 1}});
}


// Why: Expected (+ ConditionalOperator) runs on the same evaluator as ConditionExpression, with
// the legacy messages, and cannot be mixed with expression parameters (reference 4.0).
TEST_CASE("Conditions: legacy Expected", "[ops][conditions][legacy]") {
  Fixture f;
  REQUIRE_ERROR(f.table.PutItem({.item = {{"pk", "a"}}, .expected = {{"pk", {.exists = false}}}}),
                ErrorType::kConditionalCheckFailed, kFailed);
  REQUIRE_OK(f.table.PutItem({.item = {{"pk", "a"}, {"v", 2}}, .expected = {{"v", {.value = 1}}}}));
  CHECK(f.Get("a") == Item{{"pk", "a"}, {"v", 2}});
  // OR: one true entry suffices; AND (default) needs all.
  ExpectedAttributes one_true = {
      {"v", {.comparison_operator = ComparisonOperator::kGt, .attribute_value_list = {5}}},
      {"w", {.comparison_operator = ComparisonOperator::kNull}}};
  REQUIRE_ERROR(f.table.DeleteItem({.key = {{"pk", "a"}}, .expected = one_true}),
                ErrorType::kConditionalCheckFailed, kFailed);
  REQUIRE_OK(f.table.DeleteItem({.key = {{"pk", "a"}},
                                 .conditional_operator = ConditionalOperator::kOr,
                                 .expected = one_true}));
  CHECK(f.Get("a").empty());
  REQUIRE_ERROR(f.table.PutItem({.item = {{"pk", "a"}},
                                 .expected = {{"v", {.comparison_operator = ComparisonOperator::kBetween,
                                                     .attribute_value_list = {1}}}}}),
                ErrorType::kValidation,
                "One or more parameter values were invalid: Invalid number of argument(s) for the "
                "BETWEEN ComparisonOperator");
  REQUIRE_ERROR(f.table.PutItem({.item = {{"pk", "a"}}, .expected = {{"v", {.exists = true}}}}),
                ErrorType::kValidation,
                "One or more parameter values were invalid: Value must be provided when Exists is "
                "true for Attribute: v");
  REQUIRE_ERROR(f.table.PutItem({.item = {{"pk", "a"}},
                                 .condition_expression = "attribute_exists(pk)",
                                 .expected = {{"v", {.value = 1}}}}),
                ErrorType::kValidation,
                "1 validation error detected: Can not use both expression and non-expression "
                "parameters in the same request: Non-expression parameters: {Expected} Expression "
                "parameters: {ConditionExpression}");
  CHECK(f.Get("a").empty());
}

// Why: AttributeUpdates (PUT, ADD, DELETE) is applied by the update engine, with its own
// messages; mixing with UpdateExpression is rejected.
TEST_CASE("UpdateItem: legacy AttributeUpdates", "[ops][update][legacy]") {
  Fixture f;
  auto r = f.table.UpdateItem({.key = {{"pk", "a"}},
                               .attribute_updates = {{"v", {.value = 2, .action = AttributeAction::kAdd}},
                                                     {"s", {.value = "x"}},
                                                     {"l", {.value = AttributeList{AttributeValue(1)},
                                                            .action = AttributeAction::kAdd}}},
                               .return_values = ReturnValues::kAllNew});
  REQUIRE_OK(r);
  CHECK(r->attributes == Item{{"pk", "a"}, {"v", 3}, {"s", "x"},
                              {"l", AttributeList{AttributeValue(1)}}});
  REQUIRE_OK(f.table.UpdateItem(
      {.key = {{"pk", "a"}}, .attribute_updates = {{"s", {.action = AttributeAction::kDelete}}}}));
  CHECK(f.Get("a").count("s") == 0);
  REQUIRE_ERROR(f.table.UpdateItem({.key = {{"pk", "a"}},
                                    .attribute_updates = {{"v", {.action = AttributeAction::kAdd}}}}),
                ErrorType::kValidation,
                "One or more parameter values were invalid: Only DELETE action is allowed when no "
                "attribute value is specified");
  REQUIRE_ERROR(f.table.UpdateItem({.key = {{"pk", "a"}},
                                    .attribute_updates = {{"v", {.value = StringSet{{"q"}},
                                                                 .action = AttributeAction::kAdd}}}}),
                ErrorType::kValidation, "Type mismatch for attribute to update");
  REQUIRE_ERROR(f.table.UpdateItem({.key = {{"pk", "a"}},
                                    .attribute_updates = {{"v", {.value = 1}}},
                                    .update_expression = "SET w = v"}),
                ErrorType::kValidation,
                "1 validation error detected: Can not use both expression and non-expression "
                "parameters in the same request: Non-expression parameters: {AttributeUpdates} "
                "Expression parameters: {UpdateExpression}");
  REQUIRE_ERROR(f.table.UpdateItem({.key = {{"pk", "a"}}, .attribute_updates = {{"pk", {.value = "b"}}}}),
                ErrorType::kValidation,
                "One or more parameter values were invalid: Cannot update attribute pk. This "
                "attribute is part of the key");
  CHECK(f.Get("a") == Item{{"pk", "a"}, {"v", 3}, {"l", AttributeList{AttributeValue(1)}}});
}

}  // namespace
}  // namespace dynarock
