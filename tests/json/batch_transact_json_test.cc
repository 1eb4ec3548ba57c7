// BatchWriteItem, BatchGetItem, TransactWriteItems and TransactGetItems through
// HandleJsonRequest: DynamoDB's response shapes (UnprocessedItems always present, per-table
// ConsumedCapacity lists, Responses in order) and the TransactionCanceledException body with
// CancellationReasons.
#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "dynarock/database.h"
#include "dynarock/json_api.h"

#include "lib/api/json/request_reader.h"
#include "tests/testing/json_db.h"
#include "tests/testing/status_matchers.h"

namespace dynarock::json {
namespace {

using testing::ParseText;

// An in-memory database with table Tbl (pk S).
class TblDb : public testing::JsonDb {
 public:
  TblDb() {
    Ok("CreateTable", R"({"TableName": "Tbl",
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "BillingMode": "PAY_PER_REQUEST"})");
  }
};

// Why: clients loop on UnprocessedItems, so it must be present ({}) even when empty, and the
// capacity is a list with one object per table.
TEST_CASE("BatchWriteItem JSON: response shape", "[json][batch]") {
  TblDb db;
  Json r = db.Ok("BatchWriteItem", R"({"RequestItems": {"Tbl": [
      {"PutRequest": {"Item": {"pk": {"S": "a"}, "v": {"N": "1"}}}},
      {"PutRequest": {"Item": {"pk": {"S": "b"}}}},
      {"DeleteRequest": {"Key": {"pk": {"S": "c"}}}}]},
      "ReturnConsumedCapacity": "TOTAL"})");
  CHECK(r == ParseText(R"({"UnprocessedItems": {},
      "ConsumedCapacity": [{"TableName": "Tbl", "CapacityUnits": 3.0}]})"));
  CHECK(db.Ok("BatchWriteItem", R"({"RequestItems": {"Tbl": [
      {"DeleteRequest": {"Key": {"pk": {"S": "b"}}}}]}})") ==
        ParseText(R"({"UnprocessedItems": {}})"));
}

// Why: Responses per table (every requested table, [] when nothing matched) and
// UnprocessedKeys {} when everything was read.
TEST_CASE("BatchGetItem JSON: response shape", "[json][batch]") {
  TblDb db;
  db.Ok("PutItem", R"({"TableName": "Tbl", "Item": {"pk": {"S": "a"}, "v": {"N": "1"}, "w": {"S": "x"}}})");
  Json r = db.Ok("BatchGetItem", R"({"RequestItems": {"Tbl": {
      "Keys": [{"pk": {"S": "a"}}, {"pk": {"S": "zz"}}],
      "ProjectionExpression": "#v", "ExpressionAttributeNames": {"#v": "v"}}}})");
  CHECK(r == ParseText(R"({"Responses": {"Tbl": [{"v": {"N": "1"}}]}, "UnprocessedKeys": {}})"));
  r = db.Ok("BatchGetItem", R"({"RequestItems": {"Tbl": {"Keys": [{"pk": {"S": "zz"}}]}}})");
  CHECK(r == ParseText(R"({"Responses": {"Tbl": []}, "UnprocessedKeys": {}})"));
}

// Why: request shape errors come from the JSON layer in DynamoDB's order of phases.
TEST_CASE("Batch and transaction JSON: missing members", "[json][batch][transact]") {
  TblDb db;
  auto validation = [&](std::string_view op, std::string_view body, std::string message) {
    Json expected = {{"__type", "com.amazon.coral.validate#ValidationException"},
                     {"message", message}};
    CHECK(db.Error(op, body, 400) == expected);
  };
  validation("BatchWriteItem", "{}",
             "1 validation error detected: Value null at 'requestItems' failed to satisfy "
             "constraint: Member must not be null");
  validation("BatchWriteItem", R"({"RequestItems": {}})",
             "The requestItems parameter is required for BatchWriteItem");
  validation("BatchGetItem", R"({"RequestItems": {}})",
             "The requestItems parameter is required for BatchGetItem");
  // The path names the table, as the empty-Keys message does.
  validation("BatchGetItem", R"({"RequestItems": {"Tbl": {"ConsistentRead": true}}})",
             "1 validation error detected: Value null at 'requestItems.Tbl.member.keys' failed "
             "to satisfy constraint: Member must not be null");
  validation("BatchGetItem",
             R"({"RequestItems": {"Tbl": {"Keys": [{"pk": {"S": "a"}}], "AttributesToGet": []}}})",
             "1 validation error detected: Value '[]' at 'requestItems.Tbl.member.attributesToGet' "
             "failed to satisfy constraint: Member must have length greater than or equal to 1");
  validation("TransactWriteItems", "{}",
             "1 validation error detected: Value null at 'transactItems' failed to satisfy "
             "constraint: Member must not be null");
  validation("TransactWriteItems", R"({"TransactItems": [{"Put": {"TableName": "Tbl"}}]})",
             "1 validation error detected: Value null at 'transactItems.1.member.put.item' "
             "failed to satisfy constraint: Member must not be null");
  validation("TransactGetItems", R"({"TransactItems": []})",
             "1 validation error detected: Value '[]' at 'transactItems' failed to satisfy "
             "constraint: Member must have length greater than or equal to 1");
  Json serialization = db.Error("TransactWriteItems", R"({"TransactItems": {}})", 400);
  CHECK(serialization["__type"] == "com.amazon.coral.service#SerializationException");
}

