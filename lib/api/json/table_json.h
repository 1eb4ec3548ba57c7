// File: lib/api/json/table_json.h
//
// Shared pieces of the table operations' JSON: reading KeySchema, AttributeDefinitions,
// ProvisionedThroughput and Projection members (with DynamoDB's serialization and constraint
// errors, request_reader.h) and writing a TableDescription (reference section 4.20: members
// that do not apply are omitted, never written as null).
#ifndef DYNAROCK_LIB_API_JSON_TABLE_JSON_H_
#define DYNAROCK_LIB_API_JSON_TABLE_JSON_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dynarock/table_ops.h"

#include "lib/api/json/json_writer.h"
#include "lib/api/json/request_reader.h"

#include "absl/status/status.h"

namespace dynarock::json {

// Reads the KeySchema list member of `obj`; `path` is its constraint path ("keySchema",
// "globalSecondaryIndexes.1.member.keySchema"). Records: null when absent (if required),
// length 1..2, attributeName 1..255 and non-null, keyType non-null and in [HASH, RANGE].
absl::Status ReadKeySchema(const Json& obj, std::string_view path, bool required,
                           RequestContext* ctx, std::vector<KeySchemaElement>* out);

// Reads AttributeDefinitions (required): attributeName 1..255, attributeType in [B, N, S].
absl::Status ReadAttributeDefinitions(const Json& obj, RequestContext* ctx,
                                      std::vector<AttributeDefinition>* out);

// Reads a ProvisionedThroughput member (both units required, each >= 1). `path` is the
// member's constraint path ("provisionedThroughput").
absl::Status ReadProvisionedThroughput(const Json& obj, std::string_view path, RequestContext* ctx,
                                       std::optional<ProvisionedThroughput>* out);

// Reads a Projection member (required): projectionType in [ALL, INCLUDE, KEYS_ONLY],
// nonKeyAttributes 1..20 names.
absl::Status ReadProjection(const Json& obj, std::string_view path, RequestContext* ctx,
                            Projection* out);

// Records index/table name constraints: length min..255 and [a-zA-Z0-9_.-]+ (a missing
// name: null).
void CheckResourceName(const std::optional<std::string>& name, std::string_view path,
                       int min_length, RequestContext* ctx);

// Reads the IndexName member of an index object at constraint path `path`
// ("globalSecondaryIndexes.1.member"): recorded as `path`.indexName, length 3..255.
absl::Status ReadIndexName(const Json& index, std::string_view path, RequestContext* ctx,
                           std::string* out);

// TableClass, which dynarock does not model: its type, and an enum constraint at "tableClass"
// (order unconfirmed).
absl::Status CheckTableClass(const Json& body, RequestContext* ctx);

// StreamSpecification, which dynarock does not model (no table has a stream): `present` when
// the member is there, its StreamEnabled and StreamViewType. Type errors are returned; a
// missing StreamEnabled and a bad view type are constraint items ("streamSpecification.
// streamEnabled" null; the enum in the order DynamoDB lists it, live catalogue DDB-TABLE-035).
struct StreamSpecificationMembers {
  bool present = false;
  std::optional<bool> enabled;
  bool view_type = false;  // StreamViewType given
};
absl::Status ReadStreamSpecification(const Json& body, RequestContext* ctx,
                                     StreamSpecificationMembers* out);

// Reads the BillingMode member: absent leaves `out` unchanged; not PROVISIONED or
// PAY_PER_REQUEST records an enum constraint at "billingMode".
absl::Status ReadBillingMode(const Json& body, RequestContext* ctx,
                             std::optional<BillingMode>* out);

// Writes {"TableName":..., "KeySchema":..., ...} (the TableDescription object itself).
void WriteTableDescription(const TableDescription& d, JsonWriter* w);

// Writes the response {"TableDescription": {...}} of CreateTable, UpdateTable and DeleteTable.
void WriteTableDescriptionResponse(const TableDescription& d, std::string* out);

}  // namespace dynarock::json

#endif  // DYNAROCK_LIB_API_JSON_TABLE_JSON_H_
