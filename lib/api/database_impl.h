// File: lib/api/database_impl.h
//
// DatabaseImpl: dynarock::Database over a storage::Engine; each method is one call into ops.
//
// Thread safety: as Database, all methods may be called concurrently (the Engine is).
#ifndef DYNAROCK_LIB_API_DATABASE_IMPL_H_
#define DYNAROCK_LIB_API_DATABASE_IMPL_H_

#include <memory>

#include "dynarock/database.h"
#include "lib/storage/engine.h"

namespace dynarock {

class DatabaseImpl final : public Database {
 public:
  explicit DatabaseImpl(std::unique_ptr<storage::Engine> engine) : engine_(std::move(engine)) {}

  absl::StatusOr<CreateTableResult> CreateTable(const CreateTableRequest& request) override;
  absl::StatusOr<DescribeTableResult> DescribeTable(const DescribeTableRequest& request) override;
  absl::StatusOr<ListTablesResult> ListTables(const ListTablesRequest& request) override;
  absl::StatusOr<DeleteTableResult> DeleteTable(const DeleteTableRequest& request) override;

  absl::StatusOr<PutItemResult> PutItem(const PutItemRequest& request) override;
  absl::StatusOr<GetItemResult> GetItem(const GetItemRequest& request) override;
  absl::StatusOr<DeleteItemResult> DeleteItem(const DeleteItemRequest& request) override;
  absl::StatusOr<QueryResult> Query(const QueryRequest& request) override;
  absl::StatusOr<ScanResult> Scan(const ScanRequest& request) override;
  absl::StatusOr<UpdateItemResult> UpdateItem(const UpdateItemRequest& request) override;

  storage::Engine& engine() { return *engine_; }

 private:
  std::unique_ptr<storage::Engine> engine_;
};

}  // namespace dynarock

#endif  // DYNAROCK_LIB_API_DATABASE_IMPL_H_
