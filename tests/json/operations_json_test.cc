// Each operation end to end through HandleJsonRequest on an in-memory database: response bodies
// compared as parsed JSON with DynamoDB's exact shape (member names, omissions), and the error
// bodies DynamoDB answers.
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

constexpr std::string_view kCreateOrders = R"({
  "TableName": "Orders",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                           {"AttributeName": "sk", "AttributeType": "N"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"}],
  "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 7},
  "SomeFutureMember": {"ignored": true}
})";

// The TableDescription DynamoDB returns for kCreateOrders, with the engine-made members
// (CreationDateTime, TableId) taken from `actual` after checking their types.
Json ExpectedOrdersDescription(const Json& actual) {
  REQUIRE(actual.contains("CreationDateTime"));
  REQUIRE(actual["CreationDateTime"].is_number());
  CHECK(actual["CreationDateTime"].get<double>() > 1.6e9);
  REQUIRE(actual.contains("TableId"));
  REQUIRE(actual["TableId"].is_string());
  CHECK(actual["TableId"].get<std::string>().size() == 36);  // a UUID
  Json d = ParseText(R"({
    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                             {"AttributeName": "sk", "AttributeType": "N"}],
    "TableName": "Orders",
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                  {"AttributeName": "sk", "KeyType": "RANGE"}],
    "TableStatus": "ACTIVE",
    "ProvisionedThroughput": {"NumberOfDecreasesToday": 0, "ReadCapacityUnits": 5,
                              "WriteCapacityUnits": 7},
    "TableSizeBytes": 0,
    "ItemCount": 0,
    "TableArn": "arn:aws:dynamodb:us-east-1:000000000000:table/Orders",
    "DeletionProtectionEnabled": false
  })");
  d["CreationDateTime"] = actual["CreationDateTime"];
  d["TableId"] = actual["TableId"];
  return d;
}

// Why: CreateTable and DescribeTable answer DynamoDB's TableDescription members, nothing more.
TEST_CASE("JsonOps: CreateTable and DescribeTable shapes", "[json][ops][table]") {
  JsonDb t;
  Json created = t.Ok("CreateTable", kCreateOrders);
  REQUIRE(created.size() == 1);
  REQUIRE(created.contains("TableDescription"));
  const Json& d = created["TableDescription"];
  CHECK(d == ExpectedOrdersDescription(d));

  Json described = t.Ok("DescribeTable", R"({"TableName":"Orders"})");
  CHECK(described == Json{{"Table", d}});
}

// Why: an on-demand table reports BillingModeSummary and zero throughput (reference 4.20).
TEST_CASE("JsonOps: on-demand table description", "[json][ops][table]") {
  JsonDb t;
  Json d = t.Ok("CreateTable", R"({
    "TableName": "OnDemand", "BillingMode": "PAY_PER_REQUEST",
    "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "B"}],
    "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]})")["TableDescription"];
  CHECK(d["ProvisionedThroughput"] ==
        ParseText(R"({"NumberOfDecreasesToday":0,"ReadCapacityUnits":0,"WriteCapacityUnits":0})"));
  REQUIRE(d.contains("BillingModeSummary"));
  CHECK(d["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST");
  CHECK(d["BillingModeSummary"]["LastUpdateToPayPerRequestDateTime"] == d["CreationDateTime"]);
  CHECK(d["AttributeDefinitions"] == ParseText(R"([{"AttributeName":"id","AttributeType":"B"}])"));
  CHECK_FALSE(d.contains("GlobalSecondaryIndexes"));
  CHECK_FALSE(d.contains("LocalSecondaryIndexes"));
}

// Why: ListTables pages by Limit and names LastEvaluatedTableName only when cut.
TEST_CASE("JsonOps: ListTables", "[json][ops][table]") {
  JsonDb t;
  CHECK(t.Ok("ListTables", "{}") == ParseText(R"({"TableNames":[]})"));
  for (const char* name : {"b_table", "a_table", "c_table"}) {
    Json req = ParseText(kCreateOrders);
    req["TableName"] = name;
    t.Ok("CreateTable", req.dump());
  }
  CHECK(t.Ok("ListTables", "{}") == ParseText(R"({"TableNames":["a_table","b_table","c_table"]})"));
  CHECK(t.Ok("ListTables", R"({"Limit":2})") ==
        ParseText(R"({"TableNames":["a_table","b_table"],"LastEvaluatedTableName":"b_table"})"));
  CHECK(t.Ok("ListTables", R"({"ExclusiveStartTableName":"b_table"})") ==
        ParseText(R"({"TableNames":["c_table"]})"));
  t.Validation("ListTables", R"({"Limit":0})",
               "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
               "Member must have value greater than or equal to 1");
  t.Validation("ListTables", R"({"Limit":101})",
               "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: "
               "Member must have value less than or equal to 100");
  t.Serialization("ListTables", R"({"Limit":"5"})", "STRING_VALUE cannot be converted to Integer");
}

// Why: DeleteTable answers the description; the table is then gone for DescribeTable.
TEST_CASE("JsonOps: DeleteTable", "[json][ops][table]") {
  JsonDb t;
  t.Ok("CreateTable", kCreateOrders);
  Json deleted = t.Ok("DeleteTable", R"({"TableName":"Orders"})");
  REQUIRE(deleted.size() == 1);
  REQUIRE(deleted.contains("TableDescription"));
  CHECK(deleted["TableDescription"]["TableName"] == "Orders");
  CHECK(deleted["TableDescription"]["KeySchema"] ==
        ExpectedOrdersDescription(deleted["TableDescription"])["KeySchema"]);
  t.Error("DescribeTable", R"({"TableName":"Orders"})", 400,
          R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
              "message":"Requested resource not found: Table: Orders not found"})");
}

