// LSI item collections (issue 6, point 5): the item collection size limit
// (Options::item_collection_size_limit_bytes) with ItemCollectionSizeLimitExceededException,
// ReturnItemCollectionMetrics on PutItem, UpdateItem and DeleteItem, and the collection size
// counters (key_layout.h 0x00 'p'), checked against the real sums by the index checker.
#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "dynarock/database.h"
#include "lib/api/database_impl.h"
#include "lib/ops/item_write.h"
#include "lib/storage/key_layout.h"
#include "rocksdb/iterator.h"
#include "tests/ops/item_collection_fixture.h"
#include "tests/testing/index_checker.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace dynarock {
namespace {

using testing::DbKind;
using testing::HashTable;
using testing::TestDb;

using item_collection_fixture::BigItem;
using item_collection_fixture::kExceeded;
using item_collection_fixture::kLimit;
using item_collection_fixture::LsiTable;
using item_collection_fixture::RequireConsistent;
using item_collection_fixture::SmallCollections;


// Every item collection counter key of the database (0x00 'p' ...).
int CountCollectionCounters(Database& db) {
  storage::Engine& engine = static_cast<DatabaseImpl&>(db).engine();
  const std::string lower{storage::kMetaSpace, storage::kItemCollectionTag};
  const std::string upper{storage::kMetaSpace, storage::kItemCollectionTag + 1};
  std::unique_ptr<rocksdb::Iterator> it = engine.store().NewIterator(&lower, &upper);
  int n = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) ++n;
  return n;
}

// Why: the limit counts the items and their LSI entries; a write that would pass it must fail
// with DynamoDB's error and leave the item, the index and the counters unchanged, while a write
// reaching the limit exactly and writes to other collections still succeed.
TEST_CASE("ItemCollections: a write past the limit fails and changes nothing",
          "[ops][indexes][item_collection]") {
  auto kind = GENERATE(DbKind::kInMemory, DbKind::kOnDisk);
  TestDb t(kind, SmallCollections());
  REQUIRE_OK(t->CreateTable(LsiTable("Tbl")));
  REQUIRE_OK(t->PutItem({.table_name = "Tbl", .item = BigItem("a", "1")}));  // 2028
  // Not in the LSI (no lsk): pk 3 + sk 3 + data 4+10 = 20 bytes, to 2048 = the limit exactly.
  REQUIRE_OK(t->PutItem({.table_name = "Tbl",
                         .item = {{"pk", "a"}, {"sk", "2"}, {"data", std::string(10, 'e')}}}));

  REQUIRE_ERROR(t->PutItem({.table_name = "Tbl", .item = {{"pk", "a"}, {"sk", "3"}}}),
                ErrorType::kItemCollectionSizeLimitExceeded, kExceeded);
  auto got = t->GetItem({.table_name = "Tbl", .key = {{"pk", "a"}, {"sk", "3"}}});
  REQUIRE_OK(got);
  CHECK_FALSE(got->item.has_value());

  // An update that puts item 2 into the LSI (adding lsk grows the item and adds an entry).
  UpdateItemRequest into_index{.table_name = "Tbl",
                               .key = {{"pk", "a"}, {"sk", "2"}},
                               .expression_attribute_values = {{":v", AttributeValue("y")}},
                               .update_expression = "SET lsk = :v"};
  REQUIRE_ERROR(t->UpdateItem(into_index), ErrorType::kItemCollectionSizeLimitExceeded, kExceeded);
  got = t->GetItem({.table_name = "Tbl", .key = {{"pk", "a"}, {"sk", "2"}}});
  REQUIRE_OK(got);
  REQUIRE(got->item.has_value());
  CHECK(got->item->count("lsk") == 0);
  auto queried = t->Query({.table_name = "Tbl",
                           .expression_attribute_values = {{":p", AttributeValue("a")}},
                           .index_name = "ByLsk",
                           .key_condition_expression = "pk = :p"});
  REQUIRE_OK(queried);
  CHECK(queried->count == 1);

  // Another partition key is another collection.
  REQUIRE_OK(t->PutItem({.table_name = "Tbl", .item = BigItem("b", "1")}));
  RequireConsistent(t.db(), "Tbl");
  if (kind == DbKind::kOnDisk) {
    t.Reopen();
    RequireConsistent(t.db(), "Tbl");
    REQUIRE_ERROR(t->PutItem({.table_name = "Tbl", .item = {{"pk", "a"}, {"sk", "3"}}}),
                  ErrorType::kItemCollectionSizeLimitExceeded, kExceeded);
  }
}

