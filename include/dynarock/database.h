// File: dynarock/database.h
//
// Database: an embedded DynamoDB-compatible database on RocksDB. Open one on disk with
// Open(path) or entirely in memory with OpenInMemory() (RocksDB's in-memory Env: nothing
// touches the disk; opens in about a millisecond, so each test can have its own).
//
// Every operation takes a request struct and returns a result struct that mirror DynamoDB's
// API (table_ops.h, item_ops.h). Errors are absl::Status values carrying the DynamoDB error
// type and DynamoDB's message (error.h); no exception crosses this API. A failed request
// changes nothing.
//
// Thread safety: Database is thread-safe; all methods may be called concurrently. Table is a
// cheap, copyable handle that borrows its Database: it must not outlive it.
#ifndef DYNAROCK_DATABASE_H_
#define DYNAROCK_DATABASE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "dynarock/batch_ops.h"
#include "dynarock/error.h"
#include "dynarock/item_ops.h"
#include "dynarock/query.h"
#include "dynarock/table_ops.h"

namespace dynarock {

struct Options {
  // Create the database directory if it does not exist. Default: true.
  bool create_if_missing = true;
  // Region and account used in ARNs (TableArn). Defaults match DynamoDB Local's.
  std::string region = "us-east-1";
  std::string account_id = "000000000000";
  // Sync the write-ahead log on every write (durable against power loss, slower).
  // Default: false (durable against process crashes, as RocksDB's default).
  bool sync_writes = false;
  // RocksDB block cache for the on-disk database, in bytes. Default: 64 MiB.
  int64_t block_cache_bytes = 64ll << 20;
  // The largest item collection (the items of one partition key plus their local secondary
  // index entries) of a table with an LSI; a write past it fails with
  // ItemCollectionSizeLimitExceededException. Default: 10 GiB, DynamoDB's limit (smaller for
  // tests).
  int64_t item_collection_size_limit_bytes = 10ll << 30;
};

class Table;

class Database {
 public:
  virtual ~Database() = default;

  // Opens (creating if allowed) the database at directory `path`.
  static absl::StatusOr<std::unique_ptr<Database>> Open(std::string_view path,
                                                        const Options& options = {});
  // A fresh database that lives only in memory; everything is gone when it is destroyed.
  static absl::StatusOr<std::unique_ptr<Database>> OpenInMemory(const Options& options = {});

  // Control plane. Tables become ACTIVE at once (CreateTable answers ACTIVE).
  virtual absl::StatusOr<CreateTableResult> CreateTable(const CreateTableRequest& request) = 0;
  virtual absl::StatusOr<DescribeTableResult> DescribeTable(
      const DescribeTableRequest& request) = 0;
  virtual absl::StatusOr<ListTablesResult> ListTables(const ListTablesRequest& request) = 0;
  virtual absl::StatusOr<DeleteTableResult> DeleteTable(const DeleteTableRequest& request) = 0;
  // Throughput, billing mode, deletion protection, and GSI creation and deletion. A created
  // GSI answers CREATING (Backfilling) and becomes ACTIVE once a background build has indexed
  // the existing items; poll DescribeTable. Closing the database stops the build; the next
  // open resumes it.
  virtual absl::StatusOr<UpdateTableResult> UpdateTable(const UpdateTableRequest& request) = 0;

  // Data plane.
  virtual absl::StatusOr<PutItemResult> PutItem(const PutItemRequest& request) = 0;
  virtual absl::StatusOr<GetItemResult> GetItem(const GetItemRequest& request) = 0;
  virtual absl::StatusOr<DeleteItemResult> DeleteItem(const DeleteItemRequest& request) = 0;
  // Query and Scan read one page per call (query.h); pass last_evaluated_key back as
  // exclusive_start_key for the next one.
  virtual absl::StatusOr<QueryResult> Query(const QueryRequest& request) = 0;
  virtual absl::StatusOr<ScanResult> Scan(const ScanRequest& request) = 0;
  virtual absl::StatusOr<UpdateItemResult> UpdateItem(const UpdateItemRequest& request) = 0;

  // Batches and transactions (batch_ops.h). BatchWriteItem applies every write or none;
  // TransactWriteItems is all-or-nothing (TransactionCanceledException with
  // GetCancellationReasons() when a condition fails); TransactGetItems never sees half of a
  // transaction.
  virtual absl::StatusOr<BatchGetItemResult> BatchGetItem(const BatchGetItemRequest& request) = 0;
  virtual absl::StatusOr<BatchWriteItemResult> BatchWriteItem(
      const BatchWriteItemRequest& request) = 0;
  virtual absl::StatusOr<TransactWriteItemsResult> TransactWriteItems(
      const TransactWriteItemsRequest& request) = 0;
  virtual absl::StatusOr<TransactGetItemsResult> TransactGetItems(
      const TransactGetItemsRequest& request) = 0;

  // A handle on the table `name`; the table need not exist yet (calls then fail with
  // ResourceNotFoundException). Borrows *this.
  Table GetTable(std::string_view name);
};

// A handle that fills in table_name. Copyable; borrows the Database.
class Table {
 public:
  Table(Database* db, std::string_view name) : db_(db), name_(name) {}

  const std::string& name() const { return name_; }

  absl::StatusOr<DescribeTableResult> Describe() const {
    return db_->DescribeTable({.table_name = name_});
  }
  // request.table_name is ignored and replaced by this table's name.
  absl::StatusOr<UpdateTableResult> Update(UpdateTableRequest request) const {
    request.table_name = name_;
    return db_->UpdateTable(request);
  }
  // request.table_name is ignored and replaced by this table's name.
  absl::StatusOr<PutItemResult> PutItem(PutItemRequest request) const {
    request.table_name = name_;
    return db_->PutItem(request);
  }
  absl::StatusOr<GetItemResult> GetItem(GetItemRequest request) const {
    request.table_name = name_;
    return db_->GetItem(request);
  }
  absl::StatusOr<DeleteItemResult> DeleteItem(DeleteItemRequest request) const {
    request.table_name = name_;
    return db_->DeleteItem(request);
  }
  absl::StatusOr<QueryResult> Query(QueryRequest request) const {
    request.table_name = name_;
    return db_->Query(request);
  }
  absl::StatusOr<ScanResult> Scan(ScanRequest request) const {
    request.table_name = name_;
    return db_->Scan(request);
  }
  absl::StatusOr<UpdateItemResult> UpdateItem(UpdateItemRequest request) const {
    request.table_name = name_;
    return db_->UpdateItem(request);
  }

  // Shorthands: put an item; get the item with `key` (nullopt when absent); delete by key.
  absl::Status Put(Item item) const;
  absl::StatusOr<std::optional<Item>> Get(Item key) const;
  absl::Status Delete(Item key) const;

 private:
  Database* db_;
  std::string name_;
};

inline Table Database::GetTable(std::string_view name) { return Table(this, name); }

}  // namespace dynarock

#endif  // DYNAROCK_DATABASE_H_
