// UpdateItem, conditions and projections through HandleJsonRequest: response members
// (Attributes, Item), the ConditionalCheckFailedException body with the old item, and the
// envelope on write errors.
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

class Db : public testing::JsonDb {
 public:
  Db() {
    Ok("CreateTable", R"js({"TableName":"Items","BillingMode":"PAY_PER_REQUEST",
        "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
        "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]})js");
    Ok("PutItem", R"js({"TableName":"Items","Item":{"pk":{"S":"a"},"n":{"N":"1"},
        "m":{"M":{"b":{"S":"x"},"c":{"N":"2"}}}}})js");
  }

  // Requires HTTP 400; returns the parsed error body.
  Json Fail(std::string_view operation, std::string_view body) {
    return Error(operation, body, 400);
  }

  Json GetA() { return Ok("GetItem", R"js({"TableName":"Items","Key":{"pk":{"S":"a"}}})js"); }
};

// Why: UpdateItem's response carries Attributes per ReturnValues, numbers as DynamoDB writes them.
TEST_CASE("JsonUpdateItem: SET and ADD with ReturnValues", "[json][update]") {
  Db t;
  Json r = t.Ok("UpdateItem", R"js({"TableName":"Items","Key":{"pk":{"S":"a"}},
      "UpdateExpression":"SET #m.c = #m.c + :one ADD tags :t",
      "ExpressionAttributeNames":{"#m":"m"},
      "ExpressionAttributeValues":{":one":{"N":"1"},":t":{"SS":["z","y"]}},
      "ReturnValues":"UPDATED_NEW"})js");
  CHECK(r == ParseText(
                 R"js({"Attributes":{"m":{"M":{"c":{"N":"3"}}},"tags":{"SS":["y","z"]}}})js"));
  r = t.Ok("UpdateItem", R"js({"TableName":"Items","Key":{"pk":{"S":"a"}},
      "UpdateExpression":"REMOVE tags","ReturnValues":"ALL_OLD"})js");
  CHECK(r["Attributes"]["tags"] == ParseText(R"js({"SS":["y","z"]})js"));
  r = t.Ok("UpdateItem", R"js({"TableName":"Items","Key":{"pk":{"S":"new"}},
      "UpdateExpression":"SET v = :v","ExpressionAttributeValues":{":v":{"BOOL":true}},
      "ReturnValues":"ALL_NEW"})js");
  CHECK(r == ParseText(R"js({"Attributes":{"pk":{"S":"new"},"v":{"BOOL":true}}})js"));
  // No ReturnValues: an empty object.
  CHECK(t.Ok("UpdateItem", R"js({"TableName":"Items","Key":{"pk":{"S":"a"}},
      "UpdateExpression":"SET n = :v","ExpressionAttributeValues":{":v":{"N":"5"}}})js") ==
        Json::object());
}

// Why: a failed condition answers ConditionalCheckFailedException; with
// ReturnValuesOnConditionCheckFailure=ALL_OLD the body carries the old item (reference 4.0).
TEST_CASE("JsonUpdateItem: ConditionalCheckFailedException with Item", "[json][conditions]") {
  Db t;
  const Json before = t.GetA();
  Json e = t.Fail("UpdateItem", R"js({"TableName":"Items","Key":{"pk":{"S":"a"}},
      "UpdateExpression":"SET n = :v","ConditionExpression":"n > :v",
      "ExpressionAttributeValues":{":v":{"N":"5"}},
      "ReturnValuesOnConditionCheckFailure":"ALL_OLD"})js");
  CHECK(e == Json{{"__type", "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException"},
                  {"message", "The conditional request failed"},
                  {"Item", before["Item"]}});
  e = t.Fail("PutItem", R"js({"TableName":"Items","Item":{"pk":{"S":"a"}},
      "ConditionExpression":"attribute_not_exists(pk)"})js");
  CHECK(e == Json{{"__type", "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException"},
                  {"message", "The conditional request failed"}});
  e = t.Fail("DeleteItem", R"js({"TableName":"Items","Key":{"pk":{"S":"zz"}},
      "ConditionExpression":"attribute_exists(pk)",
      "ReturnValuesOnConditionCheckFailure":"ALL_OLD"})js");
  CHECK_FALSE(e.contains("Item"));  // no item existed
  CHECK(t.GetA() == before);
  // A true condition lets the delete through.
  t.Ok("DeleteItem", R"js({"TableName":"Items","Key":{"pk":{"S":"a"}},
      "ConditionExpression":"attribute_exists(pk)"})js");
  CHECK(t.GetA() == Json::object());
}

