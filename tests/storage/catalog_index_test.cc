// Catalog persistence of secondary indexes (issue 6): the encoding of IndexInfo, entries
// written before indexes existed, and a reopen.
#include <catch2/catch.hpp>
#include <string>

#include "lib/storage/catalog.h"
#include "lib/storage/engine.h"
#include "lib/storage/key_layout.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace dynarock::storage {
namespace {

TableInfo IndexedInfo(std::string name) {
  TableInfo info;
  info.name = std::move(name);
  info.table_uuid = "9f2c1a7e-0000-4000-8000-000000000001";
  info.key_schema = {{"pk", KeyType::kHash}, {"sk", KeyType::kRange}};
  info.attribute_definitions = {{"pk", ScalarType::kS},
                                {"sk", ScalarType::kN},
                                {"g", ScalarType::kB},
                                {"l", ScalarType::kN}};
  info.billing_mode = BillingMode::kProvisioned;
  info.read_capacity_units = 3;
  info.write_capacity_units = 4;
  info.creation_time_ms = 1767225600123;
  IndexInfo gsi;
  gsi.name = "ByG";
  gsi.global = true;
  gsi.space = 2;
  gsi.key_schema = {{"g", KeyType::kHash}};
  gsi.projection = {.non_key_attributes = {"a", "b"}, .projection_type = ProjectionType::kInclude};
  gsi.status = IndexStatus::kCreating;
  gsi.backfilling = true;
  gsi.read_capacity_units = 7;
  gsi.write_capacity_units = 8;
  gsi.creation_time_ms = 1767225600999;
  IndexInfo lsi;
  lsi.name = "ByL";
  lsi.global = false;
  lsi.space = 1;
  lsi.key_schema = {{"pk", KeyType::kHash}, {"l", KeyType::kRange}};
  lsi.projection = {.projection_type = ProjectionType::kKeysOnly};
  info.indexes = {lsi, gsi};
  info.next_index_space = 3;
  return info;
}

void CheckIndexed(const TableInfo& back) {
  REQUIRE(back.indexes.size() == 2);
  const IndexInfo& lsi = back.indexes[0];
  const IndexInfo& gsi = back.indexes[1];
  CHECK(lsi.name == "ByL");
  CHECK_FALSE(lsi.global);
  CHECK(lsi.space == 1);
  CHECK(lsi.projection.projection_type == ProjectionType::kKeysOnly);
  CHECK(lsi.projection.non_key_attributes.empty());
  CHECK(lsi.status == IndexStatus::kActive);
  CHECK(lsi.hash_key == "pk");
  CHECK(lsi.range_key == std::optional<std::string>("l"));
  CHECK(lsi.range_type == ScalarType::kN);
  CHECK(gsi.name == "ByG");
  CHECK(gsi.global);
  CHECK(gsi.space == 2);
  CHECK(gsi.key_schema == std::vector<KeySchemaElement>{{"g", KeyType::kHash}});
  CHECK(gsi.projection.projection_type == ProjectionType::kInclude);
  CHECK(gsi.projection.non_key_attributes == std::vector<std::string>{"a", "b"});
  CHECK(gsi.status == IndexStatus::kCreating);
  CHECK(gsi.backfilling);
  CHECK(gsi.read_capacity_units == 7);
  CHECK(gsi.write_capacity_units == 8);
  CHECK(gsi.creation_time_ms == 1767225600999);
  CHECK(gsi.hash_key == "g");
  CHECK(gsi.hash_type == ScalarType::kB);
  CHECK_FALSE(gsi.range_key.has_value());
  CHECK(back.next_index_space == 3);
  CHECK(back.FindIndex("ByG") == &back.indexes[1]);
  CHECK(back.FindIndex("nope") == nullptr);
}

// Why: the catalog entry is on disk; every index field must round-trip, and truncated bytes
// must be rejected rather than read as fewer indexes.
TEST_CASE("Catalog: indexes round-trip through the encoding", "[storage][catalog][indexes]") {
  TableInfo info = IndexedInfo("Orders");
  info.id = 9;
  info.Derive();
  const std::string bytes = EncodeTableInfo(info);
  absl::StatusOr<TableInfo> back = DecodeTableInfo(bytes);
  REQUIRE_OK(back);
  CheckIndexed(*back);
  CHECK(back->indexes[1].counters_key == IndexCountersKey(9, 2));
  for (size_t cut = bytes.size() - 1; cut > bytes.size() - 40; --cut) {
    INFO("cut at " << cut);
    CHECK_FALSE(DecodeTableInfo(bytes.substr(0, cut)).ok());
  }
  CHECK_FALSE(DecodeTableInfo(bytes + "x").ok());
}

// Why: entries written before indexes existed end with an index count of 0 and no
// next_index_space byte; they must still load (as tables without indexes).
TEST_CASE("Catalog: entries from before indexes still load", "[storage][catalog][indexes]") {
  TableInfo info = IndexedInfo("Old");
  info.indexes.clear();
  info.next_index_space = 1;
  std::string bytes = EncodeTableInfo(info);
  REQUIRE(bytes.back() == 1);   // next_index_space
  bytes.pop_back();             // the old format had nothing after the count
  REQUIRE(bytes.back() == 0);   // the index count
  absl::StatusOr<TableInfo> back = DecodeTableInfo(bytes);
  REQUIRE_OK(back);
  CHECK(back->indexes.empty());
  CHECK(back->next_index_space == 1);
  CHECK(back->name == "Old");
}

// Why: indexes are part of the schema; they must survive closing and reopening the database.
TEST_CASE("Catalog: indexes survive a reopen", "[storage][catalog][indexes]") {
  testing::TempDir dir;
  EngineOptions options;
  options.store.path = dir.path() + "/db";
  uint32_t id = 0;
  {
    auto engine = Engine::Open(options);
    REQUIRE_OK(engine);
    auto created = (*engine)->catalog().Create(IndexedInfo("T"));
    REQUIRE_OK(created);
    id = (*created)->id;
    CheckIndexed(**created);
  }
  auto engine = Engine::Open(options);
  REQUIRE_OK(engine);
  std::shared_ptr<const TableInfo> table = (*engine)->catalog().Find("T");
  REQUIRE(table != nullptr);
  CHECK(table->id == id);
  CheckIndexed(*table);
  CHECK(table->indexes[0].counters_key == IndexCountersKey(id, 1));
}

}  // namespace
}  // namespace dynarock::storage
