// Scan: every item exactly once across pages and across parallel-scan segments (1, 3, 16),
// table isolation, FilterExpression on key attributes, and DynamoDB's Segment/TotalSegments
// and ExclusiveStartKey messages (reference sections 2, 4.12).
#include <map>
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
using testing::HashTable;
using testing::TestDb;

// "pk/sk" of an item of the fixture table.
std::string KeyText(const Item& item) {
  const AttributeValue& sk = item.at("sk");
  return *item.at("pk").if_s() + "/" + (sk.if_n() != nullptr ? sk.if_n()->ToString() : "?");
}

// Table T (pk S, sk N): 60 partitions of 1..5 items (180 items), and a second table U whose
// items must never appear in a Scan of T.
class ScanFixture {
 public:
  explicit ScanFixture(DbKind kind = DbKind::kInMemory) : t(kind) {
    REQUIRE_OK(t->CreateTable(HashRangeTable("Tab", ScalarType::kS, ScalarType::kN)));
    REQUIRE_OK(t->CreateTable(HashRangeTable("Uuu", ScalarType::kS, ScalarType::kN)));
    for (int p = 0; p < 60; ++p) {
      for (int s = 0; s < 1 + p % 5; ++s) {
        Item item{{"pk", "p" + std::to_string(p)}, {"sk", s}, {"v", p % 2}};
        expected.emplace(KeyText(item), 0);
        REQUIRE_OK(t->GetTable("Tab").Put(item));
        REQUIRE_OK(t->GetTable("Uuu").Put({{"pk", "u" + std::to_string(p)}, {"sk", s}}));
      }
    }
  }

  // Scans all pages of `request`, counting each key seen in *seen; returns the page count.
  int ScanAll(ScanRequest request, std::map<std::string, int>* seen) {
    int pages = 0;
    while (true) {
      auto r = t->GetTable("Tab").Scan(request);
      REQUIRE_OK(r);
      ++pages;
      for (const Item& item : r->items) ++(*seen)[KeyText(item)];
      if (!r->last_evaluated_key.has_value()) return pages;
      request.exclusive_start_key = r->last_evaluated_key;
    }
  }

  TestDb t;
  std::map<std::string, int> expected;  // every key of T, count 0
};

// Why: paging must neither skip nor repeat items, whatever the page size.
TEST_CASE("Scan: every item exactly once across pages", "[ops][scan][paging]") {
  auto kind = GENERATE(DbKind::kInMemory, DbKind::kOnDisk);
  ScanFixture f(kind);
  for (int64_t limit : {0, 1, 7, 200, 1000}) {
    INFO("limit " << limit);
    ScanRequest r;
    if (limit > 0) r.limit = limit;
    std::map<std::string, int> seen;
    f.ScanAll(r, &seen);
    std::map<std::string, int> want = f.expected;
    for (auto& [k, n] : want) n = 1;
    CHECK(seen == want);
  }
}

// Why: parallel segments cover disjoint hash ranges whose union is everything: with 1, 3 and 16
// segments (some of them empty or with a single partition) each item is seen exactly once.
TEST_CASE("Scan: parallel segments see every item exactly once", "[ops][scan][parallel]") {
  ScanFixture f;
  for (int64_t total : {1, 3, 16}) {
    INFO("TotalSegments " << total);
    std::map<std::string, int> seen;
    for (int64_t s = 0; s < total; ++s) {
      std::map<std::string, int> in_segment;
      f.ScanAll({.limit = 4, .segment = s, .total_segments = total}, &in_segment);
      for (const auto& [k, n] : in_segment) seen[k] += n;
      if (total == 3) CHECK_FALSE(in_segment.empty());  // 60 partitions over 3 segments
    }
    std::map<std::string, int> want = f.expected;
    for (auto& [k, n] : want) n = 1;
    CHECK(seen == want);
  }
}

// Why: Scan's filter may name key attributes (unlike Query's), Count/ScannedCount differ, and
// Select COUNT returns only the counts.
TEST_CASE("Scan: FilterExpression, projection and Select COUNT", "[ops][scan]") {
  ScanFixture f;
  auto r = f.t->GetTable("Tab").Scan({.expression_attribute_values = {{":z", 0}},
                                      .filter_expression = "sk = :z",
                                      .projection_expression = "pk"});
  REQUIRE_OK(r);
  CHECK(r->count == 60);
  CHECK(r->scanned_count == 180);
  REQUIRE(r->items.size() == 60);
  for (const Item& item : r->items) CHECK(item.size() == 1);
  auto c = f.t->GetTable("Tab").Scan({.select = Select::kCount});
  REQUIRE_OK(c);
  CHECK(c->items.empty());
  CHECK(c->count == 180);
  auto legacy = f.t->GetTable("Tab").Scan({.attributes_to_get = {"v", "sk"}, .limit = 1});
  REQUIRE_OK(legacy);
  REQUIRE(legacy->items.size() == 1);
  CHECK(legacy->items[0].size() == 2);
  CHECK(legacy->items[0].count("pk") == 0);
}

