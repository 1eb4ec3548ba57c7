// The legacy Query and Scan parameters on the wire: KeyConditions, QueryFilter, ScanFilter and
// ConditionalOperator read from DynamoDB JSON and run through HandleJsonRequest, their
// constraint and validation errors, and the mixing of legacy and expression parameters
// (reference 4.0 "Legacy parameters", 4.11, 4.12).
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

// An in-memory database with table Orders (pk S, sk N): partition "c1" holds sk 1..5 with
// total = 10 * sk and status "open" for odd sk; partition "c2" holds sk 1.
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
      std::string status = i % 2 == 1 ? R"(,"status":{"S":"open"})" : "";
      Ok("PutItem", R"({"TableName":"Orders","Item":{"pk":{"S":"c1"},"sk":{"N":")" +
                        std::to_string(i) + R"("},"total":{"N":")" + std::to_string(10 * i) +
                        R"("})" + status + "}}");
    }
    Ok("PutItem", R"({"TableName":"Orders","Item":{"pk":{"S":"c2"},"sk":{"N":"1"}}})");
  }

  // The sk numbers of a Query/Scan response's Items, as text.
  static std::vector<std::string> SortKeys(const Json& r) {
    std::vector<std::string> out;
    for (const Json& item : r["Items"]) out.push_back(item["sk"]["N"].get<std::string>());
    return out;
  }
};

using Keys = std::vector<std::string>;

// Why: every sort-key operator of KeyConditions, in its wire form, selects DynamoDB's range.
TEST_CASE("JsonQueryLegacy: KeyConditions operators", "[json][query][legacy]") {
  OrdersDb t;
  auto query = [&t](std::string_view sk_condition) {
    std::string body = R"({"TableName":"Orders","KeyConditions":{
        "pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"c1"}]})";
    if (!sk_condition.empty()) body += Concat(R"(,"sk":)", sk_condition);
    body += "}}";
    return OrdersDb::SortKeys(t.Ok("Query", body));
  };
  CHECK(query("") == Keys{"1", "2", "3", "4", "5"});
  CHECK(query(R"({"ComparisonOperator":"EQ","AttributeValueList":[{"N":"3"}]})") == Keys{"3"});
  CHECK(query(R"({"ComparisonOperator":"LT","AttributeValueList":[{"N":"3"}]})") ==
        Keys{"1", "2"});
  CHECK(query(R"({"ComparisonOperator":"LE","AttributeValueList":[{"N":"3"}]})") ==
        Keys{"1", "2", "3"});
  CHECK(query(R"({"ComparisonOperator":"GT","AttributeValueList":[{"N":"3"}]})") ==
        Keys{"4", "5"});
  CHECK(query(R"({"ComparisonOperator":"GE","AttributeValueList":[{"N":"3"}]})") ==
        Keys{"3", "4", "5"});
  CHECK(query(R"({"ComparisonOperator":"BETWEEN","AttributeValueList":[{"N":"2"},{"N":"4"}]})") ==
        Keys{"2", "3", "4"});
  // BEGINS_WITH needs a string or binary sort key: on N it is an operand-type error.
  t.Validation("Query", R"({"TableName":"Orders","KeyConditions":{
      "pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"c1"}]},
      "sk":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":[{"N":"1"}]}}})",
               "One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not "
               "valid for N AttributeValue type");
}

// Why: BEGINS_WITH on a string sort key through the wire, with paging by Limit and the
// LastEvaluatedKey fed back.
TEST_CASE("JsonQueryLegacy: BEGINS_WITH and paging", "[json][query][legacy]") {
  OrdersDb t;
  t.Ok("CreateTable", R"({"TableName": "Words",
      "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                               {"AttributeName": "w", "AttributeType": "S"}],
      "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                    {"AttributeName": "w", "KeyType": "RANGE"}],
      "BillingMode": "PAY_PER_REQUEST"})");
  for (const char* w : {"tea", "team", "teapot", "tee", "ten"}) {
    t.Ok("PutItem", Concat(R"({"TableName":"Words","Item":{"pk":{"S":"p"},"w":{"S":")", w,
                           R"("}}})"));
  }
  std::string body = R"({"TableName":"Words","Limit":2,"KeyConditions":{
      "pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"p"}]},
      "w":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":[{"S":"tea"}]}}})";
  Json first = t.Ok("Query", body);
  REQUIRE(first["Items"].size() == 2);
  CHECK(first["Items"][0]["w"]["S"] == "tea");
  CHECK(first["Items"][1]["w"]["S"] == "team");
  REQUIRE(first.contains("LastEvaluatedKey"));
  Json next = ParseText(body);
  next["ExclusiveStartKey"] = first["LastEvaluatedKey"];
  Json second = t.Ok("Query", next.dump());
  REQUIRE(second["Items"].size() == 1);
  CHECK(second["Items"][0]["w"]["S"] == "teapot");
}

