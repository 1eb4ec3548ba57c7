// File: lib/api/database_impl.h
//
// DatabaseImpl: dynarock::Database over a storage::Engine; each method is one call into ops.
//
// Thread safety: as Database, all methods may be called concurrently (the Engine is).
#ifndef DYNAROCK_LIB_API_DATABASE_IMPL_H_
#define DYNAROCK_LIB_API_DATABASE_IMPL_H_

#include <memory>

#include "dynarock/database.h"
#include "lib/codec/encoded_item_sink.h"
#include "lib/ops/index_builder.h"
#include "lib/ops/transact_tokens.h"
#include "lib/storage/engine.h"

namespace dynarock {

class DatabaseImpl final : public Database {
 public:
  // Resumes the index work (UpdateTable) the catalog records as unfinished.
  explicit DatabaseImpl(std::unique_ptr<storage::Engine> engine)
      : engine_(std::move(engine)),
        index_builder_(std::make_unique<ops::IndexBuilder>(engine_.get())) {
    index_builder_->ResumeAll();
  }
  // Stops and joins the index work before the engine closes.
  ~DatabaseImpl() override { index_builder_->Stop(); }

  absl::StatusOr<CreateTableResult> CreateTable(const CreateTableRequest& request) override;
  absl::StatusOr<DescribeTableResult> DescribeTable(const DescribeTableRequest& request) override;
  absl::StatusOr<ListTablesResult> ListTables(const ListTablesRequest& request) override;
  absl::StatusOr<DeleteTableResult> DeleteTable(const DeleteTableRequest& request) override;
  absl::StatusOr<UpdateTableResult> UpdateTable(const UpdateTableRequest& request) override;

  absl::StatusOr<PutItemResult> PutItem(const PutItemRequest& request) override;
  absl::StatusOr<GetItemResult> GetItem(const GetItemRequest& request) override;
  absl::StatusOr<DeleteItemResult> DeleteItem(const DeleteItemRequest& request) override;
  absl::StatusOr<QueryResult> Query(const QueryRequest& request) override;
  absl::StatusOr<ScanResult> Scan(const ScanRequest& request) override;
  absl::StatusOr<UpdateItemResult> UpdateItem(const UpdateItemRequest& request) override;
  absl::StatusOr<BatchGetItemResult> BatchGetItem(const BatchGetItemRequest& request) override;
  absl::StatusOr<BatchWriteItemResult> BatchWriteItem(
      const BatchWriteItemRequest& request) override;
  absl::StatusOr<TransactWriteItemsResult> TransactWriteItems(
      const TransactWriteItemsRequest& request) override;
  absl::StatusOr<TransactGetItemsResult> TransactGetItems(
      const TransactGetItemsRequest& request) override;

  // The reads of the JSON layer: whole items go to `sink` in their encoding instead of into the
  // result (codec/encoded_item_sink.h), to be written as JSON without building Items.
  absl::StatusOr<GetItemResult> GetItem(const GetItemRequest& request,
                                        codec::EncodedItemSink* sink);
  absl::StatusOr<QueryResult> Query(const QueryRequest& request, codec::EncodedItemSink* sink);
  absl::StatusOr<ScanResult> Scan(const ScanRequest& request, codec::EncodedItemSink* sink);

  storage::Engine& engine() { return *engine_; }
  ops::IndexBuilder& index_builder() { return *index_builder_; }

 private:
  std::unique_ptr<storage::Engine> engine_;
  ops::TransactionTokens transaction_tokens_;  // ClientRequestTokens of TransactWriteItems
  std::unique_ptr<ops::IndexBuilder> index_builder_;  // after engine_: destroyed first
};

}  // namespace dynarock

#endif  // DYNAROCK_LIB_API_DATABASE_IMPL_H_
