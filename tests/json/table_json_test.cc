// Tests of lib/api/json/table_json: TableDescription members for secondary indexes (the engine
// does not create indexes yet, so the writer is tested directly) and the request paths of index
// members in constraint messages.
#include "lib/api/json/table_json.h"

#include <string>

#include <catch2/catch.hpp>

#include "dynarock/database.h"
#include "dynarock/json_api.h"

#include "tests/testing/json_db.h"
#include "tests/testing/status_matchers.h"

namespace dynarock::json {
namespace {

using testing::ParseText;

// Why: index descriptions carry DynamoDB's member names; Backfilling only while set (4.20).
TEST_CASE("TableJson: index descriptions", "[json][table]") {
  TableDescription d{
      .table_name = "T",
      .attribute_definitions = {{"pk", ScalarType::kS}, {"sk", ScalarType::kN}},
      .creation_date_time = 1700000000.5,
      .global_secondary_indexes = {{.index_name = "g",
                                    .key_schema = {{"sk", KeyType::kHash}},
                                    .projection = {.non_key_attributes = {"a", "b"},
                                                   .projection_type = ProjectionType::kInclude},
                                    .index_status = IndexStatus::kCreating,
                                    .backfilling = true,
                                    .provisioned_throughput = {0, 1, 2},
                                    .index_size_bytes = 10,
                                    .item_count = 1,
                                    .index_arn = "arn:x/index/g"}},
      .item_count = 3,
      .key_schema = {{"pk", KeyType::kHash}, {"sk", KeyType::kRange}},
      .local_secondary_indexes = {{.index_name = "l",
                                   .key_schema = {{"pk", KeyType::kHash}, {"sk", KeyType::kRange}},
                                   .projection = {.projection_type = ProjectionType::kKeysOnly},
                                   .index_arn = "arn:x/index/l"}},
      .provisioned_throughput = {0, 5, 5},
      .table_arn = "arn:x",
      .table_id = "id",
      .table_size_bytes = 99,
      .table_status = TableStatus::kUpdating,
  };
  std::string out;
  JsonWriter w(&out);
  WriteTableDescription(d, &w);
  CHECK(ParseText(out) == ParseText(R"({
    "AttributeDefinitions": [{"AttributeName":"pk","AttributeType":"S"},
                             {"AttributeName":"sk","AttributeType":"N"}],
    "TableName": "T",
    "KeySchema": [{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
    "TableStatus": "UPDATING",
    "CreationDateTime": 1700000000.5,
    "ProvisionedThroughput": {"NumberOfDecreasesToday":0,"ReadCapacityUnits":5,"WriteCapacityUnits":5},
    "TableSizeBytes": 99,
    "ItemCount": 3,
    "TableArn": "arn:x",
    "TableId": "id",
    "LocalSecondaryIndexes": [{
      "IndexName": "l",
      "KeySchema": [{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
      "Projection": {"ProjectionType": "KEYS_ONLY"},
      "IndexSizeBytes": 0, "ItemCount": 0, "IndexArn": "arn:x/index/l"}],
    "GlobalSecondaryIndexes": [{
      "IndexName": "g",
      "KeySchema": [{"AttributeName":"sk","KeyType":"HASH"}],
      "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["a","b"]},
      "IndexStatus": "CREATING",
      "Backfilling": true,
      "ProvisionedThroughput": {"NumberOfDecreasesToday":0,"ReadCapacityUnits":1,"WriteCapacityUnits":2},
      "IndexSizeBytes": 10, "ItemCount": 1, "IndexArn": "arn:x/index/g"}]
  })"));
  CHECK(out.find("1700000000.5") != std::string::npos);  // plain notation, not 1.7e+09
}

// Why: constraint paths inside index lists name the element as DynamoDB does (1-based).
TEST_CASE("TableJson: index member constraint paths", "[json][table][errors]") {
  auto db = Database::OpenInMemory();
  REQUIRE_OK(db);
  JsonResponse r = HandleJsonRequest(**db, "CreateTable", R"({
    "TableName": "abc",
    "AttributeDefinitions": [{"AttributeName":"pk","AttributeType":"S"}],
    "KeySchema": [{"AttributeName":"pk","KeyType":"HASH"}],
    "GlobalSecondaryIndexes": [
      {"IndexName":"good","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
       "Projection":{"ProjectionType":"ALL"}},
      {"IndexName":"x!","KeySchema":[{"AttributeName":"pk","KeyType":"SIDEWAYS"}],
       "Projection":{"ProjectionType":"SOME","NonKeyAttributes":[]},
       "ProvisionedThroughput":{"ReadCapacityUnits":0,"WriteCapacityUnits":1}}],
    "LocalSecondaryIndexes": [{"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}],
    "Tags": [{"Key":""}]
  })");
  CHECK(r.http_status == 400);
  CHECK(ParseText(r.body) ==
        Json{{"__type", "com.amazon.coral.validate#ValidationException"},
             {"message",
              "10 validation errors detected: "
              "Value null at 'localSecondaryIndexes.1.member.indexName' failed to satisfy "
              "constraint: Member must not be null; "
              "Value null at 'localSecondaryIndexes.1.member.projection' failed to satisfy "
              "constraint: Member must not be null; "
              "Value 'x!' at 'globalSecondaryIndexes.2.member.indexName' failed to satisfy "
              "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
              "Value 'x!' at 'globalSecondaryIndexes.2.member.indexName' failed to satisfy "
              "constraint: Member must have length greater than or equal to 3; "
              "Value 'SIDEWAYS' at 'globalSecondaryIndexes.2.member.keySchema.1.member.keyType' "
              "failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]; "
              "Value 'SOME' at 'globalSecondaryIndexes.2.member.projection.projectionType' "
              "failed to satisfy constraint: Member must satisfy enum value set: [ALL, INCLUDE, "
              "KEYS_ONLY]; "
              "Value '[]' at 'globalSecondaryIndexes.2.member.projection.nonKeyAttributes' "
              "failed to satisfy constraint: Member must have length greater than or equal to 1; "
              "Value '0' at "
              "'globalSecondaryIndexes.2.member.provisionedThroughput.readCapacityUnits' failed "
              "to satisfy constraint: Member must have value greater than or equal to 1; "
              "Value '' at 'tags.1.member.key' failed to satisfy constraint: Member must have "
              "length greater than or equal to 1; "
              "Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not "
              "be null"}});
}

}  // namespace
}  // namespace dynarock::json
