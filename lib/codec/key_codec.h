// File: lib/codec/key_codec.h
//
// Order-preserving encoding of key values (S, N, B): for two values a, b of one scalar type,
//   EncodeKeyPart(a) < EncodeKeyPart(b)  (bytewise, as RocksDB's default comparator)
//   iff a < b in DynamoDB's order (N numerically, S by UTF-8 bytes, B by unsigned bytes).
// The encoding is self-delimiting (no encoding is a proper prefix of another that compares
// greater than a continuation), so a partition key part can be followed by a sort key part and
// the concatenation still orders by (pk, sk). It is also decodable (DecodeKeyPart).
//
// Byte format (on disk: never change):
//   S and B: each 0x00 byte becomes 0x00 0xFF; terminated by 0x00 0x00.
//   N: a leading byte for the class, then for non-zero numbers the adjusted exponent and the
//      digits, written so that bytewise order is numeric order:
//        0x01 negative (exponent byte and digit bytes complemented), 0x02 zero, 0x03 positive.
//      Exponent: (adjusted_exponent + 131) as one byte (range 1..256 fits after the shift is
//      checked: -130..125 -> 1..256 -- stored as a uint16 big-endian to be safe).
//      Digits: the coefficient's decimal digits, two per byte (BCD, digit+1 in each nibble so
//      that 0 never appears), then a terminator nibble 0 (positive) -- see key_codec.cc.
//   The exact N layout is documented in key_codec.cc and docs/design.md.
#ifndef DYNAROCK_LIB_CODEC_KEY_CODEC_H_
#define DYNAROCK_LIB_CODEC_KEY_CODEC_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "dynarock/value.h"

namespace dynarock::codec {

// Appends the order-preserving encoding of `value` to *out.
// REQUIRES: value is S, N or B (key attributes are scalars; validation ensures it).
void AppendKeyPart(const AttributeValue& value, std::string* out);

// Convenience: the encoding alone.
std::string EncodeKeyPart(const AttributeValue& value);

// Decodes one key part of type `type` from the front of *in and advances *in past it.
// Errors: absl::DataLossError on malformed bytes (corruption, never user input).
absl::StatusOr<AttributeValue> DecodeKeyPart(ScalarType type, std::string_view* in);

}  // namespace dynarock::codec

#endif  // DYNAROCK_LIB_CODEC_KEY_CODEC_H_
