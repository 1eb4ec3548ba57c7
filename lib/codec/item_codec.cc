// File: lib/codec/item_codec.cc
//
// The binary item encoding; the byte format is stated in item_codec.h. The decoder is a small
// cursor over the input that checks every length against the bytes left before touching them,
// so malformed input ends in absl::DataLossError, never in a read out of bounds, an oversized
// allocation (a count is never larger than the bytes left, as every element takes at least
// one byte) or a stack overflow (nesting is bounded by kMaxDecodeDepth).
#include "lib/codec/item_codec.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <tuple>
#include <utility>

#include "lib/codec/varint.h"

#include "absl/status/status.h"

namespace dynarock::codec {
namespace {

// On disk: never change.
constexpr char kFormatVersion = 0x01;
constexpr unsigned char kNumberNegative = 0x80;
constexpr unsigned char kNumberLengthMask = 0x1F;
constexpr int kMaxCoefficientBytes = 16;

// Deeper than any valid item (DynamoDB allows 32 levels of M/L), shallow enough for the stack.
constexpr int kMaxDecodeDepth = 64;

// ---- Encoding ----

int CoefficientBytes(unsigned __int128 c) {
  const auto hi = static_cast<uint64_t>(c >> 64);
  const auto lo = static_cast<uint64_t>(c);
  if (hi != 0) return 8 + (64 - __builtin_clzll(hi) + 7) / 8;
  if (lo != 0) return (64 - __builtin_clzll(lo) + 7) / 8;
  return 0;
}

size_t NumberBodySize(const Decimal& d) {
  if (d.is_zero()) return 1;
  return 1 + VarintLength(ZigZagEncode(d.exponent())) +
         static_cast<size_t>(CoefficientBytes(d.coefficient()));
}

void AppendNumberBody(const Decimal& d, std::string* out) {
  if (d.is_zero()) {
    out->push_back('\0');
    return;
  }
  char buf[1 + kMaxVarint64Bytes + kMaxCoefficientBytes];
  const int len = CoefficientBytes(d.coefficient());
  buf[0] = static_cast<char>((d.is_negative() ? kNumberNegative : 0) | len);
  char* p = EncodeVarint64(buf + 1, ZigZagEncode(d.exponent()));
  unsigned __int128 c = d.coefficient();
  for (int i = 0; i < len; ++i) {
    *p++ = static_cast<char>(static_cast<unsigned char>(c));
    c >>= 8;
  }
  out->append(buf, static_cast<size_t>(p - buf));
}

void AppendBytes(std::string_view s, std::string* out) {
  PutVarint64(out, s.size());
  out->append(s.data(), s.size());
}

size_t BytesSize(size_t n) { return VarintLength(n) + n; }

void AppendTaggedValue(const AttributeValue& v, std::string* out);

void AppendMapBody(const AttributeMap& m, std::string* out) {
  PutVarint64(out, m.size());
  for (const auto& [name, value] : m) {
    AppendBytes(name, out);
    AppendTaggedValue(value, out);
  }
}

void AppendTaggedValue(const AttributeValue& v, std::string* out) {
  out->push_back(static_cast<char>(v.type()));
  switch (v.type()) {
    case ValueType::kS:
      AppendBytes(v.s(), out);
      break;
    case ValueType::kN:
      AppendNumberBody(v.n(), out);
      break;
    case ValueType::kB:
      AppendBytes(v.b().data, out);
      break;
    case ValueType::kBool:
      out->push_back(v.boolean() ? '\1' : '\0');
      break;
    case ValueType::kNull:
      break;
    case ValueType::kM:
      AppendMapBody(v.m(), out);
      break;
    case ValueType::kL:
      PutVarint64(out, v.l().size());
      for (const AttributeValue& e : v.l()) AppendTaggedValue(e, out);
      break;
    case ValueType::kSS:
      PutVarint64(out, v.ss().elements.size());
      for (const std::string& e : v.ss().elements) AppendBytes(e, out);
      break;
    case ValueType::kNS:
      PutVarint64(out, v.ns().elements.size());
      for (const Decimal& e : v.ns().elements) AppendNumberBody(e, out);
      break;
    case ValueType::kBS:
      PutVarint64(out, v.bs().elements.size());
      for (const Bytes& e : v.bs().elements) AppendBytes(e.data, out);
      break;
  }
}

size_t TaggedValueSize(const AttributeValue& v);

size_t MapBodySize(const AttributeMap& m) {
  size_t n = VarintLength(m.size());
  for (const auto& [name, value] : m) n += BytesSize(name.size()) + TaggedValueSize(value);
  return n;
}

// Exactly the number of bytes AppendTaggedValue() appends.
size_t TaggedValueSize(const AttributeValue& v) {
  size_t n = 1;
  switch (v.type()) {
    case ValueType::kS:
      return n + BytesSize(v.s().size());
    case ValueType::kN:
      return n + NumberBodySize(v.n());
    case ValueType::kB:
      return n + BytesSize(v.b().data.size());
    case ValueType::kBool:
      return n + 1;
    case ValueType::kNull:
      return n;
    case ValueType::kM:
      return n + MapBodySize(v.m());
    case ValueType::kL:
      n += VarintLength(v.l().size());
      for (const AttributeValue& e : v.l()) n += TaggedValueSize(e);
      return n;
    case ValueType::kSS:
      n += VarintLength(v.ss().elements.size());
      for (const std::string& e : v.ss().elements) n += BytesSize(e.size());
      return n;
    case ValueType::kNS:
      n += VarintLength(v.ns().elements.size());
      for (const Decimal& e : v.ns().elements) n += NumberBodySize(e);
      return n;
    case ValueType::kBS:
      n += VarintLength(v.bs().elements.size());
      for (const Bytes& e : v.bs().elements) n += BytesSize(e.data.size());
      return n;
  }
  return n;
}

// ---- Decoding ----

// A cursor over the encoded bytes. Methods return false on malformed input and set error_;
// the caller turns that into one DataLossError.
class Decoder {
 public:
  explicit Decoder(std::string_view in) : in_(in) {}