// Why: QueryFilter with ConditionalOperator filters after the key range (Count versus
// ScannedCount), and ScanFilter may name key attributes.
TEST_CASE("JsonQueryLegacy: QueryFilter, ScanFilter and ConditionalOperator",
          "[json][query][scan][legacy]") {
  OrdersDb t;
  Json r = t.Ok("Query", R"({"TableName":"Orders",
      "KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"c1"}]}},
      "QueryFilter":{"status":{"ComparisonOperator":"NOT_NULL"},
                     "total":{"ComparisonOperator":"GT","AttributeValueList":[{"N":"10"}]}}})");
  CHECK(OrdersDb::SortKeys(r) == Keys{"3", "5"});
  CHECK(r["Count"] == 2);
  CHECK(r["ScannedCount"] == 5);
  r = t.Ok("Query", R"({"TableName":"Orders","ConditionalOperator":"OR",
      "KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"c1"}]}},
      "QueryFilter":{"status":{"ComparisonOperator":"NULL"},
                     "total":{"ComparisonOperator":"IN","AttributeValueList":[{"N":"10"},{"N":"50"}]}}})");
  CHECK(OrdersDb::SortKeys(r) == Keys{"1", "2", "4", "5"});
  r = t.Ok("Scan", R"({"TableName":"Orders",
      "ScanFilter":{"pk":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":[{"S":"c2"}]}}})");
  CHECK(r == ParseText(R"({"Items":[{"pk":{"S":"c2"},"sk":{"N":"1"}}],"Count":1,
      "ScannedCount":6})"));
  r = t.Ok("Scan", R"({"TableName":"Orders","ConditionalOperator":"AND",
      "ScanFilter":{"sk":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"N":"2"},{"N":"4"}]},
                    "status":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"open"}]}}})");
  CHECK(OrdersDb::SortKeys(r) == Keys{"3"});
  CHECK(r["ScannedCount"] == 6);
  // An empty ScanFilter is no filter.
  CHECK(t.Ok("Scan", R"({"TableName":"Orders","ScanFilter":{}})")["Count"] == 6);
}

// Why: the shape errors of a Condition on the wire are DynamoDB's constraint items and
// serialization errors, before any semantic check.
TEST_CASE("JsonQueryLegacy: Condition shape errors", "[json][query][scan][legacy]") {
  OrdersDb t;
  t.Validation("Query", R"({"TableName":"Orders","KeyConditions":{"pk":{
      "AttributeValueList":[{"S":"c1"}]}}})",
               "1 validation error detected: Value null at "
               "'keyConditions.pk.member.comparisonOperator' failed to satisfy constraint: "
               "Member must not be null");
  t.Validation("Scan", R"({"TableName":"Orders","ScanFilter":{"a":{"ComparisonOperator":"EQUALS",
      "AttributeValueList":[{"S":"x"}]}}})",
               "1 validation error detected: Value 'EQUALS' at "
               "'scanFilter.a.member.comparisonOperator' failed to satisfy constraint: Member "
               "must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, "
               "NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]");
  t.Validation("Query", R"({"TableName":"Orders","ConditionalOperator":"XOR",
      "KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"c1"}]}}})",
               "1 validation error detected: Value 'XOR' at 'conditionalOperator' failed to "
               "satisfy constraint: Member must satisfy enum value set: [OR, AND]");
  t.Validation("Query", R"({"TableName":"Orders","KeyConditions":{}})",
               "Conditions can be of length 1 or 2 only");
  JsonResponse r = t.Raw("Scan", R"({"TableName":"Orders","ScanFilter":{"a":{"ComparisonOperator":"EQ",
          "AttributeValueList":"x"}}})");
  CHECK(r.http_status == 400);
  CHECK(ParseText(r.body)["__type"] == "com.amazon.coral.service#SerializationException");
}

