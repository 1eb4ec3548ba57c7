// Isolation of transactions under contention: random transfers between accounts with
// TransactWriteItems (guarded by balance >= amount) run on 8 threads while 2 threads read all
// the accounts in one TransactGetItems. Every read must see the initial total (no half
// transaction is ever visible), and the final balances must equal a serial replay of the
// committed transfers. Run under TSan (-DDYNAROCK_TSAN=ON; ctest sets TSAN_OPTIONS).
#include <atomic>
#include <catch2/catch.hpp>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "dynarock/batch_ops.h"
#include "dynarock/database.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace dynarock {
namespace {

using testing::HashTable;
using testing::TestDb;

constexpr int kAccounts = 100;
constexpr int64_t kInitialBalance = 100;

std::string AccountName(int i) { return "acct-" + std::to_string(i); }

struct Transfer {
  int from;
  int to;
  int64_t amount;
};

// Why: the acceptance test for serializable transactions and TransactGetItems that never
// sees half of a transaction.
TEST_CASE("TransactWriteItems: concurrent transfers keep the total seen by TransactGetItems",
          "[api][concurrency][transact]") {
  TestDb t;
  REQUIRE_OK(t->CreateTable(HashTable("Accounts")));
  Table table = t->GetTable("Accounts");
  for (int i = 0; i < kAccounts; ++i) {
    REQUIRE_OK(table.Put({{"pk", AccountName(i)}, {"balance", kInitialBalance}}));
  }
  constexpr int kWriters = 8;
  constexpr int kReaders = 2;
  constexpr int kTransfersPerWriter = 2000;
  const int64_t total = kAccounts * kInitialBalance;

  std::mutex committed_mu;
  std::vector<Transfer> committed;  // in no particular order: transfers commute when all succeed
  std::atomic<int> unexpected{0};
  std::atomic<int> cancelled{0};
  std::atomic<int> bad_reads{0};
  std::atomic<int> reads{0};
  std::atomic<bool> writers_done{false};

  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      std::mt19937 rng(1234 + w);
      std::uniform_int_distribution<int> account(0, kAccounts - 1);
      std::uniform_int_distribution<int64_t> amount(1, 60);
      for (int n = 0; n < kTransfersPerWriter && unexpected.load() == 0; ++n) {
        Transfer tr{account(rng), account(rng), amount(rng)};
        if (tr.from == tr.to) continue;
        absl::StatusOr<TransactWriteItemsResult> r = t->TransactWriteItems(
            {.transact_items = {
                 {.update = TransactUpdate{.table_name = "Accounts",
                                           .key = {{"pk", AccountName(tr.from)}},
                                           .update_expression = "SET balance = balance - :a",
                                           .condition_expression = "balance >= :a",
                                           .expression_attribute_values = {{":a", tr.amount}}}},
                 {.update = TransactUpdate{.table_name = "Accounts",
                                           .key = {{"pk", AccountName(tr.to)}},
                                           .update_expression = "SET balance = balance + :a",
                                           .expression_attribute_values = {{":a", tr.amount}}}}}});
        if (r.ok()) {
          std::lock_guard<std::mutex> lock(committed_mu);
          committed.push_back(tr);
        } else if (IsError(r.status(), ErrorType::kTransactionCanceled)) {
          ++cancelled;
        } else {
          ++unexpected;
        }
      }
    });
  }
  for (int r = 0; r < kReaders; ++r) {
    threads.emplace_back([&] {
      TransactGetItemsRequest request;
      for (int i = 0; i < kAccounts; ++i) {
        request.transact_items.push_back({.table_name = "Accounts", .key = {{"pk", AccountName(i)}}});
      }
      while (!writers_done.load() && unexpected.load() == 0) {
        absl::StatusOr<TransactGetItemsResult> got = t->TransactGetItems(request);
        if (!got.ok() || got->responses.size() != kAccounts) {
          ++unexpected;
          return;
        }
        int64_t sum = 0;
        for (const std::optional<Item>& item : got->responses) {
          absl::StatusOr<int64_t> balance =
              item.has_value() ? GetInt(*item, "balance") : absl::StatusOr<int64_t>(-1);
          if (!balance.ok() || *balance < 0) ++bad_reads;
          sum += balance.value_or(0);
        }
        if (sum != total) ++bad_reads;
        ++reads;
      }
    });
  }
  for (int w = 0; w < kWriters; ++w) threads[w].join();
  writers_done.store(true);
  for (size_t i = kWriters; i < threads.size(); ++i) threads[i].join();

  REQUIRE(unexpected.load() == 0);
  CHECK(bad_reads.load() == 0);
  INFO("committed " << committed.size() << ", cancelled " << cancelled.load() << ", reads "
                    << reads.load());
  CHECK(reads.load() > 0);
  CHECK(!committed.empty());

  // A serial replay of the committed transfers: every committed transfer was valid when it ran,
  // and the final balance of each account is the initial one plus its net transfers (addition
  // commutes, so the commit order does not matter for the final state).
  std::vector<int64_t> expected(kAccounts, kInitialBalance);
  for (const Transfer& tr : committed) {
    expected[tr.from] -= tr.amount;
    expected[tr.to] += tr.amount;
  }
  int64_t final_total = 0;
  for (int i = 0; i < kAccounts; ++i) {
    absl::StatusOr<std::optional<Item>> item = table.Get({{"pk", AccountName(i)}});
    REQUIRE_OK(item);
    REQUIRE(item->has_value());
    const int64_t balance = GetInt(**item, "balance").value_or(-1);
    CHECK(balance == expected[i]);
    CHECK(balance >= 0);
    final_total += balance;
  }
  CHECK(final_total == total);
}

}  // namespace
}  // namespace dynarock