  bool AtEnd() const { return in_.empty(); }
  const char* error() const { return error_; }

  bool Fail(const char* what) {
    error_ = what;
    return false;
  }

  bool Byte(unsigned char* b) {
    if (in_.empty()) return Fail("truncated");
    *b = static_cast<unsigned char>(in_[0]);
    in_.remove_prefix(1);
    return true;
  }

  // A count of elements that each take at least one byte: never more than the bytes left.
  bool Count(size_t* n) {
    uint64_t v;
    if (!GetVarint64(&in_, &v)) return Fail("bad varint");
    if (v > in_.size()) return Fail("count exceeds input");
    *n = static_cast<size_t>(v);
    return true;
  }

  bool LengthPrefixed(std::string_view* s) {
    uint64_t len;
    if (!GetVarint64(&in_, &len)) return Fail("bad varint");
    if (len > in_.size()) return Fail("length exceeds input");
    *s = in_.substr(0, static_cast<size_t>(len));
    in_.remove_prefix(static_cast<size_t>(len));
    return true;
  }

  bool NumberBody(Decimal* d) {
    unsigned char head;
    if (!Byte(&head)) return false;
    const int len = head & kNumberLengthMask;
    if ((head & ~(kNumberNegative | kNumberLengthMask)) != 0) return Fail("bad number header");
    if (len == 0) {
      if (head != 0) return Fail("bad number zero");
      *d = Decimal();
      return true;
    }
    if (len > kMaxCoefficientBytes) return Fail("number too long");
    uint64_t zz;
    if (!GetVarint64(&in_, &zz)) return Fail("bad varint");
    const int64_t exponent = ZigZagDecode(zz);
    // Normalised exponents lie in -167..125; anything far outside is corruption.
    if (exponent < -1000 || exponent > 1000) return Fail("number exponent out of range");
    if (in_.size() < static_cast<size_t>(len)) return Fail("truncated number");
    const auto* p = reinterpret_cast<const unsigned char*>(in_.data());
    if (p[len - 1] == 0) return Fail("number not minimal");
    unsigned __int128 c = 0;
    for (int i = len - 1; i >= 0; --i) c = (c << 8) | p[i];
    in_.remove_prefix(static_cast<size_t>(len));
    absl::StatusOr<Decimal> parsed =
        Decimal::FromParts((head & kNumberNegative) != 0, c, static_cast<int>(exponent));
    if (!parsed.ok()) return Fail("number out of range");
    *d = *parsed;
    return true;
  }

