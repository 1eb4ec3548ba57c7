// Optimistic concurrency through conditional UpdateItem: the read-check-write of one item is
// one step under its lock, so version-guarded increments from many threads never lose an
// update. Run under TSan (-DDYNAROCK_TSAN=ON; ctest sets TSAN_OPTIONS with tsan.supp).
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

using testing::HashTable;
using testing::TestDb;

// Why: 8 threads x 10,000 `SET v = v + :one` guarded by `ver = :expected` must end at exactly
// 80,000: a lost update or a condition checked apart from its write would show as a smaller
// (or, with a stale version accepted, a different) count.
TEST_CASE("UpdateItem: version-guarded increments from 8 threads",
          "[api][concurrency][update]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(HashTable("Counter")));
  Table table = t->GetTable("Counter");
  REQUIRE_OK(table.Put({{"pk", "c"}, {"v", 0}, {"ver", 0}}));
  constexpr int kThreads = 8;
  constexpr int kPerThread = 10000;
  std::atomic<int> unexpected{0};
  std::atomic<int64_t> retries{0};
  std::vector<std::thread> threads;
  for (int id = 0; id < kThreads; ++id) {
    threads.emplace_back([&] {
      int64_t expected = -1;  // unknown: read first
      for (int done = 0; done < kPerThread && unexpected.load() == 0;) {
        if (expected < 0) {
          absl::StatusOr<std::optional<Item>> got = table.Get({{"pk", "c"}});
          absl::StatusOr<int64_t> ver =
              got.ok() && got->has_value() ? GetInt(**got, "ver") : absl::StatusOr<int64_t>(-1);
          if (!ver.ok() || *ver < 0) {
            ++unexpected;
            return;
          }
          expected = *ver;
        }
        absl::StatusOr<UpdateItemResult> r = table.UpdateItem(
            {.key = {{"pk", "c"}},
             .condition_expression = "ver = :expected",
             .expression_attribute_values = {{":expected", expected}, {":one", 1}},
             .return_values = ReturnValues::kUpdatedNew,
             .update_expression = "SET v = v + :one, ver = ver + :one"});
        if (r.ok()) {
          ++done;
          absl::StatusOr<int64_t> ver =
              r->attributes.has_value() ? GetInt(*r->attributes, "ver") : absl::StatusOr<int64_t>(-1);
          if (!ver.ok() || *ver != expected + 1) {
            ++unexpected;
            return;
          }
          expected = *ver;
        } else if (IsError(r.status(), ErrorType::kConditionalCheckFailed)) {
          ++retries;
          expected = -1;  // someone else won: re-read the item
        } else {
          ++unexpected;
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  REQUIRE(unexpected.load() == 0);
  absl::StatusOr<std::optional<Item>> final_item = table.Get({{"pk", "c"}});
  REQUIRE_OK(final_item);
  REQUIRE(final_item->has_value());
  CHECK(GetInt(**final_item, "v").value_or(-1) == kThreads * kPerThread);
  CHECK(GetInt(**final_item, "ver").value_or(-1) == kThreads * kPerThread);
  INFO("retries: " << retries.load());
}

}  // namespace
}  // namespace dynarock