// Why: the item operations' responses hold exactly Item / Attributes, numbers normalised.
TEST_CASE("JsonOps: PutItem, GetItem, DeleteItem", "[json][ops][item]") {
  JsonDb t;
  t.Ok("CreateTable", kCreateOrders);
  const std::string item = R"({"pk":{"S":"a"},"sk":{"N":"1.0"},"n":{"N":"1.10"},"b":{"B":"AAE="},)"
                           R"("l":{"L":[{"NULL":true},{"BOOL":true}]},"ss":{"SS":["y","x"]}})";
  // The item as DynamoDB returns it: numbers normalised, sets in canonical order.
  const Json stored =
      ParseText(R"({"pk":{"S":"a"},"sk":{"N":"1"},"n":{"N":"1.1"},"b":{"B":"AAE="},)"
                R"("l":{"L":[{"NULL":true},{"BOOL":true}]},"ss":{"SS":["x","y"]}})");

  CHECK(t.Ok("PutItem", Concat(R"({"TableName":"Orders","Item":)", item, "}")) == Json::object());
  CHECK(t.Ok("GetItem", R"({"TableName":"Orders","Key":{"pk":{"S":"a"},"sk":{"N":"1e0"}}})") ==
        Json{{"Item", stored}});
  CHECK(t.Ok("GetItem", R"({"TableName":"Orders","Key":{"pk":{"S":"a"},"sk":{"N":"2"}}})") ==
        Json::object());

  // ALL_OLD on a replacing put returns the old item.
  CHECK(t.Ok("PutItem", R"({"TableName":"Orders","ReturnValues":"ALL_OLD",
                            "Item":{"pk":{"S":"a"},"sk":{"N":"1"},"v":{"S":"new"}}})") ==
        Json{{"Attributes", stored}});
  // ... and nothing when no item existed.
  CHECK(t.Ok("PutItem", R"({"TableName":"Orders","ReturnValues":"ALL_OLD",
                            "Item":{"pk":{"S":"b"},"sk":{"N":"1"}}})") == Json::object());

  CHECK(t.Ok("DeleteItem", R"({"TableName":"Orders","ReturnValues":"ALL_OLD",
                               "Key":{"pk":{"S":"a"},"sk":{"N":"1"}}})") ==
        ParseText(R"({"Attributes":{"pk":{"S":"a"},"sk":{"N":"1"},"v":{"S":"new"}}})"));
  CHECK(t.Ok("DeleteItem", R"({"TableName":"Orders","Key":{"pk":{"S":"a"},"sk":{"N":"1"}}})") ==
        Json::object());
  CHECK(t.Ok("GetItem", R"({"TableName":"Orders","Key":{"pk":{"S":"a"},"sk":{"N":"1"}}})") ==
        Json::object());
}

