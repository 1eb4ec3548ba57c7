// File: lib/api/json/legacy_json.h
//
// Reading the legacy (non-expression) parameters: Expected, ConditionalOperator (PutItem,
// UpdateItem, DeleteItem, Query, Scan), AttributeUpdates (UpdateItem), KeyConditions and
// QueryFilter (Query), ScanFilter (Scan). Type errors are
// SerializationExceptions; enum values outside the set are constraint items; value errors are
// deferred as for Item values.
#ifndef DYNAROCK_LIB_API_JSON_LEGACY_JSON_H_
#define DYNAROCK_LIB_API_JSON_LEGACY_JSON_H_

#include <optional>

#include "dynarock/item_ops.h"
#include "dynarock/query.h"

#include "lib/api/json/request_reader.h"

#include "absl/status/status.h"

namespace dynarock::json {

absl::Status ReadExpected(const Json& body, RequestContext* ctx, ExpectedAttributes* out);
absl::Status ReadConditionalOperator(const Json& body, RequestContext* ctx,
                                     std::optional<ConditionalOperator>* out);
absl::Status ReadAttributeUpdates(const Json& body, RequestContext* ctx, AttributeUpdates* out);
// A map of Condition (KeyConditions, QueryFilter, ScanFilter) named `member`; `path` is its name
// in constraint messages ("keyConditions"). A missing ComparisonOperator is the "must not be
// null" constraint item. *present tells whether the member was there (possibly as {}).
absl::Status ReadConditions(const Json& body, std::string_view member, std::string_view path,
                            RequestContext* ctx, Conditions* out, bool* present);

}  // namespace dynarock::json

#endif  // DYNAROCK_LIB_API_JSON_LEGACY_JSON_H_