  // Decodes a tagged value into *dst, reusing its storage when it already has that type.
  bool ValueInto(AttributeValue* dst, int depth) {
    unsigned char tag;
    if (!Byte(&tag)) return false;
    AttributeValue::Variant& var = dst->variant();
    switch (static_cast<ValueType>(tag)) {
      case ValueType::kS: {
        std::string_view s;
        if (!LengthPrefixed(&s)) return false;
        Reuse<std::string>(var).assign(s.data(), s.size());
        return true;
      }
      case ValueType::kN: {
        Decimal d;
        if (!NumberBody(&d)) return false;
        var.emplace<Decimal>(d);
        return true;
      }
      case ValueType::kB: {
        std::string_view s;
        if (!LengthPrefixed(&s)) return false;
        Reuse<Bytes>(var).data.assign(s.data(), s.size());
        return true;
      }
      case ValueType::kBool: {
        unsigned char b;
        if (!Byte(&b)) return false;
        if (b > 1) return Fail("bad bool");
        var.emplace<bool>(b == 1);
        return true;
      }
      case ValueType::kNull:
        var.emplace<NullValue>();
        return true;
      case ValueType::kM:
        if (depth >= kMaxDecodeDepth) return Fail("nesting too deep");
        return MapInto(&Reuse<AttributeMap>(var), depth + 1);
      case ValueType::kL: {
        if (depth >= kMaxDecodeDepth) return Fail("nesting too deep");
        size_t n;
        if (!Count(&n)) return false;
        AttributeList& list = Reuse<AttributeList>(var);
        list.resize(n);
        for (AttributeValue& e : list) {
          if (!ValueInto(&e, depth + 1)) return false;
        }
        return true;
      }
      case ValueType::kSS: {
        size_t n;
        if (!Count(&n)) return false;
        std::vector<std::string>& elements = Reuse<StringSet>(var).elements;
        elements.resize(n);
        for (std::string& e : elements) {
          std::string_view s;
          if (!LengthPrefixed(&s)) return false;
          e.assign(s.data(), s.size());
        }
        return true;
      }
      case ValueType::kNS: {
        size_t n;
        if (!Count(&n)) return false;
        std::vector<Decimal>& elements = Reuse<NumberSet>(var).elements;
        elements.resize(n);
        for (Decimal& e : elements) {
          if (!NumberBody(&e)) return false;
        }
        return true;
      }
      case ValueType::kBS: {
        size_t n;
        if (!Count(&n)) return false;
        std::vector<Bytes>& elements = Reuse<BinarySet>(var).elements;
        elements.resize(n);
        for (Bytes& e : elements) {
          std::string_view s;
          if (!LengthPrefixed(&s)) return false;
          e.data.assign(s.data(), s.size());
        }
        return true;
      }
    }
    return Fail("bad type tag");
  }

  // Decodes a map body into *out. Names must be strictly ascending (as the encoder writes
  // them): each insert is then at the end, and duplicates are caught. Storage is reused:
  // while the decoded names equal the map's existing names in order, values are decoded in
  // place (no tree operations at all: the scan case of items of one shape); from the first
  // difference on, the remaining old nodes (and their strings) are recycled in order.
  bool MapInto(AttributeMap* out, int depth) {
    size_t n;
    if (!Count(&n)) return false;
    size_t i = 0;
    auto it = out->begin();
    for (; i < n && it != out->end(); ++i) {
      const std::string_view before_name = in_;
      std::string_view name;
      if (!LengthPrefixed(&name)) return false;
      if (std::string_view(it->first) != name) {
        in_ = before_name;  // The general loop below reads this name again.
        break;
      }
      if (!ValueInto(&it->second, depth)) return false;
      ++it;
    }
    AttributeMap old;
    while (it != out->end()) old.insert(old.end(), out->extract(it++));
    for (; i < n; ++i) {
      std::string_view name;
      if (!LengthPrefixed(&name)) return false;
      if (!out->empty() && !(std::string_view(out->rbegin()->first) < name)) {
        return Fail("names not ascending");
      }
      if (!old.empty()) {
        AttributeMap::node_type node = old.extract(old.begin());
        node.key().assign(name.data(), name.size());
        if (!ValueInto(&node.mapped(), depth)) return false;
        out->insert(out->end(), std::move(node));
      } else {
        auto pos = out->emplace_hint(out->end(), std::piecewise_construct,
                                     std::forward_as_tuple(name), std::forward_as_tuple());
        if (!ValueInto(&pos->second, depth)) return false;
      }
    }
    return true;
  }

