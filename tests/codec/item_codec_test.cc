// Tests of the binary item encoding (lib/codec/item_codec.h): round trips of every type,
// storage reuse in DecodeItemInto, the pinned byte format, and clean failure on corrupt input.
#include "lib/codec/item_codec.h"

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "dynarock/item.h"
#include "dynarock/value.h"

#include "lib/codec/varint.h"
#include "tests/testing/status_matchers.h"

namespace dynarock::codec {
namespace {

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

Decimal Num(std::string_view text) {
  absl::StatusOr<Decimal> d = Decimal::Parse(text);
  REQUIRE_OK(d);
  return *d;
}

// Exact equality, stricter than AttributeValue::operator== for sets: the element order must
// be kept too ("sets are stored in the order given").
bool Same(const AttributeValue& a, const AttributeValue& b);
bool SameMap(const AttributeMap& a, const AttributeMap& b) {
  if (a.size() != b.size()) return false;
  for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j) {
    if (i->first != j->first || !Same(i->second, j->second)) return false;
  }
  return true;
}
bool Same(const AttributeValue& a, const AttributeValue& b) {
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case ValueType::kM:
      return SameMap(a.m(), b.m());
    case ValueType::kL:
      if (a.l().size() != b.l().size()) return false;
      for (size_t i = 0; i < a.l().size(); ++i) {
        if (!Same(a.l()[i], b.l()[i])) return false;
      }
      return true;
    case ValueType::kSS:
      return a.ss().elements == b.ss().elements;
    case ValueType::kNS:
      return a.ns().elements == b.ns().elements;
    case ValueType::kBS:
      return a.bs().elements == b.bs().elements;
    default:
      return a == b;
  }
}

// One item holding all ten types, nesting, empty strings, empty containers and numbers from
// both ends of the range.
Item AllTypesItem() {
  return Item{
      {"s", "hello"},
      {"s_empty", ""},
      {"s_utf8", "\xC3\xA9t\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"},
      {"n_int", 42},
      {"n_neg_frac", N("-19.99")},
      {"n_zero", N("0")},
      {"n_max", N("9.9999999999999999999999999999999999999E+125")},
      {"n_min", N("-1E-130")},
      {"n_38", N("12345678901234567890123456789012345678")},
      {"b", B(std::string("\0\x01\xFF", 3))},
      {"b_empty", B("")},
      {"bool_t", true},
      {"bool_f", false},
      {"null", Null()},
      {"m_empty", M({})},
      {"l_empty", L({})},
      {"ss", SS({"z", "a", "m"})},
      {"ns", NS({Num("3"), Num("-1.5"), Num("1E100"), Num("0")})},
      {"bs", BS({std::string("\xFF", 1), std::string("\0", 1), "x"})},
      {"m", M({{"inner", "v"},
               {"list", L({1, "two", L({N("3.3"), M({{"deep", Null()}})}), SS({"q"})})},
               {"", "empty name"}})},
      {"l", L({M({{"a", 1}}), M({}), L({}), B("raw"), false})},
  };
}

// Why: every type, including empty and nested containers, must survive storage unchanged.
TEST_CASE("ItemCodec: all ten types round trip", "[codec][items]") {
  const Item item = AllTypesItem();
  const std::string bytes = EncodeItem(item);
  absl::StatusOr<Item> back = DecodeItem(bytes);
  REQUIRE_OK(back);
  CHECK(SameMap(*back, item));
  std::string appended = "prefix";
  EncodeItem(item, &appended);
  CHECK(appended == "prefix" + bytes);

  SECTION("single values") {
    for (const auto& [name, value] : item) {
      std::string v;
      EncodeValue(value, &v);
      absl::StatusOr<AttributeValue> d = DecodeValue(v);
      INFO(name);
      REQUIRE_OK(d);
      CHECK(Same(*d, value));
    }
  }
  SECTION("empty item") {
    absl::StatusOr<Item> empty = DecodeItem(EncodeItem(Item{}));
    REQUIRE_OK(empty);
    CHECK(empty->empty());
  }
}

