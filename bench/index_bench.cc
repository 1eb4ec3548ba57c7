// index_bench: the cost of secondary indexes on PutItem (issue 6). The same ~200-byte items are
// put (cycling over 10k keys, so most puts overwrite an item and move or rewrite its entries)
// into tables with 0, 1 and 5 GSIs, on disk (a temp directory) with default write options. Every
// item carries all five GSI key attributes, so each index has an entry for each item. The
// closing lines print each indexed figure as a ratio to the table without indexes (time per
// PutItem, indexed / no index: lower is better).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "dynarock/database.h"

#include "absl/strings/str_cat.h"

namespace dr = dynarock;

namespace {

constexpr int kKeys = 10000;

// A ~200-byte item with five GSI key attributes g0..g4. `round` changes the index keys of
// later passes, so overwrites move entries (delete + put) as real updates of index keys do.
dr::Item MakeItem(int i, int round) {
  dr::Item item{{"pk", "user#" + std::to_string(i)},
                {"sk", "profile"},
                {"name", "Ada Lovelace the " + std::to_string(i)},
                {"email", "ada" + std::to_string(i) + "@example.com"},
                {"age", 36},
                {"balance", dr::N("12345.678")},
                {"active", true},
                {"bio", std::string(40, 'x')}};
  for (int g = 0; g < 5; ++g) {
    item[absl::StrCat("g", g)] = absl::StrCat("grp", (i + g + round) % 100);
  }
  return item;
}

// A table with `gsis` GSIs g0..g<gsis-1>, each with projection `projection`.
struct Fixture {
  Fixture(int gsis, dr::ProjectionType projection) : dir("dynarock_index_bench") {
    auto opened = dr::Database::Open(dir.path());
    if (!opened.ok()) std::abort();
    db = std::move(*opened);
    dr::CreateTableRequest r{
        .table_name = "bench",
        .attribute_definitions = {{"pk", dr::ScalarType::kS}, {"sk", dr::ScalarType::kS}},
        .key_schema = {{"pk", dr::KeyType::kHash}, {"sk", dr::KeyType::kRange}},
        .billing_mode = dr::BillingMode::kPayPerRequest};
    for (int g = 0; g < gsis; ++g) {
      const std::string name = absl::StrCat("g", g);
      r.attribute_definitions.push_back({name, dr::ScalarType::kS});
      r.global_secondary_indexes.push_back({.index_name = "by_" + name,
                                            .key_schema = {{name, dr::KeyType::kHash}},
                                            .projection = {.projection_type = projection}});
    }
    if (!db->CreateTable(r).ok()) std::abort();
  }
  bench::TempDir dir;
  std::unique_ptr<dr::Database> db;
};

void RunPuts(benchmark::State& state, int gsis, dr::ProjectionType projection) {
  Fixture f(gsis, projection);
  std::vector<dr::PutItemRequest> requests;
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < kKeys; ++i) {
      requests.push_back({.table_name = "bench", .item = MakeItem(i, round)});
    }
  }
  size_t i = 0;
  for (auto _ : state) {
    auto r = f.db->PutItem(requests[i++ % requests.size()]);
    if (!r.ok()) state.SkipWithError("put failed");
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_PutItem_NoIndex(benchmark::State& state) {
  RunPuts(state, 0, dr::ProjectionType::kAll);
}
void BM_PutItem_1Gsi_All(benchmark::State& state) {
  RunPuts(state, 1, dr::ProjectionType::kAll);
}
void BM_PutItem_5Gsi_All(benchmark::State& state) {
  RunPuts(state, 5, dr::ProjectionType::kAll);
}
void BM_PutItem_1Gsi_KeysOnly(benchmark::State& state) {
  RunPuts(state, 1, dr::ProjectionType::kKeysOnly);
}
void BM_PutItem_5Gsi_KeysOnly(benchmark::State& state) {
  RunPuts(state, 5, dr::ProjectionType::kKeysOnly);
}

BENCHMARK(BM_PutItem_NoIndex)->MinTime(1.0);
BENCHMARK(BM_PutItem_1Gsi_All)->MinTime(1.0);
BENCHMARK(BM_PutItem_5Gsi_All)->MinTime(1.0);
BENCHMARK(BM_PutItem_1Gsi_KeysOnly)->MinTime(1.0);
BENCHMARK(BM_PutItem_5Gsi_KeysOnly)->MinTime(1.0);

}  // namespace

int main(int argc, char** argv) {
  return bench::RunWithRatios(argc, argv,
                              {{"BM_PutItem_1Gsi_All", "BM_PutItem_NoIndex"},
                               {"BM_PutItem_5Gsi_All", "BM_PutItem_NoIndex"},
                               {"BM_PutItem_1Gsi_KeysOnly", "BM_PutItem_NoIndex"},
                               {"BM_PutItem_5Gsi_KeysOnly", "BM_PutItem_NoIndex"}});
}
