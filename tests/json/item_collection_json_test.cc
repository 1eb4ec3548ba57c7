// LSI item collections through HandleJsonRequest (issue 6, point 5): the ItemCollectionMetrics
// member of PutItem, UpdateItem, DeleteItem, BatchWriteItem and TransactWriteItems responses,
// and ItemCollectionSizeLimitExceeded on the wire.
#include <string>

#include <catch2/catch.hpp>

#include "dynarock/database.h"
#include "dynarock/json_api.h"

#include "lib/api/json/request_reader.h"
#include "tests/testing/json_db.h"

namespace dynarock::json {
namespace {

using testing::JsonDb;
using testing::ParseText;

constexpr std::string_view kCreate = R"({
  "TableName": "Tbl",
  "AttributeDefinitions": [
    {"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"},
    {"AttributeName": "lsk", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST",
  "LocalSecondaryIndexes": [{
    "IndexName": "ByLsk",
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "lsk", "KeyType": "RANGE"}],
    "Projection": {"ProjectionType": "ALL"}}]
})";

constexpr std::string_view kMetrics = R"({"ItemCollectionMetrics": {
  "ItemCollectionKey": {"pk": {"S": "a"}}, "SizeEstimateRangeGB": [0.0, 1.0]}})";

// Why: SDKs read ItemCollectionMetrics by DynamoDB's member names and shapes (a key map and a
// two-number list), on every single-item write when SIZE is asked for, and never otherwise.
TEST_CASE("ItemCollectionJson: writes answer ItemCollectionMetrics when SIZE is asked",
          "[json][indexes][item_collection]") {
  JsonDb db;
  db.Ok("CreateTable", kCreate);
  CHECK(db.Ok("PutItem", R"({"TableName": "Tbl", "ReturnItemCollectionMetrics": "SIZE",
    "Item": {"pk": {"S": "a"}, "sk": {"S": "1"}, "lsk": {"S": "x"}}})") == ParseText(kMetrics));
  CHECK(db.Ok("UpdateItem", R"({"TableName": "Tbl", "ReturnItemCollectionMetrics": "SIZE",
    "Key": {"pk": {"S": "a"}, "sk": {"S": "1"}}, "UpdateExpression": "SET n = :v",
    "ExpressionAttributeValues": {":v": {"N": "1"}}})") == ParseText(kMetrics));
  CHECK(db.Ok("DeleteItem", R"({"TableName": "Tbl", "ReturnItemCollectionMetrics": "SIZE",
    "Key": {"pk": {"S": "a"}, "sk": {"S": "1"}}})") == ParseText(kMetrics));
  CHECK(db.Ok("PutItem", R"({"TableName": "Tbl", "ReturnItemCollectionMetrics": "NONE",
    "Item": {"pk": {"S": "a"}, "sk": {"S": "1"}}})") == ParseText("{}"));

  db.Ok("CreateTable", R"({"TableName": "Plain",
    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"})");
  CHECK(db.Ok("PutItem", R"({"TableName": "Plain", "ReturnItemCollectionMetrics": "SIZE",
    "Item": {"pk": {"S": "a"}}})") == ParseText("{}"));
}

// Why: a write past the item collection limit is a 400 with DynamoDB's type and message.
TEST_CASE("ItemCollectionJson: the size limit answers ItemCollectionSizeLimitExceededException",
          "[json][indexes][item_collection]") {
  Options options;
  options.item_collection_size_limit_bytes = 100;
  JsonDb db(options);
  db.Ok("CreateTable", kCreate);
  // pk 3 + sk 3 + lsk 4 + data 4+30 = 44 bytes, twice with its ALL entry: 88.
  const std::string item = R"({"TableName": "Tbl", "Item": {"pk": {"S": "a"}, "sk": {"S": "1"},
    "lsk": {"S": "x"}, "data": {"S": ")" + std::string(30, 'd') + R"("}}})";
  db.Ok("PutItem", item);
  db.Error("PutItem", R"({"TableName": "Tbl", "Item": {"pk": {"S": "a"}, "sk": {"S": "2"},
    "data": {"S": "0123456789"}}})",
           "com.amazonaws.dynamodb.v20120810#ItemCollectionSizeLimitExceededException",
           "Collection size exceeded.");
  CHECK(db.Ok("GetItem", R"({"TableName": "Tbl", "Key": {"pk": {"S": "a"}, "sk": {"S": "2"}}})") ==
        ParseText("{}"));
}

