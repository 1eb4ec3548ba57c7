// File: lib/codec/key_codec.h
//
// Order-preserving encoding of key values (S, N, B): for two values a, b of one scalar type,
//   EncodeKeyPart(a) < EncodeKeyPart(b)  (bytewise, as RocksDB's default comparator)
//   iff a < b in DynamoDB's order (N numerically, S by UTF-8 bytes, B by unsigned bytes).
// The encoding is self-delimiting (no encoding of a type is a proper prefix of another of that
// type, so two encodings first differ inside both), so a partition key part can be followed by
// a sort key part and the concatenation still orders by (pk, sk). Equal values (N "1.50" and
// "15E-1") have identical encodings. It is also decodable (DecodeKeyPart). For begins_with on
// S/B: the encoding of a prefix without its 2-byte terminator is a prefix of the encoding of
// every string that starts with it.
//
// Byte format (on disk: never change):
//   S and B: the bytes, each 0x00 written as 0x00 0xFF, then the terminator 0x00 0x01 (which
//      sorts below any continuation, so a proper prefix sorts first; key_codec.cc says why).
//   N: a class byte: 0x01 negative < 0x02 zero < 0x03 positive. Zero is that byte alone.
//      Otherwise one byte adjusted_exponent + 130 (-130..125 -> 0..255), then the normalised
//      coefficient's decimal digits in pairs (a 0 digit appended when their count is odd), one
//      byte per pair p (0..99): 2p + 1 when more pairs follow, 2p for the last one. For
//      negatives the exponent byte and the pair bytes are complemented (255 - x).
//      At most 1 + 1 + 19 = 21 bytes. Examples: 1 -> 03 82 14, 123 -> 03 84 19 3C,
//      -1 -> 01 7D EB, 0 -> 02.
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
