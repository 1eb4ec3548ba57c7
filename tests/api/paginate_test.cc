// Typed page iteration (include/dynarock/paginate.h): every item exactly once and in order
// across many pages, empty results, lazy fetching, an error surfaced once, and parallel-scan
// segments.
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "dynarock/database.h"
#include "dynarock/paginate.h"

#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace dynarock {
namespace {

using testing::HashRangeTable;
using testing::HashTable;
using testing::TestDb;

int SortNumber(const Item& item) { return std::stoi(item.at("sk").n().ToString()); }

QueryRequest PartitionQuery(std::string_view pk, int64_t limit) {
  return {.expression_attribute_values = {{":p", AttributeValue(pk)}},
          .key_condition_expression = "pk = :p",
          .limit = limit};
}

// Table Tab (pk S, sk N) with sk 0..n-1 in partition "p" and a few items in partition "q".
void Fill(TestDb& t, int n) {
  REQUIRE_OK(t->CreateTable(HashRangeTable("Tab", ScalarType::kS, ScalarType::kN)));
  Table table = t->GetTable("Tab");
  for (int i = n - 1; i >= 0; --i) REQUIRE_OK(table.Put({{"pk", "p"}, {"sk", i}, {"v", i % 3}}));
  for (int i = 0; i < 3; ++i) REQUIRE_OK(table.Put({{"pk", "q"}, {"sk", i}}));
}

// Why: the item range must hand out every item of the partition exactly once, in sort order,
// however many pages it takes (Limit far below the item count), in both directions.
TEST_CASE("Paginate: QueryItems yields every item once and in order", "[api][paginate]") {
  TestDb t;
  Fill(t, 57);
  Table table = t->GetTable("Tab");
  const bool forward = GENERATE(true, false);
  QueryRequest q = PartitionQuery("p", 5);
  q.scan_index_forward = forward;
  std::vector<int> seen;
  for (absl::StatusOr<Item>& item : QueryItems(table, q)) {
    REQUIRE_OK(item);
    seen.push_back(SortNumber(*item));
  }
  std::vector<int> want;
  for (int i = 0; i < 57; ++i) want.push_back(forward ? i : 56 - i);
  CHECK(seen == want);
}

// Why: page-level iteration yields each page DynamoDB returns, including the final empty page
// that follows a page stopped by Limit exactly at the end.
TEST_CASE("Paginate: QueryPages yields each page", "[api][paginate]") {
  TestDb t;
  Fill(t, 55);
  std::vector<size_t> sizes;
  int next_expected = 0;
  for (absl::StatusOr<QueryResult>& page : QueryPages(t.db(), [] {
         QueryRequest q = PartitionQuery("p", 5);
         q.table_name = "Tab";  // the Database& overload takes the table from the request
         return q;
       }())) {
    REQUIRE_OK(page);
    sizes.push_back(page->items.size());
    for (const Item& item : page->items) CHECK(SortNumber(item) == next_expected++);
  }
  CHECK(next_expected == 55);
  REQUIRE(sizes.size() == 12);
  for (size_t i = 0; i < 11; ++i) CHECK(sizes[i] == 5);
  CHECK(sizes[11] == 0);
}

// Why: an empty result is one empty page and no items -- never an error or an endless loop.
TEST_CASE("Paginate: empty result", "[api][paginate]") {
  TestDb t;
  Fill(t, 3);
  Table table = t->GetTable("Tab");
  int items = 0;
  for (absl::StatusOr<Item>& item : QueryItems(table, PartitionQuery("nobody", 2))) {
    CHECK_OK(item);
    ++items;
  }
  CHECK(items == 0);
  int pages = 0;
  for (absl::StatusOr<QueryResult>& page : QueryPages(table, PartitionQuery("nobody", 2))) {
    REQUIRE_OK(page);
    CHECK(page->items.empty());
    CHECK_FALSE(page->last_evaluated_key.has_value());
    ++pages;
  }
  CHECK(pages == 1);
  REQUIRE_OK(t->CreateTable(HashTable("Empty")));
  int scanned = 0;
  for (absl::StatusOr<Item>& item : ScanItems(t->GetTable("Empty"), {.limit = 1})) {
    CHECK_OK(item);
    ++scanned;
  }
  CHECK(scanned == 0);
}

// Why: pages are fetched lazily: the next page is read only when iteration moves past the
// previous one, so a write that lands in a later page is seen, one in a consumed page is not.
TEST_CASE("Paginate: the next page is fetched only when needed", "[api][paginate]") {
  TestDb t;
  Fill(t, 10);  // sk 0..9; pages of 4: [0..3] [4..7] [8, 9]
  Table table = t->GetTable("Tab");
  QueryItemRange range = QueryItems(table, PartitionQuery("p", 4));
  std::vector<std::string> seen;
  auto it = range.begin();
  for (int i = 0; i < 4; ++i) {
    if (i > 0) ++it;
    REQUIRE(it != range.end());
    REQUIRE_OK(*it);
    seen.push_back(std::to_string(SortNumber(**it)));
  }
  // `it` is on the first page's last item; the second page is not read yet.
  REQUIRE_OK(table.Put({{"pk", "p"}, {"sk", N("1.5")}}));
  REQUIRE_OK(table.Put({{"pk", "p"}, {"sk", N("5.5")}}));
  for (++it; it != range.end(); ++it) {
    REQUIRE_OK(*it);
    seen.push_back((*it)->at("sk").n().ToString());
  }
  CHECK(seen == std::vector<std::string>{"0", "1", "2", "3", "4", "5", "5.5", "6", "7", "8", "9"});
}

// Why: an error between pages (the table deleted) is surfaced exactly once, after the items
// already read, and ends the iteration.
TEST_CASE("Paginate: an error mid-way is surfaced once", "[api][paginate]") {
  TestDb t;
  Fill(t, 10);
  Table table = t->GetTable("Tab");
  SECTION("items") {
    int items = 0;
    int errors = 0;
    for (absl::StatusOr<Item>& item : QueryItems(table, PartitionQuery("p", 3))) {
      if (!item.ok()) {
        ++errors;
        CHECK(GetErrorType(item.status()) == ErrorType::kResourceNotFound);
        continue;
      }
      if (++items == 3) REQUIRE_OK(t->DeleteTable({.table_name = "Tab"}));
    }
    CHECK(items == 3);
    CHECK(errors == 1);
  }
  SECTION("pages") {
    int pages = 0;
    int errors = 0;
    for (absl::StatusOr<ScanResult>& page : ScanPages(table, {.limit = 4})) {
      if (!page.ok()) {
        ++errors;
        CHECK(GetErrorType(page.status()) == ErrorType::kResourceNotFound);
        continue;
      }
      if (++pages == 2) REQUIRE_OK(t->DeleteTable({.table_name = "Tab"}));
    }
    CHECK(pages == 2);
    CHECK(errors == 1);
  }
  SECTION("a bad request fails on the first fetch") {
    std::vector<absl::Status> elements;
    for (absl::StatusOr<Item>& item : QueryItems(table, PartitionQuery("p", 0))) {
      elements.push_back(item.status());
    }
    REQUIRE(elements.size() == 1);
    CHECK(GetErrorType(elements[0]) == ErrorType::kValidation);
  }
}

// Why: Scan pages through the whole table (with a filter that leaves some pages empty), and a
// parallel-scan segment pages on its own; the segments together see every item exactly once.
TEST_CASE("Paginate: Scan and parallel-scan segments", "[api][paginate][scan]") {
  TestDb t;
  Fill(t, 40);
  Table table = t->GetTable("Tab");
  std::multiset<std::string> all;
  for (absl::StatusOr<Item>& item : ScanItems(table, {.limit = 3})) {
    REQUIRE_OK(item);
    all.insert(item->at("pk").s() + "/" + item->at("sk").n().ToString());
  }
  CHECK(all.size() == 43);
  CHECK(std::set<std::string>(all.begin(), all.end()).size() == 43);

  int matched = 0;
  for (absl::StatusOr<Item>& item :
       ScanItems(table, {.expression_attribute_values = {{":z", 0}},
                         .filter_expression = "v = :z",
                         .limit = 2})) {
    REQUIRE_OK(item);
    CHECK(item->at("v") == AttributeValue(0));
    ++matched;
  }
  CHECK(matched == 14);  // sk 0, 3, ..., 39

  std::multiset<std::string> segments;
  for (int64_t s = 0; s < 3; ++s) {
    for (absl::StatusOr<Item>& item :
         ScanItems(table, {.limit = 4, .segment = s, .total_segments = 3})) {
      REQUIRE_OK(item);
      segments.insert(item->at("pk").s() + "/" + item->at("sk").n().ToString());
    }
  }
  CHECK(segments == all);
}

// Why: next_request() lets a caller stop at a page boundary and resume later with a fresh
// range, seeing the rest exactly once.
TEST_CASE("Paginate: resume from next_request", "[api][paginate]") {
  TestDb t;
  Fill(t, 9);
  Table table = t->GetTable("Tab");
  QueryPageRange first = QueryPages(table, PartitionQuery("p", 4));
  auto it = first.begin();
  REQUIRE(it != first.end());
  REQUIRE_OK(*it);
  std::vector<int> seen;
  for (const Item& item : (*it)->items) seen.push_back(SortNumber(item));
  ++it;  // moves past page one: fetches page two, whose start key is now in next_request()
  QueryRequest rest = first.next_request();
  REQUIRE(rest.exclusive_start_key.has_value());
  for (absl::StatusOr<Item>& item : QueryItems(table, rest)) {
    REQUIRE_OK(item);
    seen.push_back(SortNumber(*item));
  }
  CHECK(seen == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8});
}

}  // namespace
}  // namespace dynarock