// Why: the semantic errors of legacy conditions reach the wire with DynamoDB's texts.
TEST_CASE("JsonQueryLegacy: validation errors", "[json][query][scan][legacy]") {
  OrdersDb t;
  const std::string prefix = "One or more parameter values were invalid: ";
  t.Validation("Scan", R"({"TableName":"Orders","ScanFilter":{"a":{"ComparisonOperator":"BETWEEN",
      "AttributeValueList":[{"N":"1"}]}}})",
               prefix + "Invalid number of argument(s) for the BETWEEN ComparisonOperator");
  t.Validation("Scan", R"({"TableName":"Orders","ScanFilter":{"a":{"ComparisonOperator":"IN",
      "AttributeValueList":[{"N":"1"},{"S":"1"}]}}})",
               prefix + "AttributeValues inside AttributeValueList must be of same type");
  t.Validation("Scan", R"({"TableName":"Orders","ScanFilter":{"a":{"ComparisonOperator":"GT",
      "AttributeValueList":[{"BOOL":true}]}}})",
               prefix + "ComparisonOperator GT is not valid for BOOL AttributeValue type");
  t.Validation("Query", R"({"TableName":"Orders","KeyConditions":{
      "pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"c1"}]},
      "sk":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"N":"5"},{"N":"1"}]}}})",
               "The BETWEEN condition was provided a range where the lower bound is greater "
               "than the upper bound");
  t.Validation("Query", R"({"TableName":"Orders","KeyConditions":{
      "sk":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"1"}]}}})",
               "Query condition missed key schema element: pk");
  t.Validation("Query", R"({"TableName":"Orders","KeyConditions":{
      "pk":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":[{"S":"c"}]}}})",
               "Query key condition not supported");
  t.Validation("Query", R"({"TableName":"Orders","KeyConditions":{
      "pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"c1"}]},
      "sk":{"ComparisonOperator":"NOT_NULL"}}})",
               "Attempted conditional constraint is not an indexable operation");
  t.Validation("Query", R"({"TableName":"Orders","KeyConditions":{
      "pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"1"}]}}})",
               prefix + "Condition parameter type does not match schema type");
  t.Validation("Query", R"({"TableName":"Orders","KeyConditions":{
      "pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"c1"}]},
      "sk":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"1"}]},
      "x":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"1"}]}}})",
               "Conditions can be of length 1 or 2 only");
  t.Validation("Query", R"({"TableName":"Orders",
      "KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"c1"}]}},
      "QueryFilter":{"sk":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"1"}]}}})",
               "QueryFilter can only contain non-primary key attributes: Primary key "
               "attribute: sk");
  t.Validation("Scan", R"({"TableName":"Orders","ConditionalOperator":"OR"})",
               "ConditionalOperator cannot be used without Filter or Expected");
}

// Why: DynamoDB's mixing rule on the wire: legacy and expression parameters may not share a
// request, except KeyConditions with FilterExpression / ProjectionExpression.
TEST_CASE("JsonQueryLegacy: legacy and expression parameters mixed",
          "[json][query][scan][legacy]") {
  OrdersDb t;
  const std::string mixed =
      "Can not use both expression and non-expression parameters in the same request: ";
  t.Validation("Query", R"({"TableName":"Orders","KeyConditionExpression":"pk = :p",
      "ExpressionAttributeValues":{":p":{"S":"c1"}},
      "KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"c1"}]}}})",
               mixed + "Non-expression parameters: {KeyConditions} Expression parameters: "
                       "{KeyConditionExpression}");
  t.Validation("Query", R"({"TableName":"Orders","KeyConditionExpression":"pk = :p",
      "FilterExpression":"total > :t",
      "ExpressionAttributeValues":{":p":{"S":"c1"},":t":{"N":"1"}},
      "QueryFilter":{"total":{"ComparisonOperator":"NOT_NULL"}}})",
               mixed + "Non-expression parameters: {QueryFilter} Expression parameters: "
                       "{FilterExpression, KeyConditionExpression}");
  t.Validation("Query", R"({"TableName":"Orders","AttributesToGet":["total"],
      "ProjectionExpression":"total",
      "KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"c1"}]}}})",
               mixed + "Non-expression parameters: {AttributesToGet} Expression parameters: "
                       "{ProjectionExpression}");
  t.Validation("Scan", R"({"TableName":"Orders","FilterExpression":"total > :t",
      "ExpressionAttributeValues":{":t":{"N":"1"}},"ConditionalOperator":"AND",
      "ScanFilter":{"total":{"ComparisonOperator":"NOT_NULL"}}})",
               mixed + "Non-expression parameters: {ScanFilter, ConditionalOperator} "
                       "Expression parameters: {FilterExpression}");
  Json r = t.Ok("Query", R"({"TableName":"Orders","FilterExpression":"#t > :t",
      "ProjectionExpression":"sk","ExpressionAttributeNames":{"#t":"total"},
      "ExpressionAttributeValues":{":t":{"N":"30"}},
      "KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"c1"}]}}})");
  CHECK(r == ParseText(R"({"Items":[{"sk":{"N":"4"}},{"sk":{"N":"5"}}],"Count":2,
      "ScannedCount":5})"));
}

}  // namespace
}  // namespace dynarock::json
