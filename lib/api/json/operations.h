// File: lib/api/json/operations.h
//
// One handler per DynamoDB operation (one .cc file each): reads the request JSON into the
// request struct of table_ops.h / item_ops.h (DynamoDB's serialization and constraint errors,
// request_reader.h), calls Database, and appends the response JSON to *out with DynamoDB's
// member names, omitting what DynamoDB omits. A non-OK status is turned into the error body
// by dispatch (error_json.h); *out is then ignored.
//
// REQUIRES: body.is_object(); `db` outlives the call.
#ifndef DYNAROCK_LIB_API_JSON_OPERATIONS_H_
#define DYNAROCK_LIB_API_JSON_OPERATIONS_H_

#include <string>

#include "dynarock/database.h"

#include "lib/api/database_impl.h"
#include "lib/api/json/request_reader.h"
#include "lib/codec/encoded_item_sink.h"

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace dynarock::json {

absl::Status CreateTableJson(Database& db, const Json& body, std::string* out);
absl::Status DescribeTableJson(Database& db, const Json& body, std::string* out);
absl::Status ListTablesJson(Database& db, const Json& body, std::string* out);
absl::Status DeleteTableJson(Database& db, const Json& body, std::string* out);
absl::Status PutItemJson(Database& db, const Json& body, std::string* out);
absl::Status GetItemJson(Database& db, const Json& body, std::string* out);
absl::Status DeleteItemJson(Database& db, const Json& body, std::string* out);
absl::Status UpdateItemJson(Database& db, const Json& body, std::string* out);
absl::Status UpdateTableJson(Database& db, const Json& body, std::string* out);
absl::Status QueryJson(Database& db, const Json& body, std::string* out);
absl::Status ScanJson(Database& db, const Json& body, std::string* out);
absl::Status BatchGetItemJson(Database& db, const Json& body, std::string* out);
absl::Status BatchWriteItemJson(Database& db, const Json& body, std::string* out);
absl::Status TransactGetItemsJson(Database& db, const Json& body, std::string* out);
absl::Status TransactWriteItemsJson(Database& db, const Json& body, std::string* out);

// Members Query and Scan share (defined in query_json.cc): Select (enum constraint at
// 'select'), Limit (>= 1: at 'limit' with the value on Scan, at 'Limit' without it on Query),
// ExclusiveStartKey, and the response
// {"Items", "Count", "ScannedCount", "LastEvaluatedKey", "ConsumedCapacity"} ("Items" left out
// for Select COUNT).
absl::Status ReadSelect(const Json& body, RequestContext* ctx, std::optional<Select>* out);
absl::Status ReadLimit(const Json& body, bool is_query, RequestContext* ctx,
                       std::optional<int64_t>* out);
absl::Status ReadExclusiveStartKey(const Json& body, RequestContext* ctx,
                                   std::optional<Item>* out);
void WriteReadResult(const QueryResult& result, bool count_only, std::string* out);

// Runs a Query or Scan (`read`, given the sink it may hand whole items to) and writes its
// response: items the sink takes are written straight from their stored bytes while the read
// runs; the rest of the result follows as WriteReadResult writes it. Without a DatabaseImpl
// (no engine to reach), `read` gets no sink and the result is written from Items.
absl::Status RunReadJson(
    Database& db, bool count_only,
    absl::FunctionRef<absl::StatusOr<QueryResult>(codec::EncodedItemSink* sink)> read,
    std::string* out);

// The DatabaseImpl behind `db`, or null (reads then take the typed path).
DatabaseImpl* Impl(Database& db);

}  // namespace dynarock::json

#endif  // DYNAROCK_LIB_API_JSON_OPERATIONS_H_