// Why: ConsumedCapacity is returned only when asked for, with DynamoDB's member names.
TEST_CASE("JsonOps: ConsumedCapacity", "[json][ops][item]") {
  JsonDb t;
  t.Ok("CreateTable", kCreateOrders);
  CHECK(t.Ok("PutItem", R"({"TableName":"Orders","ReturnConsumedCapacity":"TOTAL",
                            "Item":{"pk":{"S":"a"},"sk":{"N":"1"}}})") ==
        ParseText(R"({"ConsumedCapacity":{"TableName":"Orders","CapacityUnits":1.0}})"));
  CHECK(t.Ok("GetItem", R"({"TableName":"Orders","ReturnConsumedCapacity":"INDEXES",
                            "ConsistentRead":true,"Key":{"pk":{"S":"a"},"sk":{"N":"1"}}})") ==
        ParseText(R"({"Item":{"pk":{"S":"a"},"sk":{"N":"1"}},
                      "ConsumedCapacity":{"TableName":"Orders","CapacityUnits":1.0,
                                          "Table":{"CapacityUnits":1.0}}})"));
  CHECK(t.Ok("GetItem", R"({"TableName":"Orders","ReturnConsumedCapacity":"TOTAL",
                            "Key":{"pk":{"S":"zz"},"sk":{"N":"1"}}})") ==
        ParseText(R"({"ConsumedCapacity":{"TableName":"Orders","CapacityUnits":0.5}})"));
  CHECK(t.Ok("DeleteItem", R"({"TableName":"Orders","ReturnConsumedCapacity":"NONE",
                               "Key":{"pk":{"S":"a"},"sk":{"N":"1"}}})") == Json::object());
}

// Why: data-plane calls on a missing table answer ResourceNotFoundException with DynamoDB's text.
TEST_CASE("JsonOps: missing table", "[json][ops][errors]") {
  JsonDb t;
  const std::string_view not_found =
      R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
          "message":"Requested resource not found"})";
  t.Error("GetItem", R"({"TableName":"Nope","Key":{"pk":{"S":"a"}}})", 400, not_found);
  t.Error("PutItem", R"({"TableName":"Nope","Item":{"pk":{"S":"a"}}})", 400, not_found);
  t.Error("DeleteItem", R"({"TableName":"Nope","Key":{"pk":{"S":"a"}}})", 400, not_found);
}

// Why: malformed bodies and unknown operations get DynamoDB's bare bodies (reference 8.1).
TEST_CASE("JsonOps: malformed requests and unknown operations", "[json][ops][errors]") {
  JsonDb t;
  const std::string_view bare_serialization =
      R"({"__type":"com.amazon.coral.service#SerializationException"})";
  const std::string_view unknown =
      R"({"__type":"com.amazon.coral.service#UnknownOperationException"})";
  t.Error("PutItem", R"({"TableName": )", 400, bare_serialization);
  t.Error("PutItem", "not json", 400, bare_serialization);
  t.Error("PutItem", "", 400, bare_serialization);
  t.Error("PutItem", "[]", 400, bare_serialization);
  t.Error("Frobnicate", "{}", 400, unknown);
  t.Error("Frobnicate", "", 400, unknown);
  t.Error("Frobnicate", "{", 400, bare_serialization);  // JSON is checked before the target
  // DynamoDB operations dynarock does not implement yet.
  for (const char* op : {"UpdateTimeToLive", "DescribeTimeToLive", "TagResource"}) {
    t.Error(op, "{}", 400, unknown);
  }
  // Operation names are case-sensitive.
  t.Error("getitem", "{}", 400, unknown);
}

