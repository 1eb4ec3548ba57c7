// Tests of the order-preserving key encoding (lib/codec/key_codec.h). The property tests
// compare the order of encodings with a reference order written here from DynamoDB's rules
// (unsigned bytes for S and B; for N a comparison of sign, adjusted exponent and digit string
// that does not use Decimal's own comparison).
#include "lib/codec/key_codec.h"

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "dynarock/value.h"

#include "tests/testing/status_matchers.h"

namespace dynarock::codec {
namespace {

constexpr int kPairs = 100000;

int Sign(int v) { return (v > 0) - (v < 0); }

// Unsigned bytewise comparison, written out so the reference does not depend on
// std::string's comparison.
int CompareBytes(std::string_view a, std::string_view b) {
  const size_t n = a.size() < b.size() ? a.size() : b.size();
  for (size_t i = 0; i < n; ++i) {
    const auto x = static_cast<unsigned char>(a[i]);
    const auto y = static_cast<unsigned char>(b[i]);
    if (x != y) return x < y ? -1 : 1;
  }
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

std::string Hex(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : s) {
    out.push_back(kHex[static_cast<unsigned char>(c) >> 4]);
    out.push_back(kHex[static_cast<unsigned char>(c) & 15]);
    out.push_back(' ');
  }
  return out;
}

// Random byte strings rich in the bytes that matter to the escaping (0x00, 0x01, 0xFF) and in
// multi-byte UTF-8, with many shared prefixes between the two members of a pair.
class StringGen {
 public:
  explicit StringGen(uint64_t seed) : rng_(seed) {}

  std::string One() {
    static const std::vector<std::string> kPieces = {std::string(1, '\0'),
                                                     "\x01",
                                                     "\xFF",
                                                     "\xFE",
                                                     "\x7F",
                                                     "\x80",
                                                     "a",
                                                     "b",
                                                     "z",
                                                     "A",
                                                     "\xC3\xA9" /* é */,
                                                     "\xE2\x82\xAC" /* € */,
                                                     "\xF0\x9F\x98\x80" /* 😀 */,
                                                     std::string("\0\0", 2),
                                                     "\xFF\xFF",
                                                     std::string("\0\xFF", 2),
                                                     std::string("\0\x01", 2)};
    std::string s;
    const int pieces = Uniform(0, 6);
    for (int i = 0; i < pieces; ++i) {
      if (Uniform(0, 3) == 0) {
        s.push_back(static_cast<char>(Uniform(0, 255)));
      } else {
        s += kPieces[static_cast<size_t>(Uniform(0, static_cast<int>(kPieces.size()) - 1))];
      }
    }
    return s;
  }

  // A second string related to `a`: equal, a prefix, an extension, one byte changed, or fresh.
  std::string Related(const std::string& a) {
    switch (Uniform(0, 5)) {
      case 0:
        return a;
      case 1:
        return a.substr(0, static_cast<size_t>(Uniform(0, static_cast<int>(a.size()))));
      case 2:
        return a + One();
      case 3: {
        if (a.empty()) return One();
        std::string b = a;
        b[static_cast<size_t>(Uniform(0, static_cast<int>(a.size()) - 1))] =
            static_cast<char>(Uniform(0, 255));
        return b;
      }
      case 4:
        return a.substr(0, static_cast<size_t>(Uniform(0, static_cast<int>(a.size())))) + One();
      default:
        return One();
    }
  }

  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

