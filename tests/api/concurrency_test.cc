// Concurrency of the typed API: Database is thread-safe. Run under TSan
// (-DDYNAROCK_TSAN=ON) to check for data races.
#include <atomic>
#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "dynarock/database.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace dynarock {
namespace {

using testing::DbKind;
using testing::HashRangeTable;
using testing::TestDb;

// Why: 8 threads writing distinct keys and fighting over shared ones must leave exact counters
// and whole items (every write is one WriteBatch under its item's lock).
TEST_CASE("Database: 8 threads put, get and delete concurrently", "[api][concurrency]") {
  auto kind = GENERATE(DbKind::kInMemory, DbKind::kOnDisk);
  TestDb t(kind);
  REQUIRE_OK(t->CreateTable(HashRangeTable("Conc")));
  constexpr int kThreads = 8;
  constexpr int kPerThread = 200;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int id = 0; id < kThreads; ++id) {
    threads.emplace_back([&, id] {
      Table table = t->GetTable("Conc");
      for (int i = 0; i < kPerThread; ++i) {
        // A distinct key of this thread.
        Item own{{"pk", "t" + std::to_string(id)}, {"sk", std::to_string(i)}, {"v", i}};
        if (!table.Put(own).ok()) ++failures;
        // An overlapping key, written by everyone with a thread-stamped item.
        Item shared{{"pk", "shared"}, {"sk", std::to_string(i % 10)}, {"by", id}, {"i", i}};
        if (!table.Put(shared).ok()) ++failures;
        auto got = table.Get({{"pk", "shared"}, {"sk", std::to_string(i % 10)}});
        if (!got.ok() || !got->has_value() || (**got).size() != 4) ++failures;
        auto mine = table.Get({{"pk", "t" + std::to_string(id)}, {"sk", std::to_string(i)}});
        if (!mine.ok() || !mine->has_value() || !(**mine == own)) ++failures;
        if (i % 2 == 1) {
          if (!table.Delete({{"pk", "t" + std::to_string(id)}, {"sk", std::to_string(i)}}).ok()) {
            ++failures;
          }
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  CHECK(failures.load() == 0);
  auto d = t->DescribeTable({.table_name = "Conc"});
  REQUIRE_OK(d);
  // Each thread keeps its even-numbered items; the shared partition holds 10 items.
  CHECK(d->table.item_count == kThreads * kPerThread / 2 + 10);
}

// Why: DDL racing with writes: a table deleted while threads write to it ends deleted and
// empty, and writes after the delete fail with ResourceNotFoundException, never corrupt.
TEST_CASE("Database: DeleteTable racing with writers", "[api][concurrency]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(HashRangeTable("Race")));
  std::atomic<bool> stop{false};
  std::atomic<int> unexpected{0};
  std::vector<std::thread> writers;
  for (int id = 0; id < 4; ++id) {
    writers.emplace_back([&, id] {
      Table table = t->GetTable("Race");
      for (int i = 0; !stop.load(); ++i) {
        absl::Status s = table.Put({{"pk", "w" + std::to_string(id)}, {"sk", std::to_string(i)}});
        if (!s.ok() && !IsError(s, ErrorType::kResourceNotFound)) ++unexpected;
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  REQUIRE_OK(t->DeleteTable({.table_name = "Race"}));
  stop = true;
  for (std::thread& th : writers) th.join();
  CHECK(unexpected.load() == 0);
  REQUIRE_OK(t->CreateTable(HashRangeTable("Race")));
  auto d = t->DescribeTable({.table_name = "Race"});
  REQUIRE_OK(d);
  CHECK(d->table.item_count == 0);
}

}  // namespace
}  // namespace dynarock