// Why: items reach 400 KB; lengths need multi-byte varints and must not be truncated.
TEST_CASE("ItemCodec: 400 KB values round trip", "[codec][items]") {
  std::string big(400 * 1024, '\0');
  std::mt19937_64 rng(11);
  for (char& c : big) c = static_cast<char>(rng());
  const Item item{{"pk", "k"}, {"big_s", big}, {"big_b", B(big)}, {"big_l", L({big, B(big)})}};
  absl::StatusOr<Item> back = DecodeItem(EncodeItem(item));
  REQUIRE_OK(back);
  CHECK(SameMap(*back, item));
}

// Why: numbers are stored as sign, exponent and binary coefficient; every corner of the
// range and of the coefficient width (1..16 bytes) must come back exactly.
TEST_CASE("ItemCodec: numbers round trip across the range", "[codec][items][number]") {
  std::mt19937_64 rng(12);
  for (int i = 0; i < 20000; ++i) {
    std::string text = rng() % 2 == 0 ? "-" : "";
    const int digits = 1 + static_cast<int>(rng() % 38);
    text.push_back(static_cast<char>('1' + rng() % 9));
    for (int k = 1; k < digits; ++k) text.push_back(static_cast<char>('0' + rng() % 10));
    const int adjusted = -130 + static_cast<int>(rng() % 256);
    text += "E" + std::to_string(adjusted - (digits - 1));
    const Decimal d = Num(text);
    std::string bytes;
    EncodeValue(AttributeValue(d), &bytes);
    absl::StatusOr<AttributeValue> back = DecodeValue(bytes);
    INFO(text << " -> " << Hex(bytes));
    REQUIRE_OK(back);
    REQUIRE(back->n() == d);
  }
}

// Why: the byte format is persisted; these bytes pin it (item_codec.h).
TEST_CASE("ItemCodec: golden bytes", "[codec][items]") {
  auto value_hex = [](const AttributeValue& v) {
    std::string out;
    EncodeValue(v, &out);
    return Hex(out);
  };
  CHECK(value_hex(AttributeValue("ab")) == "00 02 61 62 ");
  CHECK(value_hex(N("0")) == "01 00 ");
  CHECK(value_hex(N("5")) == "01 01 00 05 ");          // 1 byte, exponent 0, coefficient 5.
  CHECK(value_hex(N("-19.99")) == "01 82 03 CF 07 ");  // -1999E-2: zigzag(-2) = 3.
  CHECK(value_hex(N("1E100")) == "01 01 C8 01 01 ");   // zigzag(100) = 200 = C8 01.
  CHECK(value_hex(B("")) == "02 00 ");
  CHECK(value_hex(true) == "03 01 ");
  CHECK(value_hex(Null()) == "04 ");
  CHECK(value_hex(M({{"a", Null()}})) == "05 01 01 61 04 ");
  CHECK(value_hex(L({false})) == "06 01 03 00 ");
  CHECK(value_hex(SS({"b", "a"})) == "07 02 01 62 01 61 ");
  CHECK(value_hex(NS({Num("1")})) == "08 01 01 00 01 ");
  CHECK(value_hex(BS({""})) == "09 01 00 ");
  CHECK(Hex(EncodeItem(Item{{"k", "v"}})) == "01 01 01 6B 00 01 76 ");
  SECTION("the largest coefficient takes 16 bytes") {
    CHECK(value_hex(N("99999999999999999999999999999999999999")).size() == 3 * (1 + 1 + 1 + 16));
  }
}

// Why: DecodeItemInto is the scan hot path; it must give exactly the new item whatever the
// map held before (other names, other types, more or fewer entries).
TEST_CASE("ItemCodec: DecodeItemInto replaces the previous contents", "[codec][items]") {
  Item out = AllTypesItem();
  const Item small{{"b", 1}, {"s", L({"x"})}, {"zz", M({{"q", true}})}};
  REQUIRE_OK(DecodeItemInto(EncodeItem(small), &out));
  CHECK(SameMap(out, small));
  const Item all = AllTypesItem();
  REQUIRE_OK(DecodeItemInto(EncodeItem(all), &out));
  CHECK(SameMap(out, all));
  REQUIRE_OK(DecodeItemInto(EncodeItem(all), &out));  // Same shape again.
  CHECK(SameMap(out, all));
  // Same names, every value of another type.
  Item shifted;
  ValueType t = ValueType::kS;
  for (const auto& [name, value] : all) {
    (void)value;
    switch (t) {
      case ValueType::kS:
        shifted[name] = N("7");
        t = ValueType::kN;
        break;
      case ValueType::kN:
        shifted[name] = L({"l"});
        t = ValueType::kL;
        break;
      default:
        shifted[name] = "s";
        t = ValueType::kS;
        break;
    }
  }
  REQUIRE_OK(DecodeItemInto(EncodeItem(shifted), &out));
  CHECK(SameMap(out, shifted));
  REQUIRE_OK(DecodeItemInto(EncodeItem(Item{}), &out));
  CHECK(out.empty());
}

