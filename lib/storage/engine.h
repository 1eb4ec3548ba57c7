// File: lib/storage/engine.h
//
// Engine: everything a dynarock database holds open -- the RocksDB Store, the Catalog, the item
// lock stripes -- plus the settings operations need (region and account for ARNs). The ops layer
// runs every operation against one Engine.
//
// Thread safety: all methods may be called concurrently.
#ifndef DYNAROCK_LIB_STORAGE_ENGINE_H_
#define DYNAROCK_LIB_STORAGE_ENGINE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "lib/storage/catalog.h"
#include "lib/storage/item_locks.h"
#include "lib/storage/rocks.h"

namespace dynarock::storage {

struct EngineOptions {
  StoreOptions store{};
  std::string region = "us-east-1";
  std::string account_id = "000000000000";
  int64_t item_collection_size_limit_bytes = 10ll << 30;  // Options
};

class Engine {
 public:
  static absl::StatusOr<std::unique_ptr<Engine>> Open(const EngineOptions& options);

  Store& store() { return *store_; }
  const Store& store() const { return *store_; }
  Catalog& catalog() { return *catalog_; }
  const Catalog& catalog() const { return *catalog_; }
  ItemLocks& locks() { return *locks_; }

  // "arn:aws:dynamodb:<region>:<account>:table/": a table's ARN is this plus its name.
  const std::string& table_arn_prefix() const { return table_arn_prefix_; }
  // The largest item collection of a table with an LSI, in bytes (Options).
  int64_t item_collection_size_limit_bytes() const { return item_collection_size_limit_bytes_; }

 private:
  Engine() = default;

  std::unique_ptr<Store> store_;  // destroyed last
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<ItemLocks> locks_;
  std::string table_arn_prefix_;
  int64_t item_collection_size_limit_bytes_ = 10ll << 30;
};

}  // namespace dynarock::storage

#endif  // DYNAROCK_LIB_STORAGE_ENGINE_H_
