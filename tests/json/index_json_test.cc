// Secondary indexes through HandleJsonRequest (issue 6): CreateTable with GSIs and LSIs on the
// wire, the TableDescription members of each index, the JSON-only "empty list" errors and an
// index key type mismatch on PutItem.
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

using testing::JsonDb;
using testing::ParseText;

constexpr std::string_view kCreate = R"({
  "TableName": "Orders",
  "AttributeDefinitions": [
    {"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"},
    {"AttributeName": "status", "AttributeType": "S"}, {"AttributeName": "at", "AttributeType": "N"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
  "BillingMode": "PROVISIONED",
  "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
  "GlobalSecondaryIndexes": [{
    "IndexName": "ByStatus",
    "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"}],
    "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["total"]},
    "ProvisionedThroughput": {"ReadCapacityUnits": 2, "WriteCapacityUnits": 3}}],
  "LocalSecondaryIndexes": [{
    "IndexName": "ByTime",
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "at", "KeyType": "RANGE"}],
    "Projection": {"ProjectionType": "KEYS_ONLY"}}]
})";

// Why: clients read index members by DynamoDB's names; LSIs carry no status or throughput,
// GSIs do, and Backfilling is absent once ACTIVE (reference 4.20, 5).
TEST_CASE("IndexJson: CreateTable and DescribeTable report each index", "[json][indexes]") {
  JsonDb db;
  Json created = db.Ok("CreateTable", kCreate);
  const Json& d = created["TableDescription"];
  const std::string arn = d["TableArn"].get<std::string>();
  CHECK(d["GlobalSecondaryIndexes"] == ParseText(R"([{
    "IndexName": "ByStatus",
    "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"}],
    "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["total"]},
    "IndexStatus": "ACTIVE",
    "ProvisionedThroughput": {"NumberOfDecreasesToday": 0, "ReadCapacityUnits": 2,
                              "WriteCapacityUnits": 3},
    "IndexSizeBytes": 0, "ItemCount": 0,
    "IndexArn": ")" + arn + R"(/index/ByStatus"}])"));
  CHECK(d["LocalSecondaryIndexes"] == ParseText(R"([{
    "IndexName": "ByTime",
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "at", "KeyType": "RANGE"}],
    "Projection": {"ProjectionType": "KEYS_ONLY"},
    "IndexSizeBytes": 0, "ItemCount": 0,
    "IndexArn": ")" + arn + R"(/index/ByTime"}])"));

  db.Ok("PutItem", R"({"TableName": "Orders", "Item": {"pk": {"S": "c1"}, "sk": {"N": "1"},
        "status": {"S": "open"}, "at": {"N": "17"}, "total": {"N": "10"}, "x": {"S": "y"}}})");
  Json described = db.Ok("DescribeTable", R"({"TableName": "Orders"})");
  const Json& g = described["Table"]["GlobalSecondaryIndexes"][0];
  CHECK(g["ItemCount"] == 1);
  // pk 2+2, sk 2+2, status 6+4, total 5+2 = 25 ("x" and "at" are not projected).
  CHECK(g["IndexSizeBytes"] == 25);
  const Json& l = described["Table"]["LocalSecondaryIndexes"][0];
  CHECK(l["ItemCount"] == 1);
  // pk 2+2, sk 2+2, at 2+2 = 12.
  CHECK(l["IndexSizeBytes"] == 12);
}

// Why: an empty index list is an error on the wire (the typed request cannot express it).
TEST_CASE("IndexJson: empty index lists are rejected", "[json][indexes]") {
  JsonDb db;
  db.Validation("CreateTable", R"({"TableName": "Tbl",
      "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
      "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
      "BillingMode": "PAY_PER_REQUEST", "GlobalSecondaryIndexes": []})",
                "One or more parameter values were invalid: List of GlobalSecondaryIndexes is "
                "empty");
  db.Validation("CreateTable", R"({"TableName": "Tbl",
      "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
      "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
      "BillingMode": "PAY_PER_REQUEST", "LocalSecondaryIndexes": []})",
                "One or more parameter values were invalid: List of LocalSecondaryIndexes is "
                "empty");
  db.Validation("CreateTable", R"({"TableName": "Tbl",
      "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
      "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
      "BillingMode": "PAY_PER_REQUEST", "GlobalSecondaryIndexes": [{"IndexName": "g",
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}]})",
                "2 validation errors detected: Value 'g' at "
                "'globalSecondaryIndexes.1.member.indexName' failed to satisfy constraint: "
                "Member must have length greater than or equal to 3; Value null at "
                "'globalSecondaryIndexes.1.member.projection' failed to satisfy constraint: "
                "Member must not be null");
}

// Why: the index key type check reaches the wire with DynamoDB's message.
TEST_CASE("IndexJson: PutItem with a wrong-typed index key", "[json][indexes]") {
  JsonDb db;
  db.Ok("CreateTable", kCreate);
  db.Validation("PutItem", R"({"TableName": "Orders", "Item": {"pk": {"S": "c1"},
        "sk": {"N": "1"}, "status": {"N": "3"}}})",
                "One or more parameter values were invalid: Type mismatch for Index Key status "
                "Expected: S Actual: N IndexName: ByStatus");
}

}  // namespace
}  // namespace dynarock::json