// Why: BatchWriteItem and TransactWriteItems answer ItemCollectionMetrics as DynamoDB's
// ItemCollectionMetricsPerTable, {"<table>": [{ItemCollectionKey, SizeEstimateRangeGB}, ...]},
// one entry per collection written, and omit the member when there is nothing to report.
TEST_CASE("ItemCollectionJson: batch and transaction metrics are per-table lists",
          "[json][indexes][item_collection][batch]") {
  JsonDb db;
  db.Ok("CreateTable", kCreate);
  const Json per_table = ParseText(R"({"Tbl": [
    {"ItemCollectionKey": {"pk": {"S": "a"}}, "SizeEstimateRangeGB": [0.0, 1.0]},
    {"ItemCollectionKey": {"pk": {"S": "b"}}, "SizeEstimateRangeGB": [0.0, 1.0]}]})");
  CHECK(db.Ok("BatchWriteItem", R"({"ReturnItemCollectionMetrics": "SIZE", "RequestItems": {"Tbl": [
    {"PutRequest": {"Item": {"pk": {"S": "a"}, "sk": {"S": "1"}, "lsk": {"S": "x"}}}},
    {"PutRequest": {"Item": {"pk": {"S": "b"}, "sk": {"S": "1"}}}},
    {"DeleteRequest": {"Key": {"pk": {"S": "a"}, "sk": {"S": "2"}}}}]}})") ==
        Json{{"UnprocessedItems", Json::object()}, {"ItemCollectionMetrics", per_table}});
  CHECK(db.Ok("TransactWriteItems", R"({"ReturnItemCollectionMetrics": "SIZE", "TransactItems": [
    {"Put": {"TableName": "Tbl", "Item": {"pk": {"S": "a"}, "sk": {"S": "3"}}}},
    {"Update": {"TableName": "Tbl", "Key": {"pk": {"S": "b"}, "sk": {"S": "1"}},
                "UpdateExpression": "SET n = :v", "ExpressionAttributeValues": {":v": {"N": "1"}}}},
    {"Delete": {"TableName": "Tbl", "Key": {"pk": {"S": "a"}, "sk": {"S": "1"}}}}]})") ==
        Json{{"ItemCollectionMetrics", per_table}});
  // Not asked: no member.
  CHECK(db.Ok("BatchWriteItem", R"({"RequestItems": {"Tbl": [
    {"PutRequest": {"Item": {"pk": {"S": "a"}, "sk": {"S": "1"}}}}]}})") ==
        ParseText(R"({"UnprocessedItems": {}})"));
  CHECK(db.Ok("TransactWriteItems", R"({"ReturnItemCollectionMetrics": "NONE", "TransactItems": [
    {"Put": {"TableName": "Tbl", "Item": {"pk": {"S": "a"}, "sk": {"S": "1"}}}}]})") ==
        ParseText("{}"));
}

// Why: over the limit, a batch is a 400 ItemCollectionSizeLimitExceededException and a
// transaction a TransactionCanceledException whose reason on the offending action is
// {"Code": "ItemCollectionSizeLimitExceeded", "Message": "Collection size exceeded."}.
TEST_CASE("ItemCollectionJson: the size limit in batches and transactions",
          "[json][indexes][item_collection][batch]") {
  Options options;
  options.item_collection_size_limit_bytes = 100;
  JsonDb db(options);
  db.Ok("CreateTable", kCreate);
  // 44 bytes, twice with its ALL entry: 88; two of them do not fit.
  const std::string big = R"({"pk": {"S": "a"}, "sk": {"S": "1"}, "lsk": {"S": "x"},
    "data": {"S": ")" + std::string(30, 'd') + R"("}})";
  const std::string big2 = R"({"pk": {"S": "a"}, "sk": {"S": "2"}, "lsk": {"S": "x"},
    "data": {"S": ")" + std::string(30, 'd') + R"("}})";
  db.Error("BatchWriteItem",
           R"({"RequestItems": {"Tbl": [{"PutRequest": {"Item": )" + big +
               R"(}}, {"PutRequest": {"Item": )" + big2 + R"(}}]}})",
           "com.amazonaws.dynamodb.v20120810#ItemCollectionSizeLimitExceededException",
           "Collection size exceeded.");
  Json r = db.Error("TransactWriteItems",
                    R"({"TransactItems": [{"Put": {"TableName": "Tbl", "Item": )" + big +
                        R"(}}, {"Put": {"TableName": "Tbl", "Item": )" + big2 + R"(}}]})",
                    400);
  CHECK(r == ParseText(R"({
      "__type": "com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
      "Message": "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ItemCollectionSizeLimitExceeded]",
      "CancellationReasons": [
        {"Code": "None"},
        {"Code": "ItemCollectionSizeLimitExceeded", "Message": "Collection size exceeded."}]})"));
  CHECK(db.Ok("GetItem", R"({"TableName": "Tbl", "Key": {"pk": {"S": "a"}, "sk": {"S": "1"}}})") ==
        ParseText("{}"));
}

}  // namespace
}  // namespace dynarock::json