// Why: missing members, enum values and lengths are reported in DynamoDB's generic shape.
TEST_CASE("JsonOps: constraint validation", "[json][ops][errors]") {
  JsonDb t;
  t.Validation("PutItem", "{}",
               "2 validation errors detected: Value null at 'tableName' failed to satisfy "
               "constraint: Member must not be null; Value null at 'item' failed to satisfy "
               "constraint: Member must not be null");
  t.Validation("GetItem", R"({"TableName":"","Key":{}})",
               "1 validation error detected: Value '' at 'tableName' failed to satisfy "
               "constraint: Member must have length greater than or equal to 1");
  t.Validation("GetItem", R"({"TableName":"bad table!@#","Key":{}})",
               "1 validation error detected: Value 'bad table!@#' at 'tableName' failed to "
               "satisfy constraint: Member must satisfy regular expression pattern: "
               "[a-zA-Z0-9_.-]+");
  t.Validation("PutItem",
               R"({"TableName":"abc","Item":{},"ReturnConsumedCapacity":"hi",
                   "ReturnItemCollectionMetrics":"hi","ReturnValues":"hi"})",
               "3 validation errors detected: Value 'hi' at 'returnConsumedCapacity' failed to "
               "satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]; "
               "Value 'hi' at 'returnValues' failed to satisfy constraint: Member must satisfy "
               "enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]; Value 'hi' at "
               "'returnItemCollectionMetrics' failed to satisfy constraint: Member must satisfy "
               "enum value set: [SIZE, NONE]");
  t.Validation("DescribeTable", "{}",
               "1 validation error detected: Value null at 'tableName' failed to satisfy "
               "constraint: Member must not be null");
  t.Validation("CreateTable", R"({"AttributeDefinitions":[],"KeySchema":[]})",
               "The parameter 'TableName' is required but was not present in the request");
  t.Validation("CreateTable", R"({"TableName":"ab",
                   "AttributeDefinitions":[{"AttributeName":"a","AttributeType":"SS"}],
                   "KeySchema":[{"AttributeName":"a","KeyType":"INVALID"}]})",
               "3 validation errors detected: Value 'SS' at "
               "'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: "
               "Member must satisfy enum value set: [B, N, S]; Value 'ab' at 'tableName' failed "
               "to satisfy constraint: Member must have length greater than or equal to 3; Value "
               "'INVALID' at 'keySchema.1.member.keyType' failed to satisfy constraint: Member "
               "must satisfy enum value set: [HASH, RANGE]");
  t.Validation("CreateTable", R"({"TableName":"abc",
                   "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
                   "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
                                {"AttributeName":"sk","KeyType":"RANGE"},
                                {"AttributeName":"extra","KeyType":"RANGE"}]})",
               "1 validation error detected: Value '[KeySchemaElement(attributeName=pk, "
               "keyType=HASH), KeySchemaElement(attributeName=sk, keyType=RANGE), "
               "KeySchemaElement(attributeName=extra, keyType=RANGE)]' at 'keySchema' failed to "
               "satisfy constraint: Member must have length less than or equal to 2");
  t.Validation("CreateTable", R"({"TableName":"abc","AttributeDefinitions":[{}],
                   "KeySchema":[],"ProvisionedThroughput":{"ReadCapacityUnits":-1}})",
               "5 validation errors detected: Value null at "
               "'attributeDefinitions.1.member.attributeName' failed to satisfy constraint: "
               "Member must not be null; Value null at "
               "'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: "
               "Member must not be null; Value null at 'provisionedThroughput.writeCapacityUnits' "
               "failed to satisfy constraint: Member must not be null; Value '-1' at "
               "'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member "
               "must have value greater than or equal to 1; Value '[]' at 'keySchema' failed to "
               "satisfy constraint: Member must have length greater than or equal to 1");
}

// Why: wrong JSON types anywhere in a request are SerializationExceptions (reference 8.4).
TEST_CASE("JsonOps: wrong JSON types", "[json][ops][serialization]") {
  JsonDb t;
  t.Serialization("GetItem", R"({"TableName":5})", "NUMBER_VALUE cannot be converted to String");
  t.Serialization("PutItem", R"({"TableName":"T","Item":[]})",
                  "Unrecognized collection type java.util.Map<java.lang.String, "
                  "com.amazonaws.dynamodb.v20120810.AttributeValue>");
  t.Serialization("PutItem", R"({"TableName":"T","Item":{"a":{"N":1}}})",
                  "NUMBER_VALUE cannot be converted to String");
  t.Serialization("GetItem", R"({"TableName":"T","Key":{},"ConsistentRead":"yes"})",
                  "Unexpected token received from parser");
  t.Serialization("PutItem", R"({"TableName":"T","Item":{},"ExpressionAttributeNames":[]})",
                  "Unrecognized collection type java.util.Map<java.lang.String, java.lang.String>");
  t.Serialization("CreateTable", R"({"TableName":"abc","KeySchema":"x"})", "Unexpected field type");
  t.Serialization("CreateTable", R"({"TableName":"abc","KeySchema":[5]})",
                  "Unexpected value type in payload");
  t.Serialization("CreateTable", R"({"TableName":"abc","ProvisionedThroughput":[]})",
                  "Unrecognized collection type class "
                  "com.amazonaws.dynamodb.v20120810.ProvisionedThroughput");
  t.Serialization("CreateTable",
                  R"({"TableName":"abc","ProvisionedThroughput":{"ReadCapacityUnits":"1"}})",
                  "STRING_VALUE cannot be converted to Long");
  t.Serialization("PutItem", R"({"TableName":"T","Item":{"b":{"B":"abc"}}})",
                  "Base64 encoded length is expected a multiple of 4 bytes but found: 3");
  // A type error wins over constraint errors elsewhere in the request.
  t.Serialization("PutItem", R"({"ReturnValues":"bad","Item":{"a":{"S":7}}})",
                  "NUMBER_VALUE cannot be converted to String");
}

