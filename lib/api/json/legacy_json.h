// File: lib/api/json/legacy_json.h
//
// Reading the legacy (non-expression) write parameters: Expected, ConditionalOperator
// (PutItem, UpdateItem, DeleteItem) and AttributeUpdates (UpdateItem). Type errors are
// SerializationExceptions; enum values outside the set are constraint items; value errors are
// deferred as for Item values.
#ifndef DYNAROCK_LIB_API_JSON_LEGACY_JSON_H_
#define DYNAROCK_LIB_API_JSON_LEGACY_JSON_H_

#include <optional>

#include "dynarock/item_ops.h"

#include "lib/api/json/request_reader.h"

#include "absl/status/status.h"

namespace dynarock::json {

absl::Status ReadExpected(const Json& body, RequestContext* ctx, ExpectedAttributes* out);
absl::Status ReadConditionalOperator(const Json& body, RequestContext* ctx,
                                     std::optional<ConditionalOperator>* out);
absl::Status ReadAttributeUpdates(const Json& body, RequestContext* ctx, AttributeUpdates* out);

}  // namespace dynarock::json

#endif  // DYNAROCK_LIB_API_JSON_LEGACY_JSON_H_
