// LSI item collections in BatchWriteItem and TransactWriteItems: the size limit checked on the
// collection sizes summed over the whole request before anything is committed
// (ItemCollectionSizeLimitExceededException for a batch, a TransactionCanceledException reason
// ItemCollectionSizeLimitExceeded for a transaction), and ReturnItemCollectionMetrics SIZE as
// per-table lists with one entry per collection written (lib/ops/multi_item.cc CollectionTally).
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "dynarock/batch_ops.h"
#include "dynarock/database.h"

#include "lib/api/database_impl.h"
#include "lib/ops/item_write.h"
#include "lib/ops/multi_item.h"
#include "tests/ops/item_collection_fixture.h"
#include "tests/testing/index_checker.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace dynarock {
namespace {

using testing::DbKind;
using testing::HashRangeTable;
using testing::TestDb;

using item_collection_fixture::BigItem;
using item_collection_fixture::kExceeded;
using item_collection_fixture::kLimit;
using item_collection_fixture::LsiTable;
using item_collection_fixture::RequireConsistent;
using item_collection_fixture::SmallCollections;

// Not in the LSI (no lsk): pk 3 + sk 3 + data 4+10 = 20 bytes.
Item SmallItem(std::string pk, std::string sk) {
  return {{"pk", AttributeValue(std::move(pk))},
          {"sk", AttributeValue(std::move(sk))},
          {"data", AttributeValue(std::string(10, 'e'))}};
}

Item Key(std::string pk, std::string sk) {
  return {{"pk", AttributeValue(std::move(pk))}, {"sk", AttributeValue(std::move(sk))}};
}

WriteRequest Put(Item item) { return {.put_request = PutRequest{.item = std::move(item)}}; }
WriteRequest Delete(Item key) { return {.delete_request = DeleteRequest{.key = std::move(key)}}; }

TransactWriteItem TPut(std::string table, Item item) {
  return {.put = TransactPut{.table_name = std::move(table), .item = std::move(item)}};
}
TransactWriteItem TDelete(std::string table, Item key) {
  return {.del = TransactDelete{.table_name = std::move(table), .key = std::move(key)}};
}
// SET lsk = "2".
TransactWriteItem TSetLsk(std::string table, Item key) {
  return {.update = TransactUpdate{.table_name = std::move(table),
                                   .key = std::move(key),
                                   .update_expression = "SET lsk = :v",
                                   .expression_attribute_values = {{":v", AttributeValue("2")}}}};
}
TransactWriteItem TCheck(std::string table, Item key, std::string condition) {
  return {.condition_check = TransactConditionCheck{.table_name = std::move(table),
                                                    .key = std::move(key),
                                                    .condition_expression = std::move(condition)}};
}


storage::Engine& EngineOf(Database& db) { return static_cast<DatabaseImpl&>(db).engine(); }

// The stored size of `pk`'s item collection in `table`.
int64_t CollectionSize(Database& db, const std::string& table, const std::string& pk) {
  std::shared_ptr<const storage::TableInfo> info = EngineOf(db).catalog().Find(table);
  REQUIRE(info != nullptr);
  absl::StatusOr<int64_t> size =
      ops::ReadItemCollectionSize(EngineOf(db), *info, Item{{"pk", AttributeValue(pk)}});
  REQUIRE_OK(size);
  return *size;
}

bool Exists(Database& db, const std::string& table, Item key) {
  auto got = db.GetItem({.table_name = table, .key = std::move(key)});
  REQUIRE_OK(got);
  return got->item.has_value();
}

// The partition keys of a metrics list, in order.
std::vector<std::string> Keys(const std::vector<ItemCollectionMetrics>& list) {
  std::vector<std::string> out;
  for (const ItemCollectionMetrics& m : list) {
    REQUIRE(m.item_collection_key.size() == 1);
    out.push_back(m.item_collection_key.at("pk").s());
    CHECK(m.size_estimate_range_gb == std::array<double, 2>{0, 1});
  }
  return out;
}

CreateTableRequest PlainTable() { return HashRangeTable("Plain"); }

// Why: BatchWriteItem with SIZE answers, per table with an LSI, one ItemCollectionMetrics per
// item collection it wrote (two writes to one collection give one entry), nothing for tables
// without an LSI, and nothing at all when SIZE is not asked; the collection counters must hold
// the summed deltas of the batch.
TEST_CASE("ItemCollections: BatchWriteItem metrics, one entry per collection",
          "[ops][indexes][item_collection][batch]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(LsiTable("Tbl")));
  REQUIRE_OK(t->CreateTable(PlainTable()));
  REQUIRE_OK(t->PutItem({.table_name = "Tbl", .item = BigItem("c", "1")}));

  BatchWriteItemRequest request{
      .request_items = {{"Tbl",
                         {Put(BigItem("a", "1")), Put(BigItem("b", "1")), Put(SmallItem("a", "2")),
                          Delete(Key("c", "1"))}},
                        {"Plain", {Put(SmallItem("a", "1"))}}},
      .return_item_collection_metrics = ReturnItemCollectionMetrics::kSize};
  auto r = t->BatchWriteItem(request);
  REQUIRE_OK(r);
  REQUIRE(r->item_collection_metrics.size() == 1);
  REQUIRE(r->item_collection_metrics.count("Tbl") == 1);
  CHECK(Keys(r->item_collection_metrics.at("Tbl")) == std::vector<std::string>{"a", "b", "c"});
  CHECK(CollectionSize(t.db(), "Tbl", "a") == 2028 + 20);
  CHECK(CollectionSize(t.db(), "Tbl", "b") == 2028);
  CHECK(CollectionSize(t.db(), "Tbl", "c") == 0);
  RequireConsistent(t.db(), "Tbl");
  RequireConsistent(t.db(), "Plain");

  // A delete of a missing item still names its collection, as DeleteItem does.
  auto missing =
      t->BatchWriteItem({.request_items = {{"Tbl", {Delete(Key("z", "1"))}}},
                         .return_item_collection_metrics = ReturnItemCollectionMetrics::kSize});
  REQUIRE_OK(missing);
  REQUIRE(missing->item_collection_metrics.count("Tbl") == 1);
  CHECK(Keys(missing->item_collection_metrics.at("Tbl")) == std::vector<std::string>{"z"});

  // Only a table without an LSI, or SIZE not asked: no metrics.
  auto plain = t->BatchWriteItem(
      {.request_items = {{"Plain", {Put(SmallItem("b", "1")), Delete(Key("a", "1"))}}},
       .return_item_collection_metrics = ReturnItemCollectionMetrics::kSize});
  REQUIRE_OK(plain);
  CHECK(plain->item_collection_metrics.empty());
  request.return_item_collection_metrics = ReturnItemCollectionMetrics::kNone;
  auto none = t->BatchWriteItem(request);
  REQUIRE_OK(none);
  CHECK(none->item_collection_metrics.empty());
  request.return_item_collection_metrics.reset();
  auto absent = t->BatchWriteItem(request);
  REQUIRE_OK(absent);
  CHECK(absent->item_collection_metrics.empty());
  RequireConsistent(t.db(), "Tbl");
}

// Why: the limit applies to each collection's size after the whole batch; a batch growing a
// collection past it must fail with DynamoDB's error and write nothing at all (not even its
// writes to other collections or tables), while a batch whose deletes make room passes.
TEST_CASE("ItemCollections: a BatchWriteItem past the limit writes nothing",
          "[ops][indexes][item_collection][batch]") {
  auto kind = GENERATE(DbKind::kInMemory, DbKind::kOnDisk);
  TestDb t(kind, SmallCollections());
  REQUIRE_OK(t->CreateTable(LsiTable("Tbl")));
  REQUIRE_OK(t->CreateTable(PlainTable()));

  // Each put fits alone (2028); together they do not (4056).
  REQUIRE_ERROR(
      t->BatchWriteItem({.request_items = {{"Tbl",
                                            {Put(BigItem("b", "1")), Put(BigItem("a", "1")),
                                             Put(BigItem("a", "2"))}},
                                           {"Plain", {Put(SmallItem("a", "1"))}}}}),
      ErrorType::kItemCollectionSizeLimitExceeded, kExceeded);
  CHECK_FALSE(Exists(t.db(), "Tbl", Key("a", "1")));
  CHECK_FALSE(Exists(t.db(), "Tbl", Key("a", "2")));
  CHECK_FALSE(Exists(t.db(), "Tbl", Key("b", "1")));
  CHECK_FALSE(Exists(t.db(), "Plain", Key("a", "1")));
  CHECK(CollectionSize(t.db(), "Tbl", "a") == 0);
  CHECK(CollectionSize(t.db(), "Tbl", "b") == 0);
  RequireConsistent(t.db(), "Tbl");

  // Reaching the limit exactly passes: 2028 + 20 = 2048.
  REQUIRE_OK(t->BatchWriteItem(
      {.request_items = {{"Tbl", {Put(BigItem("a", "1")), Put(SmallItem("a", "2"))}}}}));
  CHECK(CollectionSize(t.db(), "Tbl", "a") == kLimit);
  // One more byte in the collection fails, also when the grown write is with others.
  REQUIRE_ERROR(
      t->BatchWriteItem({.request_items = {{"Tbl", {Put(BigItem("b", "1")), Put(Key("a", "3"))}}}}),
      ErrorType::kItemCollectionSizeLimitExceeded, kExceeded);
  CHECK_FALSE(Exists(t.db(), "Tbl", Key("b", "1")));
  // A delete in the same batch makes room: the sizes are summed over the batch (-20 + 6).
  REQUIRE_OK(
      t->BatchWriteItem({.request_items = {{"Tbl", {Put(Key("a", "3")), Delete(Key("a", "2"))}}}}));
  CHECK(CollectionSize(t.db(), "Tbl", "a") == kLimit - 20 + 6);
  // A batch that only shrinks or keeps a collection at the limit passes.
  REQUIRE_OK(t->BatchWriteItem({.request_items = {{"Tbl", {Put(BigItem("a", "1"))}}}}));
  RequireConsistent(t.db(), "Tbl");
  if (kind == DbKind::kOnDisk) {
    t.Reopen();
    RequireConsistent(t.db(), "Tbl");
    REQUIRE_ERROR(t->BatchWriteItem({.request_items = {{"Tbl", {Put(BigItem("a", "9"))}}}}),
                  ErrorType::kItemCollectionSizeLimitExceeded, kExceeded);
  }
}

// Why: TransactWriteItems with SIZE answers the same per-table lists: Put, Update and Delete
// name their collection once however many actions touch it, a ConditionCheck names none, and a
// table without an LSI never appears.
TEST_CASE("ItemCollections: TransactWriteItems metrics, one entry per collection",
          "[ops][indexes][item_collection][transact]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(LsiTable("Tbl")));
  REQUIRE_OK(t->CreateTable(PlainTable()));
  REQUIRE_OK(t->PutItem({.table_name = "Tbl", .item = BigItem("b", "1")}));

  TransactWriteItemsRequest request{
      .transact_items = {TPut("Tbl", BigItem("a", "1")),
                         TCheck("Tbl", Key("d", "1"), "attribute_not_exists(pk)"),
                         TSetLsk("Tbl", Key("a", "2")), TDelete("Tbl", Key("b", "1")),
                         TPut("Plain", SmallItem("a", "1"))},
      .return_item_collection_metrics = ReturnItemCollectionMetrics::kSize};
  auto r = t->TransactWriteItems(request);
  REQUIRE_OK(r);
  REQUIRE(r->item_collection_metrics.size() == 1);
  REQUIRE(r->item_collection_metrics.count("Tbl") == 1);
  CHECK(Keys(r->item_collection_metrics.at("Tbl")) == std::vector<std::string>{"a", "b"});
  // a/2 is {pk a, sk 2, lsk 2} = 10 bytes, in the index too: 2028 + 20.
  CHECK(CollectionSize(t.db(), "Tbl", "a") == 2028 + 20);
  CHECK(CollectionSize(t.db(), "Tbl", "b") == 0);
  RequireConsistent(t.db(), "Tbl");

  request.transact_items = {TPut("Plain", SmallItem("b", "1")),
                            TCheck("Tbl", Key("a", "1"), "attribute_exists(pk)")};
  auto plain = t->TransactWriteItems(request);
  REQUIRE_OK(plain);
  CHECK(plain->item_collection_metrics.empty());
  request.transact_items = {TPut("Tbl", BigItem("a", "1"))};
  request.return_item_collection_metrics = ReturnItemCollectionMetrics::kNone;
  auto none = t->TransactWriteItems(request);
  REQUIRE_OK(none);
  CHECK(none->item_collection_metrics.empty());
}

// Why: a transaction growing a collection past the limit is cancelled with DynamoDB's reason
// ItemCollectionSizeLimitExceeded on the action that takes the collection past it (None on the
// others) and writes nothing; the sizes are summed over the transaction, so a Delete in it can
// make room.
TEST_CASE("ItemCollections: a TransactWriteItems past the limit is cancelled",
          "[ops][indexes][item_collection][transact]") {
  auto kind = GENERATE(DbKind::kInMemory, DbKind::kOnDisk);
  TestDb t(kind, SmallCollections());
  REQUIRE_OK(t->CreateTable(LsiTable("Tbl")));
  REQUIRE_OK(t->CreateTable(PlainTable()));

  // Collection a: 2028, then 2048 (the limit exactly), then 2054 at action 4.
  auto r = t->TransactWriteItems(
      {.transact_items = {TPut("Tbl", BigItem("b", "1")), TPut("Tbl", BigItem("a", "1")),
                          TCheck("Tbl", Key("a", "9"), "attribute_not_exists(pk)"),
                          TPut("Tbl", SmallItem("a", "2")), TPut("Tbl", Key("a", "3")),
                          TPut("Plain", SmallItem("a", "1")), TDelete("Tbl", Key("c", "1"))},
       .return_item_collection_metrics = ReturnItemCollectionMetrics::kSize});
  REQUIRE_ERROR(r, ErrorType::kTransactionCanceled,
                "Transaction cancelled, please refer cancellation reasons for specific reasons "
                "[None, None, None, None, ItemCollectionSizeLimitExceeded, None, None]");
  std::vector<CancellationReason> reasons = GetCancellationReasons(r.status());
  REQUIRE(reasons.size() == 7);
  for (size_t i = 0; i < reasons.size(); ++i) {
    INFO(i);
    if (i == 4) {
      CHECK(reasons[i].code == "ItemCollectionSizeLimitExceeded");
      CHECK(reasons[i].message == std::optional<std::string>(std::string(kExceeded)));
    } else {
      CHECK(reasons[i].code == "None");
      CHECK_FALSE(reasons[i].message.has_value());
    }
    CHECK_FALSE(reasons[i].item.has_value());
  }
  CHECK_FALSE(Exists(t.db(), "Tbl", Key("a", "1")));
  CHECK_FALSE(Exists(t.db(), "Tbl", Key("b", "1")));
  CHECK_FALSE(Exists(t.db(), "Plain", Key("a", "1")));
  CHECK(CollectionSize(t.db(), "Tbl", "a") == 0);
  CHECK(CollectionSize(t.db(), "Tbl", "b") == 0);
  RequireConsistent(t.db(), "Tbl");

  // An Update growing a stored collection past the limit is blamed too.
  REQUIRE_OK(t->PutItem({.table_name = "Tbl", .item = BigItem("a", "1")}));
  REQUIRE_OK(t->PutItem({.table_name = "Tbl", .item = SmallItem("a", "2")}));
  r = t->TransactWriteItems(
      {.transact_items = {TPut("Tbl", BigItem("b", "1")), TSetLsk("Tbl", Key("a", "2"))}});
  REQUIRE_ERROR(r, ErrorType::kTransactionCanceled,
                "Transaction cancelled, please refer cancellation reasons for specific reasons "
                "[None, ItemCollectionSizeLimitExceeded]");
  CHECK_FALSE(Exists(t.db(), "Tbl", Key("b", "1")));
  CHECK(CollectionSize(t.db(), "Tbl", "a") == kLimit);

  // Summed over the transaction: the Deletes after the growing Put make room (net -20), so
  // nothing is cancelled.
  REQUIRE_OK(t->TransactWriteItems(
      {.transact_items = {TPut("Tbl", BigItem("a", "3")), TDelete("Tbl", Key("a", "1")),
                          TDelete("Tbl", Key("a", "2"))}}));
  CHECK(Exists(t.db(), "Tbl", Key("a", "3")));
  CHECK(CollectionSize(t.db(), "Tbl", "a") == 2028);
  RequireConsistent(t.db(), "Tbl");
  if (kind == DbKind::kOnDisk) {
    t.Reopen();
    RequireConsistent(t.db(), "Tbl");
  }
}

// Why: ItemCollectionMetrics must report the size after the whole request, summing every write
// to the collection with its stored size, and the limit must blame the write that passes it;
// gigabyte sizes cannot be written in a unit test, so CollectionTally is fed deltas directly.
TEST_CASE("ItemCollections: CollectionTally sums deltas per collection",
          "[ops][indexes][item_collection][batch]") {
  TestDb t;  // default limit: 10 GiB
  REQUIRE_OK(t->CreateTable(LsiTable("Tbl")));
  REQUIRE_OK(t->CreateTable(LsiTable("Other")));
  REQUIRE_OK(t->PutItem({.table_name = "Tbl", .item = BigItem("a", "0")}));  // 2028 stored
  storage::Engine& engine = EngineOf(t.db());
  std::shared_ptr<const storage::TableInfo> tbl = engine.catalog().Find("Tbl");
  std::shared_ptr<const storage::TableInfo> other = engine.catalog().Find("Other");
  REQUIRE(tbl != nullptr);
  REQUIRE(other != nullptr);
  const Item a1 = Key("a", "1");
  const Item a2 = Key("a", "2");
  const Item a3 = Key("a", "3");
  const Item b1 = Key("b", "1");
  constexpr int64_t kGiB = int64_t{1} << 30;

  {
    ops::CollectionTally tally;
    tally.Add(*tbl, a1, kGiB / 2, 0);
    tally.Add(*other, a1, kGiB, 1);  // same partition key, another table
    tally.Add(*tbl, b1, 0, 2);
    tally.Add(*tbl, a2, kGiB / 2, 3);  // with the stored 2028: just above 1 GiB
    absl::StatusOr<std::optional<size_t>> over = tally.CheckLimit(engine, /*read_all=*/true);
    REQUIRE_OK(over);
    CHECK_FALSE(over->has_value());
    std::map<std::string, std::vector<ItemCollectionMetrics>> metrics = tally.Metrics();
    REQUIRE(metrics.size() == 2);
    REQUIRE(metrics["Tbl"].size() == 2);
    CHECK(metrics["Tbl"][0].item_collection_key == Item{{"pk", "a"}});
    CHECK(metrics["Tbl"][0].size_estimate_range_gb == std::array<double, 2>{1, 2});
    CHECK(metrics["Tbl"][1].item_collection_key == Item{{"pk", "b"}});
    CHECK(metrics["Tbl"][1].size_estimate_range_gb == std::array<double, 2>{0, 1});
    REQUIRE(metrics["Other"].size() == 1);
    CHECK(metrics["Other"][0].size_estimate_range_gb == std::array<double, 2>{1, 2});
  }
  {
    // Limit 10 GiB. Collection b fits; collection a (2028 stored) fits after write 1 and
    // passes the limit at write 2, stays above it after the shrinking write 3 and ends above
    // it: write 2 is blamed.
    ops::CollectionTally tally;
    tally.Add(*tbl, b1, 4 * kGiB, 0);
    tally.Add(*tbl, a1, 7 * kGiB, 1);
    tally.Add(*tbl, a2, 3 * kGiB, 2);
    tally.Add(*tbl, a3, -1, 3);
    absl::StatusOr<std::optional<size_t>> over = tally.CheckLimit(engine, /*read_all=*/false);
    REQUIRE_OK(over);
    CHECK(*over == std::optional<size_t>(2));
  }
  {
    // The first write to take the collection past the limit is blamed, even when a later one
    // brings it back under for a while.
    ops::CollectionTally tally;
    tally.Add(*tbl, b1, kGiB, 0);
    tally.Add(*tbl, a1, 11 * kGiB, 1);
    tally.Add(*tbl, a2, -2 * kGiB, 2);
    tally.Add(*tbl, a3, kGiB + kGiB / 2, 3);
    absl::StatusOr<std::optional<size_t>> over = tally.CheckLimit(engine, /*read_all=*/false);
    REQUIRE_OK(over);
    CHECK(*over == std::optional<size_t>(1));
  }
  {
    // Growing then shrinking back below the limit passes; a collection that only shrinks
    // passes even when it is above the limit.
    ops::CollectionTally tally;
    tally.Add(*tbl, a1, 11 * kGiB, 0);
    tally.Add(*tbl, a2, -11 * kGiB, 1);
    tally.Add(*other, b1, -5, 2);
    absl::StatusOr<std::optional<size_t>> over = tally.CheckLimit(engine, /*read_all=*/false);
    REQUIRE_OK(over);
    CHECK_FALSE(over->has_value());
  }
}

}  // namespace
}  // namespace dynarock