  // The visiting twins of ValueInto and MapInto: the same checks, no Item built.
  bool VisitValue(ItemVisitor* v, int depth) {
    unsigned char tag;
    if (!Byte(&tag)) return false;
    switch (static_cast<ValueType>(tag)) {
      case ValueType::kS: {
        std::string_view s;
        if (!LengthPrefixed(&s)) return false;
        v->String(s);
        return true;
      }
      case ValueType::kN: {
        Decimal d;
        if (!NumberBody(&d)) return false;
        v->Number(d);
        return true;
      }
      case ValueType::kB: {
        std::string_view s;
        if (!LengthPrefixed(&s)) return false;
        v->Binary(s);
        return true;
      }
      case ValueType::kBool: {
        unsigned char b;
        if (!Byte(&b)) return false;
        if (b > 1) return Fail("bad bool");
        v->Bool(b == 1);
        return true;
      }
      case ValueType::kNull:
        v->Null();
        return true;
      case ValueType::kM:
        if (depth >= kMaxDecodeDepth) return Fail("nesting too deep");
        return VisitMap(v, depth + 1);
      case ValueType::kL: {
        if (depth >= kMaxDecodeDepth) return Fail("nesting too deep");
        size_t n;
        if (!Count(&n)) return false;
        v->BeginList(n);
        for (size_t i = 0; i < n; ++i) {
          if (!VisitValue(v, depth + 1)) return false;
        }
        v->EndList();
        return true;
      }
      case ValueType::kSS:
      case ValueType::kBS: {
        size_t n;
        if (!Count(&n)) return false;
        const bool strings = static_cast<ValueType>(tag) == ValueType::kSS;
        v->BeginSet(static_cast<ValueType>(tag), n);
        for (size_t i = 0; i < n; ++i) {
          std::string_view s;
          if (!LengthPrefixed(&s)) return false;
          if (strings) {
            v->String(s);
          } else {
            v->Binary(s);
          }
        }
        v->EndSet();
        return true;
      }
      case ValueType::kNS: {
        size_t n;
        if (!Count(&n)) return false;
        v->BeginSet(ValueType::kNS, n);
        for (size_t i = 0; i < n; ++i) {
          Decimal d;
          if (!NumberBody(&d)) return false;
          v->Number(d);
        }
        v->EndSet();
        return true;
      }
    }
    return Fail("bad type tag");
  }

  bool VisitMap(ItemVisitor* v, int depth) {
    size_t n;
    if (!Count(&n)) return false;
    v->BeginMap(n);
    std::string_view previous;
    for (size_t i = 0; i < n; ++i) {
      std::string_view name;
      if (!LengthPrefixed(&name)) return false;
      if (i > 0 && !(previous < name)) return Fail("names not ascending");
      previous = name;
      v->Name(name);
      if (!VisitValue(v, depth)) return false;
    }
    v->EndMap();
    return true;
  }

 private:
  // The alternative T of *var, keeping its storage if it already holds a T.
  template <typename T>
  static T& Reuse(AttributeValue::Variant& var) {
    if (T* t = std::get_if<T>(&var)) return *t;
    return var.emplace<T>();
  }

  std::string_view in_;
  const char* error_ = "";
};

absl::Status Corrupt(const Decoder& d, const char* what) {
  return absl::DataLossError(std::string(what) + ": " + d.error());
}

}  // namespace

void EncodeItem(const Item& item, std::string* out) {
  out->push_back(kFormatVersion);
  AppendMapBody(item, out);
}

std::string EncodeItem(const Item& item) {
  std::string out;
  out.reserve(1 + MapBodySize(item));
  EncodeItem(item, &out);
  return out;
}

absl::Status DecodeItemInto(std::string_view bytes, Item* out) {
  if (bytes.empty() || bytes[0] != kFormatVersion) {
    out->clear();
    return absl::DataLossError("corrupt item: bad format version");
  }
  Decoder d(bytes.substr(1));
  if (!d.MapInto(out, 0)) return Corrupt(d, "corrupt item");
  if (!d.AtEnd()) return absl::DataLossError("corrupt item: trailing bytes");
  return absl::OkStatus();
}

absl::Status VisitItem(std::string_view bytes, ItemVisitor* visitor) {
  if (bytes.empty() || bytes[0] != kFormatVersion) {
    return absl::DataLossError("corrupt item: bad format version");
  }
  Decoder d(bytes.substr(1));
  if (!d.VisitMap(visitor, 0)) return Corrupt(d, "corrupt item");
  if (!d.AtEnd()) return absl::DataLossError("corrupt item: trailing bytes");
  return absl::OkStatus();
}

absl::StatusOr<Item> DecodeItem(std::string_view bytes) {
  Item item;
  absl::Status st = DecodeItemInto(bytes, &item);
  if (!st.ok()) return st;
  return item;
}

void EncodeValue(const AttributeValue& value, std::string* out) { AppendTaggedValue(value, out); }

absl::StatusOr<AttributeValue> DecodeValue(std::string_view bytes) {
  AttributeValue value;
  Decoder d(bytes);
  if (!d.ValueInto(&value, 0)) return Corrupt(d, "corrupt value");
  if (!d.AtEnd()) return absl::DataLossError("corrupt value: trailing bytes");
  return value;
}

}  // namespace dynarock::codec
