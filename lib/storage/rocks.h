// File: lib/storage/rocks.h
//
// Store: the RocksDB instance under a dynarock database, on disk or over RocksDB's in-memory
// Env (nothing touches the file system; the write-ahead log is disabled there). One column
// family, the counters merge operator, light options so that an in-memory store opens in
// about a millisecond.
//
// Thread safety: all methods may be called concurrently (RocksDB's guarantees).
#ifndef DYNAROCK_LIB_STORAGE_ROCKS_H_
#define DYNAROCK_LIB_STORAGE_ROCKS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/write_batch.h"

namespace dynarock::storage {

struct StoreOptions {
  // In memory (RocksDB's MemEnv) when true; `path` is then ignored.
  bool in_memory = false;
  // The database directory (on disk).
  std::string path{};
  // Create the directory (with its parents) and database if missing (on disk). Default: true.
  bool create_if_missing = true;
  // fsync the WAL on every write (on disk). Default: false.
  bool sync_writes = false;
  // Block cache size for the on-disk store. Default: 64 MiB.
  int64_t block_cache_bytes = 64ll << 20;
};

// The path an in-memory store uses inside its private MemEnv. Nothing is created at this path on
// the real file system (tests check that).
inline constexpr char kInMemoryPath[] = "/dynarock-in-memory";

class Store {
 public:
  // Errors: InternalServerError with RocksDB's text (e.g. a missing directory when
  // create_if_missing is false, or a database locked by another process).
  static absl::StatusOr<std::unique_ptr<Store>> Open(const StoreOptions& options);
  ~Store();

  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Reads `key` into *value. Returns true if found, false if absent.
  absl::StatusOr<bool> Get(std::string_view key, rocksdb::PinnableSlice* value) const;

  // Commits `batch` atomically (WAL off in memory, synced if sync_writes).
  absl::Status Write(rocksdb::WriteBatch* batch);

  // An iterator over [lower, upper). REQUIRES: the strings outlive the iterator (RocksDB keeps
  // Slices to them).
  std::unique_ptr<rocksdb::Iterator> NewIterator(const std::string* lower,
                                                 const std::string* upper) const;

  bool in_memory() const { return in_memory_; }
  rocksdb::DB* db() const { return db_.get(); }

 private:
  Store() = default;

  bool in_memory_ = false;
  std::unique_ptr<rocksdb::Env> mem_env_;  // outlives db_ (declared first, destroyed last)
  std::unique_ptr<rocksdb::DB> db_;
  rocksdb::WriteOptions write_options_;
  rocksdb::ReadOptions read_options_;
};

}  // namespace dynarock::storage

#endif  // DYNAROCK_LIB_STORAGE_ROCKS_H_