// Why: the exact TransactionCanceledException body clients parse: "Message" (capital M),
// CancellationReasons in action order, "Item" on the reason that asked for it.
TEST_CASE("TransactWriteItems JSON: success and the cancellation body", "[json][transact]") {
  TblDb db;
  CHECK(db.Ok("TransactWriteItems", R"({"TransactItems": [
      {"Put": {"TableName": "Tbl", "Item": {"pk": {"S": "a"}, "n": {"N": "5"}}}},
      {"Update": {"TableName": "Tbl", "Key": {"pk": {"S": "b"}}, "UpdateExpression": "SET n = :z",
                  "ExpressionAttributeValues": {":z": {"N": "0"}}}}]})") == Json::object());
  Json r = db.Error("TransactWriteItems", R"({"TransactItems": [
      {"Update": {"TableName": "Tbl", "Key": {"pk": {"S": "b"}}, "UpdateExpression": "SET n = n + :one",
                  "ExpressionAttributeValues": {":one": {"N": "1"}}}},
      {"ConditionCheck": {"TableName": "Tbl", "Key": {"pk": {"S": "a"}},
                          "ConditionExpression": "n > :ten",
                          "ExpressionAttributeValues": {":ten": {"N": "10"}},
                          "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}}],
      "ReturnConsumedCapacity": "TOTAL"})",
                    400);
  CHECK(r == ParseText(R"({
      "__type": "com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
      "Message": "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]",
      "CancellationReasons": [
        {"Code": "None"},
        {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed",
         "Item": {"pk": {"S": "a"}, "n": {"N": "5"}}}]})"));
  Json cc = db.Ok("TransactWriteItems", R"({"TransactItems": [
      {"Delete": {"TableName": "Tbl", "Key": {"pk": {"S": "b"}}}}],
      "ReturnConsumedCapacity": "TOTAL"})");
  CHECK(cc == ParseText(R"({"ConsumedCapacity": [
      {"TableName": "Tbl", "CapacityUnits": 2.0, "WriteCapacityUnits": 2.0}]})"));
}

// Why: the token errors use the "Message" spelling of their namespace.
TEST_CASE("TransactWriteItems JSON: ClientRequestToken reuse", "[json][transact]") {
  TblDb db;
  const std::string put = R"({"ClientRequestToken": "tok", "TransactItems": [
      {"Put": {"TableName": "Tbl", "Item": {"pk": {"S": "a"}}}}]})";
  db.Ok("TransactWriteItems", put);
  db.Ok("TransactWriteItems", put);
  Json r = db.Error("TransactWriteItems", R"({"ClientRequestToken": "tok", "TransactItems": [
      {"Put": {"TableName": "Tbl", "Item": {"pk": {"S": "b"}}}}]})",
                    400);
  CHECK(r["__type"] == "com.amazonaws.dynamodb.v20120810#IdempotentParameterMismatchException");
  CHECK(r.contains("Message"));
}

// Why: one Responses entry per Get, in order, {} for a missing item.
TEST_CASE("TransactGetItems JSON: response shape", "[json][transact]") {
  TblDb db;
  db.Ok("PutItem", R"({"TableName": "Tbl", "Item": {"pk": {"S": "a"}, "v": {"N": "1"}}})");
  Json r = db.Ok("TransactGetItems", R"({"TransactItems": [
      {"Get": {"TableName": "Tbl", "Key": {"pk": {"S": "zz"}}}},
      {"Get": {"TableName": "Tbl", "Key": {"pk": {"S": "a"}}, "ProjectionExpression": "v"}}]})");
  CHECK(r == ParseText(R"({"Responses": [{}, {"Item": {"v": {"N": "1"}}}]})"));
  Json cancelled = db.Error("TransactGetItems", R"({"TransactItems": [
      {"Get": {"TableName": "Tbl", "Key": {"pk": {"N": "1"}}}}]})",
                            400);
  CHECK(cancelled == ParseText(R"({
      "__type": "com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
      "Message": "Transaction cancelled, please refer cancellation reasons for specific reasons [ValidationError]",
      "CancellationReasons": [{"Code": "ValidationError",
                               "Message": "The provided key element does not match the schema"}]})"));
}

}  // namespace
}  // namespace dynarock::json
