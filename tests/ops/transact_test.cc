// TransactWriteItems and TransactGetItems through the typed API: all-or-nothing commits,
// every validation error (top-level ValidationException) and every cancellation reason
// dynarock produces (None, ConditionalCheckFailed with and without the item, ValidationError),
// ClientRequestToken idempotency, and reads of a transaction's items.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "dynarock/batch_ops.h"
#include "dynarock/database.h"
#include "lib/ops/transact_tokens.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace dynarock {
namespace {

using testing::HashRangeTable;
using testing::HashTable;
using testing::TestDb;

constexpr const char* kCondFailed = "The conditional request failed";

TransactWriteItem CheckOp(std::string table, Item key, std::string condition,
                          ExpressionAttributeValues values = {}) {
  return {.condition_check = TransactConditionCheck{.table_name = std::move(table),
                                                    .key = std::move(key),
                                                    .condition_expression = std::move(condition),
                                                    .expression_attribute_values =
                                                        std::move(values)}};
}
TransactWriteItem PutOp(std::string table, Item item,
                        std::optional<std::string> condition = std::nullopt) {
  return {.put = TransactPut{.table_name = std::move(table),
                             .item = std::move(item),
                             .condition_expression = std::move(condition)}};
}
TransactWriteItem DeleteOp(std::string table, Item key,
                           std::optional<std::string> condition = std::nullopt) {
  return {.del = TransactDelete{.table_name = std::move(table),
                                .key = std::move(key),
                                .condition_expression = std::move(condition)}};
}
TransactWriteItem UpdateOp(std::string table, Item key, std::string update,
                           ExpressionAttributeValues values = {},
                           std::optional<std::string> condition = std::nullopt) {
  return {.update = TransactUpdate{.table_name = std::move(table),
                                   .key = std::move(key),
                                   .update_expression = std::move(update),
                                   .condition_expression = std::move(condition),
                                   .expression_attribute_values = std::move(values)}};
}

std::optional<Item> Read(TestDb& t, const std::string& table, Item key) {
  absl::StatusOr<std::optional<Item>> got = t->GetTable(table).Get(std::move(key));
  REQUIRE_OK(got);
  return *got;
}

std::vector<std::string> Codes(const absl::Status& status) {
  std::vector<std::string> out;
  for (const CancellationReason& r : GetCancellationReasons(status)) out.push_back(r.code);
  return out;
}

struct Fixture {
  Fixture() {
    REQUIRE_OK(t->CreateTable(HashTable("Acc")));
    REQUIRE_OK(t->CreateTable(HashRangeTable("Log", ScalarType::kS, ScalarType::kN)));
    REQUIRE_OK(t->GetTable("Acc").Put({{"pk", "alice"}, {"balance", 100}}));
    REQUIRE_OK(t->GetTable("Acc").Put({{"pk", "bob"}, {"balance", 5}}));
  }
  TestDb t;
};

// Why: the point of a transaction -- writes to several items and tables land together, and a
// ConditionCheck guards without writing.
TEST_CASE("TransactWriteItems: Put, Update, Delete and ConditionCheck commit together",
          "[ops][transact]") {
  Fixture f;
  REQUIRE_OK(f.t->GetTable("Acc").Put({{"pk", "carol"}, {"balance", 1}}));
  absl::StatusOr<TransactWriteItemsResult> r = f.t->TransactWriteItems(
      {.transact_items = {
           UpdateOp("Acc", {{"pk", "alice"}}, "SET balance = balance - :a", {{":a", 30}},
                    "balance >= :a"),
           UpdateOp("Acc", {{"pk", "bob"}}, "SET balance = balance + :a", {{":a", 30}}),
           PutOp("Log", {{"pk", "alice"}, {"sk", 1}, {"amount", 30}}, "attribute_not_exists(pk)"),
           DeleteOp("Acc", {{"pk", "carol"}}),
           CheckOp("Acc", {{"pk", "dave"}}, "attribute_not_exists(pk)")},
       .return_consumed_capacity = ReturnConsumedCapacity::kTotal});
  REQUIRE_OK(r);
  CHECK(GetInt(*Read(f.t, "Acc", {{"pk", "alice"}}), "balance").value_or(-1) == 70);
  CHECK(GetInt(*Read(f.t, "Acc", {{"pk", "bob"}}), "balance").value_or(-1) == 35);
  CHECK(Read(f.t, "Log", {{"pk", "alice"}, {"sk", 1}}).has_value());
  CHECK_FALSE(Read(f.t, "Acc", {{"pk", "carol"}}).has_value());
  CHECK_FALSE(Read(f.t, "Acc", {{"pk", "dave"}}).has_value());
  // Transactions cost twice the write units of each action, reported per table.
  REQUIRE(r->consumed_capacity.size() == 2);
  CHECK(r->consumed_capacity[0].table_name == "Acc");
  CHECK(r->consumed_capacity[0].capacity_units == 8);
  CHECK(r->consumed_capacity[0].write_capacity_units == 8);
  CHECK(r->consumed_capacity[1].table_name == "Log");
  CHECK(r->consumed_capacity[1].capacity_units == 2);
  absl::StatusOr<DescribeTableResult> d = f.t->DescribeTable({.table_name = "Acc"});
  REQUIRE_OK(d);
  CHECK(d->table.item_count == 2);
}

// Why: a failed condition cancels everything, with one reason per action in order and
// DynamoDB's message listing the codes.
TEST_CASE("TransactWriteItems: a failed condition cancels the whole transaction",
          "[ops][transact]") {
  Fixture f;
  absl::StatusOr<TransactWriteItemsResult> r = f.t->TransactWriteItems(
      {.transact_items = {
           UpdateOp("Acc", {{"pk", "alice"}}, "SET balance = balance + :a", {{":a", 50}}),
           UpdateOp("Acc", {{"pk", "bob"}}, "SET balance = balance - :a", {{":a", 50}},
                    "balance >= :a")}});
  REQUIRE_ERROR(r, ErrorType::kTransactionCanceled,
                "Transaction cancelled, please refer cancellation reasons for specific reasons "
                "[None, ConditionalCheckFailed]");
  std::vector<CancellationReason> reasons = GetCancellationReasons(r.status());
  REQUIRE(reasons.size() == 2);
  CHECK(reasons[0].code == "None");
  CHECK_FALSE(reasons[0].message.has_value());
  CHECK(reasons[1].code == "ConditionalCheckFailed");
  CHECK(reasons[1].message == std::optional<std::string>(kCondFailed));
  CHECK_FALSE(reasons[1].item.has_value());  // not asked for
  CHECK(GetInt(*Read(f.t, "Acc", {{"pk", "alice"}}), "balance").value_or(-1) == 100);
  CHECK(GetInt(*Read(f.t, "Acc", {{"pk", "bob"}}), "balance").value_or(-1) == 5);
}

// Why: every failed condition is reported (no short-circuit), and ALL_OLD puts the item in the
// reason only when the item exists.
TEST_CASE("TransactWriteItems: all failed conditions, with the item when asked",
          "[ops][transact]") {
  Fixture f;
  TransactWriteItem check_alice = CheckOp("Acc", {{"pk", "alice"}}, "balance < :z", {{":z", 0}});
  check_alice.condition_check->return_values_on_condition_check_failure =
      ReturnValuesOnConditionCheckFailure::kAllOld;
  TransactWriteItem put_erin = PutOp("Acc", {{"pk", "erin"}}, "attribute_exists(pk)");
  put_erin.put->return_values_on_condition_check_failure =
      ReturnValuesOnConditionCheckFailure::kAllOld;
  absl::StatusOr<TransactWriteItemsResult> r = f.t->TransactWriteItems(
      {.transact_items = {check_alice, PutOp("Acc", {{"pk", "frank"}}), put_erin,
                          DeleteOp("Acc", {{"pk", "bob"}}, "balance > :big")}});
  // The Delete's condition names an undefined placeholder: that is a top-level error.
  REQUIRE_ERROR(r, ErrorType::kValidation,
                "Invalid ConditionExpression: An expression attribute value used in expression "
                "is not defined; attribute value: :big");
  TransactWriteItem delete_bob = DeleteOp("Acc", {{"pk", "bob"}}, "balance > :big");
  delete_bob.del->expression_attribute_values = {{":big", 1000}};
  r = f.t->TransactWriteItems(
      {.transact_items = {check_alice, PutOp("Acc", {{"pk", "frank"}}), put_erin, delete_bob}});
  REQUIRE_ERROR(r, ErrorType::kTransactionCanceled,
                "Transaction cancelled, please refer cancellation reasons for specific reasons "
                "[ConditionalCheckFailed, None, ConditionalCheckFailed, ConditionalCheckFailed]");
  std::vector<CancellationReason> reasons = GetCancellationReasons(r.status());
  REQUIRE(reasons.size() == 4);
  REQUIRE(reasons[0].item.has_value());
  CHECK(*reasons[0].item == Item{{"pk", "alice"}, {"balance", 100}});
  CHECK_FALSE(reasons[2].item.has_value());  // erin does not exist
  CHECK_FALSE(reasons[3].item.has_value());  // ALL_OLD not asked
  CHECK_FALSE(Read(f.t, "Acc", {{"pk", "frank"}}).has_value());
}

// Why: a key that does not match its table's schema, or an update that fails at run time, is a
// ValidationError reason; actions after it report None even when their conditions fail, while
// earlier failures are still reported.
TEST_CASE("TransactWriteItems: ValidationError reasons", "[ops][transact]") {
  Fixture f;
  REQUIRE_OK(f.t->GetTable("Acc").Put({{"pk", "text"}, {"balance", "not a number"}}));
  SECTION("a mistyped key") {
    absl::StatusOr<TransactWriteItemsResult> r = f.t->TransactWriteItems(
        {.transact_items = {CheckOp("Acc", {{"pk", "alice"}}, "balance < :z", {{":z", 0}}),
                            DeleteOp("Acc", {{"pk", 7}}),
                            CheckOp("Acc", {{"pk", "bob"}}, "balance < :z", {{":z", 0}})}});
    REQUIRE_ERROR(r, ErrorType::kTransactionCanceled,
                  "Transaction cancelled, please refer cancellation reasons for specific reasons "
                  "[ConditionalCheckFailed, ValidationError, None]");
    std::vector<CancellationReason> reasons = GetCancellationReasons(r.status());
    REQUIRE(reasons.size() == 3);
    CHECK(reasons[1].message ==
          std::optional<std::string>("The provided key element does not match the schema"));
  }
  SECTION("a Put whose key attribute has the wrong type") {
    absl::StatusOr<TransactWriteItemsResult> r =
        f.t->TransactWriteItems({.transact_items = {PutOp("Acc", {{"pk", 1}})}});
    REQUIRE_ERROR(r, ErrorType::kTransactionCanceled,
                  "Transaction cancelled, please refer cancellation reasons for specific reasons "
                  "[ValidationError]");
    std::vector<CancellationReason> reasons = GetCancellationReasons(r.status());
    REQUIRE(reasons.size() == 1);
    CHECK(reasons[0].message == std::optional<std::string>(
                                    "One or more parameter values were invalid: Type mismatch "
                                    "for key pk expected: S actual: N"));
  }
  SECTION("an update with an operand of the wrong type") {
    absl::StatusOr<TransactWriteItemsResult> r = f.t->TransactWriteItems(
        {.transact_items = {
             UpdateOp("Acc", {{"pk", "alice"}}, "SET balance = balance + :a", {{":a", 1}}),
             UpdateOp("Acc", {{"pk", "text"}}, "SET balance = balance + :a", {{":a", 1}})}});
    REQUIRE_ERROR(r, ErrorType::kTransactionCanceled,
                  "Transaction cancelled, please refer cancellation reasons for specific reasons "
                  "[None, ValidationError]");
    std::vector<CancellationReason> reasons = GetCancellationReasons(r.status());
    REQUIRE(reasons.size() == 2);
    CHECK(reasons[1].message == std::optional<std::string>(
                                    "An operand in the update expression has an incorrect data "
                                    "type"));
  }
  SECTION("an update that makes the item too large") {
    absl::StatusOr<TransactWriteItemsResult> r = f.t->TransactWriteItems(
        {.transact_items = {UpdateOp("Acc", {{"pk", "alice"}}, "SET filler = :p",
                                     {{":p", std::string(400 * 1024, 'x')}})}});
    REQUIRE_ERROR(r, ErrorType::kTransactionCanceled,
                  "Transaction cancelled, please refer cancellation reasons for specific reasons "
                  "[ValidationError]");
    std::vector<CancellationReason> reasons = GetCancellationReasons(r.status());
    REQUIRE(reasons.size() == 1);
    CHECK(reasons[0].message ==
          std::optional<std::string>("Item size to update has exceeded the maximum allowed size"));
  }
  CHECK(GetInt(*Read(f.t, "Acc", {{"pk", "alice"}}), "balance").value_or(-1) == 100);
}

// Why: request-level problems are top-level ValidationExceptions (or ResourceNotFound), with
// DynamoDB's texts, and write nothing.
TEST_CASE("TransactWriteItems: request validation errors", "[ops][transact]") {
  Fixture f;
  auto run = [&](std::vector<TransactWriteItem> items) {
    return f.t->TransactWriteItems({.transact_items = std::move(items)});
  };
  SECTION("no actions") {
    REQUIRE_ERROR(run({}), ErrorType::kValidation,
                  "1 validation error detected: Value '[]' at 'transactItems' failed to satisfy "
                  "constraint: Member must have length greater than or equal to 1");
  }
  SECTION("101 actions") {
    std::vector<TransactWriteItem> items;
    for (int i = 0; i < 101; ++i) items.push_back(PutOp("Acc", {{"pk", "p" + std::to_string(i)}}));
    REQUIRE_ERROR(run(items), ErrorType::kValidation,
                  "1 validation error detected: Value '[...]' at 'transactItems' failed to "
                  "satisfy constraint: Member must have length less than or equal to 100");
  }
  SECTION("100 actions are allowed") {
    std::vector<TransactWriteItem> items;
    for (int i = 0; i < 100; ++i) items.push_back(PutOp("Acc", {{"pk", "p" + std::to_string(i)}}));
    REQUIRE_OK(run(items));
    CHECK(Read(f.t, "Acc", {{"pk", "p99"}}).has_value());
    return;
  }
  SECTION("two actions on one item") {
    REQUIRE_ERROR(run({PutOp("Acc", {{"pk", "alice"}}), CheckOp("Acc", {{"pk", "alice"}},
                                                                "attribute_exists(pk)")}),
                  ErrorType::kValidation,
                  "Transaction request cannot include multiple operations on one item");
  }
  SECTION("an action with no operation or with two") {
    const char* kText = "TransactItems can only contain one of Check, Put, Update or Delete";
    REQUIRE_ERROR(run({TransactWriteItem{}}), ErrorType::kValidation, kText);
    TransactWriteItem two = PutOp("Acc", {{"pk", "x"}});
    two.del = TransactDelete{.table_name = "Acc", .key = {{"pk", "y"}}};
    REQUIRE_ERROR(run({two}), ErrorType::kValidation, kText);
  }
  SECTION("an unknown table") {
    REQUIRE_ERROR(run({PutOp("Acc", {{"pk", "x"}}), PutOp("Nope", {{"pk", "x"}})}),
                  ErrorType::kResourceNotFound, "Requested resource not found");
  }
  SECTION("a condition with a syntax error") {
    REQUIRE_ERROR(run({PutOp("Acc", {{"pk", "x"}}, "balance >")}), ErrorType::kValidation,
                  "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \">\"");
  }
  SECTION("a ConditionCheck without a condition") {
    REQUIRE_ERROR(run({CheckOp("Acc", {{"pk", "x"}}, "")}), ErrorType::kValidation,
                  "Invalid ConditionExpression: The expression can not be empty;");
  }
  SECTION("an update of a key attribute") {
    REQUIRE_ERROR(
        run({UpdateOp("Acc", {{"pk", "alice"}}, "SET pk = :v", {{":v", "z"}})}),
        ErrorType::kValidation,
        "One or more parameter values were invalid: Cannot update attribute pk. This attribute "
        "is part of the key");
  }
  SECTION("a Put over 400 KB") {
    REQUIRE_ERROR(run({PutOp("Acc", {{"pk", "x"}, {"v", std::string(400 * 1024, 'v')}})}),
                  ErrorType::kValidation, "Item size has exceeded the maximum allowed size");
  }
  SECTION("an empty key value") {
    REQUIRE_ERROR(run({DeleteOp("Acc", {{"pk", ""}})}), ErrorType::kValidation,
                  "One or more parameter values are not valid. The AttributeValue for a key "
                  "attribute cannot contain an empty string value. Key: pk");
  }
  SECTION("a ClientRequestToken over 36 characters") {
    absl::StatusOr<TransactWriteItemsResult> r = f.t->TransactWriteItems(
        {.transact_items = {PutOp("Acc", {{"pk", "x"}})},
         .client_request_token = std::string(37, 't')});
    REQUIRE_ERROR(r, ErrorType::kValidation,
                  "1 validation error detected: Value '" + std::string(37, 't') +
                      "' at 'clientRequestToken' failed to satisfy constraint: Member must have "
                      "length less than or equal to 36");
  }
  CHECK_FALSE(Read(f.t, "Acc", {{"pk", "x"}}).has_value());
  CHECK(GetInt(*Read(f.t, "Acc", {{"pk", "alice"}}), "balance").value_or(-1) == 100);
}

// Why: ClientRequestToken makes a retried transaction run at most once; the same token on a
// different request is an error, and a cancelled request does not consume its token.
TEST_CASE("TransactWriteItems: ClientRequestToken idempotency", "[ops][transact]") {
  Fixture f;
  TransactWriteItemsRequest add{
      .transact_items = {UpdateOp("Acc", {{"pk", "alice"}}, "SET balance = balance + :a",
                                  {{":a", 1}})},
      .client_request_token = "token-1"};
  REQUIRE_OK(f.t->TransactWriteItems(add));
  REQUIRE_OK(f.t->TransactWriteItems(add));  // a replay: not run again
  CHECK(GetInt(*Read(f.t, "Acc", {{"pk", "alice"}}), "balance").value_or(-1) == 101);
  // A replay reports the read units of reading the item (twice a strongly consistent 4 KB
  // read), per its own ReturnConsumedCapacity, not the first call's write units. A 2 KB item
  // tells them apart: the first call writes 2 x 2 units, the replay reads 2 x 1.
  TransactWriteItemsRequest big{
      .transact_items = {PutOp("Acc", {{"pk", "carol"}, {"pad", std::string(2000, 'p')}})},
      .client_request_token = "token-big",
      .return_consumed_capacity = ReturnConsumedCapacity::kTotal};
  auto first = f.t->TransactWriteItems(big);
  REQUIRE_OK(first);
  REQUIRE(first->consumed_capacity.size() == 1);
  CHECK(first->consumed_capacity[0].write_capacity_units == 4);
  auto replayed = f.t->TransactWriteItems(big);
  REQUIRE_OK(replayed);
  REQUIRE(replayed->consumed_capacity.size() == 1);
  CHECK(replayed->consumed_capacity[0].table_name == "Acc");
  CHECK(replayed->consumed_capacity[0].capacity_units == 2);
  CHECK(replayed->consumed_capacity[0].read_capacity_units == 2);
  CHECK(replayed->consumed_capacity[0].write_capacity_units == 0);
  big.return_consumed_capacity.reset();  // not part of the token's fingerprint
  replayed = f.t->TransactWriteItems(big);
  REQUIRE_OK(replayed);
  CHECK(replayed->consumed_capacity.empty());

  TransactWriteItemsRequest other = add;
  other.transact_items[0].update->expression_attribute_values = {{":a", 2}};
  REQUIRE_ERROR(f.t->TransactWriteItems(other), ErrorType::kIdempotentParameterMismatch,
                "The request uses the same client token as a previous, but non-identical "
                "request.");

  TransactWriteItemsRequest guarded{
      .transact_items = {UpdateOp("Acc", {{"pk", "bob"}}, "SET balance = balance - :a",
                                  {{":a", 10}}, "balance >= :a")},
      .client_request_token = "token-2"};
  REQUIRE_ERROR(f.t->TransactWriteItems(guarded), ErrorType::kTransactionCanceled,
                "Transaction cancelled, please refer cancellation reasons for specific reasons "
                "[ConditionalCheckFailed]");
  REQUIRE_OK(f.t->GetTable("Acc").Put({{"pk", "bob"}, {"balance", 50}}));
  REQUIRE_OK(f.t->TransactWriteItems(guarded));  // the failed call left the token free
  CHECK(GetInt(*Read(f.t, "Acc", {{"pk", "bob"}}), "balance").value_or(-1) == 40);
}

// Why: the token store's rules in isolation -- in progress, mismatch, and the 10-minute
// lifetime after completion (a fake clock).
TEST_CASE("TransactionTokens: in progress, mismatch and expiry", "[ops][transact]") {
  absl::Time now = absl::FromUnixSeconds(1000);
  ops::TransactionTokens tokens(absl::Minutes(10), [&] { return now; });
  TransactWriteItemsResult replay;
  absl::StatusOr<ops::TransactionTokens::Claim> c = tokens.Begin("t", "fp", &replay);
  REQUIRE_OK(c);
  CHECK(*c == ops::TransactionTokens::Claim::kRun);
  REQUIRE_ERROR(tokens.Begin("t", "fp", &replay), ErrorType::kTransactionInProgress,
                "Transaction from previous request is still in progress");
  tokens.Finish("t", true, {.consumed_capacity = {{.table_name = "x", .capacity_units = 2}}});
  now += absl::Minutes(9);
  c = tokens.Begin("t", "fp", &replay);
  REQUIRE_OK(c);
  CHECK(*c == ops::TransactionTokens::Claim::kReplay);
  REQUIRE(replay.consumed_capacity.size() == 1);
  CHECK(replay.consumed_capacity[0].table_name == "x");
  REQUIRE_ERROR(tokens.Begin("t", "other", &replay), ErrorType::kIdempotentParameterMismatch,
                "The request uses the same client token as a previous, but non-identical "
                "request.");
  now += absl::Minutes(2);  // 11 minutes after completion: the token is free again
  c = tokens.Begin("t", "other", &replay);
  REQUIRE_OK(c);
  CHECK(*c == ops::TransactionTokens::Claim::kRun);
}

// Why: the fingerprint must not depend on how the request was spelled, only on what it means.
TEST_CASE("TransactFingerprint: equal requests, equal fingerprints", "[ops][transact]") {
  TransactWriteItemsRequest a{.transact_items = {UpdateOp("T", {{"pk", "a"}}, "SET v = :v",
                                                          {{":v", 1}, {":w", 2}})}};
  TransactWriteItemsRequest b = a;
  b.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  CHECK(ops::TransactFingerprint(a) == ops::TransactFingerprint(b));
  b.transact_items[0].update->update_expression = "SET v = :w";
  CHECK(ops::TransactFingerprint(a) != ops::TransactFingerprint(b));
  TransactWriteItemsRequest c{.transact_items = {PutOp("T", {{"pk", "a"}})}};
  TransactWriteItemsRequest d{.transact_items = {DeleteOp("T", {{"pk", "a"}})}};
  CHECK(ops::TransactFingerprint(c) != ops::TransactFingerprint(d));
}

// Why: TransactGetItems answers one entry per Get in request order, {} for missing items and
// for projections that match nothing.
TEST_CASE("TransactGetItems: items in request order", "[ops][transact]") {
  Fixture f;
  REQUIRE_OK(f.t->GetTable("Log").Put({{"pk", "alice"}, {"sk", 1}, {"amount", 3}}));
  absl::StatusOr<TransactGetItemsResult> r = f.t->TransactGetItems(
      {.transact_items = {{.table_name = "Acc", .key = {{"pk", "bob"}}},
                          {.table_name = "Acc", .key = {{"pk", "nobody"}}},
                          {.table_name = "Log",
                           .key = {{"pk", "alice"}, {"sk", 1}},
                           .expression_attribute_names = {{"#a", "amount"}},
                           .projection_expression = "#a"},
                          {.table_name = "Acc",
                           .key = {{"pk", "alice"}},
                           .projection_expression = "absentattr"}},
       .return_consumed_capacity = ReturnConsumedCapacity::kTotal});
  REQUIRE_OK(r);
  REQUIRE(r->responses.size() == 4);
  CHECK(r->responses[0] == std::optional<Item>(Item{{"pk", "bob"}, {"balance", 5}}));
  CHECK_FALSE(r->responses[1].has_value());
  CHECK(r->responses[2] == std::optional<Item>(Item{{"amount", 3}}));
  CHECK_FALSE(r->responses[3].has_value());
  REQUIRE(r->consumed_capacity.size() == 2);
  CHECK(r->consumed_capacity[0].capacity_units == 6);  // 3 reads x 2
  CHECK(r->consumed_capacity[0].read_capacity_units == 6);
}

// Why: TransactGetItems' own errors: counts, duplicates, unknown tables, projection errors at
// top level, and a schema mismatch as a ValidationError cancellation.
TEST_CASE("TransactGetItems: validation errors and cancellation", "[ops][transact]") {
  Fixture f;
  auto run = [&](std::vector<TransactGet> gets) {
    return f.t->TransactGetItems({.transact_items = std::move(gets)});
  };
  REQUIRE_ERROR(run({}), ErrorType::kValidation,
                "1 validation error detected: Value '[]' at 'transactItems' failed to satisfy "
                "constraint: Member must have length greater than or equal to 1");
  std::vector<TransactGet> many;
  for (int i = 0; i < 101; ++i) many.push_back({.table_name = "Acc", .key = {{"pk", std::to_string(i)}}});
  REQUIRE_ERROR(run(many), ErrorType::kValidation,
                "1 validation error detected: Value '[...]' at 'transactItems' failed to satisfy "
                "constraint: Member must have length less than or equal to 100");
  many.pop_back();
  REQUIRE_OK(run(many));
  REQUIRE_ERROR(run({{.table_name = "Acc", .key = {{"pk", "a"}}},
                     {.table_name = "Acc", .key = {{"pk", "a"}}}}),
                ErrorType::kValidation,
                "Transaction request cannot include multiple operations on one item");
  REQUIRE_ERROR(run({{.table_name = "Nope", .key = {{"pk", "a"}}}}),
                ErrorType::kResourceNotFound, "Requested resource not found");
  REQUIRE_ERROR(run({{.table_name = "Acc", .key = {{"pk", "a"}}, .projection_expression = "a,"}}),
                ErrorType::kValidation,
                "Invalid ProjectionExpression: Syntax error; token: \"<EOF>\", near: \",\"");
  absl::StatusOr<TransactGetItemsResult> r =
      run({{.table_name = "Acc", .key = {{"pk", "a"}}}, {.table_name = "Acc", .key = {{"pk", 3}}}});
  REQUIRE_ERROR(r, ErrorType::kTransactionCanceled,
                "Transaction cancelled, please refer cancellation reasons for specific reasons "
                "[None, ValidationError]");
  CHECK(Codes(r.status()) == std::vector<std::string>{"None", "ValidationError"});
}

// Why: GetCancellationReasons reads only TransactionCanceledException statuses.
TEST_CASE("GetCancellationReasons: empty for other errors", "[ops][transact]") {
  CHECK(GetCancellationReasons(absl::OkStatus()).empty());
  CHECK(GetCancellationReasons(MakeError(ErrorType::kValidation, "x")).empty());
  CHECK(GetCancellationReasons(MakeError(ErrorType::kTransactionCanceled, "x")).empty());
}

}  // namespace
}  // namespace dynarock