// Why: value errors have exact texts; {"NULL": false} is enveloped on writes only (2026).
TEST_CASE("JsonOps: attribute value errors", "[json][ops][errors]") {
  JsonDb t;
  t.Ok("CreateTable", kCreateOrders);
  t.Validation("PutItem", R"({"TableName":"Orders","Item":{"pk":{"S":"a"},"sk":{"N":"1"},"x":{}}})",
               "Supplied AttributeValue is empty, must contain exactly one of the supported "
               "datatypes");
  t.Validation(
      "PutItem",
      R"({"TableName":"Orders","Item":{"pk":{"S":"a"},"sk":{"N":"1"},"x":{"S":"a","BOOL":true}}})",
      "Supplied AttributeValue has more than one datatypes set, must contain exactly one "
      "of the supported datatypes");
  t.Validation(
      "PutItem",
      R"({"TableName":"Orders","Item":{"pk":{"S":"a"},"sk":{"N":"1"},"x":{"NULL":false}}})",
      "1 validation error detected: One or more parameter values were invalid: Null "
      "attribute value types must have the value of true");
  t.Validation("GetItem", R"({"TableName":"Orders","Key":{"pk":{"NULL":false}}})",
               "One or more parameter values were invalid: Null attribute value types must have "
               "the value of true");
  t.Validation("GetItem", R"({"TableName":"Orders","Key":{"pk":{"S":"a"},"sk":{"N":"1x"}}})",
               "The parameter cannot be converted to a numeric value: 1x");
  t.Validation("DeleteItem",
               R"js({"TableName":"Orders","Key":{"pk":{"S":"a"},"sk":{"N":"1"}},
                   "ConditionExpression":"attribute_exists(pk)",
                   "ExpressionAttributeValues":{":v":{}}})js",
               "ExpressionAttributeValues contains invalid value: Supplied AttributeValue is "
               "empty, must contain exactly one of the supported datatypes for key :v");
  // Constraint errors come before value errors.
  t.Validation("PutItem", R"({"Item":{"x":{}}})",
               "1 validation error detected: Value null at 'tableName' failed to satisfy "
               "constraint: Member must not be null");
}

