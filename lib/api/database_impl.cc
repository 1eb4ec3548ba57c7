#include "lib/api/database_impl.h"

#include <string>

#include "lib/base/status_macros.h"
#include "lib/ops/ops.h"
#include "lib/ops/update_table.h"

namespace dynarock {
namespace {

storage::EngineOptions ToEngineOptions(const Options& options) {
  storage::EngineOptions out;
  out.store.create_if_missing = options.create_if_missing;
  out.store.sync_writes = options.sync_writes;
  out.store.block_cache_bytes = options.block_cache_bytes;
  out.region = options.region;
  out.account_id = options.account_id;
  out.item_collection_size_limit_bytes = options.item_collection_size_limit_bytes;
  return out;
}

absl::StatusOr<std::unique_ptr<Database>> OpenEngine(const storage::EngineOptions& options) {
  DYNAROCK_ASSIGN_OR_RETURN(std::unique_ptr<storage::Engine> engine,
                            storage::Engine::Open(options));
  return std::unique_ptr<Database>(std::make_unique<DatabaseImpl>(std::move(engine)));
}

}  // namespace

absl::StatusOr<std::unique_ptr<Database>> Database::Open(std::string_view path,
                                                         const Options& options) {
  storage::EngineOptions engine_options = ToEngineOptions(options);
  engine_options.store.path = std::string(path);
  return OpenEngine(engine_options);
}

absl::StatusOr<std::unique_ptr<Database>> Database::OpenInMemory(const Options& options) {
  storage::EngineOptions engine_options = ToEngineOptions(options);
  engine_options.store.in_memory = true;
  return OpenEngine(engine_options);
}

absl::StatusOr<CreateTableResult> DatabaseImpl::CreateTable(const CreateTableRequest& request) {
  return ops::CreateTable(*engine_, request);
}

absl::StatusOr<DescribeTableResult> DatabaseImpl::DescribeTable(
    const DescribeTableRequest& request) {
  return ops::DescribeTable(*engine_, request);
}

absl::StatusOr<ListTablesResult> DatabaseImpl::ListTables(const ListTablesRequest& request) {
  return ops::ListTables(*engine_, request);
}

absl::StatusOr<DeleteTableResult> DatabaseImpl::DeleteTable(const DeleteTableRequest& request) {
  return ops::DeleteTable(*engine_, request);
}

absl::StatusOr<UpdateTableResult> DatabaseImpl::UpdateTable(const UpdateTableRequest& request) {
  return ops::UpdateTable(*engine_, *index_builder_, request);
}

absl::StatusOr<PutItemResult> DatabaseImpl::PutItem(const PutItemRequest& request) {
  return ops::PutItem(*engine_, request);
}

absl::StatusOr<GetItemResult> DatabaseImpl::GetItem(const GetItemRequest& request) {
  return ops::GetItem(*engine_, request);
}

absl::StatusOr<DeleteItemResult> DatabaseImpl::DeleteItem(const DeleteItemRequest& request) {
  return ops::DeleteItem(*engine_, request);
}

absl::StatusOr<GetItemResult> DatabaseImpl::GetItem(const GetItemRequest& request,
                                                    codec::EncodedItemSink* sink) {
  return ops::GetItem(*engine_, request, sink);
}

absl::StatusOr<QueryResult> DatabaseImpl::Query(const QueryRequest& request,
                                                codec::EncodedItemSink* sink) {
  return ops::Query(*engine_, request, sink);
}

absl::StatusOr<ScanResult> DatabaseImpl::Scan(const ScanRequest& request,
                                              codec::EncodedItemSink* sink) {
  return ops::Scan(*engine_, request, sink);
}

absl::StatusOr<QueryResult> DatabaseImpl::Query(const QueryRequest& request) {
  return ops::Query(*engine_, request);
}

absl::StatusOr<ScanResult> DatabaseImpl::Scan(const ScanRequest& request) {
  return ops::Scan(*engine_, request);
}

absl::StatusOr<UpdateItemResult> DatabaseImpl::UpdateItem(const UpdateItemRequest& request) {
  return ops::UpdateItem(*engine_, request);
}

absl::StatusOr<BatchGetItemResult> DatabaseImpl::BatchGetItem(const BatchGetItemRequest& request) {
  return ops::BatchGetItem(*engine_, request);
}

absl::StatusOr<BatchWriteItemResult> DatabaseImpl::BatchWriteItem(
    const BatchWriteItemRequest& request) {
  return ops::BatchWriteItem(*engine_, request);
}

absl::StatusOr<TransactWriteItemsResult> DatabaseImpl::TransactWriteItems(
    const TransactWriteItemsRequest& request) {
  return ops::TransactWriteItems(*engine_, transaction_tokens_, request);
}

absl::StatusOr<TransactGetItemsResult> DatabaseImpl::TransactGetItems(
    const TransactGetItemsRequest& request) {
  return ops::TransactGetItems(*engine_, request);
}

}  // namespace dynarock
