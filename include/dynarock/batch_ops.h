// File: dynarock/batch_ops.h
//
// Request and response structs of the multi-item operations: BatchGetItem, BatchWriteItem,
// TransactWriteItems and TransactGetItems. They mirror DynamoDB's API field for field; see
// table_ops.h for the conventions (every field has a default).
//
// Atomicity (docs/design.md, "Batches and transactions"):
//  - TransactWriteItems is all-or-nothing and serializable with respect to every other write;
//    TransactGetItems never sees part of a transaction.
//  - BatchWriteItem: DynamoDB promises only that each put or delete is atomic. dynarock writes
//    the whole batch under the stripe locks of all its items as one RocksDB WriteBatch, so it is
//    in fact atomic as a whole (never partially applied); UnprocessedItems is always empty.
//  - BatchGetItem reads each item atomically; the batch as a whole is not a snapshot.
#ifndef DYNAROCK_BATCH_OPS_H_
#define DYNAROCK_BATCH_OPS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "dynarock/item.h"
#include "dynarock/item_ops.h"

namespace dynarock {

// ---- BatchGetItem ----

// The keys to read from one table and how (KeysAndAttributes).
struct KeysAndAttributes {
  std::vector<Item> keys{};  // 1..100
  std::vector<std::string> attributes_to_get{};  // legacy
  std::optional<bool> consistent_read{};
  ExpressionAttributeNames expression_attribute_names{};
  std::optional<std::string> projection_expression{};
};

struct BatchGetItemRequest {
  // Table name (or ARN) -> keys. At most 100 keys in total.
  std::map<std::string, KeysAndAttributes> request_items{};
  std::optional<ReturnConsumedCapacity> return_consumed_capacity{};
};
struct BatchGetItemResult {
  // Table name as requested -> the items found (in no promised order; missing keys are absent).
  std::map<std::string, std::vector<Item>> responses{};
  // Keys not read because the response would have passed 16 MB; send them again.
  std::map<std::string, KeysAndAttributes> unprocessed_keys{};
  std::vector<ConsumedCapacity> consumed_capacity{};  // one per table, when asked for
};

// ---- BatchWriteItem ----

struct PutRequest {
  Item item{};
};
struct DeleteRequest {
  Item key{};
};
// Exactly one of the two members is set.
struct WriteRequest {
  std::optional<DeleteRequest> delete_request{};
  std::optional<PutRequest> put_request{};
};

struct BatchWriteItemRequest {
  // Table name (or ARN) -> writes. 1..25 writes in total, no two on one item.
  std::map<std::string, std::vector<WriteRequest>> request_items{};
  std::optional<ReturnConsumedCapacity> return_consumed_capacity{};
  std::optional<ReturnItemCollectionMetrics> return_item_collection_metrics{};
};
struct BatchWriteItemResult {
  // Writes not applied (to retry). dynarock applies every write or fails the request, so this
  // is always empty; it exists because clients loop on it.
  std::map<std::string, std::vector<WriteRequest>> unprocessed_items{};
  std::vector<ConsumedCapacity> consumed_capacity{};  // one per table, when asked for
  // Table name -> one entry per item collection the batch wrote to (its size after the batch),
  // for tables with a local secondary index when return_item_collection_metrics is SIZE;
  // empty otherwise.
  std::map<std::string, std::vector<ItemCollectionMetrics>> item_collection_metrics{};
};

// ---- TransactWriteItems ----

struct TransactConditionCheck {
  std::string table_name{};
  Item key{};
  std::string condition_expression{};  // required
  ExpressionAttributeNames expression_attribute_names{};
  ExpressionAttributeValues expression_attribute_values{};
  std::optional<ReturnValuesOnConditionCheckFailure> return_values_on_condition_check_failure{};
};
struct TransactPut {
  std::string table_name{};
  Item item{};
  std::optional<std::string> condition_expression{};
  ExpressionAttributeNames expression_attribute_names{};
  ExpressionAttributeValues expression_attribute_values{};
  std::optional<ReturnValuesOnConditionCheckFailure> return_values_on_condition_check_failure{};
};
struct TransactDelete {
  std::string table_name{};
  Item key{};
  std::optional<std::string> condition_expression{};
  ExpressionAttributeNames expression_attribute_names{};
  ExpressionAttributeValues expression_attribute_values{};
  std::optional<ReturnValuesOnConditionCheckFailure> return_values_on_condition_check_failure{};
};
struct TransactUpdate {
  std::string table_name{};
  Item key{};
  std::string update_expression{};  // required
  std::optional<std::string> condition_expression{};
  ExpressionAttributeNames expression_attribute_names{};
  ExpressionAttributeValues expression_attribute_values{};
  std::optional<ReturnValuesOnConditionCheckFailure> return_values_on_condition_check_failure{};
};
// One action: exactly one member is set ("del" is DynamoDB's Delete; delete is a keyword).
struct TransactWriteItem {
  std::optional<TransactConditionCheck> condition_check{};
  std::optional<TransactDelete> del{};
  std::optional<TransactPut> put{};
  std::optional<TransactUpdate> update{};
};

struct TransactWriteItemsRequest {
  std::vector<TransactWriteItem> transact_items{};  // 1..100, at most one per item
  // Idempotency token (1..36 characters): a repeat of the same request within 10 minutes of
  // its success succeeds without writing again; a different request with the same token fails
  // with IdempotentParameterMismatchException.
  std::optional<std::string> client_request_token{};
  std::optional<ReturnConsumedCapacity> return_consumed_capacity{};
  std::optional<ReturnItemCollectionMetrics> return_item_collection_metrics{};
};
struct TransactWriteItemsResult {
  std::vector<ConsumedCapacity> consumed_capacity{};  // one per table, when asked for
  // Table name -> one entry per item collection the transaction wrote to (its size after the
  // transaction), for tables with a local secondary index when return_item_collection_metrics
  // is SIZE; empty otherwise.
  std::map<std::string, std::vector<ItemCollectionMetrics>> item_collection_metrics{};
};

// ---- TransactGetItems ----

struct TransactGet {
  std::string table_name{};
  Item key{};
  ExpressionAttributeNames expression_attribute_names{};
  std::optional<std::string> projection_expression{};
};
struct TransactGetItemsRequest {
  std::vector<TransactGet> transact_items{};  // 1..100 (each is DynamoDB's {"Get": {...}})
  std::optional<ReturnConsumedCapacity> return_consumed_capacity{};
};
struct TransactGetItemsResult {
  // One entry per Get, in request order; nullopt when the item does not exist (or the
  // projection matched nothing).
  std::vector<std::optional<Item>> responses{};
  std::vector<ConsumedCapacity> consumed_capacity{};  // one per table, when asked for
};

// ---- TransactionCanceledException ----

// One entry of CancellationReasons: code "None", "ConditionalCheckFailed", "ValidationError",
// "TransactionConflict", ...; message absent for "None"; item only for ConditionalCheckFailed
// with ReturnValuesOnConditionCheckFailure ALL_OLD on an existing item.
struct CancellationReason {
  std::string code{};
  std::optional<std::string> message{};
  std::optional<Item> item{};
};

// The CancellationReasons of a TransactionCanceledException status, one per action in request
// order; empty for any other status.
std::vector<CancellationReason> GetCancellationReasons(const absl::Status& status);

}  // namespace dynarock

#endif  // DYNAROCK_BATCH_OPS_H_
