// Items written by PutItem lie in RocksDB as DynamoDB orders them: one contiguous range per
// partition, sorted by sort key (N by value, S and B by unsigned bytes). Query relies on it.
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "lib/codec/key_codec.h"
#include "lib/ops/ops.h"
#include "lib/storage/engine.h"
#include "lib/storage/item_value.h"
#include "lib/storage/key_layout.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace dynarock::ops {
namespace {

std::unique_ptr<storage::Engine> OpenEngine(testing::DbKind kind, const testing::TempDir& dir) {
  storage::EngineOptions options;
  options.store.in_memory = kind == testing::DbKind::kInMemory;
  options.store.path = dir.path() + "/db";
  auto engine = storage::Engine::Open(options);
  REQUIRE_OK(engine);
  return std::move(*engine);
}

// The sort keys of partition `pk` of table `name`, in storage order.
std::vector<AttributeValue> PartitionInStorageOrder(storage::Engine& engine, std::string_view name,
                                                    const AttributeValue& pk) {
  auto table = engine.catalog().Find(name);
  REQUIRE(table != nullptr);
  std::string lower;
  storage::AppendItemKeyPrefix(table->id, codec::EncodeKeyPart(pk), &lower);
  std::string upper = lower;
  while (!upper.empty() && static_cast<unsigned char>(upper.back()) == 0xff) upper.pop_back();
  REQUIRE(!upper.empty());
  upper.back() = static_cast<char>(upper.back() + 1);
  std::vector<AttributeValue> out;
  auto it = engine.store().NewIterator(&lower, &upper);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    Item item;
    REQUIRE_OK(
        storage::DecodeItemValue(std::string_view(it->value().data(), it->value().size()), &item));
    CHECK(item.at("pk") == pk);  // nothing of another partition inside the range
    out.push_back(item.at("sk"));
  }
  REQUIRE(it->status().ok());
  return out;
}

// Writes `sorted` in a shuffled order into partition "p" (and a neighbour partition "q"), then
// checks that storage returns exactly `sorted`.
void CheckOrder(testing::DbKind kind, ScalarType type, const std::vector<AttributeValue>& sorted) {
  testing::TempDir dir;
  std::unique_ptr<storage::Engine> engine = OpenEngine(kind, dir);
  REQUIRE_OK(CreateTable(*engine, testing::HashRangeTable("Ord", ScalarType::kS, type)));
  std::vector<AttributeValue> shuffled = sorted;
  std::mt19937 rng(42);
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  for (const AttributeValue& sk : shuffled) {
    REQUIRE_OK(PutItem(*engine, {.table_name = "Ord", .item = {{"pk", "p"}, {"sk", sk}}}));
    REQUIRE_OK(PutItem(*engine, {.table_name = "Ord", .item = {{"pk", "q"}, {"sk", sk}}}));
  }
  std::vector<AttributeValue> stored = PartitionInStorageOrder(*engine, "Ord", "p");
  REQUIRE(stored.size() == sorted.size());
  for (size_t i = 0; i < sorted.size(); ++i) {
    INFO("position " << i << ": " << ToDebugString(stored[i]));
    CHECK(stored[i] == sorted[i]);
  }
}

// Why: N sort keys order numerically (text order would put "10" before "9").
TEST_CASE("PutItem: N sort keys are stored in numeric order", "[ops][storage][order]") {
  auto kind = GENERATE(testing::DbKind::kInMemory, testing::DbKind::kOnDisk);
  CheckOrder(kind, ScalarType::kN,
             {N("-1e10"), N("-5"), N("-0.5"), N("-1e-5"), N("0"), N("1e-5"), N("0.5"), N("2"),
              N("9"), N("10"), N("1e3"), N("123456789012345678901234567890")});
}

// Why: S sort keys order by UTF-8 bytes (upper case before lower case, é after z).
TEST_CASE("PutItem: S sort keys are stored in byte order", "[ops][storage][order]") {
  auto kind = GENERATE(testing::DbKind::kInMemory, testing::DbKind::kOnDisk);
  CheckOrder(kind, ScalarType::kS,
             {"A", "B", "Z", "a", "a\x01", "ab", "abc", "b", "z", "\xc3\xa9", "\xf0\x9f\x98\x80"});
}

// Why: B sort keys order by unsigned bytes, with embedded zero bytes handled.
TEST_CASE("PutItem: B sort keys are stored in unsigned byte order", "[ops][storage][order]") {
  auto kind = GENERATE(testing::DbKind::kInMemory, testing::DbKind::kOnDisk);
  CheckOrder(
      kind, ScalarType::kB,
      {B(std::string("\x00", 1)), B(std::string("\x00\x00", 2)), B(std::string("\x00\x01", 2)),
       B("\x01"), B("\x7f"), B("\x80"), B("\xfe\xff"), B("\xff"), B("\xff\xff")});
}

}  // namespace
}  // namespace dynarock::ops
