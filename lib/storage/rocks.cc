#include "lib/storage/rocks.h"

#include <filesystem>
#include <mutex>
#include <system_error>
#include <utility>

#include "lib/storage/counters.h"
#include "lib/storage/rocks_status.h"
#include "rocksdb/cache.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/table.h"

namespace dynarock::storage {
namespace {

rocksdb::Options BaseOptions() {
  rocksdb::Options options;
  options.merge_operator = NewCountersMergeOperator();
  // A few background jobs in RocksDB's shared, process-wide thread pools: many open databases
  // (one per test) must not multiply threads.
  options.max_background_jobs = 2;
  options.max_file_opening_threads = 1;
  options.stats_dump_period_sec = 0;
  options.stats_persist_period_sec = 0;
  options.skip_stats_update_on_db_open = true;
  options.avoid_flush_during_shutdown = true;
  options.keep_log_file_num = 2;
  // Every PutItem first looks up its key, usually absent: a memtable Bloom filter answers that
  // without a skiplist search.
  options.memtable_whole_key_filtering = true;
  options.memtable_prefix_bloom_size_ratio = 0.02;
  // Every write merges a delta into its table's counters key; folding the operands at write
  // time every 64 keeps DescribeTable's read of the counters short.
  options.max_successive_merges = 64;
  return options;
}

// Block-based tables with a whole-key Bloom filter: every PutItem first reads its key, usually
// absent, and the filter answers that without touching data blocks.
void SetTableOptions(int64_t block_cache_bytes, rocksdb::Options* options) {
  rocksdb::BlockBasedTableOptions table_options;
  table_options.block_cache = rocksdb::NewLRUCache(static_cast<size_t>(block_cache_bytes));
  table_options.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  options->table_factory.reset(rocksdb::NewBlockBasedTableFactory(table_options));
}

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> Store::Open(const StoreOptions& store_options) {
  std::unique_ptr<Store> store(new Store());
  rocksdb::Options options = BaseOptions();
  std::string path;
  if (store_options.in_memory) {
    store->in_memory_ = true;
    store->mem_env_.reset(rocksdb::NewMemEnv(rocksdb::Env::Default()));
    options.env = store->mem_env_.get();
    options.create_if_missing = true;
    // A modest memtable: its Bloom filter (a fraction of it) is allocated at open.
    options.write_buffer_size = 8 << 20;
    options.compression = rocksdb::kNoCompression;  // compressing memory costs CPU, saves little
    options.max_write_buffer_number = 2;
    options.avoid_flush_during_shutdown = true;
    options.info_log_level = rocksdb::InfoLogLevel::HEADER_LEVEL;
    SetTableOptions(8 << 20, &options);
    store->write_options_.disableWAL = true;  // nothing would survive the process anyway
    path = kInMemoryPath;
  } else {
    options.create_if_missing = store_options.create_if_missing;
    options.write_buffer_size = 32 << 20;
    SetTableOptions(store_options.block_cache_bytes > 0 ? store_options.block_cache_bytes : 8 << 20,
                    &options);
    store->write_options_.sync = store_options.sync_writes;
    path = store_options.path;
    if (store_options.create_if_missing) {
      // RocksDB creates only the last path component; create the parents too. A failure here
      // surfaces as RocksDB's own error below.
      std::error_code ignored;
      std::filesystem::create_directories(path, ignored);
    }
  }
  rocksdb::DB* db = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(options, path, &db);
  if (!s.ok()) return FromRocks(s, "opening the database at " + path);
  store->db_.reset(db);
  return store;
}

Store::~Store() {
  if (db_ != nullptr) {
    db_->Close().PermitUncheckedError();
    db_.reset();
  }
}

absl::StatusOr<bool> Store::Get(std::string_view key, rocksdb::PinnableSlice* value) const {
  rocksdb::Status s = db_->Get(read_options_, db_->DefaultColumnFamily(),
                               rocksdb::Slice(key.data(), key.size()), value);
  if (s.IsNotFound()) return false;
  if (!s.ok()) return FromRocks(s, "reading");
  return true;
}

absl::Status Store::Write(rocksdb::WriteBatch* batch) {
#if defined(__SANITIZE_THREAD__)
  // Debian's RocksDB is not built for ThreadSanitizer: concurrent Write() calls form a write
  // group whose leader applies the followers' batches, a handoff TSan cannot see, so it reports
  // races on the batches' memory. Under TSan only, writes are serialised here (a mutex TSan
  // sees), so what it reports is about dynarock's own synchronisation.
  static std::mutex tsan_write_mu;
  std::lock_guard<std::mutex> tsan_lock(tsan_write_mu);
#endif
  return FromRocks(db_->Write(write_options_, batch), "writing");
}

std::unique_ptr<rocksdb::Iterator> Store::NewIterator(const std::string* lower,
                                                      const std::string* upper) const {
  // The Slices must live as long as the iterator: ReadOptions keeps pointers to them. They are
  // owned by the returned iterator's cleanup.
  struct Bounds {
    rocksdb::Slice lower, upper;
  };
  auto* bounds = new Bounds{rocksdb::Slice(*lower), rocksdb::Slice(*upper)};
  rocksdb::ReadOptions options = read_options_;
  options.iterate_lower_bound = &bounds->lower;
  options.iterate_upper_bound = &bounds->upper;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(options));
  it->RegisterCleanup([](void* arg1, void*) { delete static_cast<Bounds*>(arg1); }, bounds,
                      nullptr);
  return it;
}

}  // namespace dynarock::storage
