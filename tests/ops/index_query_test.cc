// Query and Scan on secondary indexes (IndexName; reference 4.11, 4.12, 5): key conditions on the
// index's key schema, order and paging with LastEvaluatedKey carrying index and table keys, the
// projection of each index type, an LSI fetching unprojected attributes from the table, parallel
// Scan of an index, and DynamoDB's index errors.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "dynarock/database.h"

#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace dynarock {
namespace {

using testing::DbKind;
using testing::HashRangeTable;
using testing::TestDb;

constexpr std::string_view kInvalid = "One or more parameter values were invalid: ";

// Orders: pk S, sk N. GSI ByStatus (status S, at N; INCLUDE note), GSI ByOwner (owner S;
// KEYS_ONLY), GSI All (status S; ALL), LSI ByAt (pk, at N; KEYS_ONLY).
// Items: pk "c<i % 3>", sk i for i in 0..29; status "open" for even i, "done" for odd i except
// multiples of 5 (no status: sparse); ts = 100 - i; owner "o<i % 2>"; note "n<i>"; extra "x<i>".
class IndexFixture {
 public:
  explicit IndexFixture(DbKind kind = DbKind::kInMemory) : t(kind) {
    CreateTableRequest r = HashRangeTable("Orders", ScalarType::kS, ScalarType::kN);
    r.attribute_definitions.push_back({"status", ScalarType::kS});
    r.attribute_definitions.push_back({"ts", ScalarType::kN});
    r.attribute_definitions.push_back({"who", ScalarType::kS});
    r.global_secondary_indexes = {
        {.index_name = "ByStatus",
         .key_schema = {{"status", KeyType::kHash}, {"ts", KeyType::kRange}},
         .projection = {.non_key_attributes = {"note"},
                        .projection_type = ProjectionType::kInclude}},
        {.index_name = "ByOwner",
         .key_schema = {{"who", KeyType::kHash}},
         .projection = {.projection_type = ProjectionType::kKeysOnly}},
        {.index_name = "All",
         .key_schema = {{"status", KeyType::kHash}},
         .projection = {.projection_type = ProjectionType::kAll}}};
    r.local_secondary_indexes = {{.index_name = "ByAt",
                                  .key_schema = {{"pk", KeyType::kHash}, {"ts", KeyType::kRange}},
                                  .projection = {.projection_type = ProjectionType::kKeysOnly}}};
    REQUIRE_OK(t->CreateTable(r));
    for (int i = 0; i < 30; ++i) {
      Item item{{"pk", "c" + std::to_string(i % 3)},
                {"sk", i},
                {"ts", 100 - i},
                {"who", "o" + std::to_string(i % 2)},
                {"note", "n" + std::to_string(i)},
                {"extra", "x" + std::to_string(i)}};
      if (i % 5 != 0) item.emplace("status", i % 2 == 0 ? "open" : "done");
      REQUIRE_OK(table().Put(item));
    }
  }
  Table table() { return t->GetTable("Orders"); }

