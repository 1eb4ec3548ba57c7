// File: lib/api/json/error_json.h
//
// DynamoDB's error responses (reference section 8.3): HTTP status and body
//   {"__type":"<namespace>#<Type>","message":"<text>"}
// where the namespace and the message member's spelling depend on the type:
//   ValidationException                 com.amazon.coral.validate   "message"
//   SerializationException              com.amazon.coral.service    "Message" (none if empty)
//   UnknownOperationException           com.amazon.coral.service    (no message)
//   MissingAuthenticationToken-, UnrecognizedClient-, InvalidSignatureException
//                                       com.amazon.coral.service    "message"
//   AccessDeniedException               com.amazon.coral.service    "Message"
//   TransactionCanceled-, IdempotentParameterMismatch-, TransactionInProgressException
//                                       com.amazonaws.dynamodb.v20120810  "Message"
//   every other type                    com.amazonaws.dynamodb.v20120810  "message"
// A ConditionalCheckFailedException whose status carries kPayloadConditionItem (the old item,
// binary item codec) gains "Item": {...}; a TransactionCanceledException gains
// "CancellationReasons": [{"Code", "Item"?, "Message"?}, ...] (GetCancellationReasons()).
#ifndef DYNAROCK_LIB_API_JSON_ERROR_JSON_H_
#define DYNAROCK_LIB_API_JSON_ERROR_JSON_H_

#include "dynarock/json_api.h"

#include "absl/status/status.h"

namespace dynarock::json {

// REQUIRES: !status.ok().
JsonResponse ErrorResponse(const absl::Status& status);

}  // namespace dynarock::json

#endif  // DYNAROCK_LIB_API_JSON_ERROR_JSON_H_
