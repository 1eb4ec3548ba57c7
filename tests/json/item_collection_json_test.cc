// LSI item collections through HandleJsonRequest (issue 6, point 5): the ItemCollectionMetrics
// member of PutItem, UpdateItem and DeleteItem responses, and ItemCollectionSizeLimitExceeded
// on the wire.
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

}  // namespace
}  // namespace dynarock::json