// Why: a hash-only table's items are scanned as well (keys without a sort part).
TEST_CASE("Scan: hash-only table with paging", "[ops][scan]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(HashTable("Hash", ScalarType::kN)));
  for (int i = 0; i < 30; ++i) REQUIRE_OK(t->GetTable("Hash").Put({{"pk", i}}));
  std::map<std::string, int> seen;
  ScanRequest r{.limit = 7};
  while (true) {
    auto page = t->GetTable("Hash").Scan(r);
    REQUIRE_OK(page);
    for (const Item& item : page->items) ++seen[item.at("pk").if_n()->ToString()];
    if (!page->last_evaluated_key.has_value()) break;
    r.exclusive_start_key = page->last_evaluated_key;
  }
  CHECK(seen.size() == 30);
  for (const auto& [k, n] : seen) CHECK(n == 1);
}

// Why: DynamoDB's exact texts for the parallel-scan parameters and a foreign start key.
TEST_CASE("Scan: validation errors", "[ops][scan][validation]") {
  ScanFixture f;
  Table t = f.t->GetTable("Tab");
  REQUIRE_ERROR(t.Scan({.segment = 1}), ErrorType::kValidation,
                "The TotalSegments parameter is required but was not present in the request "
                "when Segment parameter is present");
  REQUIRE_ERROR(t.Scan({.total_segments = 4}), ErrorType::kValidation,
                "The Segment parameter is required but was not present in the request when "
                "parameter TotalSegments is present");
  REQUIRE_ERROR(t.Scan({.segment = 5, .total_segments = 5}), ErrorType::kValidation,
                "The Segment parameter is zero-based and must be less than parameter "
                "TotalSegments: Segment: 5 is not less than TotalSegments: 5");
  REQUIRE_ERROR(t.Scan({.total_segments = 1000001}), ErrorType::kValidation,
                "1 validation error detected: Value '1000001' at 'totalSegments' failed to "
                "satisfy constraint: Member must have value less than or equal to 1000000");
  REQUIRE_ERROR(t.Scan({.limit = -1}), ErrorType::kValidation,
                "1 validation error detected: Value '-1' at 'limit' failed to satisfy "
                "constraint: Member must have value greater than or equal to 1");
  REQUIRE_ERROR(t.Scan({.exclusive_start_key = Item{{"pk", "p1"}}}), ErrorType::kValidation,
                "The provided starting key is invalid: The provided key element does not match "
                "the schema");
  REQUIRE_ERROR(t.Scan({.expression_attribute_values = {{":v", 1}}}), ErrorType::kValidation,
                "ExpressionAttributeValues can only be specified when using expressions: "
                "FilterExpression is null");
  REQUIRE_ERROR(t.Scan({.expression_attribute_names = {{"#v", "v"}}}), ErrorType::kValidation,
                "ExpressionAttributeNames can only be specified when using expressions");
  REQUIRE_ERROR(t.Scan({.select = Select::kSpecificAttributes}), ErrorType::kValidation,
                "Must specify the AttributesToGet or ProjectionExpression when choosing to get "
                "SPECIFIC_ATTRIBUTES");
  REQUIRE_ERROR(t.Scan({.index_name = "idx"}), ErrorType::kValidation,
                "The table does not have the specified index: idx");

  // A start key from segment 0 of 2 used with segment 1.
  auto first = t.Scan({.limit = 1, .segment = 0, .total_segments = 2});
  REQUIRE_OK(first);
  std::optional<Item> foreign = first->last_evaluated_key;
  REQUIRE(foreign.has_value());
  REQUIRE_ERROR(t.Scan({.exclusive_start_key = foreign, .segment = 1, .total_segments = 2}),
                ErrorType::kValidation,
                "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use "
                "ExclusiveStartKey with correct Segment. TotalSegments: 2 Segment: 1");
  CHECK_OK(t.Scan({.exclusive_start_key = foreign, .segment = 0, .total_segments = 2}));
}

}  // namespace
}  // namespace dynarock