// A random value for the fuzz test, nesting at most `depth` more levels.
AttributeValue RandomValue(std::mt19937_64& rng, int depth) {
  auto str = [&rng]() {
    std::string s(rng() % 6, '\0');
    for (char& c : s) c = static_cast<char>(rng() % 4 == 0 ? 0 : rng());
    return s;
  };
  const int kind = static_cast<int>(rng() % (depth > 0 ? 10 : 8));
  switch (kind) {
    case 0:
      return AttributeValue(str());
    case 1:
      return N(std::to_string(static_cast<int64_t>(rng())) + "E-" + std::to_string(rng() % 100));
    case 2:
      return B(str());
    case 3:
      return AttributeValue(rng() % 2 == 0);
    case 4:
      return Null();
    case 5:
      return SS({str(), str()});
    case 6:
      return NS({Num(std::to_string(rng() % 1000)), Num("-0.5")});
    case 7:
      return BS({str()});
    case 8: {
      AttributeMap m;
      for (int i = static_cast<int>(rng() % 3); i > 0; --i) m[str()] = RandomValue(rng, depth - 1);
      return M(std::move(m));
    }
    default: {
      AttributeList l;
      for (int i = static_cast<int>(rng() % 3); i > 0; --i)
        l.push_back(RandomValue(rng, depth - 1));
      return L(std::move(l));
    }
  }
}

// Why: item bytes read back from disk may be damaged; every truncation must be reported as
// DataLoss (all structure is length-prefixed, so no proper prefix is complete) and random
// damage must never crash or read out of bounds (run under ASan). Anything that does decode
// must re-encode to bytes that decode to the same item.
TEST_CASE("ItemCodec: truncated and corrupt items give DataLoss", "[codec][items][fuzz]") {
  std::mt19937_64 rng(13);
  for (int round = 0; round < 400; ++round) {
    Item item;
    for (int i = static_cast<int>(rng() % 6); i > 0; --i) {
      item["a" + std::to_string(rng() % 100)] = RandomValue(rng, 3);
    }
    const std::string bytes = EncodeItem(item);
    {
      absl::StatusOr<Item> ok = DecodeItem(bytes);
      REQUIRE_OK(ok);
      REQUIRE(SameMap(*ok, item));
    }
    Item reused;
    for (size_t len = 0; len < bytes.size(); ++len) {
      const std::string prefix = bytes.substr(0, len);  // Exact-size heap copy for ASan.
      absl::Status st = DecodeItemInto(prefix, &reused);
      INFO(Hex(prefix));
      REQUIRE_FALSE(st.ok());
      CHECK(absl::IsDataLoss(st));
    }
    for (int flip = 0; flip < 50; ++flip) {
      std::string bad = bytes;
      for (int k = 1 + static_cast<int>(rng() % 2); k > 0; --k) {
        bad[rng() % bad.size()] = static_cast<char>(rng());
      }
      if (rng() % 4 == 0) bad.resize(rng() % (bad.size() + 1));
      const std::string copy = bad;
      absl::Status st = DecodeItemInto(copy, &reused);
      if (!st.ok()) {
        CHECK(absl::IsDataLoss(st));
        continue;
      }
      absl::StatusOr<Item> again = DecodeItem(EncodeItem(reused));
      REQUIRE_OK(again);
      CHECK(SameMap(*again, reused));
    }
  }
}

