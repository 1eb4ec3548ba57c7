// transact_bench: TransactWriteItems of 2 and 10 Puts, and BatchWriteItem of 25 Puts, of a
// ~200-byte item through the typed API, next to single PutItem calls of the same items, on
// disk (a temp directory, WAL on, no fsync). The closing lines give each as items per second
// and as a ratio to single PutItem (items/s of the multi-item call / items/s of PutItem:
// above 1 means the multi-item call writes items faster than one PutItem per item).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "dynarock/batch_ops.h"
#include "dynarock/database.h"

namespace dr = dynarock;

namespace {

constexpr int kKeys = 100000;

using bench::MakeItem;

struct Fixture : bench::BenchDb {
  Fixture() : BenchDb("dynarock_transact_bench") {}
};

void BM_PutItem(benchmark::State& state) {
  Fixture f;
  std::vector<dr::PutItemRequest> requests;
  for (int i = 0; i < kKeys; ++i) requests.push_back({.table_name = "bench", .item = MakeItem(i)});
  size_t i = 0;
  for (auto _ : state) {
    auto r = f.db->PutItem(requests[i++ % requests.size()]);
    if (!r.ok()) state.SkipWithError("PutItem failed");
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

// TransactWriteItems of `per_call` Puts (distinct items, no conditions).
void RunTransactWriteItems(benchmark::State& state, int per_call) {
  Fixture f;
  std::vector<dr::TransactWriteItemsRequest> requests(kKeys / per_call);
  for (size_t r = 0; r < requests.size(); ++r) {
    for (int j = 0; j < per_call; ++j) {
      requests[r].transact_items.push_back(
          {.put = dr::TransactPut{.table_name = "bench",
                                  .item = MakeItem(static_cast<int>(r) * per_call + j)}});
    }
  }
  size_t i = 0;
  for (auto _ : state) {
    auto r = f.db->TransactWriteItems(requests[i++ % requests.size()]);
    if (!r.ok()) state.SkipWithError("TransactWriteItems failed");
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * per_call);
}

void BM_TransactWriteItems_2(benchmark::State& state) { RunTransactWriteItems(state, 2); }
void BM_TransactWriteItems_10(benchmark::State& state) { RunTransactWriteItems(state, 10); }

// BatchWriteItem of 25 PutRequests.
void BM_BatchWriteItem(benchmark::State& state) {
  constexpr int kPerCall = 25;
  Fixture f;
  std::vector<dr::BatchWriteItemRequest> requests(kKeys / kPerCall);
  for (size_t r = 0; r < requests.size(); ++r) {
    std::vector<dr::WriteRequest>& writes = requests[r].request_items["bench"];
    for (int j = 0; j < kPerCall; ++j) {
      writes.push_back(
          {.put_request = dr::PutRequest{.item = MakeItem(static_cast<int>(r) * kPerCall + j)}});
    }
  }
  size_t i = 0;
  for (auto _ : state) {
    auto r = f.db->BatchWriteItem(requests[i++ % requests.size()]);
    if (!r.ok()) state.SkipWithError("BatchWriteItem failed");
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * kPerCall);
}

}  // namespace

BENCHMARK(BM_PutItem)->MinTime(0.5);
BENCHMARK(BM_TransactWriteItems_2)->MinTime(0.5);
BENCHMARK(BM_TransactWriteItems_10)->MinTime(0.5);
BENCHMARK(BM_BatchWriteItem)->MinTime(0.5);

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  bench::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  struct Row {
    const char* name;
    int items_per_call;
  };
  const Row rows[] = {{"BM_PutItem", 1},
                      {"BM_TransactWriteItems_2", 2},
                      {"BM_TransactWriteItems_10", 10},
                      {"BM_BatchWriteItem", 25}};
  const double put_ns = reporter.NsPerOp("BM_PutItem");
  std::printf("\n");
  for (const Row& row : rows) {
    const double ns = reporter.NsPerOp(row.name);
    if (ns <= 0 || put_ns <= 0) continue;
    const double items_per_s = 1e9 * row.items_per_call / ns;
    std::printf("%-26s %10.0f items/s  %5.2fx single PutItem's items/s  (%8.0f ns per call)\n",
                row.name, items_per_s, items_per_s / (1e9 / put_ns), ns);
  }
  benchmark::Shutdown();
  return 0;
}
