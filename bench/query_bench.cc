// query_bench: Query of one 10-item partition (items of ~200 bytes) in a table of many items,
// next to a raw RocksDB Seek + 10 Next over the same keys and values (dynarock's key layout and
// stored item bytes, written straight into a second RocksDB); and a full Scan (pages of 1 MB)
// against a raw bounded iteration over the same bytes. Both on disk (temp directories), loaded
// once per process: dynarock through PutItem one item at a time (no WriteBatch), the raw copy in
// batches. Item count: DYNAROCK_QUERY_BENCH_ITEMS (default 1,000,000); the load time is printed.
// The closing lines print dynarock / raw time per op (lower is better).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>

#include <benchmark/benchmark.h>
#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>

#include "dynarock/database.h"

#include "lib/codec/key_codec.h"
#include "lib/storage/item_value.h"
#include "lib/storage/key_layout.h"
#include "lib/value/item_size.h"

#include "bench/bench_util.h"

namespace dr = dynarock;

namespace {

constexpr int kPerPartition = 10;

int ItemCount() {
  const char* env = std::getenv("DYNAROCK_QUERY_BENCH_ITEMS");
  return env != nullptr ? std::atoi(env) : 1000000;
}
int Partitions() { return ItemCount() / kPerPartition; }

std::string PartitionKey(int p) { return "customer#" + std::to_string(p); }

// A ~200-byte item (DynamoDB item size).
dr::Item MakeItem(int p, int s) {
  return dr::Item{{"pk", PartitionKey(p)},
                  {"sk", s},
                  {"status", s % 3 == 0 ? "SHIPPED" : "PENDING"},
                  {"total", dr::N("123.45")},
                  {"sku", "SKU-" + std::to_string(p * 31 + s)},
                  {"note", std::string(120, 'n')}};
}

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "query_bench: %s\n", message.c_str());
  std::abort();
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

struct Fixtures {
  Fixtures() : dyn_dir("dynarock_query_bench"), raw_dir("dynarock_query_raw") {
    auto opened = dr::Database::Open(dyn_dir.path() + "/db");
    if (!opened.ok()) Die(opened.status().ToString());
    db = std::move(*opened);
    auto created = db->CreateTable(
        {.table_name = "bench",
         .attribute_definitions = {{"pk", dr::ScalarType::kS}, {"sk", dr::ScalarType::kN}},
         .key_schema = {{"pk", dr::KeyType::kHash}, {"sk", dr::KeyType::kRange}},
         .billing_mode = dr::BillingMode::kPayPerRequest});
    if (!created.ok()) Die(created.status().ToString());
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* opened_raw = nullptr;
    if (!rocksdb::DB::Open(options, raw_dir.path(), &opened_raw).ok()) Die("raw open");
    raw.reset(opened_raw);

    auto start = std::chrono::steady_clock::now();
    for (int p = 0; p < Partitions(); ++p) {
      for (int s = 0; s < kPerPartition; ++s) {
        auto put = db->PutItem({.table_name = "bench", .item = MakeItem(p, s)});
        if (!put.ok()) Die(put.status().ToString());
      }
    }
    std::fprintf(stderr, "loaded %d items through PutItem in %.1f s\n", ItemCount(),
                 Seconds(start));
    start = std::chrono::steady_clock::now();
    rocksdb::WriteBatch batch;
    for (int p = 0; p < Partitions(); ++p) {
      for (int s = 0; s < kPerPartition; ++s) {
        const dr::Item item = MakeItem(p, s);
        std::string value;
        dr::storage::EncodeItemValue(item, static_cast<uint32_t>(dr::value::ItemSize(item)),
                                     &value);
        batch.Put(RawKey(p, s), value);
      }
      if (batch.Count() >= 1000) {
        if (!raw->Write({}, &batch).ok()) std::abort();
        batch.Clear();
      }
    }
    if (!raw->Write({}, &batch).ok()) std::abort();
    std::fprintf(stderr, "loaded the raw copy in %.1f s\n", Seconds(start));
  }
  // dynarock's item key (table id 1, the first table of a fresh database).
  static std::string RawPrefix(int p) {
    std::string key;
    dr::storage::AppendItemKeyPrefix(1, dr::codec::EncodeKeyPart(PartitionKey(p)), &key);
    return key;
  }
  static std::string RawKey(int p, int s) {
    std::string key = RawPrefix(p);
    dr::codec::AppendKeyPart(s, &key);
    return key;
  }