// Why: dynarock models no streams and one table class, but a CreateTable DynamoDB rejects for
// these members must not create a table here (reference 4.1; the StreamViewType enum order and
// the stream texts as DynamoDB answered them in the live quirk catalogue, DDB-TABLE-035).
TEST_CASE("JsonOps: CreateTable checks TableClass and StreamSpecification", "[json][ops][errors]") {
  JsonDb t;
  const std::string base = R"("TableName":"Tbl","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST")";
  t.Validation("CreateTable", "{" + base + R"(,"TableClass":"COLD"})",
               "1 validation error detected: Value 'COLD' at 'tableClass' failed to satisfy "
               "constraint: Member must satisfy enum value set: [STANDARD, "
               "STANDARD_INFREQUENT_ACCESS]");
  t.Validation("CreateTable",
               "{" + base + R"(,"StreamSpecification":{"StreamEnabled":true,"StreamViewType":"BOTH"}})",
               "1 validation error detected: Value 'BOTH' at 'streamSpecification.streamViewType' "
               "failed to satisfy constraint: Member must satisfy enum value set: [OLD_IMAGE, "
               "KEYS_ONLY, NEW_AND_OLD_IMAGES, NEW_IMAGE]");
  t.Validation("CreateTable", "{" + base + R"(,"StreamSpecification":{"StreamViewType":"KEYS_ONLY"}})",
               "1 validation error detected: Value null at 'streamSpecification.streamEnabled' "
               "failed to satisfy constraint: Member must not be null");
  t.Validation("CreateTable", "{" + base + R"(,"StreamSpecification":{"StreamEnabled":true}})",
               "One or more parameter values were invalid: Table is being created with a stream "
               "enabled, UpdateViewType is required");
  t.Validation("CreateTable",
               "{" + base + R"(,"StreamSpecification":{"StreamEnabled":false,"StreamViewType":"NEW_IMAGE"}})",
               "One or more parameter values were invalid: Table is being created with a stream "
               "disabled, UpdateViewType should not be specified");
  t.Serialization("CreateTable",
                  "{" + base + R"(,"StreamSpecification":{"StreamEnabled":"true"}})",
                  "Unexpected token received from parser");
  t.Error("DescribeTable", R"({"TableName":"Tbl"})",
          "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
          "Requested resource not found: Table: Tbl not found");
  // Valid values are accepted (and not modelled: docs/compatibility.md).
  t.Ok("CreateTable", "{" + base +
                          R"(,"TableClass":"STANDARD","StreamSpecification":{"StreamEnabled":false}})");
}

// Why: an UpdateTable that carries only members dynarock does not model was refused with "At
// least one of ... is required", a message naming the very member sent. It is now checked as
// DynamoDB checks it (live catalogue DDB-TABLE-050/437) and accepted as a change to nothing;
// since no table has a stream, disabling one is DynamoDB's "no stream" error.
TEST_CASE("JsonOps: UpdateTable with members dynarock does not model", "[json][ops][errors]") {
  JsonDb t;
  t.Ok("CreateTable", kCreateOrders);
  for (const char* body :
       {R"({"TableName":"Orders","TableClass":"STANDARD"})",
        R"({"TableName":"Orders","OnDemandThroughput":{"MaxReadRequestUnits":100}})",
        R"({"TableName":"Orders","StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_IMAGE"}})"}) {
    INFO(body);
    Json r = t.Ok("UpdateTable", body);
    CHECK(r["TableDescription"]["TableName"] == "Orders");
  }
  t.Validation("UpdateTable", R"({"TableName":"Orders","StreamSpecification":{"StreamEnabled":false}})",
               "Table has no stream to disable: TableName: Orders");
  t.Validation("UpdateTable", R"({"TableName":"Orders","StreamSpecification":{"StreamEnabled":true}})",
               "One or more parameter values were invalid: If stream is being enabled then "
               "UpdateViewType is required");
  t.Validation("UpdateTable",
               R"({"TableName":"Orders","StreamSpecification":{"StreamEnabled":false,"StreamViewType":"KEYS_ONLY"}})",
               "One or more parameter values were invalid: If stream is being disabled, then "
               "UpdateViewType must not be specified");
  t.Validation("UpdateTable", R"({"TableName":"Orders","TableClass":""})",
               "1 validation error detected: Value '' at 'tableClass' failed to satisfy "
               "constraint: Member must satisfy enum value set: [STANDARD, "
               "STANDARD_INFREQUENT_ACCESS]");
  // One change per call (DDB-TABLE-433): SSE, then TableClass, named first.
  t.Validation("UpdateTable",
               R"({"TableName":"Orders","TableClass":"STANDARD","DeletionProtectionEnabled":true})",
               "One or more parameter values were invalid: TableClass modification must be the "
               "only operation in the request");
  t.Validation("UpdateTable",
               R"({"TableName":"Orders","TableClass":"STANDARD","SSESpecification":{"Enabled":true}})",
               "One or more parameter values were invalid: Server-Side Encryption modification "
               "must be the only operation in the request");
  CHECK(t.Ok("DescribeTable", R"({"TableName":"Orders"})")["Table"]["DeletionProtectionEnabled"] ==
        false);
  t.Error("UpdateTable", R"({"TableName":"Nope","TableClass":"STANDARD"})",
          "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
          "Requested resource not found: Table: Nope not found");
}