// Why: a collection at its limit must accept writes that shrink it, and deletes must give the
// space back so that a later put fits.
TEST_CASE("ItemCollections: deletes and shrinking writes free space for later puts",
          "[ops][indexes][item_collection]") {
  TestDb t(DbKind::kInMemory, SmallCollections());
  REQUIRE_OK(t->CreateTable(LsiTable("Tbl")));
  REQUIRE_OK(t->PutItem({.table_name = "Tbl", .item = BigItem("a", "1")}));
  REQUIRE_OK(t->PutItem({.table_name = "Tbl",
                         .item = {{"pk", "a"}, {"sk", "2"}, {"data", std::string(10, 'e')}}}));
  REQUIRE_ERROR(t->PutItem({.table_name = "Tbl", .item = {{"pk", "a"}, {"sk", "3"}}}),
                ErrorType::kItemCollectionSizeLimitExceeded, kExceeded);

  // Shrinking item 1 at the limit is allowed: data drops to 500 bytes (2 x 500 freed), to 1048;
  // item 3 (6 bytes) then fits.
  Item smaller = BigItem("a", "1");
  smaller["data"] = AttributeValue(std::string(500, 'd'));
  REQUIRE_OK(t->PutItem({.table_name = "Tbl", .item = smaller}));
  REQUIRE_OK(t->PutItem({.table_name = "Tbl", .item = {{"pk", "a"}, {"sk", "3"}}}));
  RequireConsistent(t.db(), "Tbl");

  // Deleting item 3 and growing item 1 back reaches the limit exactly (2048); rewriting the same
  // item does not grow the collection, so it is allowed there.
  REQUIRE_OK(t->DeleteItem({.table_name = "Tbl", .key = {{"pk", "a"}, {"sk", "3"}}}));
  REQUIRE_OK(t->PutItem({.table_name = "Tbl", .item = BigItem("a", "1")}));
  REQUIRE_OK(t->PutItem({.table_name = "Tbl", .item = BigItem("a", "1")}));
  REQUIRE_ERROR(t->PutItem({.table_name = "Tbl", .item = {{"pk", "a"}, {"sk", "4"}}}),
                ErrorType::kItemCollectionSizeLimitExceeded, kExceeded);
  REQUIRE_OK(t->DeleteItem({.table_name = "Tbl", .key = {{"pk", "a"}, {"sk", "1"}}}));
  REQUIRE_OK(t->PutItem({.table_name = "Tbl", .item = {{"pk", "a"}, {"sk", "4"}}}));
  REQUIRE_OK(t->UpdateItem({.table_name = "Tbl",
                            .key = {{"pk", "a"}, {"sk", "2"}},
                            .expression_attribute_values = {{":v", AttributeValue("y")}},
                            .update_expression = "SET lsk = :v"}));
  RequireConsistent(t.db(), "Tbl");
}

// Why: ReturnItemCollectionMetrics SIZE must answer ItemCollectionMetrics with the partition key
// and a [lower, upper] GB estimate on every single-item write to a table with an LSI, and
// nothing when not asked or when the table has no LSI.
TEST_CASE("ItemCollections: ReturnItemCollectionMetrics on PutItem, UpdateItem, DeleteItem",
          "[ops][indexes][item_collection]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(LsiTable("Tbl")));
  const Item collection_key = {{"pk", "a"}};
  const std::array<double, 2> small = {0, 1};

  auto put = t->PutItem({.table_name = "Tbl",
                         .item = BigItem("a", "1"),
                         .return_item_collection_metrics = ReturnItemCollectionMetrics::kSize});
  REQUIRE_OK(put);
  REQUIRE(put->item_collection_metrics.has_value());
  CHECK(put->item_collection_metrics->item_collection_key == collection_key);
  CHECK(put->item_collection_metrics->size_estimate_range_gb == small);

  auto updated = t->UpdateItem({.table_name = "Tbl",
                                .key = {{"pk", "a"}, {"sk", "2"}},
                                .expression_attribute_values = {{":v", N("1")}},
                                .return_item_collection_metrics =
                                    ReturnItemCollectionMetrics::kSize,
                                .update_expression = "SET n = :v"});
  REQUIRE_OK(updated);
  REQUIRE(updated->item_collection_metrics.has_value());
  CHECK(updated->item_collection_metrics->item_collection_key == collection_key);
  CHECK(updated->item_collection_metrics->size_estimate_range_gb == small);

  auto deleted = t->DeleteItem({.table_name = "Tbl",
                                .key = {{"pk", "a"}, {"sk", "1"}},
                                .return_item_collection_metrics =
                                    ReturnItemCollectionMetrics::kSize});
  REQUIRE_OK(deleted);
  REQUIRE(deleted->item_collection_metrics.has_value());
  CHECK(deleted->item_collection_metrics->item_collection_key == collection_key);

  // NONE and absent: no metrics.
  auto none = t->PutItem({.table_name = "Tbl",
                          .item = BigItem("a", "1"),
                          .return_item_collection_metrics = ReturnItemCollectionMetrics::kNone});
  REQUIRE_OK(none);
  CHECK_FALSE(none->item_collection_metrics.has_value());
  auto absent = t->DeleteItem({.table_name = "Tbl", .key = {{"pk", "a"}, {"sk", "1"}}});
  REQUIRE_OK(absent);
  CHECK_FALSE(absent->item_collection_metrics.has_value());

  // A table without an LSI (a plain table and one with only a GSI) returns none.
  REQUIRE_OK(t->CreateTable(HashTable("Plain")));
  CreateTableRequest gsi_only = HashTable("GsiOnly");
  gsi_only.attribute_definitions.push_back({"g", ScalarType::kS});
  gsi_only.global_secondary_indexes = {{.index_name = "ByG",
                                        .key_schema = {{"g", KeyType::kHash}},
                                        .projection = {.projection_type = ProjectionType::kAll}}};
  REQUIRE_OK(t->CreateTable(gsi_only));
  for (const char* table : {"Plain", "GsiOnly"}) {
    INFO(table);
    auto p = t->PutItem({.table_name = table,
                         .item = {{"pk", "a"}, {"g", "x"}},
                         .return_item_collection_metrics = ReturnItemCollectionMetrics::kSize});
    REQUIRE_OK(p);
    CHECK_FALSE(p->item_collection_metrics.has_value());
    auto u = t->UpdateItem({.table_name = table,
                            .key = {{"pk", "a"}},
                            .expression_attribute_values = {{":v", N("1")}},
                            .return_item_collection_metrics = ReturnItemCollectionMetrics::kSize,
                            .update_expression = "SET n = :v"});
    REQUIRE_OK(u);
    CHECK_FALSE(u->item_collection_metrics.has_value());
    auto d = t->DeleteItem({.table_name = table,
                            .key = {{"pk", "a"}},
                            .return_item_collection_metrics = ReturnItemCollectionMetrics::kSize});
    REQUIRE_OK(d);
    CHECK_FALSE(d->item_collection_metrics.has_value());
  }
  RequireConsistent(t.db(), "Tbl");
  RequireConsistent(t.db(), "GsiOnly");  // and no collection counters for a table without LSI
}

