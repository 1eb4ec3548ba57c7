// UpdateTable (reference 4.5, 5): creating a GSI on a populated table (CREATING with
// Backfilling, reads rejected until ACTIVE, an online backfill racing concurrent writers that
// must end with an index that agrees with the table exactly), resuming a backfill after a
// reopen, deleting a GSI (its entries and counters removed), the table-level settings, and the
// validation messages.
#include "lib/ops/update_table.h"

#include <atomic>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "dynarock/database.h"

#include "lib/api/database_impl.h"
#include "lib/ops/index_builder.h"
#include "lib/ops/ops.h"
#include "lib/storage/engine.h"
#include "lib/storage/key_layout.h"
#include "tests/testing/index_checker.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

#include "rocksdb/iterator.h"

namespace dynarock {
namespace {

using testing::CheckIndexes;
using testing::DbKind;
using testing::HashRangeTable;
using testing::HashTable;
using testing::IndexCheckReport;
using testing::TempDir;
using testing::TestDb;

constexpr std::string_view kInvalid = "One or more parameter values were invalid: ";

void RequireConsistent(Database& db, std::string_view table) {
  IndexCheckReport report = CheckIndexes(db, table);
  INFO(report.Summary());
  REQUIRE(report.problems.empty());
}

ops::IndexBuilder& BuilderOf(Database& db) {
  return static_cast<DatabaseImpl&>(db).index_builder();
}

UpdateTableRequest CreateGsi(std::string table, std::string index, std::string hash,
                             ScalarType type = ScalarType::kS,
                             ProjectionType projection = ProjectionType::kAll) {
  return {.table_name = std::move(table),
          .attribute_definitions = {{hash, type}},
          .global_secondary_index_updates = std::vector<GlobalSecondaryIndexUpdate>{
              {.create = CreateGlobalSecondaryIndexAction{
                   .index_name = std::move(index),
                   .key_schema = {{hash, KeyType::kHash}},
                   .projection = {.projection_type = projection}}}}};
}

const GlobalSecondaryIndexDescription* FindGsi(const TableDescription& d, std::string_view name) {
  for (const auto& g : d.global_secondary_indexes) {
    if (g.index_name == name) return &g;
  }
  return nullptr;
}

std::unique_ptr<storage::Engine> OpenEngine(const std::string& path = "") {
  storage::EngineOptions options;
  if (path.empty()) {
    options.store.in_memory = true;
  } else {
    options.store.path = path;
  }
  auto engine = storage::Engine::Open(options);
  REQUIRE_OK(engine);
  return std::move(*engine);
}

// The number of RocksDB keys that start with `prefix`.
size_t CountKeys(storage::Engine& engine, const std::string& prefix) {
  std::string upper = prefix;
  upper.back() = static_cast<char>(upper.back() + 1);
  std::unique_ptr<rocksdb::Iterator> it = engine.store().NewIterator(&prefix, &upper);
  size_t n = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) ++n;
  return n;
}

// Why: the index must not be readable before its backfill finished (DynamoDB's error), the
// description shows the build in progress, and a builder that starts later (as at open)
// completes it.
TEST_CASE("UpdateTable: a CREATING index rejects reads until its backfill completes",
          "[ops][update_table][index]") {
  std::unique_ptr<storage::Engine> engine = OpenEngine();
  REQUIRE_OK(ops::CreateTable(*engine, HashTable("Tbl")));
  for (int i = 0; i < 50; ++i) {
    REQUIRE_OK(ops::PutItem(
        *engine, {.table_name = "Tbl", .item = {{"pk", "k" + std::to_string(i)}, {"g", "v"}}}));
  }
  {
    ops::IndexBuilder stopped(engine.get());
    stopped.Stop();  // its work never starts: the index stays CREATING
    auto updated = ops::UpdateTable(*engine, stopped, CreateGsi("Tbl", "ByG", "g"));
    REQUIRE_OK(updated);
    CHECK(updated->table_description.table_status == TableStatus::kUpdating);
    const auto* gsi = FindGsi(updated->table_description, "ByG");
    REQUIRE(gsi != nullptr);
    CHECK(gsi->index_status == IndexStatus::kCreating);
    CHECK(gsi->backfilling == true);
  }
  QueryRequest q{.table_name = "Tbl",
                 .expression_attribute_values = {{":g", AttributeValue("v")}},
                 .index_name = "ByG",
                 .key_condition_expression = "g = :g"};
  REQUIRE_ERROR(ops::Query(*engine, q), ErrorType::kValidation,
                "Cannot read from backfilling global secondary index");
  REQUIRE_ERROR(ops::Scan(*engine, {.table_name = "Tbl", .index_name = "ByG"}),
                ErrorType::kValidation, "Cannot read from backfilling global secondary index");
  auto described = ops::DescribeTable(*engine, {.table_name = "Tbl"});
  REQUIRE_OK(described);
  CHECK(described->table.table_status == TableStatus::kUpdating);
  // Another index cannot be created meanwhile.
  {
    ops::IndexBuilder unused(engine.get());
    REQUIRE_ERROR(ops::UpdateTable(*engine, unused, CreateGsi("Tbl", "Other", "h")),
                  ErrorType::kLimitExceeded,
                  "Subscriber limit exceeded: Only 1 online index can be created or deleted "
                  "simultaneously per table");
  }

  ops::IndexBuilder builder(engine.get());
  builder.ResumeAll();
  builder.WaitIdle();
  auto r = ops::Query(*engine, q);
  REQUIRE_OK(r);
  CHECK(r->count == 50);
  described = ops::DescribeTable(*engine, {.table_name = "Tbl"});
  REQUIRE_OK(described);
  CHECK(described->table.table_status == TableStatus::kActive);
  const auto* gsi = FindGsi(described->table, "ByG");
  REQUIRE(gsi != nullptr);
  CHECK(gsi->index_status == IndexStatus::kActive);
  CHECK_FALSE(gsi->backfilling.has_value());
  CHECK(gsi->item_count == 50);
}

// Why: the online backfill scans a large table while other threads keep writing the same
// items (puts, updates that add, change and remove the index key, deletes); every write
// maintains the CREATING index and the backfill locks what it indexes, so at the end the
// index, its counters and the table agree exactly.
TEST_CASE("UpdateTable: a backfill of 100k items racing two writers ends exact",
          "[ops][update_table][index][concurrency]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(HashTable("Big")));
  Table table = t->GetTable("Big");
  constexpr int kItems = 100000;
  for (int i = 0; i < kItems; ++i) {
    Item item{{"pk", "k" + std::to_string(i)}};
    if (i % 7 == 0) {
      item.emplace("g", i);  // the wrong type for the index: skipped by the backfill
    } else if (i % 5 != 0) {
      item.emplace("g", "g" + std::to_string(i % 100));
    }
    item.emplace("payload", "p" + std::to_string(i));
    REQUIRE_OK(table.Put(std::move(item)));
  }

  std::atomic<bool> stop{false};
  std::atomic<int> writes{0};
  std::atomic<bool> unexpected_error{false};  // Catch2 assertions are not thread-safe
  auto writer = [&](unsigned seed) {
    std::mt19937 rng(seed);
    while (!stop.load()) {
      const int k = static_cast<int>(rng() % (kItems + 2000));
      const std::string pk = "k" + std::to_string(k);
      const std::string g = "g" + std::to_string(rng() % 100);
      absl::Status s;
      switch (rng() % 4) {
        case 0:
          s = table.Put({{"pk", pk}, {"g", g}, {"payload", "w"}});
          break;
        case 1:
          s = table
                  .UpdateItem({.key = {{"pk", pk}},
                               .expression_attribute_values = {{":g", AttributeValue(g)}},
                               .update_expression = "SET g = :g"})
                  .status();
          break;
        case 2:
          s = table.UpdateItem({.key = {{"pk", pk}}, .update_expression = "REMOVE g"}).status();
          break;
        default:
          s = table.Delete({{"pk", pk}});
          break;
      }
      // Once the index exists, an update of an item whose g has the wrong type is refused.
      if (!s.ok() && GetErrorType(s) != ErrorType::kValidation) unexpected_error = true;
      writes.fetch_add(1);
    }
  };
  std::thread w1(writer, 1);
  std::thread w2(writer, 2);
  UpdateTableRequest create =
      CreateGsi("Big", "ByG", "g", ScalarType::kS, ProjectionType::kInclude);
  (*create.global_secondary_index_updates)[0].create->projection.non_key_attributes = {"payload"};
  auto updated = t->UpdateTable(create);
  if (!updated.ok()) {
    stop = true;
    w1.join();
    w2.join();
  }
  REQUIRE_OK(updated);
  BuilderOf(t.db()).WaitIdle();
  const int after = writes.load();
  while (writes.load() < after + 200) std::this_thread::yield();  // writes on the ACTIVE index
  stop = true;
  w1.join();
  w2.join();

  CHECK_FALSE(unexpected_error.load());
  auto described = table.Describe();
  REQUIRE_OK(described);
  const auto* gsi = FindGsi(described->table, "ByG");
  REQUIRE(gsi != nullptr);
  CHECK(gsi->index_status == IndexStatus::kActive);
  CHECK(gsi->item_count > 0);
  RequireConsistent(t.db(), "Big");
}

// Why: a backfill interrupted by closing the database must not leave the index CREATING
// forever: the next open resumes it.
TEST_CASE("UpdateTable: a backfill interrupted by close resumes at the next open",
          "[ops][update_table][index]") {
  TempDir dir;
  const std::string path = dir.path() + "/db";
  {
    std::unique_ptr<storage::Engine> engine = OpenEngine(path);
    REQUIRE_OK(ops::CreateTable(*engine, HashRangeTable("Res")));
    for (int i = 0; i < 300; ++i) {
      REQUIRE_OK(ops::PutItem(*engine, {.table_name = "Res",
                                        .item = {{"pk", "p" + std::to_string(i % 4)},
                                                 {"sk", "s" + std::to_string(i)},
                                                 {"h", "h" + std::to_string(i % 9)}}}));
    }
    ops::IndexBuilder stopped(engine.get());
    stopped.Stop();
    REQUIRE_OK(ops::UpdateTable(
        *engine, stopped, CreateGsi("Res", "ByH", "h", ScalarType::kS, ProjectionType::kKeysOnly)));
  }
  auto db = Database::Open(path);
  REQUIRE_OK(db);
  BuilderOf(**db).WaitIdle();
  auto described = (*db)->DescribeTable({.table_name = "Res"});
  REQUIRE_OK(described);
  const auto* gsi = FindGsi(described->table, "ByH");
  REQUIRE(gsi != nullptr);
  CHECK(gsi->index_status == IndexStatus::kActive);
  CHECK(gsi->item_count == 300);
  RequireConsistent(**db, "Res");
}

// Why: deleting a GSI answers DELETING, then removes every entry and the index's counters
// (DeleteRange over its space) and the index from the table; its name is free again.
TEST_CASE("UpdateTable: deleting a GSI removes its entries", "[ops][update_table][index]") {
  std::unique_ptr<storage::Engine> engine = OpenEngine();
  CreateTableRequest create = HashTable("Del");
  create.attribute_definitions.push_back({"g", ScalarType::kS});
  create.global_secondary_indexes = {{.index_name = "ByG",
                                      .key_schema = {{"g", KeyType::kHash}},
                                      .projection = {.projection_type = ProjectionType::kAll}}};
  REQUIRE_OK(ops::CreateTable(*engine, create));
  for (int i = 0; i < 100; ++i) {
    REQUIRE_OK(ops::PutItem(
        *engine, {.table_name = "Del", .item = {{"pk", "k" + std::to_string(i)}, {"g", "v"}}}));
  }
  const uint32_t id = engine->catalog().Find("Del")->id;
  const uint8_t space = engine->catalog().Find("Del")->FindIndex("ByG")->space;
  const std::string prefix = storage::IndexSpacePrefix(id, space);
  REQUIRE(CountKeys(*engine, prefix) == 100);

  ops::IndexBuilder builder(engine.get());
  UpdateTableRequest remove{
      .table_name = "Del",
      .global_secondary_index_updates = std::vector<GlobalSecondaryIndexUpdate>{
          {.delete_action = DeleteGlobalSecondaryIndexAction{.index_name = "ByG"}}}};
  auto updated = ops::UpdateTable(*engine, builder, remove);
  REQUIRE_OK(updated);
  const auto* gsi = FindGsi(updated->table_description, "ByG");
  REQUIRE(gsi != nullptr);
  CHECK(gsi->index_status == IndexStatus::kDeleting);
  auto definitions = [](const TableDescription& d) {
    std::vector<std::string> names;
    for (const AttributeDefinition& a : d.attribute_definitions) names.push_back(a.attribute_name);
    return names;
  };
  CHECK(definitions(updated->table_description) == std::vector<std::string>{"g", "pk"});
  builder.WaitIdle();
  CHECK(CountKeys(*engine, prefix) == 0);
  rocksdb::PinnableSlice counters;
  auto found = engine->store().Get(storage::IndexCountersKey(id, space), &counters);
  REQUIRE_OK(found);
  CHECK_FALSE(*found);
  auto described = ops::DescribeTable(*engine, {.table_name = "Del"});
  REQUIRE_OK(described);
  CHECK(described->table.global_secondary_indexes.empty());
  CHECK(described->table.table_status == TableStatus::kActive);
  // The deleted index's key attribute left AttributeDefinitions with it.
  CHECK(definitions(described->table) == std::vector<std::string>{"pk"});
  REQUIRE_ERROR(ops::Query(*engine, {.table_name = "Del",
                                     .expression_attribute_values = {{":g", AttributeValue("v")}},
                                     .index_name = "ByG",
                                     .key_condition_expression = "g = :g"}),
                ErrorType::kValidation, "The table does not have the specified index: ByG");
  // Writes go on without the index, and the name can be used again (a new space).
  REQUIRE_OK(ops::PutItem(*engine, {.table_name = "Del", .item = {{"pk", "new"}, {"g", "v"}}}));
  REQUIRE_OK(ops::UpdateTable(*engine, builder, CreateGsi("Del", "ByG", "g")));
  builder.WaitIdle();
  CHECK(engine->catalog().Find("Del")->FindIndex("ByG")->space != space);
  auto r = ops::Query(*engine, {.table_name = "Del",
                                .expression_attribute_values = {{":g", AttributeValue("v")}},
                                .index_name = "ByG",
                                .key_condition_expression = "g = :g"});
  REQUIRE_OK(r);
  CHECK(r->count == 101);
}

// Why: a deleted GSI's key attribute leaves AttributeDefinitions only when no other key schema
// uses it.
TEST_CASE("UpdateTable: a deleted GSI's attribute stays while another index uses it",
          "[ops][update_table][index]") {
  std::unique_ptr<storage::Engine> engine = OpenEngine();
  CreateTableRequest create = HashTable("Two");
  create.attribute_definitions.push_back({"g", ScalarType::kS});
  create.global_secondary_indexes = {{.index_name = "ByG1",
                                      .key_schema = {{"g", KeyType::kHash}},
                                      .projection = {.projection_type = ProjectionType::kAll}},
                                     {.index_name = "ByG2",
                                      .key_schema = {{"g", KeyType::kHash}},
                                      .projection = {.projection_type = ProjectionType::kKeysOnly}}};
  REQUIRE_OK(ops::CreateTable(*engine, create));
  ops::IndexBuilder builder(engine.get());
  REQUIRE_OK(ops::UpdateTable(
      *engine, builder,
      {.table_name = "Two",
       .global_secondary_index_updates = std::vector<GlobalSecondaryIndexUpdate>{
           {.delete_action = DeleteGlobalSecondaryIndexAction{.index_name = "ByG1"}}}}));
  builder.WaitIdle();
  auto described = ops::DescribeTable(*engine, {.table_name = "Two"});
  REQUIRE_OK(described);
  REQUIRE(described->table.global_secondary_indexes.size() == 1);
  std::vector<std::string> names;
  for (const AttributeDefinition& a : described->table.attribute_definitions) {
    names.push_back(a.attribute_name);
  }
  CHECK(names == std::vector<std::string>{"g", "pk"});  // sorted by name
}

// Why: dropping a table while its index builds must stop the build and leave nothing behind.
TEST_CASE("UpdateTable: DeleteTable during a backfill stops it", "[ops][update_table][index]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(HashTable("Gone")));
  for (int i = 0; i < 5000; ++i) {
    REQUIRE_OK(t->GetTable("Gone").Put({{"pk", "k" + std::to_string(i)}, {"g", "v"}}));
  }
  REQUIRE_OK(t->UpdateTable(CreateGsi("Gone", "ByG", "g")));
  REQUIRE_OK(t->DeleteTable({.table_name = "Gone"}));
  BuilderOf(t.db()).WaitIdle();
  REQUIRE_ERROR(t->DescribeTable({.table_name = "Gone"}), ErrorType::kResourceNotFound,
                "Requested resource not found: Table: Gone not found");
  REQUIRE_OK(t->CreateTable(HashTable("Gone")));
  auto scanned = t->GetTable("Gone").Scan({});
  REQUIRE_OK(scanned);
  CHECK(scanned->count == 0);
}

// Why: the table-level settings UpdateTable changes, as DescribeTable reports them.
TEST_CASE("UpdateTable: throughput, billing mode and deletion protection", "[ops][update_table]") {
  TestDb t;
  CreateTableRequest create = HashTable("Set");
  create.billing_mode = BillingMode::kProvisioned;
  create.provisioned_throughput = ProvisionedThroughput{5, 5};
  REQUIRE_OK(t->CreateTable(create));
  Table table = t->GetTable("Set");
  auto r = table.Update({.provisioned_throughput = ProvisionedThroughput{7, 9}});
  REQUIRE_OK(r);
  CHECK(r->table_description.provisioned_throughput.read_capacity_units == 7);
  CHECK(r->table_description.provisioned_throughput.write_capacity_units == 9);
  REQUIRE_OK(table.Update({.deletion_protection_enabled = true}));
  REQUIRE_ERROR(t->DeleteTable({.table_name = "Set"}), ErrorType::kValidation,
                "Resource cannot be deleted as it is currently protected against deletion. "
                "Disable deletion protection first.");
  r = table.Update({.billing_mode = BillingMode::kPayPerRequest});
  REQUIRE_OK(r);
  auto d = table.Describe();
  REQUIRE_OK(d);
  CHECK(d->table.deletion_protection_enabled == true);
  REQUIRE(d->table.billing_mode_summary.has_value());
  CHECK(d->table.billing_mode_summary->billing_mode == BillingMode::kPayPerRequest);
  CHECK(d->table.provisioned_throughput.read_capacity_units == 0);
  // DeletionProtectionEnabled must be the only change of its call (live catalogue DDB-TABLE-433).
  REQUIRE_ERROR(table.Update({.billing_mode = BillingMode::kProvisioned,
                              .deletion_protection_enabled = false,
                              .provisioned_throughput = ProvisionedThroughput{3, 4}}),
                ErrorType::kValidation,
                std::string(kInvalid) +
                    "DeletionProtection modification must be the only operation in the request");
  d = table.Describe();
  REQUIRE_OK(d);
  CHECK(d->table.deletion_protection_enabled == true);  // nothing applied
  CHECK(d->table.provisioned_throughput.read_capacity_units == 0);
  REQUIRE_OK(table.Update({.billing_mode = BillingMode::kProvisioned,
                           .provisioned_throughput = ProvisionedThroughput{3, 4}}));
  r = table.Update({.deletion_protection_enabled = false});
  REQUIRE_OK(r);
  d = table.Describe();
  REQUIRE_OK(d);
  CHECK(d->table.provisioned_throughput.read_capacity_units == 3);
  CHECK(d->table.deletion_protection_enabled == false);
  REQUIRE_OK(t->DeleteTable({.table_name = "Set"}));
}

// Why: a 21st GSI through UpdateTable is a LimitExceededException with its own text (live
// catalogue DDB-TABLE-169), not CreateTable's ValidationException.
TEST_CASE("UpdateTable: the 21st GSI", "[ops][update_table]") {
  TestDb t;
  CreateTableRequest create = HashTable("Many");
  create.billing_mode = BillingMode::kPayPerRequest;
  create.attribute_definitions.push_back({"g", ScalarType::kS});
  for (int i = 0; i < 20; ++i) {
    create.global_secondary_indexes.push_back(
        {.index_name = "Idx" + std::to_string(i),
         .key_schema = {{"g", KeyType::kHash}},
         .projection = {.projection_type = ProjectionType::kKeysOnly}});
  }
  REQUIRE_OK(t->CreateTable(create));
  REQUIRE_ERROR(
      t->UpdateTable({.table_name = "Many",
                      .attribute_definitions = {{"g", ScalarType::kS}},
                      .global_secondary_index_updates = std::vector<GlobalSecondaryIndexUpdate>{
                          {.create = CreateGlobalSecondaryIndexAction{
                               .index_name = "Idx20",
                               .key_schema = {{"g", KeyType::kHash}},
                               .projection = {.projection_type = ProjectionType::kKeysOnly}}}}}),
      ErrorType::kLimitExceeded,
      "Subscriber limit exceeded: Number of global secondary indexes exceeds per-table limit of "
      "20");
}

// Why: DynamoDB assigns no GSI throughput when a table switches to PROVISIONED: every live GSI
// needs its own in the same call (live catalogue DDB-TABLE-152); dynarock used to copy the
// table's.
TEST_CASE("UpdateTable: switching to PROVISIONED needs each GSI's throughput",
          "[ops][update_table]") {
  TestDb t;
  CreateTableRequest create = HashTable("Flip");
  create.billing_mode = BillingMode::kPayPerRequest;
  create.attribute_definitions.push_back({"g", ScalarType::kS});
  for (const char* name : {"IdxA", "IdxB"}) {
    create.global_secondary_indexes.push_back(
        {.index_name = name,
         .key_schema = {{"g", KeyType::kHash}},
         .projection = {.projection_type = ProjectionType::kKeysOnly}});
  }
  REQUIRE_OK(t->CreateTable(create));
  Table table = t->GetTable("Flip");
  const ProvisionedThroughput pt{3, 4};
  // While PAY_PER_REQUEST, an index's throughput cannot be updated (live catalogue DDB-TABLE-152).
  REQUIRE_ERROR(
      table.Update({.global_secondary_index_updates = std::vector<GlobalSecondaryIndexUpdate>{
                        {.update = UpdateGlobalSecondaryIndexAction{"IdxA", pt}}}}),
      ErrorType::kValidation,
      std::string(kInvalid) +
          "The only Updates for index: IdxA when TableThroughputMode is PAY_PER_REQUEST can be "
          "to OnDemandThroughput, WarmThroughput");
  REQUIRE_ERROR(table.Update({.billing_mode = BillingMode::kProvisioned,
                              .provisioned_throughput = pt}),
                ErrorType::kValidation,
                std::string(kInvalid) + "ProvisionedThroughput must be specified for index: IdxA,IdxB");
  REQUIRE_ERROR(
      table.Update({.billing_mode = BillingMode::kProvisioned,
                    .global_secondary_index_updates = std::vector<GlobalSecondaryIndexUpdate>{
                        {.update = UpdateGlobalSecondaryIndexAction{"IdxA", ProvisionedThroughput{1, 2}}}},
                    .provisioned_throughput = pt}),
      ErrorType::kValidation,
      std::string(kInvalid) + "ProvisionedThroughput must be specified for index: IdxB");
  auto d = table.Describe();  // the refused calls changed nothing
  REQUIRE_OK(d);
  REQUIRE(d->table.billing_mode_summary.has_value());
  CHECK(d->table.billing_mode_summary->billing_mode == BillingMode::kPayPerRequest);
  REQUIRE_OK(table.Update(
      {.billing_mode = BillingMode::kProvisioned,
       .global_secondary_index_updates = std::vector<GlobalSecondaryIndexUpdate>{
           {.update = UpdateGlobalSecondaryIndexAction{"IdxA", ProvisionedThroughput{1, 2}}},
           {.update = UpdateGlobalSecondaryIndexAction{"IdxB", ProvisionedThroughput{5, 6}}}},
       .provisioned_throughput = pt}));
  d = table.Describe();
  REQUIRE_OK(d);
  REQUIRE(d->table.global_secondary_indexes.size() == 2);
  CHECK(d->table.global_secondary_indexes[0].provisioned_throughput.read_capacity_units == 1);
  CHECK(d->table.global_secondary_indexes[1].provisioned_throughput.write_capacity_units == 6);
}

// Why: DynamoDB's UpdateTable messages, each exact.
TEST_CASE("UpdateTable: validation messages", "[ops][update_table]") {
  TestDb t;
  CreateTableRequest create = HashRangeTable("Val");
  create.billing_mode = BillingMode::kProvisioned;
  create.provisioned_throughput = ProvisionedThroughput{5, 5};
  create.attribute_definitions.push_back({"l", ScalarType::kN});
  create.local_secondary_indexes = {{.index_name = "Local",
                                     .key_schema = {{"pk", KeyType::kHash}, {"l", KeyType::kRange}},
                                     .projection = {.projection_type = ProjectionType::kAll}}};
  REQUIRE_OK(t->CreateTable(create));
  Table table = t->GetTable("Val");
  const ProvisionedThroughput pt{1, 1};
  auto gsi_create = [&](std::string name, std::vector<KeySchemaElement> keys,
                        std::vector<AttributeDefinition> defs,
                        std::optional<ProvisionedThroughput> throughput) {
    return UpdateTableRequest{
        .attribute_definitions = std::move(defs),
        .global_secondary_index_updates = std::vector<GlobalSecondaryIndexUpdate>{
            {.create = CreateGlobalSecondaryIndexAction{
                 .index_name = std::move(name),
                 .key_schema = std::move(keys),
                 .projection = {.projection_type = ProjectionType::kKeysOnly},
                 .provisioned_throughput = throughput}}}};
  };

  REQUIRE_ERROR(table.Update({}), ErrorType::kValidation,
                "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                "GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, "
                "MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, "
                "DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is "
                "required");
  // An empty GlobalSecondaryIndexUpdates list next to a real change: refused, nothing applied
  // (live catalogue DDB-TABLE-359).
  REQUIRE_ERROR(table.Update({.deletion_protection_enabled = true,
                              .global_secondary_index_updates =
                                  std::vector<GlobalSecondaryIndexUpdate>{}}),
                ErrorType::kValidation,
                std::string(kInvalid) + "List of GlobalSecondaryIndexUpdates is empty");
  {
    auto d = table.Describe();
    REQUIRE_OK(d);
    CHECK(d->table.deletion_protection_enabled == false);
  }
  // BillingMode PROVISIONED without throughput, on a table already PROVISIONED (DDB-TABLE-164).
  REQUIRE_ERROR(table.Update({.billing_mode = BillingMode::kProvisioned}), ErrorType::kValidation,
                std::string(kInvalid) +
                    "ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
  REQUIRE_ERROR(t->UpdateTable({.table_name = "Missing", .deletion_protection_enabled = true}),
                ErrorType::kResourceNotFound,
                "Requested resource not found: Table: Missing not found");
  REQUIRE_ERROR(table.Update({.provisioned_throughput = ProvisionedThroughput{5, 5}}),
                ErrorType::kValidation,
                "The provisioned throughput for the table will not change. The requested value "
                "equals the current value. Current ReadCapacityUnits provisioned for the table: "
                "5. Requested ReadCapacityUnits: 5. Current WriteCapacityUnits provisioned for "
                "the table: 5. Requested WriteCapacityUnits: 5. Refer to the Amazon DynamoDB "
                "Developer Guide for current limits and how to request higher limits.");
  REQUIRE_ERROR(table.Update({.billing_mode = BillingMode::kPayPerRequest,
                              .provisioned_throughput = ProvisionedThroughput{6, 6}}),
                ErrorType::kValidation,
                std::string(kInvalid) +
                    "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
                    "BillingMode is PAY_PER_REQUEST");
  REQUIRE_ERROR(table.Update({.provisioned_throughput = ProvisionedThroughput{0, 5}}),
                ErrorType::kValidation,
                "1 validation error detected: Value '0' at 'provisionedThroughput."
                "readCapacityUnits' failed to satisfy constraint: Member must have value greater "
                "than or equal to 1");
  // GlobalSecondaryIndexUpdates.
  REQUIRE_ERROR(
      table.Update({.global_secondary_index_updates = std::vector<GlobalSecondaryIndexUpdate>(1)}),
      ErrorType::kValidation,
      std::string(kInvalid) +
          "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
          "GlobalSecondaryIndexUpdate.Delete must not be null");
  REQUIRE_ERROR(
      table.Update({.global_secondary_index_updates =
                        std::vector<GlobalSecondaryIndexUpdate>{
                            {.delete_action = DeleteGlobalSecondaryIndexAction{"IdxA"},
                             .update = UpdateGlobalSecondaryIndexAction{"IdxA", pt}}}}),
      ErrorType::kValidation,
      std::string(kInvalid) +
          "Only one global secondary index action is allowed per GlobalSecondaryIndexUpdate "
          "object");
  REQUIRE_ERROR(table.Update({.global_secondary_index_updates =
                                  std::vector<GlobalSecondaryIndexUpdate>{
                                      {.update = UpdateGlobalSecondaryIndexAction{"IdxA", pt}},
                                      {.update = UpdateGlobalSecondaryIndexAction{"IdxA", pt}}}}),
                ErrorType::kValidation,
                std::string(kInvalid) +
                    "Only one global secondary index update per index is allowed simultaneously. "
                    "Index: IdxA");
  REQUIRE_ERROR(
      table.Update({.global_secondary_index_updates =
                        std::vector<GlobalSecondaryIndexUpdate>{
                            {.delete_action = DeleteGlobalSecondaryIndexAction{"IdxA"}},
                            {.delete_action = DeleteGlobalSecondaryIndexAction{"IdxB"}}}}),
      ErrorType::kLimitExceeded,
      "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously "
      "per table");
  REQUIRE_ERROR(
      table.Update({.global_secondary_index_updates =
                        std::vector<GlobalSecondaryIndexUpdate>{
                            {.delete_action = DeleteGlobalSecondaryIndexAction{"Local"}}}}),
      ErrorType::kValidation, "Cannot delete an index that is not a GlobalSecondaryIndex: Local");
  REQUIRE_ERROR(
      table.Update({.global_secondary_index_updates =
                        std::vector<GlobalSecondaryIndexUpdate>{
                            {.delete_action = DeleteGlobalSecondaryIndexAction{"Absent"}}}}),
      ErrorType::kResourceNotFound, "Requested resource not found: Index Absent for table Val");
  REQUIRE_ERROR(
      table.Update(gsi_create("Local", {{"x", KeyType::kHash}}, {{"x", ScalarType::kS}}, pt)),
      ErrorType::kValidation, "Attempting to create an index which already exists");
  REQUIRE_ERROR(
      table.Update(gsi_create("New", {{"x", KeyType::kHash}}, {}, pt)), ErrorType::kValidation,
      std::string(kInvalid) + "Some index key attributes are not defined in AttributeDefinitions");
  REQUIRE_ERROR(table.Update(gsi_create("New", {{"x", KeyType::kHash}}, {{"x", ScalarType::kS}},
                                        std::nullopt)),
                ErrorType::kValidation,
                std::string(kInvalid) +
                    "Both ReadCapacityUnits and WriteCapacityUnits must be specified for index: New");
  REQUIRE_ERROR(
      table.Update(gsi_create("New", {{"x", KeyType::kRange}}, {{"x", ScalarType::kS}}, pt)),
      ErrorType::kValidation,
      "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  REQUIRE_ERROR(
      table.Update(gsi_create("New", {{"l", KeyType::kHash}}, {{"l", ScalarType::kS}}, pt)),
      ErrorType::kValidation,
      std::string(kInvalid) +
          "Attributes cannot be redefined. Please check that your attribute has the "
          "same type as previously defined.");
  // A valid create on a PROVISIONED table keeps its throughput.
  auto ok = table.Update(gsi_create("New", {{"x", KeyType::kHash}}, {{"x", ScalarType::kS}},
                                    ProvisionedThroughput{2, 3}));
  REQUIRE_OK(ok);
  const auto* gsi = FindGsi(ok->table_description, "New");
  REQUIRE(gsi != nullptr);
  CHECK(gsi->provisioned_throughput.read_capacity_units == 2);
  bool has_x = false;
  for (const auto& d : ok->table_description.attribute_definitions)
    has_x |= d.attribute_name == "x";
  CHECK(has_x);
  BuilderOf(t.db()).WaitIdle();
}

}  // namespace
}  // namespace dynarock