// Why: write-side expression errors are enveloped (2026), runtime update errors are bare.
TEST_CASE("JsonUpdateItem: error messages", "[json][update][errors]") {
  Db t;
  auto message = [&](std::string_view body) {
    Json e = t.Fail("UpdateItem", body);
    CHECK(e["__type"] == "com.amazon.coral.validate#ValidationException");
    return e["message"].get<std::string>();
  };
  CHECK(message(R"js({"TableName":"Items","Key":{"pk":{"S":"a"}},"UpdateExpression":"SET"})js") ==
        "1 validation error detected: Invalid UpdateExpression: Syntax error; token: \"<EOF>\", "
        "near: \"SET\"");
  CHECK(message(R"js({"TableName":"Items","Key":{"pk":{"S":"a"}},"UpdateExpression":"SET n = :v",
      "ExpressionAttributeValues":{":v":{"N":"1"},":w":{"N":"1"}}})js") ==
        "1 validation error detected: Value provided in ExpressionAttributeValues unused in "
        "expressions: keys: {:w}");
  CHECK(message(R"js({"TableName":"Items","Key":{"pk":{"S":"a"}},"UpdateExpression":"SET pk = :v",
      "ExpressionAttributeValues":{":v":{"S":"b"}}})js") ==
        "One or more parameter values were invalid: Cannot update attribute pk. This attribute "
        "is part of the key");
  CHECK(message(R"js({"TableName":"Items","Key":{"pk":{"S":"a"}},"UpdateExpression":"SET n = m + :v",
      "ExpressionAttributeValues":{":v":{"N":"1"}}})js") ==
        "An operand in the update expression has an incorrect data type");
  CHECK(message(R"js({"TableName":"Items","Key":{"pk":{"S":"a"}},"ReturnValues":"ALL"})js") ==
        "1 validation error detected: Value 'ALL' at 'returnValues' failed to satisfy "
        "constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, "
        "UPDATED_NEW]");
}

// Why: GetItem's ProjectionExpression shapes the item and answers {"Item": {}} when nothing
// projected exists (reference 4.8).
TEST_CASE("JsonGetItem: ProjectionExpression", "[json][projection]") {
  Db t;
  CHECK(t.Ok("GetItem", R"js({"TableName":"Items","Key":{"pk":{"S":"a"}},
      "ProjectionExpression":"#m.b","ExpressionAttributeNames":{"#m":"m"}})js") ==
        ParseText(R"js({"Item":{"m":{"M":{"b":{"S":"x"}}}}})js"));
  CHECK(t.Ok("GetItem", R"js({"TableName":"Items","Key":{"pk":{"S":"a"}},
      "ProjectionExpression":"nothing"})js") == ParseText(R"js({"Item":{}})js"));
  CHECK(t.Ok("GetItem", R"js({"TableName":"Items","Key":{"pk":{"S":"none"}},
      "ProjectionExpression":"n"})js") == Json::object());
}


// Why: the legacy members are read from the wire and evaluated; mixing is rejected (enveloped).
TEST_CASE("JsonUpdateItem: legacy Expected and AttributeUpdates", "[json][legacy]") {
  Db t;
  Json r = t.Ok("UpdateItem", R"js({"TableName":"Items","Key":{"pk":{"S":"a"}},
      "AttributeUpdates":{"n":{"Action":"ADD","Value":{"N":"2"}},"gone":{"Action":"DELETE"}},
      "Expected":{"n":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"1"}]}},
      "ReturnValues":"UPDATED_NEW"})js");
  CHECK(r == ParseText(R"js({"Attributes":{"n":{"N":"3"}}})js"));
  Json e = t.Fail("PutItem", R"js({"TableName":"Items","Item":{"pk":{"S":"a"}},
      "Expected":{"n":{"Value":{"N":"1"}}}})js");
  CHECK(e["__type"] == "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException");
  e = t.Fail("DeleteItem", R"js({"TableName":"Items","Key":{"pk":{"S":"a"}},
      "Expected":{"n":{"Exists":false}},"ConditionExpression":"attribute_exists(pk)"})js");
  CHECK(e["message"] ==
        "1 validation error detected: Can not use both expression and non-expression parameters "
        "in the same request: Non-expression parameters: {Expected} Expression parameters: "
        "{ConditionExpression}");
  e = t.Fail("PutItem", R"js({"TableName":"Items","Item":{"pk":{"S":"a"}},
      "Expected":{"n":{"ComparisonOperator":"XX"}}})js");
  CHECK(e["message"] ==
        "1 validation error detected: Value 'XX' at 'expected.n.member.comparisonOperator' "
        "failed to satisfy constraint: Member must satisfy enum value set: [IN, NULL, BETWEEN, "
        "LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]");
}

}  // namespace
}  // namespace dynarock::json
