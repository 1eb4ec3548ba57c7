// File: lib/api/json/dispatch.h
//
// HandleJsonRequest (include/dynarock/json_api.h) maps the operation name to its handler
// (operations.h) through a static table. Request processing follows DynamoDB's order
// (reference section 8.1):
//   1. a body that is not valid JSON -> SerializationException without a message;
//   2. an operation we do not know -> UnknownOperationException without a message (this
//      includes DynamoDB operations dynarock does not implement yet);
//   3. an empty body -> SerializationException without a message;
//   4. the handler: type checks, constraints, the operation itself.
// Errors become DynamoDB's error body (error_json.h). One backstop catch turns an unexpected
// exception (e.g. std::bad_alloc) into InternalServerError.
#ifndef DYNAROCK_LIB_API_JSON_DISPATCH_H_
#define DYNAROCK_LIB_API_JSON_DISPATCH_H_

#include <string_view>

#include "dynarock/json_api.h"

namespace dynarock::json {

// True if `operation` has a handler (for servers that want to answer 404-style early).
bool IsKnownOperation(std::string_view operation);

}  // namespace dynarock::json

#endif  // DYNAROCK_LIB_API_JSON_DISPATCH_H_
