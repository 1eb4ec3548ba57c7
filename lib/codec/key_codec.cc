// File: lib/codec/key_codec.cc
//
// The order-preserving key encoding; the byte format is stated in key_codec.h. Notes on why
// each part orders correctly:
//
// S and B. Bytes other than 0x00 are copied; 0x00 becomes 0x00 0xFF; the end is 0x00 0x01.
// Compare enc(a) and enc(b) at the first position where a and b differ: bytes x < y both
// non-zero compare directly; 0x00 (escaped 0x00 0xFF) against y > 0 compares 0x00 < y. If a is
// a proper prefix of b, enc(a) continues with 0x00 0x01 where enc(b) continues with either a
// byte y > 0x00 or 0x00 0xFF: both are above the terminator, so the shorter string is first.
// So no encoding is a proper prefix of another and the first differing byte always lies
// inside both encodings: whatever follows (a sort key part) cannot change the order. The
// terminator is 0x00 0x01 rather than 0x00 0x00 so that a run of zero bytes is never a valid
// encoding (zero-filled corruption is detected) and `prefix 0x00 0x00` stays free as a bound
// below every key that continues `prefix`.
//
// N. Byte 1 is the class: 0x01 negative < 0x02 zero < 0x03 positive. Zero ends there. Byte 2
// is the adjusted exponent (the power of ten of the leading digit, -130..125) plus 130, i.e.
// 0..255: for the same sign a larger adjusted exponent is a larger magnitude. Then the
// normalised coefficient's digits d1 d2 ... dn (d1 != 0, dn != 0, n <= 38) in pairs, padded
// with one 0 digit when n is odd; each pair p = 10 * d(2i-1) + d(2i) (0..99) is one byte:
// 2p + 1 if more pairs follow, 2p for the last pair (as SQLite4's key encoding). For equal
// adjusted exponents, magnitudes order as their digit strings do, a proper prefix first (the
// longer string has more non-zero digits). At the first differing pair, 2p + {0,1} < 2q for
// p < q; if one string's pairs are a prefix of the other's, the shorter one ends with 2p where
// the longer has 2p + 1. So encodings of magnitudes order by magnitude and none is a proper
// prefix of another. For a negative number the exponent byte and the digit bytes are
// complemented (255 - x), which reverses the order (valid because no encoding is a prefix of
// another): -1.5 < -1 because enc(1.5) > enc(1). Complemented, the last byte is odd and the
// others even, so a negative encoding still marks its own end.
//   Examples: 1 -> 03 82 14; 10 -> 03 83 14; 1.5 -> 03 82 1E; 123 -> 03 84 19 3C;
//             -1 -> 01 7D EB; 0 -> 02.
// The longest N key is 1 + 1 + 19 = 21 bytes.
#include "lib/codec/key_codec.h"

#include <cstdint>
#include <cstring>

#include "absl/status/status.h"