  TestDb t;
};

QueryRequest StatusQuery(std::string_view status) {
  return {.expression_attribute_names = {{"#s", "status"}},
          .expression_attribute_values = {{":s", AttributeValue(status)}},
          .index_name = "ByStatus",
          .key_condition_expression = "#s = :s"};
}

std::vector<int> SortKeysOf(const std::vector<Item>& items) {
  std::vector<int> out;
  for (const Item& item : items) {
    out.push_back(std::stoi(item.at("sk").if_n()->ToString()));
  }
  return out;
}

// Why: a GSI Query reads the index's partition in index sort-key order and returns only what
// the index projects.
TEST_CASE("IndexQuery: a GSI query returns its partition in index order with its projection",
          "[ops][index][query]") {
  IndexFixture f;
  QueryRequest q = StatusQuery("open");
  auto r = f.table().Query(q);
  REQUIRE_OK(r);
  // open: even i not divisible by 5 -> 2 4 6 8 12 14 16 18 22 24 26 28; ts = 100 - i ascending
  // means i descending.
  CHECK(SortKeysOf(r->items) == std::vector<int>{28, 26, 24, 22, 18, 16, 14, 12, 8, 6, 4, 2});
  CHECK(r->count == 12);
  CHECK_FALSE(r->last_evaluated_key.has_value());
  for (const Item& item : r->items) {
    std::set<std::string> names;
    for (const auto& [name, v] : item) names.insert(name);
    CHECK(names == std::set<std::string>{"pk", "sk", "status", "ts", "note"});
  }
  q.scan_index_forward = false;
  q.expression_attribute_values.emplace(":lo", 80);
  q.key_condition_expression = "#s = :s AND ts > :lo";
  r = f.table().Query(q);
  REQUIRE_OK(r);
  CHECK(SortKeysOf(r->items) == std::vector<int>{2, 4, 6, 8, 12, 14, 16, 18});
}

// Why: LastEvaluatedKey of an index carries the index keys and the table keys, and feeding it
// back resumes exactly after that entry, also among entries with equal index keys.
TEST_CASE("IndexQuery: paging a GSI with Limit visits every entry once", "[ops][index][query]") {
  IndexFixture f;
  for (bool forward : {true, false}) {
    QueryRequest q{.expression_attribute_values = {{":o", AttributeValue("o0")}},
                   .index_name = "ByOwner",
                   .key_condition_expression = "who = :o",
                   .limit = 4,
                   .scan_index_forward = forward};
    std::vector<int> seen;
    for (int page = 0; page < 10; ++page) {
      auto r = f.table().Query(q);
      REQUIRE_OK(r);
      for (int sk : SortKeysOf(r->items)) seen.push_back(sk);
      if (!r->last_evaluated_key.has_value()) break;
      const Item& lek = *r->last_evaluated_key;
      CHECK(lek.size() == 3);
      CHECK(lek.count("who") == 1);
      CHECK(lek.count("pk") == 1);
      CHECK(lek.count("sk") == 1);
      q.exclusive_start_key = lek;
    }
    std::vector<int> sorted = seen;
    std::sort(sorted.begin(), sorted.end());
    CHECK(sorted == std::vector<int>{0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28});
  }
}

// Why: an LSI holds only what it projects; DynamoDB fetches the rest from the table when the
// read asks for it, and a GSI refuses instead.
TEST_CASE("IndexQuery: unprojected attributes: an LSI fetches them, a GSI rejects them",
          "[ops][index][query]") {
  IndexFixture f;
  QueryRequest lsi{.expression_attribute_values = {{":p", AttributeValue("c1")}},
                   .index_name = "ByAt",
                   .key_condition_expression = "pk = :p"};
  auto r = f.table().Query(lsi);
  REQUIRE_OK(r);
  REQUIRE(r->count == 10);
  CHECK(r->items[0].size() == 3);  // pk, sk, at: KEYS_ONLY
  CHECK(SortKeysOf(r->items) == std::vector<int>{28, 25, 22, 19, 16, 13, 10, 7, 4, 1});
  lsi.select = Select::kAllAttributes;
  r = f.table().Query(lsi);
  REQUIRE_OK(r);
  CHECK(r->items[0].at("extra") == AttributeValue("x28"));
  lsi.select.reset();
  lsi.projection_expression = "extra, sk";
  r = f.table().Query(lsi);
  REQUIRE_OK(r);
  CHECK(r->items[0] == Item{{"extra", "x28"}, {"sk", 28}});

  QueryRequest gsi = StatusQuery("done");
  gsi.projection_expression = "extra, note, sk";
  REQUIRE_ERROR(f.table().Query(gsi), ErrorType::kValidation,
                std::string(kInvalid) + "Global secondary index ByStatus does not project [extra]");
  gsi.projection_expression.reset();
  gsi.select = Select::kAllAttributes;
  REQUIRE_ERROR(f.table().Query(gsi), ErrorType::kValidation,
                std::string(kInvalid) +
                    "Select type ALL_ATTRIBUTES is not supported for global secondary index "
                    "ByStatus because its projection type is not ALL");
  // A GSI projecting ALL returns whole items either way.
  QueryRequest all{.expression_attribute_names = {{"#s", "status"}},
                   .expression_attribute_values = {{":s", AttributeValue("done")}},
                   .index_name = "All",
                   .key_condition_expression = "#s = :s",
                   .select = Select::kAllAttributes};
  r = f.table().Query(all);
  REQUIRE_OK(r);
  REQUIRE(r->count == 12);
  CHECK(r->items[0].size() == 7);
}

// Why: DynamoDB's index errors, each with its exact text.
TEST_CASE("IndexQuery: index errors", "[ops][index][query]") {
  IndexFixture f;
  QueryRequest q = StatusQuery("open");
  q.index_name = "Nope";
  REQUIRE_ERROR(f.table().Query(q), ErrorType::kValidation,
                "The table does not have the specified index: Nope");
  REQUIRE_ERROR(f.table().Scan({.index_name = "Nope"}), ErrorType::kValidation,
                "The table does not have the specified index: Nope");
  q = StatusQuery("open");
  q.consistent_read = true;
  REQUIRE_ERROR(f.table().Query(q), ErrorType::kValidation,
                "Consistent reads are not supported on global secondary indexes");
  REQUIRE_ERROR(f.table().Scan({.consistent_read = true, .index_name = "ByOwner"}),
                ErrorType::kValidation,
                "Consistent reads are not supported on global secondary indexes");
  // An LSI allows consistent reads.
  CHECK_OK(f.table().Query({.consistent_read = true,
                            .expression_attribute_values = {{":p", AttributeValue("c0")}},
                            .index_name = "ByAt",
                            .key_condition_expression = "pk = :p"}));
  // The key condition follows the index's key schema.
  q = StatusQuery("open");
  q.expression_attribute_values = {{":p", AttributeValue("c0")}};
  q.expression_attribute_names.clear();
  q.key_condition_expression = "pk = :p";
  REQUIRE_ERROR(f.table().Query(q), ErrorType::kValidation,
                "Query condition missed key schema element: status");
  // The filter may not name the index's keys.
  q = StatusQuery("open");
  q.filter_expression = "ts > :s";
  REQUIRE_ERROR(f.table().Query(q), ErrorType::kValidation,
                "Filter Expression can only contain non-primary key attributes: Primary key "
                "attribute: ts");
  // ExclusiveStartKey must hold the index keys and the table keys.
  q = StatusQuery("open");
  q.exclusive_start_key = Item{{"pk", "c0"}, {"sk", 2}};
  REQUIRE_ERROR(f.table().Query(q), ErrorType::kValidation,
                "The provided starting key is invalid: The provided key element does not match "
                "the schema");
  // ALL_PROJECTED_ATTRIBUTES is the index default and is allowed.
  q = StatusQuery("open");
  q.select = Select::kAllProjectedAttributes;
  CHECK_OK(f.table().Query(q));
}

// Why: the legacy KeyConditions and AttributesToGet follow the index's key schema and
// projection too.
TEST_CASE("IndexQuery: legacy KeyConditions and AttributesToGet on an index",
          "[ops][index][query]") {
  IndexFixture f;
  QueryRequest q{.attributes_to_get = {"note", "sk"}, .index_name = "ByStatus"};
  q.key_conditions["status"] = {.comparison_operator = ComparisonOperator::kEq,
                                .attribute_value_list = {AttributeValue("open")}};
  q.key_conditions["ts"] = {.comparison_operator = ComparisonOperator::kGt,
                            .attribute_value_list = {AttributeValue(80)}};
  auto r = f.table().Query(q);
  REQUIRE_OK(r);
  CHECK(SortKeysOf(r->items) == std::vector<int>{18, 16, 14, 12, 8, 6, 4, 2});
  CHECK(r->items[0] == Item{{"note", "n18"}, {"sk", 18}});
  q.attributes_to_get = {"extra"};
  REQUIRE_ERROR(f.table().Query(q), ErrorType::kValidation,
                std::string(kInvalid) + "Global secondary index ByStatus does not project [extra]");
  // On an LSI, AttributesToGet naming an unprojected attribute fetches it, in a Scan too.
  auto scanned = f.table().Scan({.attributes_to_get = {"extra"}, .index_name = "ByAt"});
  REQUIRE_OK(scanned);
  REQUIRE(scanned->count == 30);
  CHECK(scanned->items[0].size() == 1);
  CHECK(scanned->items[0].count("extra") == 1);
}

// Why: parallel Scan splits an index by the hash of its partition key as it splits the table;
// the segments together return every entry exactly once (sparse: items without the key are
// not in the index).
TEST_CASE("IndexScan: parallel segments of an index cover it exactly once", "[ops][index][scan]") {
  IndexFixture f;
  for (int64_t total : {1, 3, 7}) {
    std::multiset<int> seen;
    for (int64_t s = 0; s < total; ++s) {
      ScanRequest scan{.index_name = "ByStatus", .limit = 5, .segment = s, .total_segments = total};
      for (int page = 0; page < 20; ++page) {
        auto r = f.table().Scan(scan);
        REQUIRE_OK(r);
        for (int sk : SortKeysOf(r->items)) seen.insert(sk);
        if (!r->last_evaluated_key.has_value()) break;
        CHECK(r->last_evaluated_key->size() == 4);  // status, ts, pk, sk
        scan.exclusive_start_key = r->last_evaluated_key;
      }
    }
    std::multiset<int> expected;
    for (int i = 0; i < 30; ++i) {
      if (i % 5 != 0) expected.insert(i);
    }
    CHECK(seen == expected);
  }
}

// Why: index entries follow every write: an update that changes the index key moves the entry,
// one that removes it takes the item out of the (sparse) index, on disk across a reopen too.
TEST_CASE("IndexQuery: reads see writes that move and remove entries", "[ops][index][query]") {
  auto kind = GENERATE(DbKind::kInMemory, DbKind::kOnDisk);
  IndexFixture f(kind);
  REQUIRE_OK(f.table().UpdateItem({.key = {{"pk", "c2"}, {"sk", 2}},
                                   .expression_attribute_names = {{"#s", "status"}},
                                   .expression_attribute_values = {{":d", "done"}},
                                   .update_expression = "SET #s = :d"}));
  REQUIRE_OK(f.table().UpdateItem({.key = {{"pk", "c1"}, {"sk", 4}},
                                   .expression_attribute_names = {{"#s", "status"}},
                                   .update_expression = "REMOVE #s"}));
  if (kind == DbKind::kOnDisk) f.t.Reopen();
  auto r = f.table().Query(StatusQuery("open"));
  REQUIRE_OK(r);
  CHECK(SortKeysOf(r->items) == std::vector<int>{28, 26, 24, 22, 18, 16, 14, 12, 8, 6});
  r = f.table().Query(StatusQuery("done"));
  REQUIRE_OK(r);
  CHECK(SortKeysOf(r->items).back() == 1);
  CHECK(r->count == 13);
}

}  // namespace
}  // namespace dynarock