// Why: on the wire an empty ExpressionAttributeNames/Values object is DynamoDB's "must not be
// empty" error (reference 3.7), not "no map": before, every operation took {} as absent and ran
// the request. Enveloped on the single-item writes (EAN/EAV misuse family), bare elsewhere; the
// rejected write changes nothing.
TEST_CASE("JsonOps: empty ExpressionAttributeNames and ExpressionAttributeValues",
          "[json][ops][errors]") {
  JsonDb t;
  t.Ok("CreateTable", kCreateOrders);
  t.Ok("PutItem", R"({"TableName":"Orders","Item":{"pk":{"S":"a"},"sk":{"N":"1"},"n":{"N":"1"}}})");
  constexpr std::string_view kNames = "ExpressionAttributeNames must not be empty";
  constexpr std::string_view kValues = "ExpressionAttributeValues must not be empty";
  const std::string env = "1 validation error detected: ";
  t.Validation("Scan", R"({"TableName":"Orders","FilterExpression":"n = n","ExpressionAttributeValues":{}})",
               kValues);
  t.Validation("Scan", R"({"TableName":"Orders","ExpressionAttributeValues":{}})", kValues);
  t.Validation("Scan", R"({"TableName":"Orders","ProjectionExpression":"n","ExpressionAttributeNames":{}})",
               kNames);
  t.Validation("Query",
               R"({"TableName":"Orders","KeyConditionExpression":"pk = :p",
                   "ExpressionAttributeValues":{":p":{"S":"a"}},"ExpressionAttributeNames":{}})",
               kNames);
  t.Validation("GetItem",
               R"({"TableName":"Orders","Key":{"pk":{"S":"a"},"sk":{"N":"1"}},
                   "ProjectionExpression":"n","ExpressionAttributeNames":{}})",
               kNames);
  t.Validation("BatchGetItem",
               R"({"RequestItems":{"Orders":{"Keys":[{"pk":{"S":"a"},"sk":{"N":"1"}}],
                   "ExpressionAttributeNames":{}}}})",
               kNames);
  t.Validation("TransactGetItems",
               R"({"TransactItems":[{"Get":{"TableName":"Orders",
                   "Key":{"pk":{"S":"a"},"sk":{"N":"1"}},"ExpressionAttributeNames":{}}}]})",
               kNames);
  t.Validation("TransactWriteItems",
               R"({"TransactItems":[{"Update":{"TableName":"Orders",
                   "Key":{"pk":{"S":"a"},"sk":{"N":"1"}},"UpdateExpression":"SET n = n",
                   "ExpressionAttributeValues":{}}}]})",
               kValues);
  t.Validation("UpdateItem",
               R"({"TableName":"Orders","Key":{"pk":{"S":"a"},"sk":{"N":"1"}},
                   "UpdateExpression":"SET n = n","ExpressionAttributeValues":{}})",
               env + std::string(kValues));
  t.Validation("PutItem",
               R"js({"TableName":"Orders","Item":{"pk":{"S":"a"},"sk":{"N":"1"}},
                   "ConditionExpression":"attribute_exists(pk)","ExpressionAttributeNames":{}})js",
               env + std::string(kNames));
  t.Validation("DeleteItem",
               R"({"TableName":"Orders","Key":{"pk":{"S":"a"},"sk":{"N":"1"}},
                   "ExpressionAttributeNames":{},"ExpressionAttributeValues":{}})",
               env + std::string(kNames));
  // Nothing was written or deleted.
  CHECK(t.Ok("GetItem", R"({"TableName":"Orders","Key":{"pk":{"S":"a"},"sk":{"N":"1"}}})") ==
        ParseText(R"({"Item":{"pk":{"S":"a"},"sk":{"N":"1"},"n":{"N":"1"}}})"));
}

// Why: legacy condition parameters must not be silently ignored (they are evaluated; details
// in update_item_json_test.cc).
TEST_CASE("JsonOps: legacy parameters are evaluated", "[json][ops][errors]") {
  JsonDb t;
  t.Ok("CreateTable", kCreateOrders);
  constexpr std::string_view kPut = R"({"TableName":"Orders","Item":{"pk":{"S":"a"},"sk":{"N":"1"}},
                   "Expected":{"pk":{"Exists":false}}})";
  t.Ok("PutItem", kPut);
  t.Error("PutItem", kPut, 400,
          R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
              "message":"The conditional request failed"})");
}

}  // namespace
}  // namespace dynarock::json
