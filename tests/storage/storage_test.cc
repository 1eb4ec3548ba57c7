// Storage layer: key layout, the stable hash, the counters merge operator, the catalog and the
// in-memory Env, over real RocksDB.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "lib/storage/catalog.h"
#include "lib/storage/counters.h"
#include "lib/storage/engine.h"
#include "lib/storage/item_locks.h"
#include "lib/storage/key_layout.h"
#include "lib/storage/rocks.h"
#include "rocksdb/write_batch.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace dynarock::storage {
namespace {

// Why: partition hashes are part of every item key on disk; a changed hash function would
// orphan every stored item. These values pin the function.
TEST_CASE("KeyLayout: the stable hash never changes", "[storage][keys]") {
  // Reference values computed by an independent Python implementation of FNV-1a 64 + fmix64.
  CHECK(StableHash64("") == 0xefd01f60ba992926ULL);
  CHECK(StableHash64("pk") == 0x7f730f1dd7635464ULL);
  CHECK(StableHash64("dynarock") == 0xe792f7bcc0dc7d94ULL);
  CHECK(StableHash64("a") != StableHash64("b"));
  CHECK(PartitionHash("pk") == static_cast<uint32_t>(StableHash64("pk") >> 32));
}

// Why: the key layout bytes are on disk; DeleteTable's range must cover exactly one table.
TEST_CASE("KeyLayout: table prefixes and ranges", "[storage][keys]") {
  CHECK(TablePrefix(1) == std::string("\x01\x00\x00\x00\x01", 5));
  CHECK(TablePrefixEnd(1) == TablePrefix(2));
  CHECK(TablePrefixEnd(0xffffffffu) == std::string("\x02", 1));
  CHECK(CountersKey(258) == std::string("\x00s\x00\x00\x01\x02", 6));
  CHECK(CatalogKey("T") == std::string("\x00"
                                       "cT",
                                       3));
  std::string key;
  AppendItemKeyPrefix(7, "pk", &key);
  REQUIRE(key.size() == kItemKeyHeaderSize + 2);
  CHECK(key.substr(0, 6) == std::string("\x01\x00\x00\x00\x07\x00", 6));
  CHECK(ReadBigEndian32(key.data() + 6) == PartitionHash("pk"));
  CHECK(key.compare(0, 5, TablePrefix(7)) == 0);
  CHECK(key < TablePrefixEnd(7));
}

// Why: counter operands from many writes must sum exactly, including negative deltas.
TEST_CASE("Counters: merge operands sum", "[storage][counters]") {
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open({.in_memory = true});
  REQUIRE_OK(store);
  for (int i = 0; i < 5; ++i) {
    rocksdb::WriteBatch batch;
    std::string delta;
    EncodeCounters({.item_count = 1, .size_bytes = 100}, &delta);
    REQUIRE(batch.Merge(CountersKey(3), delta).ok());
    REQUIRE_OK((*store)->Write(&batch));
  }
  rocksdb::WriteBatch batch;
  std::string delta;
  EncodeCounters({.item_count = -2, .size_bytes = -150}, &delta);
  REQUIRE(batch.Merge(CountersKey(3), delta).ok());
  REQUIRE_OK((*store)->Write(&batch));
  rocksdb::PinnableSlice value;
  absl::StatusOr<bool> found = (*store)->Get(CountersKey(3), &value);
  REQUIRE_OK(found);
  REQUIRE(*found);
  TableCounters c = DecodeCounters(std::string_view(value.data(), value.size()));
  CHECK(c.item_count == 3);
  CHECK(c.size_bytes == 350);
}

// Why: an in-memory database must not touch the real file system.
TEST_CASE("Store: in-memory open creates no files", "[storage][memory]") {
  REQUIRE_FALSE(std::filesystem::exists(kInMemoryPath));
  {
    absl::StatusOr<std::unique_ptr<Store>> store = Store::Open({.in_memory = true});
    REQUIRE_OK(store);
    rocksdb::WriteBatch batch;
    REQUIRE(batch.Put("k", "v").ok());
    REQUIRE_OK((*store)->Write(&batch));
    REQUIRE((*store)->db()->Flush(rocksdb::FlushOptions()).ok());  // even SST files stay in memory
    CHECK_FALSE(std::filesystem::exists(kInMemoryPath));
  }
  CHECK_FALSE(std::filesystem::exists(kInMemoryPath));
}

// Why: two in-memory databases are independent (each has its own Env).
TEST_CASE("Store: in-memory databases are independent", "[storage][memory]") {
  auto a = Store::Open({.in_memory = true});
  auto b = Store::Open({.in_memory = true});
  REQUIRE_OK(a);
  REQUIRE_OK(b);
  rocksdb::WriteBatch batch;
  REQUIRE(batch.Put("k", "v").ok());
  REQUIRE_OK((*a)->Write(&batch));
  rocksdb::PinnableSlice value;
  absl::StatusOr<bool> found = (*b)->Get("k", &value);
  REQUIRE_OK(found);
  CHECK_FALSE(*found);
}

// Why: opening a missing directory without create_if_missing is an error, not a crash.
TEST_CASE("Store: missing directory without create_if_missing", "[storage][disk]") {
  testing::TempDir dir;
  auto store = Store::Open({.path = dir.path() + "/absent", .create_if_missing = false});
  REQUIRE_FALSE(store.ok());
  CHECK(GetErrorType(store.status()) == ErrorType::kInternalServerError);
}

// Why: Open(path) creates missing parent directories, as users expect of create_if_missing.
TEST_CASE("Store: creates missing parent directories", "[storage][disk]") {
  testing::TempDir dir;
  const std::string path = dir.path() + "/a/b/db";
  auto store = Store::Open({.path = path});
  REQUIRE_OK(store);
  CHECK(std::filesystem::exists(path + "/CURRENT"));
}

TableInfo MakeInfo(std::string name) {
  TableInfo info;
  info.name = std::move(name);
  info.table_uuid = "00000000-0000-4000-8000-000000000000";
  info.key_schema = {{"pk", KeyType::kHash}, {"sk", KeyType::kRange}};
  info.attribute_definitions = {{"pk", ScalarType::kS}, {"sk", ScalarType::kN}};
  info.billing_mode = BillingMode::kProvisioned;
  info.read_capacity_units = 3;
  info.write_capacity_units = 4;
  info.creation_time_ms = 1767225600123;
  info.deletion_protection = true;
  return info;
}

// Why: the catalog entry format is on disk: every field must round-trip.
TEST_CASE("Catalog: TableInfo encoding round-trips", "[storage][catalog]") {
  TableInfo info = MakeInfo("Orders");
  info.id = 42;
  absl::StatusOr<TableInfo> back = DecodeTableInfo(EncodeTableInfo(info));
  REQUIRE_OK(back);
  CHECK(back->name == "Orders");
  CHECK(back->id == 42);
  CHECK(back->table_uuid == info.table_uuid);
  CHECK(back->key_schema == info.key_schema);
  CHECK(back->attribute_definitions == info.attribute_definitions);
  CHECK(back->billing_mode == BillingMode::kProvisioned);
  CHECK(back->read_capacity_units == 3);
  CHECK(back->write_capacity_units == 4);
  CHECK(back->creation_time_ms == 1767225600123);
  CHECK(back->deletion_protection);
  CHECK(back->hash_key == "pk");
  CHECK(back->range_key == std::optional<std::string>("sk"));
  CHECK(back->range_type == ScalarType::kN);
  CHECK_FALSE(DecodeTableInfo("").ok());
  CHECK_FALSE(DecodeTableInfo(EncodeTableInfo(info).substr(0, 10)).ok());
}

// Why: table ids are never reused, also across reopen, so a re-created table never sees the
// old table's items.
TEST_CASE("Catalog: ids persist and are never reused", "[storage][catalog]") {
  testing::TempDir dir;
  EngineOptions options;
  options.store.path = dir.path() + "/db";
  uint32_t first_id = 0;
  {
    auto engine = Engine::Open(options);
    REQUIRE_OK(engine);
    auto a = (*engine)->catalog().Create(MakeInfo("A"));
    REQUIRE_OK(a);
    first_id = (*a)->id;
    TableCounters counters;
    auto dropped = (*engine)->catalog().Drop(
        "A", [](const TableInfo&) { return absl::OkStatus(); }, &(*engine)->locks(), &counters);
    REQUIRE_OK(dropped);
    CHECK((*dropped)->dropped.load());
    CHECK((*engine)->catalog().Find("A") == nullptr);
  }
  auto engine = Engine::Open(options);
  REQUIRE_OK(engine);
  CHECK((*engine)->catalog().Find("A") == nullptr);
  auto again = (*engine)->catalog().Create(MakeInfo("A"));
  REQUIRE_OK(again);
  CHECK((*again)->id > first_id);
  CHECK((*engine)->catalog().Snapshot()->size() == 1);
}

// Why: Barrier() must wait for a writer that holds a stripe.
TEST_CASE("ItemLocks: Barrier waits for held stripes", "[storage][locks]") {
  ItemLocks locks;
  std::atomic<bool> released{false};
  absl::Mutex& mu = locks.MutexFor("some key");
  mu.Lock();
  std::thread barrier([&] {
    locks.Barrier();
    CHECK(released.load());
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  released = true;
  mu.Unlock();
  barrier.join();
  CHECK(ItemLocks::StripeOf("some key") < ItemLocks::kStripes);
}

}  // namespace
}  // namespace dynarock::storage
