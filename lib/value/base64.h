// File: lib/value/base64.h
//
// Base64 (RFC 4648, standard alphabet, with padding) for B and BS values. Base64 exists only on
// the JSON wire and in debug output; values hold raw bytes.
#ifndef DYNAROCK_LIB_VALUE_BASE64_H_
#define DYNAROCK_LIB_VALUE_BASE64_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace dynarock::value {

// Appends the base64 form of `bytes` to *out.
void AppendBase64(std::string_view bytes, std::string* out);
// The base64 form of `bytes`.
std::string Base64Encode(std::string_view bytes);

// Decodes canonical padded base64. Errors are SerializationException, as DynamoDB reports a
// malformed blob:
//   "Base64 encoded length is expected a multiple of 4 bytes but found: <length>";
//   "Invalid last non-pad Base64 character dectected" (sic) for misplaced padding or non-zero
//   unused bits in the last character (e.g. "=+/=", "+/+=");
//   "Invalid Base64 character: '<c>'" for a character outside the alphabet (dynalite's text;
//   DynamoDB's is unconfirmed).
absl::StatusOr<std::string> Base64Decode(std::string_view text);

}  // namespace dynarock::value

#endif  // DYNAROCK_LIB_VALUE_BASE64_H_