 private:
  std::mt19937_64 rng_;
};

// A number described independently of Decimal: sign, the significant digits (no leading or
// trailing zero) and the adjusted exponent. digits is empty for zero.
struct RefNumber {
  bool negative = false;
  std::string digits;
  int adjusted = 0;
};

// DynamoDB's numeric order on RefNumbers.
int CompareRef(const RefNumber& a, const RefNumber& b) {
  auto cls = [](const RefNumber& n) { return n.digits.empty() ? 0 : (n.negative ? -1 : 1); };
  if (cls(a) != cls(b)) return cls(a) < cls(b) ? -1 : 1;
  if (cls(a) == 0) return 0;
  int magnitude;
  if (a.adjusted != b.adjusted) {
    magnitude = a.adjusted < b.adjusted ? -1 : 1;
  } else {
    // Same leading power of ten: digit strings compare as decimal fractions 0.d1d2...; with
    // no trailing zeros, a proper prefix is the smaller one.
    magnitude = CompareBytes(a.digits, b.digits);
  }
  return a.negative ? -magnitude : magnitude;
}

// Renders a RefNumber as DynamoDB number text in one of several equivalent forms: plain
// notation, scientific with the point anywhere, extra leading and trailing zeros, 'e' or 'E',
// an explicit '+'.
class NumberGen {
 public:
  explicit NumberGen(uint64_t seed) : rng_(seed) {}

  RefNumber One() {
    RefNumber n;
    if (Uniform(0, 9) == 0) return n;  // Zero.
    n.negative = Uniform(0, 1) == 1;
    const int len = Uniform(0, 2) == 0 ? Uniform(1, 38) : Uniform(1, 6);
    n.digits = RandomDigits(len);
    n.adjusted = Uniform(0, 1) == 0 ? Uniform(-130, 125) : Uniform(-3, 5);
    return n;
  }

  RefNumber Related(const RefNumber& a) {
    if (a.digits.empty()) return One();
    RefNumber b = a;
    switch (Uniform(0, 7)) {
      case 0:  // Equal value (rendered differently by Text()).
        return b;
      case 1: {  // Last digit differs.
        char& last = b.digits.back();
        char other;
        do {
          other = static_cast<char>('0' + Uniform(1, 9));
        } while (other == last);
        last = other;
        return b;
      }
      case 2:  // Extended: a longer digit string with a as its prefix.
        if (b.digits.size() < 38) {
          b.digits += RandomDigits(Uniform(1, static_cast<int>(38 - b.digits.size())));
        }
        return b;
      case 3:  // Truncated to a prefix (drop trailing zeros to stay normalised).
        b.digits.resize(static_cast<size_t>(Uniform(1, static_cast<int>(b.digits.size()))));
        while (b.digits.back() == '0') b.digits.pop_back();
        return b;
      case 4:  // Opposite sign.
        b.negative = !b.negative;
        return b;
      case 5:  // Neighbouring exponent.
        b.adjusted += Uniform(0, 1) == 0 ? -1 : 1;
        if (b.adjusted < -130 || b.adjusted > 125) b.adjusted = a.adjusted;
        return b;
      case 6:  // Same exponent, other digits.
        b.digits = RandomDigits(Uniform(1, 38));
        return b;
      default:
        return One();
    }
  }

  std::string Text(const RefNumber& n) {
    std::string out;
    if (n.digits.empty()) {
      static const char* const kZeros[] = {"0", "-0", "0.000", "+0", "0e5", "00", ".0"};
      return kZeros[Uniform(0, 6)];
    }
    if (n.negative) {
      out.push_back('-');
    } else if (Uniform(0, 9) == 0) {
      out.push_back('+');
    }
    // The mantissa is the digits with `lead` zeros before and `trail` after; the point goes
    // after mantissa position `point` (0 = before the first character). Then
    // value = 0.digits * 10^(adjusted + 1) gives the written exponent.
    std::string mantissa(static_cast<size_t>(Uniform(0, 2)), '0');
    const int lead = static_cast<int>(mantissa.size());
    mantissa += n.digits;
    mantissa.append(static_cast<size_t>(Uniform(0, 2)), '0');
    const int point = Uniform(0, static_cast<int>(mantissa.size()));
    // mantissa as written = 0.digits * 10^(point - lead)
    const int exponent = n.adjusted + 1 - (point - lead);
    const bool plain_possible = exponent == 0;
    if (point == 0) {
      out += "0";
    } else {
      out.append(mantissa, 0, static_cast<size_t>(point));
    }
    if (point < static_cast<int>(mantissa.size())) {
      out += ".";
      out.append(mantissa, static_cast<size_t>(point), std::string::npos);
    }
    if (!plain_possible || Uniform(0, 4) == 0) {
      out += Uniform(0, 1) == 0 ? "e" : "E";
      if (exponent >= 0 && Uniform(0, 1) == 0) out += "+";
      out += std::to_string(exponent);
    }
    return out;
  }

  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

