// Index reads and UpdateTable through HandleJsonRequest (issue 6): IndexName on Query and Scan,
// LastEvaluatedKey with index and table keys fed back as ExclusiveStartKey, the wire shape of
// UpdateTable (CREATING with Backfilling, then ACTIVE without it; DELETING), and its JSON-level
// errors.
#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "dynarock/database.h"
#include "dynarock/json_api.h"

#include "lib/api/database_impl.h"
#include "lib/api/json/request_reader.h"
#include "tests/testing/json_db.h"
#include "tests/testing/status_matchers.h"

namespace dynarock::json {
namespace {

using testing::ParseText;

class IndexDb : public testing::JsonDb {
 public:
  // Waits until no index backfill runs.
  void WaitIdle() { static_cast<DatabaseImpl&>(db()).index_builder().WaitIdle(); }
};

constexpr std::string_view kValidation = testing::kValidationType;

void Populate(IndexDb& db) {
  db.Ok("CreateTable", R"({
    "TableName": "Tbl",
    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                             {"AttributeName": "sk", "AttributeType": "N"}],
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                  {"AttributeName": "sk", "KeyType": "RANGE"}],
    "BillingMode": "PAY_PER_REQUEST"})");
  for (int i = 0; i < 12; ++i) {
    Json item = {{"pk", {{"S", "p" + std::to_string(i % 2)}}},
                 {"sk", {{"N", std::to_string(i)}}},
                 {"color", {{"S", i % 3 == 0 ? "red" : "blue"}}}};
    db.OkJson("PutItem", Json{{"TableName", "Tbl"}, {"Item", item}});
  }
}

// Why: the wire shape of an online index creation, and that the new index then answers a
// paged Query whose LastEvaluatedKey (index key plus table key) round-trips as JSON.
TEST_CASE("UpdateTable JSON: create a GSI, wait for it, page through it", "[json][index]") {
  IndexDb db;
  Populate(db);
  Json answer = db.Ok("UpdateTable", R"({
    "TableName": "Tbl",
    "AttributeDefinitions": [{"AttributeName": "color", "AttributeType": "S"}],
    "GlobalSecondaryIndexUpdates": [{"Create": {
      "IndexName": "ByColor",
      "KeySchema": [{"AttributeName": "color", "KeyType": "HASH"}],
      "Projection": {"ProjectionType": "KEYS_ONLY"}}}]})");
  const Json& d = answer["TableDescription"];
  CHECK(d["TableStatus"] == "UPDATING");
  REQUIRE(d["GlobalSecondaryIndexes"].size() == 1);
  CHECK(d["GlobalSecondaryIndexes"][0]["IndexStatus"] == "CREATING");
  CHECK(d["GlobalSecondaryIndexes"][0]["Backfilling"] == true);
  CHECK(d["AttributeDefinitions"].size() == 3);
  db.WaitIdle();
  Json described = db.Ok("DescribeTable", R"({"TableName": "Tbl"})");
  const Json& gsi = described["Table"]["GlobalSecondaryIndexes"][0];
  CHECK(gsi["IndexStatus"] == "ACTIVE");
  CHECK_FALSE(gsi.contains("Backfilling"));
  CHECK(gsi["ItemCount"] == 12);
  CHECK(described["Table"]["TableStatus"] == "ACTIVE");

  Json query = {{"TableName", "Tbl"},
                {"IndexName", "ByColor"},
                {"KeyConditionExpression", "color = :c"},
                {"ExpressionAttributeValues", {{":c", {{"S", "blue"}}}}},
                {"Limit", 3}};
  int seen = 0;
  for (int page = 0; page < 10; ++page) {
    Json r = db.OkJson("Query", query);
    seen += r["Count"].get<int>();
    if (!r.contains("LastEvaluatedKey")) break;
    const Json& lek = r["LastEvaluatedKey"];
    CHECK(lek.size() == 3);
    CHECK(lek["color"] == Json{{"S", "blue"}});
    query["ExclusiveStartKey"] = lek;
  }
  CHECK(seen == 8);
  Json scan = db.Ok("Scan", R"({"TableName": "Tbl", "IndexName": "ByColor", "Select": "COUNT"})");
  CHECK(scan["Count"] == 12);
  CHECK_FALSE(scan.contains("Items"));

  answer = db.Ok("UpdateTable", R"({"TableName": "Tbl", "GlobalSecondaryIndexUpdates": [
    {"Delete": {"IndexName": "ByColor"}}]})");
  CHECK(answer["TableDescription"]["GlobalSecondaryIndexes"][0]["IndexStatus"] == "DELETING");
  db.WaitIdle();
  described = db.Ok("DescribeTable", R"({"TableName": "Tbl"})");
  CHECK_FALSE(described["Table"].contains("GlobalSecondaryIndexes"));
}

// Why: the UpdateTable errors that come from the wire (constraints and enums) and DynamoDB's
// index read errors as JSON error bodies.
TEST_CASE("UpdateTable JSON: errors", "[json][index]") {
  IndexDb db;
  Populate(db);
  db.Error("UpdateTable", R"({"TableName": "Tbl", "BillingMode": "CHEAP"})", kValidation,
           "1 validation error detected: Value 'CHEAP' at 'billingMode' failed to satisfy "
           "constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
  db.Error("UpdateTable", R"({"TableName": "Tbl"})", kValidation,
           "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
           "GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, "
           "MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, "
           "DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is "
           "required");
  db.Error(
      "UpdateTable",
      R"({"TableName": "Tbl", "GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "Nope"}},
               {"Create": {"IndexName": "Other", "KeySchema": [{"AttributeName": "x",
               "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}}]})",
      "com.amazonaws.dynamodb.v20120810#LimitExceededException",
      "Subscriber limit exceeded: Only 1 online index can be created or deleted "
      "simultaneously per table");
  db.Error("Query",
           R"({"TableName": "Tbl", "IndexName": "Missing", "KeyConditionExpression": "pk = :p",
               "ExpressionAttributeValues": {":p": {"S": "p0"}}})",
           kValidation, "The table does not have the specified index: Missing");
}

}  // namespace
}  // namespace dynarock::json
