// ops_bench: PutItem and GetItem of a ~200-byte item through the typed API, next to raw RocksDB
// Put and Get of the same number of bytes in the same binary, on disk (a temp directory) with
// default write options (WAL on, no fsync) on both sides. The closing lines print each dynarock
// figure as a ratio to its raw RocksDB baseline (time per op, dynarock / raw: lower is better).
#include <benchmark/benchmark.h>
#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "bench/bench_util.h"
#include "dynarock/database.h"
#include "lib/codec/item_codec.h"

namespace dr = dynarock;

namespace {

constexpr int kKeys = 10000;

using bench::MakeItem;

struct DynarockFixture : bench::BenchDb {
  explicit DynarockFixture(bool populate) : BenchDb("dynarock_ops_bench") {
    if (populate) {
      for (int i = 0; i < kKeys; ++i) {
        if (!db->PutItem({.table_name = "bench", .item = MakeItem(i)}).ok()) std::abort();
      }
    }
  }
};

struct RawFixture {
  explicit RawFixture(bool populate) : dir("dynarock_raw_bench") {
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* raw = nullptr;
    if (!rocksdb::DB::Open(options, dir.path(), &raw).ok()) std::abort();
    db.reset(raw);
    if (populate) {
      for (int i = 0; i < kKeys; ++i) {
        if (!db->Put({}, Key(i), Value(i)).ok()) std::abort();
      }
    }
  }
  // The same bytes dynarock stores: the encoded item as the value, and a key of the same
  // shape as its storage key (prefix, hash, encoded partition and sort key).
  static std::string Key(int i) {
    std::string k("\x01\x00\x00\x00\x01\x00\x12\x34\x56", 9);
    k += "user#" + std::to_string(i);
    k.append("\x00\x01", 2);
    k += "profile";
    k.append("\x00\x01", 2);
    return k;
  }
  static std::string Value(int i) { return dr::codec::EncodeItem(MakeItem(i)); }
  bench::TempDir dir;
  std::unique_ptr<rocksdb::DB> db;
};

void BM_PutItem_Dynarock(benchmark::State& state) {
  DynarockFixture f(/*populate=*/false);
  std::vector<dr::PutItemRequest> requests;
  for (int i = 0; i < kKeys; ++i) requests.push_back({.table_name = "bench", .item = MakeItem(i)});
  size_t i = 0;
  for (auto _ : state) {
    auto r = f.db->PutItem(requests[i++ % requests.size()]);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_PutItem_RawRocks(benchmark::State& state) {
  RawFixture f(/*populate=*/false);
  std::vector<std::pair<std::string, std::string>> kvs;
  for (int i = 0; i < kKeys; ++i) kvs.emplace_back(RawFixture::Key(i), RawFixture::Value(i));
  size_t i = 0;
  for (auto _ : state) {
    const auto& kv = kvs[i++ % kvs.size()];
    auto s = f.db->Put(rocksdb::WriteOptions(), kv.first, kv.second);
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_GetItem_Dynarock(benchmark::State& state) {
  DynarockFixture f(/*populate=*/true);
  std::vector<dr::GetItemRequest> requests;
  for (int i = 0; i < kKeys; ++i) {
    requests.push_back({.table_name = "bench",
                        .key = {{"pk", "user#" + std::to_string(i)}, {"sk", "profile"}}});
  }
  size_t i = 0;
  for (auto _ : state) {
    auto r = f.db->GetItem(requests[i++ % requests.size()]);
    if (!r.ok() || !r->item) state.SkipWithError("missing item");
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_GetItem_RawRocks(benchmark::State& state) {
  RawFixture f(/*populate=*/true);
  std::vector<std::string> keys;
  for (int i = 0; i < kKeys; ++i) keys.push_back(RawFixture::Key(i));
  std::string value;
  size_t i = 0;
  for (auto _ : state) {
    auto s = f.db->Get(rocksdb::ReadOptions(), keys[i++ % keys.size()], &value);
    if (!s.ok()) state.SkipWithError("missing key");
    benchmark::DoNotOptimize(value);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_PutItem_Dynarock)->MinTime(0.5);
BENCHMARK(BM_PutItem_RawRocks)->MinTime(0.5);
BENCHMARK(BM_GetItem_Dynarock)->MinTime(0.5);
BENCHMARK(BM_GetItem_RawRocks)->MinTime(0.5);

}  // namespace

int main(int argc, char** argv) {
  return bench::RunWithRatios(argc, argv, {{"BM_PutItem_Dynarock", "BM_PutItem_RawRocks"},
                                           {"BM_GetItem_Dynarock", "BM_GetItem_RawRocks"}});
}
