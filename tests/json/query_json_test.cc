// Query and Scan end to end through HandleJsonRequest: DynamoDB's response shape (Items, Count,
// ScannedCount, LastEvaluatedKey, ConsumedCapacity only when asked, no Items for COUNT), paging
// with the LastEvaluatedKey JSON fed back, and the error bodies of bad requests.
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

// An in-memory database with table Orders (pk S, sk N) holding sk 1..5 in partition "c1" and
// one item in partition "c2".
class OrdersDb : public testing::JsonDb {
 public:
  OrdersDb() {
    Ok("CreateTable", R"({"TableName": "Orders",
      "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                               {"AttributeName": "sk", "AttributeType": "N"}],
      "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                    {"AttributeName": "sk", "KeyType": "RANGE"}],
      "BillingMode": "PAY_PER_REQUEST"})");
    for (int i = 1; i <= 5; ++i) {
      Ok("PutItem", R"({"TableName":"Orders","Item":{"pk":{"S":"c1"},"sk":{"N":")" +
                        std::to_string(i) + R"("},"total":{"N":")" + std::to_string(10 * i) +
                        R"("}}})");
    }
    Ok("PutItem", R"({"TableName":"Orders","Item":{"pk":{"S":"c2"},"sk":{"N":"1"}}})");
  }
};

// Why: the exact members DynamoDB answers a Query with, in the wire types.
TEST_CASE("JsonQuery: response shape", "[json][query]") {
  OrdersDb t;
  Json r = t.Ok("Query", R"({"TableName":"Orders",
      "KeyConditionExpression":"pk = :p AND sk BETWEEN :a AND :b",
      "ExpressionAttributeValues":{":p":{"S":"c1"},":a":{"N":"2"},":b":{"N":"3"}}})");
  CHECK(r == ParseText(R"({"Items":[{"pk":{"S":"c1"},"sk":{"N":"2"},"total":{"N":"20"}},
                                    {"pk":{"S":"c1"},"sk":{"N":"3"},"total":{"N":"30"}}],
                           "Count":2,"ScannedCount":2})"));
}

// Why: LastEvaluatedKey comes back as a key in wire form and works as ExclusiveStartKey;
// ScanIndexForward false reverses; ConsumedCapacity appears only when asked for.
TEST_CASE("JsonQuery: paging, reverse order and ConsumedCapacity", "[json][query]") {
  OrdersDb t;
  Json first = t.Ok("Query", R"({"TableName":"Orders","KeyConditionExpression":"pk = :p",
      "ExpressionAttributeValues":{":p":{"S":"c1"}},"ScanIndexForward":false,"Limit":2,
      "ProjectionExpression":"sk","ReturnConsumedCapacity":"TOTAL"})");
  CHECK(first == ParseText(R"({"Items":[{"sk":{"N":"5"}},{"sk":{"N":"4"}}],"Count":2,
      "ScannedCount":2,"LastEvaluatedKey":{"pk":{"S":"c1"},"sk":{"N":"4"}},
      "ConsumedCapacity":{"TableName":"Orders","CapacityUnits":0.5}})"));
  Json next_request = ParseText(R"({"TableName":"Orders","KeyConditionExpression":"pk = :p",
      "ExpressionAttributeValues":{":p":{"S":"c1"}},"ScanIndexForward":false,"Limit":2,
      "ProjectionExpression":"sk"})");
  next_request["ExclusiveStartKey"] = first["LastEvaluatedKey"];
  Json second = t.Ok("Query", next_request.dump());
  CHECK(second == ParseText(R"({"Items":[{"sk":{"N":"3"}},{"sk":{"N":"2"}}],"Count":2,
      "ScannedCount":2,"LastEvaluatedKey":{"pk":{"S":"c1"},"sk":{"N":"2"}}})"));
}

// Why: Select COUNT answers without "Items"; a filter changes Count but not ScannedCount.
TEST_CASE("JsonQuery: Select COUNT and FilterExpression", "[json][query]") {
  OrdersDb t;
  Json r = t.Ok("Query", R"({"TableName":"Orders","KeyConditionExpression":"pk = :p",
      "FilterExpression":"#t >= :min","ExpressionAttributeNames":{"#t":"total"},
      "ExpressionAttributeValues":{":p":{"S":"c1"},":min":{"N":"30"}},"Select":"COUNT"})");
  CHECK(r == ParseText(R"({"Count":3,"ScannedCount":5})"));
}

// Why: request errors come back as DynamoDB's ValidationException bodies.
TEST_CASE("JsonQuery: error bodies", "[json][query]") {
  OrdersDb t;
  t.Validation("Query", R"({"TableName":"Orders","KeyConditionExpression":"pk = :p",
      "ExpressionAttributeValues":{":p":{"S":"c1"}},"Limit":0,"Select":"SOME"})",
               "2 validation errors detected: Value 'SOME' at 'select' failed to satisfy "
               "constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, "
               "ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]; Value at 'Limit' failed to satisfy "
               "constraint: Member must have value greater than or equal to 1");
  t.Validation("Query", R"({"TableName":"Orders","KeyConditionExpression":"sk = :p",
      "ExpressionAttributeValues":{":p":{"N":"1"}}})",
               "Query condition missed key schema element: pk");
  t.Validation("Query", R"({"TableName":"Orders","KeyConditionExpression":"pk = :p",
      "ExpressionAttributeValues":{":p":{"S":"c1"}},"IndexName":"byTotal"})",
               "The table does not have the specified index: byTotal");
  t.Validation("Query", R"({"TableName":"Orders","KeyConditionExpression":"pk = :p",
      "ExpressionAttributeValues":{":p":{"S":"c1"}},"ExclusiveStartKey":{"pk":{"S":"c1"}}})",
               "The provided starting key is invalid: The provided key element does not match "
               "the schema");
}

// Why: Scan shares the response shape; parallel-scan errors are DynamoDB's texts.
TEST_CASE("JsonScan: response shape and errors", "[json][scan]") {
  OrdersDb t;
  Json all = t.Ok("Scan", R"({"TableName":"Orders"})");
  CHECK(all["Count"] == 6);
  CHECK(all["ScannedCount"] == 6);
  CHECK(all["Items"].size() == 6);
  CHECK_FALSE(all.contains("LastEvaluatedKey"));
  CHECK_FALSE(all.contains("ConsumedCapacity"));
  Json seg = t.Ok("Scan", R"({"TableName":"Orders","Segment":0,"TotalSegments":1,"Limit":6})");
  CHECK(seg["Items"] == all["Items"]);
  CHECK(seg.contains("LastEvaluatedKey"));  // Limit reached, as DynamoDB
  Json filtered = t.Ok("Scan", R"({"TableName":"Orders","FilterExpression":"pk = :p",
      "ExpressionAttributeValues":{":p":{"S":"c2"}}})");
  CHECK(filtered == ParseText(R"({"Items":[{"pk":{"S":"c2"},"sk":{"N":"1"}}],"Count":1,
      "ScannedCount":6})"));
  t.Validation("Scan", R"({"TableName":"Orders","Segment":1})",
               "The TotalSegments parameter is required but was not present in the request "
               "when Segment parameter is present");
  // The legacy ScanFilter is implemented (query_legacy_json_test.cc); an empty one is no filter.
  CHECK(t.Ok("Scan", R"({"TableName":"Orders","ScanFilter":{}})")["Count"] == 6);
}

}  // namespace
}  // namespace dynarock::json