namespace dynarock::codec {
namespace {

// On disk: never change.
constexpr unsigned char kNegative = 0x01;
constexpr unsigned char kZero = 0x02;
constexpr unsigned char kPositive = 0x03;
constexpr int kExponentBias = -Decimal::kMinAdjustedExponent;  // 130: -130..125 -> 0..255
constexpr int kMaxPairs = (Decimal::kMaxDigits + 1) / 2;       // 19

static_assert(Decimal::kMaxAdjustedExponent + kExponentBias == 255,
              "the adjusted exponent must fit one byte");

// Writes the decimal digits of c > 0 (at most 38) as values 0..9 backwards ending just before
// `end`, most significant first in memory; returns how many.
int WriteDigits(unsigned __int128 c, unsigned char* end) {
  unsigned char* p = end;
  uint64_t rest;
  if ((c >> 64) != 0) {
    // c < 10^38, so c / 10^19 fits 64 bits; the low part has exactly 19 digits.
    constexpr uint64_t k1e19 = 10000000000000000000ULL;
    const auto hi = static_cast<uint64_t>(c / k1e19);
    auto lo = static_cast<uint64_t>(c - static_cast<unsigned __int128>(hi) * k1e19);
    for (int i = 0; i < 19; ++i) {
      *--p = static_cast<unsigned char>(lo % 10);
      lo /= 10;
    }
    rest = hi;
  } else {
    rest = static_cast<uint64_t>(c);
  }
  while (rest != 0) {
    *--p = static_cast<unsigned char>(rest % 10);
    rest /= 10;
  }
  return static_cast<int>(end - p);
}

void AppendEscaped(std::string_view s, std::string* out) {
  const char* p = s.data();
  const char* const end = p + s.size();
  while (p != end) {
    const void* zero = std::memchr(p, 0, static_cast<size_t>(end - p));
    if (zero == nullptr) {
      out->append(p, static_cast<size_t>(end - p));
      break;
    }
    const char* z = static_cast<const char*>(zero);
    out->append(p, static_cast<size_t>(z - p) + 1);
    out->push_back('\xFF');
    p = z + 1;
  }
  out->append("\x00\x01", 2);
}

void AppendNumber(const Decimal& d, std::string* out) {
  if (d.is_zero()) {
    out->push_back(static_cast<char>(kZero));
    return;
  }
  unsigned char buf[2 + kMaxPairs + 1 + Decimal::kMaxDigits + 1];
  // Digits go to the tail of buf; the encoded bytes are built at its head, which never
  // overtakes the digits (each output byte consumes two digits).
  unsigned char* const digits_end = buf + sizeof(buf) - 1;
  const int n = WriteDigits(d.coefficient(), digits_end);
  unsigned char* digits = digits_end - n;
  *digits_end = 0;  // The pad digit when n is odd.
  const int adjusted = d.exponent() + n - 1;
  const unsigned char flip = d.is_negative() ? 0xFF : 0x00;

  unsigned char* w = buf;
  *w++ = d.is_negative() ? kNegative : kPositive;
  *w++ = static_cast<unsigned char>(adjusted + kExponentBias) ^ flip;
  const int pairs = (n + 1) / 2;
  for (int i = 0; i < pairs; ++i) {
    const int p = digits[2 * i] * 10 + digits[2 * i + 1];
    const int more = i + 1 < pairs ? 1 : 0;
    *w++ = static_cast<unsigned char>(2 * p + more) ^ flip;
  }
  out->append(reinterpret_cast<const char*>(buf), static_cast<size_t>(w - buf));
}

absl::Status Corrupt(const char* what) {
  return absl::DataLossError(std::string("corrupt key part: ") + what);
}

// Decodes an escaped S/B body up to and including its terminator.
absl::Status DecodeEscaped(std::string_view* in, std::string* out) {
  const char* p = in->data();
  const char* const end = p + in->size();
  while (true) {
    const void* zero = std::memchr(p, 0, static_cast<size_t>(end - p));
    if (zero == nullptr || static_cast<const char*>(zero) + 1 == end) {
      return Corrupt("unterminated string");
    }
    const char* z = static_cast<const char*>(zero);
    const auto next = static_cast<unsigned char>(z[1]);
    if (next == 0xFF) {
      out->append(p, static_cast<size_t>(z - p) + 1);
      p = z + 2;
    } else if (next == 0x01) {
      out->append(p, static_cast<size_t>(z - p));
      in->remove_prefix(static_cast<size_t>(z + 2 - in->data()));
      return absl::OkStatus();
    } else {
      return Corrupt("bad escape in string");
    }
  }
}

absl::StatusOr<AttributeValue> DecodeNumber(std::string_view* in) {
  const auto* p = reinterpret_cast<const unsigned char*>(in->data());
  const size_t size = in->size();
  if (size == 0) return Corrupt("empty number");
  if (p[0] == kZero) {
    in->remove_prefix(1);
    return AttributeValue(Decimal());
  }
  if (p[0] != kNegative && p[0] != kPositive) return Corrupt("bad number class");
  const bool negative = p[0] == kNegative;
  const unsigned char flip = negative ? 0xFF : 0x00;
  if (size < 3) return Corrupt("truncated number");
  const int adjusted = static_cast<int>(p[1] ^ flip) - kExponentBias;
  unsigned __int128 coefficient = 0;
  int digits = 0;
  for (size_t i = 2;; ++i) {
    if (i >= size) return Corrupt("truncated number");
    const int b = p[i] ^ flip;
    if (b >= 200) return Corrupt("bad digit pair");
    const int pair = b >> 1;
    const bool last = (b & 1) == 0;
    if (i == 2 && pair < 10) return Corrupt("leading zero digit");
    if (!last) {
      if (i - 1 >= static_cast<size_t>(kMaxPairs)) return Corrupt("too many digits");
      coefficient = coefficient * 100 + static_cast<unsigned>(pair);
      digits += 2;
      continue;
    }
    if (pair == 0) return Corrupt("trailing zero digits");
    if (pair % 10 == 0) {
      coefficient = coefficient * 10 + static_cast<unsigned>(pair / 10);
      digits += 1;
    } else {
      coefficient = coefficient * 100 + static_cast<unsigned>(pair);
      digits += 2;
    }
    in->remove_prefix(i + 1);
    break;
  }
  absl::StatusOr<Decimal> d = Decimal::FromParts(negative, coefficient, adjusted - digits + 1);
  if (!d.ok()) return Corrupt("number out of range");
  return AttributeValue(*d);
}

}  // namespace

void AppendKeyPart(const AttributeValue& value, std::string* out) {
  switch (value.type()) {
    case ValueType::kS:
      AppendEscaped(value.s(), out);
      break;
    case ValueType::kB:
      AppendEscaped(value.b().data, out);
      break;
    case ValueType::kN:
      AppendNumber(value.n(), out);
      break;
    default:  // Not a key type: excluded by validation (REQUIRES).
      break;
  }
}

std::string EncodeKeyPart(const AttributeValue& value) {
  std::string out;
  AppendKeyPart(value, &out);
  return out;
}

absl::StatusOr<AttributeValue> DecodeKeyPart(ScalarType type, std::string_view* in) {
  switch (type) {
    case ScalarType::kS: {
      std::string s;
      absl::Status st = DecodeEscaped(in, &s);
      if (!st.ok()) return st;
      return AttributeValue(std::move(s));
    }
    case ScalarType::kB: {
      Bytes b;
      absl::Status st = DecodeEscaped(in, &b.data);
      if (!st.ok()) return st;
      return AttributeValue(std::move(b));
    }
    case ScalarType::kN:
      return DecodeNumber(in);
  }
  return Corrupt("unknown key type");
}

}  // namespace dynarock::codec