  bench::TempDir dyn_dir;
  bench::TempDir raw_dir;
  std::unique_ptr<dr::Database> db;
  std::unique_ptr<rocksdb::DB> raw;
};

Fixtures& Get() {
  static Fixtures* f = new Fixtures();
  return *f;
}

void BM_Query10_Dynarock(benchmark::State& state) {
  Fixtures& f = Get();
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> pick(0, Partitions() - 1);
  dr::QueryRequest q{.table_name = "bench", .key_condition_expression = "pk = :p"};
  for (auto _ : state) {
    q.expression_attribute_values.insert_or_assign(":p", PartitionKey(pick(rng)));
    auto r = f.db->Query(q);
    if (!r.ok() || r->items.size() != kPerPartition) state.SkipWithError("bad query");
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * kPerPartition);
}

void BM_Query10_RawRocks(benchmark::State& state) {
  Fixtures& f = Get();
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> pick(0, Partitions() - 1);
  for (auto _ : state) {
    const std::string lower = Fixtures::RawPrefix(pick(rng));
    std::string upper = lower;
    upper.back() = static_cast<char>(upper.back() + 1);  // the terminator 0x01 -> 0x02
    rocksdb::Slice lo(lower), hi(upper);
    rocksdb::ReadOptions options;
    options.iterate_lower_bound = &lo;
    options.iterate_upper_bound = &hi;
    std::unique_ptr<rocksdb::Iterator> it(f.raw->NewIterator(options));
    size_t n = 0, bytes = 0;
    for (it->Seek(lo); it->Valid() && n < kPerPartition; it->Next(), ++n) {
      bytes += it->key().size() + it->value().size();
    }
    if (n != kPerPartition) state.SkipWithError("bad seek");
    benchmark::DoNotOptimize(bytes);
  }
  state.SetItemsProcessed(state.iterations() * kPerPartition);
}

void BM_FullScan_Dynarock(benchmark::State& state) {
  Fixtures& f = Get();
  int64_t items = 0;
  for (auto _ : state) {
    dr::ScanRequest s{.table_name = "bench"};
    while (true) {
      auto r = f.db->Scan(s);
      if (!r.ok()) {
        state.SkipWithError("scan failed");
        break;
      }
      items += r->count;
      if (!r->last_evaluated_key.has_value()) break;
      s.exclusive_start_key = std::move(r->last_evaluated_key);
    }
  }
  state.SetItemsProcessed(items);
}

void BM_FullScan_RawRocks(benchmark::State& state) {
  Fixtures& f = Get();
  int64_t items = 0;
  for (auto _ : state) {
    rocksdb::ReadOptions options;
    std::string lower("\x01", 1), upper("\x02", 1);
    rocksdb::Slice lo(lower), hi(upper);
    options.iterate_lower_bound = &lo;
    options.iterate_upper_bound = &hi;
    std::unique_ptr<rocksdb::Iterator> it(f.raw->NewIterator(options));
    size_t bytes = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next(), ++items) {
      bytes += it->key().size() + it->value().size();
    }
    benchmark::DoNotOptimize(bytes);
  }
  state.SetItemsProcessed(items);
}

BENCHMARK(BM_Query10_Dynarock)->MinTime(1.0);
BENCHMARK(BM_Query10_RawRocks)->MinTime(1.0);
BENCHMARK(BM_FullScan_Dynarock)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_FullScan_RawRocks)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

int main(int argc, char** argv) {
  return bench::RunWithRatios(argc, argv,
                              {{"BM_Query10_Dynarock", "BM_Query10_RawRocks"},
                               {"BM_FullScan_Dynarock", "BM_FullScan_RawRocks"}});
}
