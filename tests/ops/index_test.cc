// Secondary indexes (issue 6): CreateTable with GSIs and LSIs and its validation, DescribeTable
// of indexes, write-time index key validation, and atomic index maintenance checked by the
// consistency checker (tests/testing/index_checker.h) after a randomised mixed workload and
// after a reopen.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cctype>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "dynarock/database.h"
#include "tests/testing/index_checker.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace dynarock {
namespace {

using testing::CheckIndexes;
using testing::DbKind;
using testing::HashRangeTable;
using testing::HashTable;
using testing::IndexCheckReport;
using testing::TestDb;

constexpr std::string_view kInvalid = "One or more parameter values were invalid: ";

// pk S, sk N; GSI ByStatus (status S, ts N; INCLUDE note, tags), GSI ByOwner (owner S;
// KEYS_ONLY), LSI ByScore (pk, score N; ALL). Every index is sparse.
CreateTableRequest IndexedTable(std::string name) {
  CreateTableRequest r = HashRangeTable(std::move(name), ScalarType::kS, ScalarType::kN);
  r.attribute_definitions.push_back({"status", ScalarType::kS});
  r.attribute_definitions.push_back({"ts", ScalarType::kN});
  r.attribute_definitions.push_back({"owner", ScalarType::kS});
  r.attribute_definitions.push_back({"score", ScalarType::kN});
  r.global_secondary_indexes = {
      {.index_name = "ByStatus",
       .key_schema = {{"status", KeyType::kHash}, {"ts", KeyType::kRange}},
       .projection = {.non_key_attributes = {"note", "tags"},
                      .projection_type = ProjectionType::kInclude}},
      {.index_name = "ByOwner",
       .key_schema = {{"owner", KeyType::kHash}},
       .projection = {.projection_type = ProjectionType::kKeysOnly}}};
  r.local_secondary_indexes = {{.index_name = "ByScore",
                                .key_schema = {{"pk", KeyType::kHash}, {"score", KeyType::kRange}},
                                .projection = {.projection_type = ProjectionType::kAll}}};
  return r;
}

void RequireConsistent(Database& db, std::string_view table) {
  IndexCheckReport report = CheckIndexes(db, table);
  INFO(report.Summary());
  REQUIRE(report.problems.empty());
}

const GlobalSecondaryIndexDescription* FindGsi(const TableDescription& d, std::string_view name) {
  for (const auto& g : d.global_secondary_indexes) {
    if (g.index_name == name) return &g;
  }
  return nullptr;
}

// Why: DescribeTable must report each index with DynamoDB's members and exact counters.
TEST_CASE("Indexes: CreateTable declares GSIs and LSIs and DescribeTable reports them",
          "[ops][indexes]") {
  TestDb t;
  auto created = t->CreateTable(IndexedTable("Tbl"));
  REQUIRE_OK(created);
  const TableDescription& d = created->table_description;
  REQUIRE(d.global_secondary_indexes.size() == 2);
  REQUIRE(d.local_secondary_indexes.size() == 1);
  const GlobalSecondaryIndexDescription* by_status = FindGsi(d, "ByStatus");
  REQUIRE(by_status != nullptr);
  CHECK(by_status->index_status == IndexStatus::kActive);
  CHECK_FALSE(by_status->backfilling.has_value());
  CHECK(by_status->index_arn == d.table_arn + "/index/ByStatus");
  CHECK(by_status->projection.projection_type == ProjectionType::kInclude);
  CHECK(by_status->projection.non_key_attributes == std::vector<std::string>{"note", "tags"});
  CHECK(by_status->key_schema ==
        std::vector<KeySchemaElement>{{"status", KeyType::kHash}, {"ts", KeyType::kRange}});
  CHECK(by_status->provisioned_throughput.read_capacity_units == 0);  // on-demand
  CHECK(d.local_secondary_indexes[0].index_arn == d.table_arn + "/index/ByScore");

  REQUIRE_OK(t->PutItem({.table_name = "Tbl",
                         .item = {{"pk", "a"},
                                  {"sk", N("1")},
                                  {"status", "open"},
                                  {"ts", N("5")},
                                  {"note", "hi"},
                                  {"other", "x"}}}));
  REQUIRE_OK(t->PutItem({.table_name = "Tbl", .item = {{"pk", "a"}, {"sk", N("2")}}}));
  auto described = t->DescribeTable({.table_name = "Tbl"});
  REQUIRE_OK(described);
  const TableDescription& after = described->table;
  by_status = FindGsi(after, "ByStatus");
  REQUIRE(by_status != nullptr);
  CHECK(by_status->item_count == 1);
  // Projected (names + values; a one-digit number is 2 bytes): pk 2+1, sk 2+2, status 6+4,
  // ts 2+2, note 4+2 = 27 bytes; "other" is not projected.
  CHECK(by_status->index_size_bytes == 27);
  const GlobalSecondaryIndexDescription* by_owner = FindGsi(after, "ByOwner");
  REQUIRE(by_owner != nullptr);
  CHECK(by_owner->item_count == 0);  // sparse: no item has an owner
  CHECK(after.local_secondary_indexes[0].item_count == 0);
  RequireConsistent(t.db(), "Tbl");
}

// Why: GSIs of a PROVISIONED table carry their own throughput, described like the table's.
TEST_CASE("Indexes: GSI throughput on a PROVISIONED table", "[ops][indexes]") {
  TestDb t;
  CreateTableRequest r = HashTable("Prov");
  r.billing_mode = BillingMode::kProvisioned;
  r.provisioned_throughput = ProvisionedThroughput{5, 6};
  r.attribute_definitions.push_back({"g", ScalarType::kB});
  r.global_secondary_indexes = {{.index_name = "Gsi1",
                                 .key_schema = {{"g", KeyType::kHash}},
                                 .projection = {.projection_type = ProjectionType::kAll},
                                 .provisioned_throughput = ProvisionedThroughput{3, 4}}};
  REQUIRE_OK(t->CreateTable(r));
  auto d = t->DescribeTable({.table_name = "Prov"});
  REQUIRE_OK(d);
  REQUIRE(d->table.global_secondary_indexes.size() == 1);
  const auto& g = d->table.global_secondary_indexes[0];
  CHECK(g.provisioned_throughput.read_capacity_units == 3);
  CHECK(g.provisioned_throughput.write_capacity_units == 4);
  CHECK(g.provisioned_throughput.number_of_decreases_today == 0);
}

// An UpdateItem on "Tbl" whose expression writes every attribute as #name (most names here are
// reserved words); ExpressionAttributeNames is derived from the expression.
UpdateItemRequest Update(Item key, std::string expression, ExpressionAttributeValues values = {}) {
  UpdateItemRequest u{.table_name = "Tbl", .key = std::move(key)};
  for (size_t i = expression.find('#'); i != std::string::npos; i = expression.find('#', i + 1)) {
    size_t end = i + 1;
    while (end < expression.size() && (std::isalnum(static_cast<unsigned char>(expression[end])) ||
                                       expression[end] == '_')) {
      ++end;
    }
    u.expression_attribute_names[expression.substr(i, end - i)] = expression.substr(i + 1, end - i - 1);
  }
  u.expression_attribute_values = std::move(values);
  u.update_expression = std::move(expression);
  return u;
}

// The request is rejected with `message` and creates nothing.
void RequireRejected(TestDb& t, const CreateTableRequest& r, std::string_view message) {
  REQUIRE_ERROR(t->CreateTable(r), ErrorType::kValidation, message);
  auto list = t->ListTables({});
  REQUIRE_OK(list);
  CHECK(list->table_names.empty());
}

// Why: each CreateTable index mistake has its own DynamoDB message (reference 4.1).
// Why: DynamoDB describes AttributeDefinitions and NonKeyAttributes sorted by name whatever the
// request's order (live catalogue DDB-TABLE-125); tools that diff desired and observed state
// depend on it.
TEST_CASE("Indexes: descriptions list definitions and projected attributes by name",
          "[ops][indexes]") {
  TestDb t;
  CreateTableRequest r = HashTable("Sorted");
  r.attribute_definitions.push_back({"z", ScalarType::kS});
  r.attribute_definitions.push_back({"a", ScalarType::kN});
  r.global_secondary_indexes = {
      {.index_name = "ByZ",
       .key_schema = {{"z", KeyType::kHash}, {"a", KeyType::kRange}},
       .projection = {.non_key_attributes = {"zz", "mm", "aa"},
                      .projection_type = ProjectionType::kInclude}}};
  REQUIRE_OK(t->CreateTable(r));
  auto d = t->DescribeTable({.table_name = "Sorted"});
  REQUIRE_OK(d);
  std::vector<std::string> names;
  for (const AttributeDefinition& a : d->table.attribute_definitions) {
    names.push_back(a.attribute_name);
  }
  CHECK(names == std::vector<std::string>{"a", "pk", "z"});
  REQUIRE(d->table.global_secondary_indexes.size() == 1);
  CHECK(d->table.global_secondary_indexes[0].projection.non_key_attributes ==
        std::vector<std::string>{"aa", "mm", "zz"});
}

TEST_CASE("Indexes: CreateTable validation", "[ops][indexes]") {
  TestDb t;
  CreateTableRequest r = IndexedTable("Tbl");
  SECTION("LSI on a table without a range key") {
    CreateTableRequest h = HashTable("Hash");
    h.attribute_definitions.push_back({"score", ScalarType::kN});
    h.local_secondary_indexes = {{.index_name = "Lsi1",
                                  .key_schema = {{"pk", KeyType::kHash}, {"score", KeyType::kRange}},
                                  .projection = {.projection_type = ProjectionType::kAll}}};
    RequireRejected(t, h,
                    std::string(kInvalid) +
                        "Table KeySchema does not have a range key, which is required when "
                        "specifying a LocalSecondaryIndex");
  }
  SECTION("LSI without a range key") {
    r.local_secondary_indexes[0].key_schema = {{"pk", KeyType::kHash}};
    r.attribute_definitions.pop_back();  // score is then unused
    RequireRejected(t, r,
                    std::string(kInvalid) +
                        "Index KeySchema does not have a range key for index: ByScore");
  }
  SECTION("LSI with another hash key") {
    r.local_secondary_indexes[0].key_schema = {{"owner", KeyType::kHash},
                                               {"score", KeyType::kRange}};
    RequireRejected(t, r,
                    std::string(kInvalid) +
                        "Index KeySchema does not have the same leading hash key as table "
                        "KeySchema for index: ByScore. index hash key: owner, table hash key: pk");
  }
  SECTION("duplicate names across GSIs and LSIs") {
    r.global_secondary_indexes[1].index_name = "ByScore";
    RequireRejected(t, r, std::string(kInvalid) + "Duplicate index name: ByScore");
  }
  SECTION("too many GSIs") {
    CreateTableRequest many = HashTable("Many");
    many.attribute_definitions.push_back({"g", ScalarType::kS});
    for (int i = 0; i < 21; ++i) {
      many.global_secondary_indexes.push_back(
          {.index_name = "G" + std::to_string(100 + i),
           .key_schema = {{"g", KeyType::kHash}},
           .projection = {.projection_type = ProjectionType::kKeysOnly}});
    }
    RequireRejected(
        t, many,
        std::string(kInvalid) + "GlobalSecondaryIndex count exceeds the per-table limit of 20");
    many.global_secondary_indexes.pop_back();
    REQUIRE_OK(t->CreateTable(many));  // 20 is allowed
  }
  SECTION("too many LSIs") {
    for (int i = 0; i < 5; ++i) r.local_secondary_indexes.push_back(r.local_secondary_indexes[0]);
    for (size_t i = 0; i < r.local_secondary_indexes.size(); ++i) {
      r.local_secondary_indexes[i].index_name = "L" + std::to_string(100 + i);
    }
    RequireRejected(
        t, r, std::string(kInvalid) + "Number of LocalSecondaryIndexes exceeds per-table limit of 5");
  }
  SECTION("INCLUDE without NonKeyAttributes") {
    r.global_secondary_indexes[0].projection.non_key_attributes.clear();
    RequireRejected(t, r,
                    std::string(kInvalid) +
                        "ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
  }
  SECTION("KEYS_ONLY with NonKeyAttributes") {
    r.global_secondary_indexes[1].projection.non_key_attributes = {"x"};
    RequireRejected(t, r,
                    std::string(kInvalid) +
                        "ProjectionType is KEYS_ONLY, but NonKeyAttributes is specified");
  }
  SECTION("ALL with NonKeyAttributes") {
    r.local_secondary_indexes[0].projection.non_key_attributes = {"x"};
    RequireRejected(
        t, r, std::string(kInvalid) + "ProjectionType is ALL, but NonKeyAttributes is specified");
  }
  SECTION("no ProjectionType") {
    r.global_secondary_indexes[1].projection.projection_type.reset();
    RequireRejected(t, r, std::string(kInvalid) + "Unknown ProjectionType: null");
  }
  SECTION("duplicate NonKeyAttributes") {
    r.global_secondary_indexes[0].projection.non_key_attributes = {"a", "b", "a"};
    RequireRejected(t, r, std::string(kInvalid) + "Duplicate element in NonKeyAttributes: a");
  }
  SECTION("more than 20 NonKeyAttributes in one index") {
    std::vector<std::string> names;
    std::string rendered = "[";
    for (int i = 0; i < 21; ++i) {
      names.push_back("a" + std::to_string(i));
      rendered += (i > 0 ? ", " : "") + names.back();
    }
    rendered += "]";
    r.global_secondary_indexes[0].projection.non_key_attributes = names;
    RequireRejected(t, r,
                    "1 validation error detected: Value '" + rendered +
                        "' at 'globalSecondaryIndexes.1.member.projection.nonKeyAttributes' failed "
                        "to satisfy constraint: Member must have length less than or equal to 20");
  }
  SECTION("more than 100 NonKeyAttributes over all indexes") {
    CreateTableRequest many = HashTable("Many");
    many.attribute_definitions.push_back({"g", ScalarType::kS});
    for (int i = 0; i < 6; ++i) {
      GlobalSecondaryIndex g{.index_name = "G" + std::to_string(100 + i),
                             .key_schema = {{"g", KeyType::kHash}},
                             .projection = {.projection_type = ProjectionType::kInclude}};
      for (int j = 0; j < 17; ++j) g.projection.non_key_attributes.push_back("a" + std::to_string(j));
      many.global_secondary_indexes.push_back(std::move(g));
    }
    RequireRejected(
        t, many,
        std::string(kInvalid) + "Number of projected attributes in all indexes exceeds limit of 100");
  }
  SECTION("index name constraints") {
    r.global_secondary_indexes[1].index_name = "a!";
    RequireRejected(t, r,
                    "2 validation errors detected: Value 'a!' at "
                    "'globalSecondaryIndexes.2.member.indexName' failed to satisfy constraint: "
                    "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value 'a!' "
                    "at 'globalSecondaryIndexes.2.member.indexName' failed to satisfy "
                    "constraint: Member must have length greater than or equal to 3");
  }
  SECTION("index key attribute not defined") {
    r.attribute_definitions.pop_back();  // score
    RequireRejected(t, r,
                    std::string(kInvalid) +
                        "Some index key attributes are not defined in AttributeDefinitions. "
                        "Keys: [score], AttributeDefinitions: [owner, pk, sk, status, ts]");
  }
  SECTION("definition not used") {
    r.attribute_definitions.push_back({"unused", ScalarType::kS});
    RequireRejected(t, r,
                    std::string(kInvalid) +
                        "Some AttributeDefinitions are not used. AttributeDefinitions: [owner, "
                        "pk, score, sk, status, ts, unused], keys used: [owner, pk, score, sk, "
                        "status, ts]");
  }
  SECTION("GSI key schema: RANGE first") {
    r.global_secondary_indexes[0].key_schema = {{"ts", KeyType::kRange},
                                                {"status", KeyType::kHash}};
    RequireRejected(t, r, "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  }
  SECTION("GSI throughput on a PAY_PER_REQUEST table") {
    r.global_secondary_indexes[1].provisioned_throughput = ProvisionedThroughput{1, 1};
    RequireRejected(t, r,
                    std::string(kInvalid) +
                        "ProvisionedThroughput should not be specified for index: ByOwner when "
                        "BillingMode is PAY_PER_REQUEST");
  }
  SECTION("GSI without throughput on a PROVISIONED table") {
    r.billing_mode = BillingMode::kProvisioned;
    r.provisioned_throughput = ProvisionedThroughput{1, 1};
    RequireRejected(t, r,
                    std::string(kInvalid) + "ProvisionedThroughput is not specified for index: "
                                            "ByStatus");
  }
  SECTION("GSI throughput below 1") {
    r.billing_mode = BillingMode::kProvisioned;
    r.provisioned_throughput = ProvisionedThroughput{1, 1};
    r.global_secondary_indexes[0].provisioned_throughput = ProvisionedThroughput{0, 1};
    r.global_secondary_indexes[1].provisioned_throughput = ProvisionedThroughput{1, 1};
    RequireRejected(t, r,
                    "1 validation error detected: Value '0' at "
                    "'globalSecondaryIndexes.1.member.provisionedThroughput.readCapacityUnits' "
                    "failed to satisfy constraint: Member must have value greater than or equal "
                    "to 1");
  }
}

// Why: DynamoDB rejects a write whose index key attribute has the wrong type or is empty, and
// the rejected write must change nothing.
TEST_CASE("Indexes: index key values are validated on writes", "[ops][indexes]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(IndexedTable("Tbl")));
  const Item good = {{"pk", "a"}, {"sk", N("1")}, {"status", "s"}, {"ts", N("1")}};
  REQUIRE_OK(t->PutItem({.table_name = "Tbl", .item = good}));
  SECTION("PutItem, wrong type") {
    Item bad = good;
    bad["status"] = N("3");
    REQUIRE_ERROR(t->PutItem({.table_name = "Tbl", .item = bad}), ErrorType::kValidation,
                  std::string(kInvalid) +
                      "Type mismatch for Index Key status Expected: S Actual: N IndexName: "
                      "ByStatus");
  }
  SECTION("PutItem, several indexes fail: the alphabetically first is named") {
    Item bad = good;
    bad["status"] = N("3");
    bad["owner"] = true;
    REQUIRE_ERROR(t->PutItem({.table_name = "Tbl", .item = bad}), ErrorType::kValidation,
                  std::string(kInvalid) +
                      "Type mismatch for Index Key owner Expected: S Actual: BOOL IndexName: "
                      "ByOwner");
  }
  SECTION("PutItem, NULL index key") {
    Item bad = good;
    bad["score"] = Null();
    REQUIRE_ERROR(t->PutItem({.table_name = "Tbl", .item = bad}), ErrorType::kValidation,
                  std::string(kInvalid) +
                      "Type mismatch for Index Key score Expected: N Actual: NULL IndexName: "
                      "ByScore");
  }
  SECTION("PutItem, empty string") {
    Item bad = good;
    bad["owner"] = "";
    REQUIRE_ERROR(t->PutItem({.table_name = "Tbl", .item = bad}), ErrorType::kValidation,
                  "One or more parameter values are not valid. A value specified for a secondary "
                  "index key is not supported. The AttributeValue for a key attribute cannot "
                  "contain an empty string value. IndexName: ByOwner, IndexKey: owner");
  }
  SECTION("PutItem, index key over 2048 bytes") {
    // DynamoDB's text for index keys (real error reports: dynalite#35,
    // wellcomecollection/platform#2285), not the table key's.
    Item bad = good;
    bad["status"] = std::string(2049, 's');
    REQUIRE_ERROR(t->PutItem({.table_name = "Tbl", .item = bad}), ErrorType::kValidation,
                  std::string(kInvalid) +
                      "Size limit exceeded for Index Key status Actual Size: 2049 bytes Max Size: "
                      "2048 bytes IndexName: ByStatus");
  }
  SECTION("UpdateItem, index key over 2048 bytes") {
    REQUIRE_ERROR(t->UpdateItem(Update({{"pk", "a"}, {"sk", N("1")}}, "SET #status = :v",
                                       {{":v", std::string(2049, 's')}})),
                  ErrorType::kValidation,
                  "The update expression attempted to update the secondary index key beyond "
                  "allowed size limits");
  }
  SECTION("UpdateItem, wrong type") {
    REQUIRE_ERROR(t->UpdateItem(Update({{"pk", "a"}, {"sk", N("1")}}, "SET #ts = :v, #status = :v",
                                       {{":v", N("1")}})),
                  ErrorType::kValidation,
                  "The update expression attempted to update the secondary index key to "
                  "unsupported type");
  }
  SECTION("UpdateItem, empty string") {
    REQUIRE_ERROR(t->UpdateItem(
                      Update({{"pk", "a"}, {"sk", N("1")}}, "SET #status = :v", {{":v", ""}})),
                  ErrorType::kValidation,
                  "One or more parameter values are not valid. The update expression attempted "
                  "to update a secondary index key to a value that is not supported. The "
                  "AttributeValue for a key attribute cannot contain an empty string value.");
  }
  auto got = t->GetItem({.table_name = "Tbl", .key = {{"pk", "a"}, {"sk", N("1")}}});
  REQUIRE_OK(got);
  CHECK(got->item == std::optional<Item>(good));
  RequireConsistent(t.db(), "Tbl");
}

// Why: each kind of change to an index attribute (add, change, remove, delete the item) must
// move, rewrite or drop exactly the right entries, and the counters must follow.
TEST_CASE("Indexes: entries follow puts, updates and deletes", "[ops][indexes]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(IndexedTable("Tbl")));
  const Item key = {{"pk", "a"}, {"sk", N("1")}};
  auto counts = [&t]() {
    auto d = t->DescribeTable({.table_name = "Tbl"});
    REQUIRE_OK(d);
    std::map<std::string, int64_t> out;
    for (const auto& g : d->table.global_secondary_indexes) out[g.index_name] = g.item_count;
    for (const auto& l : d->table.local_secondary_indexes) out[l.index_name] = l.item_count;
    return out;
  };
  using Counts = std::map<std::string, int64_t>;
  REQUIRE_OK(t->PutItem({.table_name = "Tbl", .item = key}));
  CHECK(counts() == Counts{{"ByOwner", 0}, {"ByScore", 0}, {"ByStatus", 0}});
  REQUIRE_OK(t->UpdateItem(
      Update(key, "SET #owner = :o, #score = :s", {{":o", "me"}, {":s", N("7")}})));
  CHECK(counts() == Counts{{"ByOwner", 1}, {"ByScore", 1}, {"ByStatus", 0}});
  RequireConsistent(t.db(), "Tbl");
  // ByStatus needs both status and ts.
  REQUIRE_OK(t->UpdateItem(Update(key, "SET #status = :s", {{":s", "open"}})));
  CHECK(counts() == Counts{{"ByOwner", 1}, {"ByScore", 1}, {"ByStatus", 0}});
  REQUIRE_OK(t->UpdateItem(
      Update(key, "SET #ts = :t, #owner = :o", {{":t", N("3")}, {":o", "you"}})));
  CHECK(counts() == Counts{{"ByOwner", 1}, {"ByScore", 1}, {"ByStatus", 1}});
  RequireConsistent(t.db(), "Tbl");
  // A non-projected change rewrites only the ALL index; a projected one the INCLUDE index.
  REQUIRE_OK(t->UpdateItem(
      Update(key, "SET #note = :n, #extra = :x", {{":n", "note"}, {":x", N("1")}})));
  RequireConsistent(t.db(), "Tbl");
  REQUIRE_OK(t->UpdateItem(Update(key, "REMOVE #owner, #score")));
  CHECK(counts() == Counts{{"ByOwner", 0}, {"ByScore", 0}, {"ByStatus", 1}});
  RequireConsistent(t.db(), "Tbl");
  REQUIRE_OK(t->DeleteItem({.table_name = "Tbl", .key = key}));
  CHECK(counts() == Counts{{"ByOwner", 0}, {"ByScore", 0}, {"ByStatus", 0}});
  RequireConsistent(t.db(), "Tbl");
}

// A random value of a small domain, so index keys collide and items move between partitions.
class Workload {
 public:
  explicit Workload(uint64_t seed) : rng_(seed) {}

  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(int percent) { return Uniform(1, 100) <= percent; }

  Item Key() {
    return {{"pk", "p" + std::to_string(Uniform(0, 39))}, {"sk", N(std::to_string(Uniform(0, 49)))}};
  }
  AttributeValue Status() { return "st" + std::to_string(Uniform(0, 3)); }
  AttributeValue Ts() { return N(std::to_string(Uniform(-3, 3)) + "." + std::to_string(Uniform(0, 9))); }
  AttributeValue Owner() { return "o" + std::to_string(Uniform(0, 9)); }
  AttributeValue Score() { return N(std::to_string(Uniform(-5, 5))); }
  AttributeValue Note() { return std::string(static_cast<size_t>(Uniform(0, 30)), 'n'); }
  AttributeValue Tags() {
    // Elements in random order (not canonical), as applications send them.
    std::vector<std::string> tags;
    for (int i = Uniform(1, 4); i > 0; --i) tags.push_back("t" + std::to_string(Uniform(0, 20)));
    std::sort(tags.begin(), tags.end());
    tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
    std::shuffle(tags.begin(), tags.end(), rng_);
    return SS(tags);
  }

  Item RandomItem() {
    Item item = Key();
    if (Chance(70)) item["status"] = Status();
    if (Chance(70)) item["ts"] = Ts();
    if (Chance(50)) item["owner"] = Owner();
    if (Chance(60)) item["score"] = Score();
    if (Chance(50)) item["note"] = Note();
    if (Chance(40)) item["tags"] = Tags();
    if (Chance(50)) item["other"] = N(std::to_string(Uniform(0, 1000000)));
    return item;
  }

  // An update touching each attribute at most once: SET or REMOVE of index key attributes and
  // projected and unprojected attributes, and ADD to a set.
  UpdateItemRequest RandomUpdate(std::string table) {
    UpdateItemRequest u{.table_name = std::move(table), .key = Key()};
    std::string set, remove, add;
    auto append = [](std::string* clause, const std::string& action) {
      if (!clause->empty()) *clause += ", ";
      *clause += action;
    };
    auto maybe = [&](const std::string& name, AttributeValue (Workload::*make)()) {
      const int r = Uniform(0, 5);
      if (r <= 2) return;  // untouched
      // Every name goes through ExpressionAttributeNames: most of them are reserved words.
      u.expression_attribute_names["#" + name] = name;
      if (r == 3) {
        append(&remove, "#" + name);
        return;
      }
      const std::string placeholder = ":" + name;
      u.expression_attribute_values[placeholder] = (this->*make)();
      append(&set, "#" + name + " = " + placeholder);
    };
    maybe("status", &Workload::Status);
    maybe("ts", &Workload::Ts);
    maybe("owner", &Workload::Owner);
    maybe("score", &Workload::Score);
    maybe("note", &Workload::Note);
    maybe("other", &Workload::Score);
    if (Chance(20)) {
      u.expression_attribute_values[":tags"] = Tags();
      u.expression_attribute_names["#tags"] = "tags";
      add = "#tags :tags";
    }
    std::string expression;
    if (!set.empty()) expression += "SET " + set;
    if (!remove.empty()) expression += (expression.empty() ? "" : " ") + ("REMOVE " + remove);
    if (!add.empty()) expression += (expression.empty() ? "" : " ") + ("ADD " + add);
    if (expression.empty()) {
      u.expression_attribute_values[":one"] = N("1");
      u.expression_attribute_names["#counter"] = "counter";
      expression = "ADD #counter :one";
    }
    u.update_expression = expression;
    return u;
  }

 private:
  std::mt19937_64 rng_;
};

// Why (issue 6, "Done when"): index entries are written in the base item's WriteBatch, so after
// any mix of writes, and after a reopen, every index agrees exactly with the table.
TEST_CASE("Indexes: a randomised mixed workload keeps every index consistent", "[ops][indexes]") {
  const DbKind kind = GENERATE(DbKind::kInMemory, DbKind::kOnDisk);
  INFO(testing::DbKindName(kind));
  TestDb t(kind);
  REQUIRE_OK(t->CreateTable(IndexedTable("Tbl")));
  Workload w(kind == DbKind::kInMemory ? 6061 : 6062);
  int puts = 0, updates = 0, deletes = 0, rejected = 0;
  for (int i = 0; i < 12000; ++i) {
    const int op = w.Uniform(1, 100);
    if (op <= 40) {
      REQUIRE_OK(t->PutItem({.table_name = "Tbl", .item = w.RandomItem()}));
      ++puts;
    } else if (op <= 75) {
      UpdateItemRequest u = w.RandomUpdate("Tbl");
      INFO(*u.update_expression);
      REQUIRE_OK(t->UpdateItem(u));
      ++updates;
    } else if (op <= 97) {
      REQUIRE_OK(t->DeleteItem({.table_name = "Tbl", .key = w.Key()}));
      ++deletes;
    } else {
      // A write with a wrong-typed index key is rejected and changes nothing.
      Item bad = w.RandomItem();
      bad["owner"] = N("1");
      CHECK(GetErrorType(t->PutItem({.table_name = "Tbl", .item = bad}).status()) ==
            ErrorType::kValidation);
      ++rejected;
    }
  }
  INFO("puts " << puts << ", updates " << updates << ", deletes " << deletes << ", rejected "
               << rejected);
  IndexCheckReport report = CheckIndexes(t.db(), "Tbl");
  INFO(report.Summary());
  REQUIRE(report.problems.empty());
  // The workload must have exercised every index (and left items outside the sparse ones).
  CHECK(report.index_entries.at("ByStatus") > 100);
  CHECK(report.index_entries.at("ByOwner") > 100);
  CHECK(report.index_entries.at("ByScore") > 100);
  CHECK(report.index_entries.at("ByOwner") < report.base_items);
  if (kind == DbKind::kOnDisk) {
    t.Reopen();
    IndexCheckReport again = CheckIndexes(t.db(), "Tbl");
    INFO(again.Summary());
    REQUIRE(again.problems.empty());
    CHECK(again.index_entries == report.index_entries);
    CHECK(again.base_items == report.base_items);
  }
}

// Why: the checker itself must notice a disagreement, or a passing check proves nothing.
TEST_CASE("Indexes: the consistency checker detects a missing entry", "[ops][indexes]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(IndexedTable("Tbl")));
  REQUIRE_OK(t->PutItem(
      {.table_name = "Tbl", .item = {{"pk", "a"}, {"sk", N("1")}, {"owner", "me"}}}));
  REQUIRE(CheckIndexes(t.db(), "Tbl").problems.empty());
  REQUIRE(testing::EraseFirstIndexEntry(t.db(), "Tbl", "ByOwner"));
  IndexCheckReport report = CheckIndexes(t.db(), "Tbl");
  REQUIRE(report.problems.size() == 2);
  CHECK(report.problems[0].rfind("ByOwner: missing entry for", 0) == 0);
  CHECK(report.problems[1] == "ByOwner: counters 1/14 but entries 0/0");
}

}  // namespace
}  // namespace dynarock
