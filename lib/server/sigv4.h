// File: lib/server/sigv4.h
//
// AWS Signature Version 4 for DynamoDB requests: parsing the Authorization header and, when the
// server holds credentials, verifying the signature.
//
//   Authorization: AWS4-HMAC-SHA256 Credential=<key id>/<yyyymmdd>/<region>/dynamodb/aws4_request,
//                  SignedHeaders=<lower-case;sorted;names>, Signature=<64 hex digits>
//   X-Amz-Date: <yyyymmdd>T<hhmmss>Z
//
// Errors carry DynamoDB's error type and text (docs: reference §8.5). These types are not in
// dynarock::ErrorType (they never leave the server), so the wire name rides on the status as
// the kPayloadErrorType payload; AuthErrorTypeName() reads it back. On the wire they use the
// namespace `com.amazon.coral.service` and HTTP 400.
//
// Not supported: presigned (query-string) authentication; only the header form is accepted.
//
// Thread safety: all functions may be called concurrently.
#ifndef DYNAROCK_LIB_SERVER_SIGV4_H_
#define DYNAROCK_LIB_SERVER_SIGV4_H_

#include <chrono>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace dynarock::server {

// The parsed Authorization header. The views point into the header passed to
// ParseAuthorization() and live as long as it.
struct SigV4Header {
  std::string_view algorithm{};   // "AWS4-HMAC-SHA256"
  std::string_view credential{};  // "<key id>/<date>/<region>/<service>/<terminator>"
  std::string_view access_key_id{};
  std::string_view scope_date{};  // yyyymmdd
  std::string_view region{};
  std::string_view service{};         // "dynamodb"
  std::string_view terminator{};      // "aws4_request"
  std::string_view signed_headers{};  // as sent: "content-type;host;x-amz-date"
  std::string_view signature{};       // lower-case hex
};

// One header field as received (name in any case).
struct HttpHeader {
  std::string_view name{};
  std::string_view value{};
};

// What the signature covers.
struct SigV4Request {
  std::string_view method{};              // "POST"
  std::string_view target{};              // path and query as sent: "/" or "/?a=b"
  std::span<const HttpHeader> headers{};  // every header field of the request
  std::string_view body{};
};

struct Credentials {
  std::string access_key_id{};
  std::string secret_access_key{};
};

// Parses the Authorization header as DynamoDB does before it looks at keys or signatures.
// `authorization` is nullptr when the request has no Authorization header; `date` is the
// X-Amz-Date header, else the Date header, else nullptr.
// Errors, in DynamoDB's order:
//   MissingAuthenticationTokenException: no header, or not starting with "AWS4-";
//   IncompleteSignatureException: missing Credential / Signature / SignedHeaders / date
//     (one sentence each, then "Authorization=<header>"); an X-Amz-Date not in ISO-8601 basic
//     format; an algorithm other than AWS4-HMAC-SHA256; a Credential without 5 elements.
absl::StatusOr<SigV4Header> ParseAuthorization(const std::string_view* authorization,
                                               const std::string_view* date);

// Verifies a parsed header against `credentials` at time `now`. Errors, in DynamoDB's order:
//   IncompleteSignatureException: a date not in ISO-8601 basic format;
//   InvalidSignatureException: a date more than 15 minutes from `now`; Host not signed;
//     a credential scope with the wrong service, terminator or date;
//   UnrecognizedClientException: an unknown access key id;
//   InvalidSignatureException: the signature does not match.
// Any region is accepted (a local server has no region of its own).
absl::Status VerifySignature(const SigV4Header& header, std::string_view date,
                             const SigV4Request& request, const Credentials& credentials,
                             std::chrono::system_clock::time_point now);

// The pieces of the signature, exposed for tests and for clients in this repository.
// SigV4 canonical request: method, canonical URI, canonical query, canonical headers (the
// signed ones, lower-case, values trimmed with inner spaces collapsed, repeats joined by ','),
// signed header list, hex SHA-256 of the body (or "UNSIGNED-PAYLOAD" when the
// x-amz-content-sha256 header says so).
std::string CanonicalRequest(const SigV4Request& request, std::string_view signed_headers);
// Appends the canonical URI of request path `path` (as sent, still percent-encoded): dot and
// empty segments removed, then every byte but unreserved ones and '/' percent-encoded, so that
// the path is encoded twice, as SigV4 asks of every service but S3 (botocore, the JS SDK).
void AppendCanonicalPath(std::string_view path, std::string* out);
// hex(HMAC(signing key, string to sign)) with the key derived from `secret`.
std::string ComputeSignature(std::string_view secret, std::string_view amz_date,
                             std::string_view scope_date, std::string_view region,
                             std::string_view service, std::string_view canonical_request);
// Lower-case hex of SHA-256(`data`).
std::string Sha256Hex(std::string_view data);

// The wire name carried by an error from this file ("InvalidSignatureException"), or "" if
// `status` carries none.
std::string AuthErrorTypeName(const absl::Status& status);

}  // namespace dynarock::server

#endif  // DYNAROCK_LIB_SERVER_SIGV4_H_
