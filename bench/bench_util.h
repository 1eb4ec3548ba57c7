// File: bench/bench_util.h
//
// Shared pieces of the benchmark binaries: a temporary directory, a ~200-byte item, a database
// with one table to put it in, and a main that runs the registered benchmarks and then prints each dynarock benchmark as a ratio to its raw RocksDB
// baseline measured in the same run (time per item, dynarock / baseline).
#ifndef DYNAROCK_BENCH_BENCH_UTIL_H_
#define DYNAROCK_BENCH_BENCH_UTIL_H_

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "dynarock/database.h"

namespace bench {

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix) {
    std::random_device rd;
    path_ = (std::filesystem::temp_directory_path() /
             (prefix + "_" + std::to_string(rd()) + std::to_string(rd())))
                .string();
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A ~200-byte item (DynamoDB item size), the shape of a typical small record: pk "user#<i>",
// sk "profile".
inline dynarock::Item MakeItem(int i) {
  return dynarock::Item{{"pk", "user#" + std::to_string(i)},
                        {"sk", "profile"},
                        {"name", "Ada Lovelace the " + std::to_string(i)},
                        {"email", "ada" + std::to_string(i) + "@example.com"},
                        {"age", 36},
                        {"balance", dynarock::N("12345.678")},
                        {"active", true},
                        {"bio", std::string(90, 'x')}};
}

// A database on disk in a fresh temp directory named after `prefix`, with default options
// (WAL on, no fsync) and table "bench" (pk S HASH, sk S RANGE, PAY_PER_REQUEST). Aborts on any
// error.
struct BenchDb {
  explicit BenchDb(const std::string& prefix) : dir(prefix) {
    auto opened = dynarock::Database::Open(dir.path());
    if (!opened.ok()) std::abort();
    db = std::move(*opened);
    auto created = db->CreateTable(
        {.table_name = "bench",
         .attribute_definitions = {{"pk", dynarock::ScalarType::kS},
                                   {"sk", dynarock::ScalarType::kS}},
         .key_schema = {{"pk", dynarock::KeyType::kHash}, {"sk", dynarock::KeyType::kRange}},
         .billing_mode = dynarock::BillingMode::kPayPerRequest});
    if (!created.ok()) std::abort();
  }
  TempDir dir;
  std::unique_ptr<dynarock::Database> db;
};

// Collects real time per iteration of every run while printing as usual.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.run_type != Run::RT_Iteration || run.error_occurred) continue;
      ns_per_op_[run.run_name.function_name] =
          run.GetAdjustedRealTime() * NsPerUnit(run.time_unit);
    }
    ConsoleReporter::ReportRuns(runs);
  }
  double NsPerOp(const std::string& name) const {
    auto it = ns_per_op_.find(name);
    return it == ns_per_op_.end() ? 0 : it->second;
  }

 private:
  static double NsPerUnit(benchmark::TimeUnit unit) {
    switch (unit) {
      case benchmark::kSecond: return 1e9;
      case benchmark::kMillisecond: return 1e6;
      case benchmark::kMicrosecond: return 1e3;
      default: return 1;
    }
  }
  std::map<std::string, double> ns_per_op_;
};

// Runs the benchmarks, then prints "ratio <ours> / <baseline>: X" for each pair: time per
// operation of ours divided by the baseline's (1.0 = as fast as raw RocksDB).
inline int RunWithRatios(int argc, char** argv,
                         const std::vector<std::pair<std::string, std::string>>& pairs) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  std::printf("\n");
  for (const auto& [ours, base] : pairs) {
    double a = reporter.NsPerOp(ours), b = reporter.NsPerOp(base);
    if (a > 0 && b > 0) {
      std::printf("ratio %-28s / %-28s: %6.2fx the time (%8.0f ns vs %8.0f ns per op)\n",
                  ours.c_str(), base.c_str(), a / b, a, b);
    }
  }
  benchmark::Shutdown();
  return 0;
}

}  // namespace bench

#endif  // DYNAROCK_BENCH_BENCH_UTIL_H_