 private:
  // Digits of a normalised coefficient: no leading or trailing zero; 0 and 9 are frequent.
  std::string RandomDigits(int len) {
    std::string d;
    for (int i = 0; i < len; ++i) {
      const int r = Uniform(0, 13);
      d.push_back(static_cast<char>('0' + (r >= 10 ? (r % 2 == 0 ? 0 : 9) : r)));
    }
    d[0] = static_cast<char>('0' + Uniform(1, 9));
    if (d.back() == '0') d.back() = static_cast<char>('0' + Uniform(1, 9));
    return d;
  }

  std::mt19937_64 rng_;
};

AttributeValue ParseN(const std::string& text) {
  absl::StatusOr<Decimal> d = Decimal::Parse(text);
  INFO(text);
  REQUIRE_OK(d);
  return AttributeValue(*d);
}

// Decodes one part of `type` from the whole of `encoded`; it must consume it exactly.
AttributeValue DecodeWhole(ScalarType type, std::string_view encoded) {
  std::string_view in = encoded;
  absl::StatusOr<AttributeValue> v = DecodeKeyPart(type, &in);
  INFO(Hex(encoded));
  REQUIRE_OK(v);
  REQUIRE(in.empty());
  return *std::move(v);
}

// Why: the storage layer relies on memcmp order of keys being DynamoDB's order of S values,
// including bytes 0x00/0xFF that the escaping rewrites and strings that prefix each other.
TEST_CASE("KeyCodec: S order is unsigned byte order", "[codec][keys]") {
  StringGen gen(1);
  for (int i = 0; i < kPairs; ++i) {
    const std::string a = gen.One();
    const std::string b = gen.Related(a);
    const std::string ea = EncodeKeyPart(AttributeValue(a));
    const std::string eb = EncodeKeyPart(AttributeValue(b));
    if (Sign(CompareBytes(ea, eb)) != CompareBytes(a, b)) {
      INFO("a=" << Hex(a) << " b=" << Hex(b) << " ea=" << Hex(ea) << " eb=" << Hex(eb));
      FAIL("order differs");
    }
    if (i % 10 == 0) {
      REQUIRE(DecodeWhole(ScalarType::kS, ea).s() == a);
    }
  }
}

// Why: Query's begins_with on a sort key becomes one range scan only if the encoding of the
// prefix (minus its terminator) prefixes exactly the encodings of the strings it prefixes.
TEST_CASE("KeyCodec: S prefix encoding matches string prefixes", "[codec][keys]") {
  StringGen gen(9);
  int prefixed = 0;
  for (int i = 0; i < kPairs; ++i) {
    const std::string p = gen.One();
    const std::string s = gen.Related(p);
    std::string ep = EncodeKeyPart(AttributeValue(p));
    ep.resize(ep.size() - 2);
    const std::string es = EncodeKeyPart(AttributeValue(s));
    const bool string_prefix = s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
    const bool encoded_prefix = es.size() >= ep.size() && es.compare(0, ep.size(), ep) == 0;
    if (string_prefix) ++prefixed;
    if (string_prefix != encoded_prefix) {
      INFO("p=" << Hex(p) << " s=" << Hex(s));
      FAIL("prefix relation differs");
    }
  }
  CHECK(prefixed > kPairs / 10);
}

// Why: B values order by unsigned bytes too, and use the same escaping through a Bytes value.
TEST_CASE("KeyCodec: B order is unsigned byte order", "[codec][keys]") {
  StringGen gen(2);
  for (int i = 0; i < kPairs; ++i) {
    const std::string a = gen.One();
    const std::string b = gen.Related(a);
    const std::string ea = EncodeKeyPart(B(a));
    const std::string eb = EncodeKeyPart(B(b));
    if (Sign(CompareBytes(ea, eb)) != CompareBytes(a, b)) {
      INFO("a=" << Hex(a) << " b=" << Hex(b) << " ea=" << Hex(ea) << " eb=" << Hex(eb));
      FAIL("order differs");
    }
    if (i % 10 == 0) {
      REQUIRE(DecodeWhole(ScalarType::kB, eb).b().data == b);
    }
  }
}

// Why: N keys must order numerically over the whole range (signs, fractions, exponents,
// 38 digits, neighbours differing in the last digit), and one value must have one encoding
// whatever its text.
TEST_CASE("KeyCodec: N order is numeric order", "[codec][keys][number]") {
  NumberGen gen(3);
  int equal_pairs = 0;
  for (int i = 0; i < kPairs; ++i) {
    const RefNumber ra = gen.One();
    const RefNumber rb = gen.Related(ra);
    const std::string ta = gen.Text(ra);
    const std::string tb = gen.Text(rb);
    const AttributeValue a = ParseN(ta);
    const AttributeValue b = ParseN(tb);
    const std::string ea = EncodeKeyPart(a);
    const std::string eb = EncodeKeyPart(b);
    const int want = CompareRef(ra, rb);
    if (want == 0) ++equal_pairs;
    if (Sign(CompareBytes(ea, eb)) != want) {
      INFO(ta << " vs " << tb << ": ea=" << Hex(ea) << " eb=" << Hex(eb) << " want " << want);
      FAIL("order differs");
    }
    const AttributeValue da = DecodeWhole(ScalarType::kN, ea);
    if (!(da.n() == a.n())) {
      INFO(ta << " decoded as " << da.n().ToString());
      FAIL("round trip differs");
    }
  }
  // The generator must really produce equal values written differently.
  CHECK(equal_pairs > kPairs / 20);
}

// Why: the extremes of DynamoDB's range and the classic traps of decimal ordering, checked
// as one ascending table.
TEST_CASE("KeyCodec: N boundary values in ascending order", "[codec][keys][number]") {
  const std::vector<std::string> ascending = {
      "-9.9999999999999999999999999999999999999E+125",
      "-1E125",
      "-12345678901234567890123456789012345678",
      "-100",
      "-99.99999999999999999999999999999999999",
      "-10",
      "-9",
      "-1.5",
      "-1.05",
      "-1.0000000000000000000000000000000000001",
      "-1",
      "-0.99",
      "-1E-129",
      "-1E-130",
      "0",
      "1E-130",
      "1.0000000000000000000000000000000000001E-130",
      "1.1E-130",
      "1E-129",
      "0.1",
      "0.99",
      "1",
      "1.0000000000000000000000000000000000001",
      "1.05",
      "1.5",
      "9",
      "10",
      "10.5",
      "99.99999999999999999999999999999999999",
      "100",
      "12345678901234567890123456789012345678",
      "12345678901234567890123456789012345679",
      "1E125",
      "9.9999999999999999999999999999999999998E+125",
      "9.9999999999999999999999999999999999999E+125",
  };
  std::vector<std::string> encoded;
  for (const std::string& t : ascending) {
    encoded.push_back(EncodeKeyPart(ParseN(t)));
    CHECK(DecodeWhole(ScalarType::kN, encoded.back()).n() == ParseN(t).n());
  }
  for (size_t i = 1; i < encoded.size(); ++i) {
    INFO(ascending[i - 1] << " < " << ascending[i]);
    CHECK(CompareBytes(encoded[i - 1], encoded[i]) < 0);
  }
}

// Why: the byte format is persisted; these bytes pin it (key_codec.h / key_codec.cc).
TEST_CASE("KeyCodec: golden bytes", "[codec][keys]") {
  CHECK(Hex(EncodeKeyPart(ParseN("1"))) == "03 82 14 ");
  CHECK(Hex(EncodeKeyPart(ParseN("10"))) == "03 83 14 ");
  CHECK(Hex(EncodeKeyPart(ParseN("1.5"))) == "03 82 1E ");
  CHECK(Hex(EncodeKeyPart(ParseN("123"))) == "03 84 19 3C ");
  CHECK(Hex(EncodeKeyPart(ParseN("-1"))) == "01 7D EB ");
  CHECK(Hex(EncodeKeyPart(ParseN("0"))) == "02 ");
  CHECK(Hex(EncodeKeyPart(AttributeValue(""))) == "00 01 ");
  CHECK(Hex(EncodeKeyPart(AttributeValue(std::string("a\0b", 3)))) == "61 00 FF 62 00 01 ");
  CHECK(Hex(EncodeKeyPart(B(std::string("\xFF\0", 2)))) == "FF 00 FF 00 01 ");
  SECTION("equal numbers, one encoding") {
    CHECK(EncodeKeyPart(ParseN("1.50")) == EncodeKeyPart(ParseN("15E-1")));
    CHECK(EncodeKeyPart(ParseN("-0")) == EncodeKeyPart(ParseN("0.0e5")));
    CHECK(EncodeKeyPart(ParseN("100")) == EncodeKeyPart(ParseN("1e2")));
  }
  SECTION("38 digits fit 21 bytes") {
    CHECK(EncodeKeyPart(ParseN("-12345678901234567890123456789012345678")).size() == 21);
  }
}

// Why: a table key is pk part then sk part; the concatenation must order by (pk, sk) for
// every pair of key types, which holds only if no part's encoding is a prefix of another's.
TEST_CASE("KeyCodec: composite keys order by partition then sort key", "[codec][keys]") {
  StringGen sgen(4);
  NumberGen ngen(5);
  struct Part {
    AttributeValue value;
    RefNumber ref;  // For N.
  };
  auto make = [&](ScalarType t, const Part* related) -> Part {
    Part p;
    if (t == ScalarType::kN) {
      p.ref = related != nullptr ? ngen.Related(related->ref) : ngen.One();
      p.value = ParseN(ngen.Text(p.ref));
    } else {
      std::string s;
      if (related != nullptr) {
        s = sgen.Related(t == ScalarType::kS ? related->value.s() : related->value.b().data);
      } else {
        s = sgen.One();
      }
      p.value = t == ScalarType::kS ? AttributeValue(s) : B(s);
    }
    return p;
  };
  auto ref = [](ScalarType t, const Part& a, const Part& b) {
    if (t == ScalarType::kN) return CompareRef(a.ref, b.ref);
    if (t == ScalarType::kS) return CompareBytes(a.value.s(), b.value.s());
    return CompareBytes(a.value.b().data, b.value.b().data);
  };
  const ScalarType types[] = {ScalarType::kS, ScalarType::kN, ScalarType::kB};
  for (ScalarType pk_type : types) {
    for (ScalarType sk_type : types) {
      for (int i = 0; i < kPairs / 5; ++i) {
        const Part pa = make(pk_type, nullptr);
        const Part pb = make(pk_type, &pa);
        const Part sa = make(sk_type, nullptr);
        const Part sb = make(sk_type, &sa);
        std::string ka;
        AppendKeyPart(pa.value, &ka);
        AppendKeyPart(sa.value, &ka);
        std::string kb;
        AppendKeyPart(pb.value, &kb);
        AppendKeyPart(sb.value, &kb);
        int want = ref(pk_type, pa, pb);
        if (want == 0) want = ref(sk_type, sa, sb);
        if (Sign(CompareBytes(ka, kb)) != want) {
          INFO("ka=" << Hex(ka) << " kb=" << Hex(kb) << " want " << want);
          FAIL("composite order differs");
        }
        if (i % 16 == 0) {  // Both parts decode back from the concatenation.
          std::string_view in = ka;
          absl::StatusOr<AttributeValue> pk = DecodeKeyPart(pk_type, &in);
          REQUIRE_OK(pk);
          absl::StatusOr<AttributeValue> sk = DecodeKeyPart(sk_type, &in);
          REQUIRE_OK(sk);
          CHECK(in.empty());
          CHECK(*pk == pa.value);
          CHECK(*sk == sa.value);
        }
      }
    }
  }
}

// Why: keys read back from RocksDB may be corrupt; decoding must fail cleanly and never read
// past the input. Every proper prefix of a key part is incomplete (the encoding is
// self-delimiting); a decoder that accepts a byte string must accept only the canonical
// encoding of what it returns.
TEST_CASE("KeyCodec: truncated and corrupt key parts give DataLoss", "[codec][keys][fuzz]") {
  StringGen sgen(6);
  NumberGen ngen(7);
  std::mt19937_64 rng(8);
  const ScalarType types[] = {ScalarType::kS, ScalarType::kN, ScalarType::kB};
  for (int i = 0; i < 20000; ++i) {
    const ScalarType t = types[i % 3];
    AttributeValue v = t == ScalarType::kN   ? ParseN(ngen.Text(ngen.One()))
                       : t == ScalarType::kS ? AttributeValue(sgen.One())
                                             : B(sgen.One());
    const std::string enc = EncodeKeyPart(v);
    for (size_t len = 0; len < enc.size(); ++len) {
      // A heap copy of exactly `len` bytes, so ASan sees any read past the end.
      const std::string prefix = enc.substr(0, len);
      std::string_view in = prefix;
      absl::StatusOr<AttributeValue> d = DecodeKeyPart(t, &in);
      INFO(Hex(prefix));
      REQUIRE_FALSE(d.ok());
      CHECK(absl::IsDataLoss(d.status()));
    }
    for (int flip = 0; flip < 4; ++flip) {
      std::string bad = enc;
      bad[rng() % bad.size()] = static_cast<char>(rng());
      const std::string copy = bad;
      std::string_view in = copy;
      absl::StatusOr<AttributeValue> d = DecodeKeyPart(t, &in);
      if (!d.ok()) {
        CHECK(absl::IsDataLoss(d.status()));
        continue;
      }
      const size_t consumed = copy.size() - in.size();
      INFO(Hex(copy));
      CHECK(EncodeKeyPart(*d) == copy.substr(0, consumed));
    }
  }
}

// Why: hand-made bytes that a careless decoder might accept or overrun on.
TEST_CASE("KeyCodec: malformed number bytes are rejected", "[codec][keys][number]") {
  auto decode = [](std::string bytes) {
    std::string_view in = bytes;
    return DecodeKeyPart(ScalarType::kN, &in).status();
  };
  CHECK(absl::IsDataLoss(decode("")));
  CHECK(absl::IsDataLoss(decode("\x04")));          // Unknown class.
  CHECK(absl::IsDataLoss(decode("\x03\x82")));      // No digits.
  CHECK(absl::IsDataLoss(decode("\x03\x82\x15")));  // Continuation, then nothing.
  CHECK(absl::IsDataLoss(decode("\x03\x82\x12")));  // Leading zero digit (pair 09).
  CHECK(absl::IsDataLoss(decode(std::string("\x03\x82\x15\x00", 4))));  // Trailing 00 pair.
  CHECK(absl::IsDataLoss(decode("\x03\x82\xC8")));  // Pair byte 200 is not a pair.
  std::string too_long = "\x03\x82";
  too_long.append(19, '\x15');
  too_long.push_back('\x14');  // 20 pairs: more than 38 digits.
  CHECK(absl::IsDataLoss(decode(too_long)));
  CHECK(absl::IsDataLoss(decode(std::string("ab\0", 3))));  // Wrong class byte.
  std::string_view s_in = "abc";
  CHECK(absl::IsDataLoss(DecodeKeyPart(ScalarType::kS, &s_in).status()));  // No terminator.
  std::string bad_escape("a\0\x02", 3);
  std::string_view b_in = bad_escape;
  CHECK(absl::IsDataLoss(DecodeKeyPart(ScalarType::kB, &b_in).status()));
}

}  // namespace
}  // namespace dynarock::codec