// Why: hostile shapes that a naive decoder would answer with a huge allocation or a stack
// overflow: a giant element count, and nesting far deeper than any valid item.
TEST_CASE("ItemCodec: huge counts and deep nesting are rejected", "[codec][items][fuzz]") {
  SECTION("count larger than the input") {
    const std::string list("\x06\xFF\xFF\xFF\xFF\x0F\x04", 7);  // L of 2^32-1 elements.
    CHECK(absl::IsDataLoss(DecodeValue(list).status()));
    const std::string item("\x01\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x7F", 10);
    CHECK(absl::IsDataLoss(DecodeItem(item).status()));
  }
  SECTION("nesting of 100000 lists") {
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += std::string("\x06\x01", 2);
    deep += "\x04";
    CHECK(absl::IsDataLoss(DecodeValue(deep).status()));
  }
  SECTION("nesting of 32 levels is fine") {
    AttributeValue v = Null();
    for (int i = 0; i < 32; ++i) v = (i % 2 == 0) ? L({v}) : M({{"m", v}});
    std::string bytes;
    EncodeValue(v, &bytes);
    absl::StatusOr<AttributeValue> back = DecodeValue(bytes);
    REQUIRE_OK(back);
    CHECK(Same(*back, v));
  }
  SECTION("malformed scalars") {
    CHECK(absl::IsDataLoss(DecodeValue(std::string("\x0A", 1)).status()));          // Unknown tag.
    CHECK(absl::IsDataLoss(DecodeValue(std::string("\x03\x02", 2)).status()));      // BOOL 2.
    CHECK(absl::IsDataLoss(DecodeValue(std::string("\x01\x80", 2)).status()));      // -0.
    CHECK(absl::IsDataLoss(DecodeValue(std::string("\x01\x11\x00", 3)).status()));  // 17 bytes.
    CHECK(
        absl::IsDataLoss(DecodeValue(std::string("\x01\x02\x00\x05\x00", 5)).status()));  // High 0.
    CHECK(absl::IsDataLoss(DecodeValue(std::string("\x04\x04", 2)).status()));  // Trailing.
    CHECK(absl::IsDataLoss(DecodeItem(std::string("\x02\x00", 2)).status()));   // Version.
    // Names out of order and duplicate names.
    CHECK(absl::IsDataLoss(DecodeItem(std::string("\x01\x02\x01"
                                                  "b\x04\x01"
                                                  "a\x04",
                                                  9))
                               .status()));
    CHECK(absl::IsDataLoss(DecodeItem(std::string("\x01\x02\x01"
                                                  "a\x04\x01"
                                                  "a\x04",
                                                  9))
                               .status()));
  }
}

// Why: every length and count goes through these; the boundaries of each byte count and the
// rejected forms (truncated, non-minimal, beyond 64 bits) must hold.
TEST_CASE("Varint: round trip and rejected forms", "[codec][varint]") {
  const uint64_t values[] = {0,          1,          127,  128, 16383, 16384, (1ULL << 32) - 1,
                             1ULL << 32, 1ULL << 63, ~0ULL};
  for (uint64_t v : values) {
    std::string s;
    PutVarint64(&s, v);
    CHECK(s.size() == VarintLength(v));
    std::string_view in = s;
    uint64_t back = 0;
    REQUIRE(GetVarint64(&in, &back));
    CHECK(back == v);
    CHECK(in.empty());
    for (size_t len = 0; len < s.size(); ++len) {
      std::string_view prefix(s.data(), len);
      CHECK_FALSE(GetVarint64(&prefix, &back));
    }
  }
  CHECK(VarintLength(~0ULL) == 10);
  uint64_t v;
  std::string_view non_minimal("\x80\x00", 2);
  CHECK_FALSE(GetVarint64(&non_minimal, &v));
  std::string_view too_big("\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x02", 10);
  CHECK_FALSE(GetVarint64(&too_big, &v));
  std::string_view eleven("\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x01", 11);
  CHECK_FALSE(GetVarint64(&eleven, &v));
  for (int64_t z :
       {int64_t{0}, int64_t{-1}, int64_t{1}, int64_t{-167}, int64_t{125}, INT64_MIN, INT64_MAX}) {
    CHECK(ZigZagDecode(ZigZagEncode(z)) == z);
  }
  CHECK(ZigZagEncode(-2) == 3);
}

}  // namespace
}  // namespace dynarock::codec
