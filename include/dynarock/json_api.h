// File: dynarock/json_api.h
//
// The embedded DynamoDB JSON entry point: for applications that already hold DynamoDB wire
// JSON, and for dynarock-server. Given the operation name (the part of the X-Amz-Target header
// after "DynamoDB_20120810.") and the request body, returns the HTTP status and the body that
// DynamoDB would return: the operation's response JSON, or an error body such as
//   {"__type":"com.amazonaws.dynamodb.v20120810#<Type>","message":"<text>"}
// with DynamoDB's status code. The __type namespace and the message member follow DynamoDB per
// type (ValidationException: "com.amazon.coral.validate#"; SerializationException:
// "com.amazon.coral.service#" with "Message"); see docs/compatibility.md. Unknown operations
// answer UnknownOperationException.
//
// Thread safety: as Database (safe to call concurrently). Never throws.
#ifndef DYNAROCK_JSON_API_H_
#define DYNAROCK_JSON_API_H_

#include <string>
#include <string_view>

#include "dynarock/database.h"

namespace dynarock {

struct JsonResponse {
  int http_status = 200;
  std::string body{};
};

// REQUIRES: `db` outlives the call.
JsonResponse HandleJsonRequest(Database& db, std::string_view operation, std::string_view body);

}  // namespace dynarock

#endif  // DYNAROCK_JSON_API_H_
