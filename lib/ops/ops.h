// File: lib/ops/ops.h
//
// The operations, one per file (create_table.cc, put_item.cc, ...). Each validates its request
// with DynamoDB's rules and messages before any write, then runs against the Engine. A failed
// request changes nothing.
//
// Thread safety: every function may be called concurrently on one Engine.
#ifndef DYNAROCK_LIB_OPS_OPS_H_
#define DYNAROCK_LIB_OPS_OPS_H_

#include "absl/status/statusor.h"
#include "dynarock/batch_ops.h"
#include "dynarock/item_ops.h"
#include "dynarock/query.h"
#include "dynarock/table_ops.h"
#include "lib/codec/encoded_item_sink.h"
#include "lib/storage/engine.h"

namespace dynarock::ops {


absl::StatusOr<CreateTableResult> CreateTable(storage::Engine& engine,
                                              const CreateTableRequest& request);
absl::StatusOr<DescribeTableResult> DescribeTable(storage::Engine& engine,
                                                  const DescribeTableRequest& request);
absl::StatusOr<ListTablesResult> ListTables(storage::Engine& engine,
                                            const ListTablesRequest& request);
absl::StatusOr<DeleteTableResult> DeleteTable(storage::Engine& engine,
                                              const DeleteTableRequest& request);

absl::StatusOr<PutItemResult> PutItem(storage::Engine& engine, const PutItemRequest& request);
absl::StatusOr<GetItemResult> GetItem(storage::Engine& engine, const GetItemRequest& request,
                                      codec::EncodedItemSink* sink = nullptr);
absl::StatusOr<DeleteItemResult> DeleteItem(storage::Engine& engine,
                                            const DeleteItemRequest& request);

// With a `sink`, a read that returns whole items hands them to it as encoded bytes and leaves
// the result's `item`/`items` empty (codec/encoded_item_sink.h).
absl::StatusOr<QueryResult> Query(storage::Engine& engine, const QueryRequest& request,
                                  codec::EncodedItemSink* sink = nullptr);
absl::StatusOr<ScanResult> Scan(storage::Engine& engine, const ScanRequest& request,
                                codec::EncodedItemSink* sink = nullptr);
absl::StatusOr<UpdateItemResult> UpdateItem(storage::Engine& engine,
                                            const UpdateItemRequest& request);

// Batches and transactions (batch_get_item.cc, batch_write_item.cc, transact_*.cc).
absl::StatusOr<BatchGetItemResult> BatchGetItem(storage::Engine& engine,
                                                const BatchGetItemRequest& request);
absl::StatusOr<BatchWriteItemResult> BatchWriteItem(storage::Engine& engine,
                                                    const BatchWriteItemRequest& request);
class TransactionTokens;  // transact_tokens.h
// `tokens` holds the ClientRequestTokens of the database (one per Engine).
absl::StatusOr<TransactWriteItemsResult> TransactWriteItems(
    storage::Engine& engine, TransactionTokens& tokens, const TransactWriteItemsRequest& request);
absl::StatusOr<TransactGetItemsResult> TransactGetItems(storage::Engine& engine,
                                                        const TransactGetItemsRequest& request);

}  // namespace dynarock::ops

#endif  // DYNAROCK_LIB_OPS_OPS_H_