// Why: SizeEstimateRangeGB is [floor(size in GiB), that + 1] (docs/compatibility.md); sizes of
// gigabytes cannot be written in a unit test, so the estimate is checked on the function itself.
TEST_CASE("ItemCollections: SizeEstimateRangeGB brackets the size in whole GB",
          "[ops][indexes][item_collection]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(LsiTable("Tbl")));
  storage::Engine& engine = static_cast<DatabaseImpl&>(t.db()).engine();
  std::shared_ptr<const storage::TableInfo> table = engine.catalog().Find("Tbl");
  REQUIRE(table != nullptr);
  const Item item = BigItem("k", "1");
  const auto ask = std::optional<ReturnItemCollectionMetrics>(ReturnItemCollectionMetrics::kSize);
  auto at = [&](int64_t bytes) {
    std::optional<ItemCollectionMetrics> m = ops::MakeItemCollectionMetrics(*table, ask, item, bytes);
    REQUIRE(m.has_value());
    CHECK(m->item_collection_key == Item{{"pk", "k"}});
    return m->size_estimate_range_gb;
  };
  CHECK(at(0) == std::array<double, 2>{0, 1});
  CHECK(at((1ll << 30) - 1) == std::array<double, 2>{0, 1});
  CHECK(at(1ll << 30) == std::array<double, 2>{1, 2});
  CHECK(at((7ll << 30) + (1ll << 29)) == std::array<double, 2>{7, 8});
  CHECK_FALSE(ops::MakeItemCollectionMetrics(*table, std::nullopt, item, 0).has_value());
}

// Why: DeleteTable must remove the table's collection counters with its items, so that no
// stale size is left behind.
TEST_CASE("ItemCollections: DeleteTable removes the collection counters",
          "[ops][indexes][item_collection]") {
  auto kind = GENERATE(DbKind::kInMemory, DbKind::kOnDisk);
  TestDb t(kind, SmallCollections());
  REQUIRE_OK(t->CreateTable(LsiTable("Tbl")));
  REQUIRE_OK(t->CreateTable(LsiTable("Other")));
  REQUIRE_OK(t->PutItem({.table_name = "Tbl", .item = BigItem("a", "1")}));
  REQUIRE_OK(t->PutItem({.table_name = "Tbl", .item = BigItem("b", "1")}));
  REQUIRE_OK(t->PutItem({.table_name = "Other", .item = BigItem("a", "1")}));
  CHECK(CountCollectionCounters(t.db()) == 3);
  REQUIRE_OK(t->DeleteTable({.table_name = "Tbl"}));
  CHECK(CountCollectionCounters(t.db()) == 1);
  RequireConsistent(t.db(), "Other");
  // A new table of the same name starts with empty collections.
  REQUIRE_OK(t->CreateTable(LsiTable("Tbl")));
  REQUIRE_OK(t->PutItem({.table_name = "Tbl", .item = BigItem("a", "1")}));
  RequireConsistent(t.db(), "Tbl");
}

}  // namespace
}  // namespace dynarock
