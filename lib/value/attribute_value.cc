// AttributeValue: type names, set semantics of operator==, set factories and canonical order.
#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dynarock/value.h"

namespace dynarock {
namespace {

// Unsigned byte order (std::string's order is signed-or-not depending on traits; be explicit).
bool BytesLess(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  const int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
  return c < 0 || (c == 0 && a.size() < b.size());
}

// Set equality as multisets: same size and the same elements in canonical order. Sets are
// usually stored canonicalised, so an in-order match is tried first without allocating.
template <typename T, typename Less>
bool SetEqual(const std::vector<T>& a, const std::vector<T>& b, Less less) {
  if (a.size() != b.size()) return false;
  if (std::equal(a.begin(), a.end(), b.begin())) return true;
  std::vector<const T*> pa, pb;
  pa.reserve(a.size());
  pb.reserve(b.size());
  for (const T& x : a) pa.push_back(&x);
  for (const T& x : b) pb.push_back(&x);
  auto ptr_less = [&](const T* x, const T* y) { return less(*x, *y); };
  std::sort(pa.begin(), pa.end(), ptr_less);
  std::sort(pb.begin(), pb.end(), ptr_less);
  for (size_t i = 0; i < pa.size(); ++i) {
    if (!(*pa[i] == *pb[i])) return false;
  }
  return true;
}

}  // namespace

std::string_view ValueTypeName(ValueType type) {
  switch (type) {
    case ValueType::kS:
      return "S";
    case ValueType::kN:
      return "N";
    case ValueType::kB:
      return "B";
    case ValueType::kBool:
      return "BOOL";
    case ValueType::kNull:
      return "NULL";
    case ValueType::kM:
      return "M";
    case ValueType::kL:
      return "L";
    case ValueType::kSS:
      return "SS";
    case ValueType::kNS:
      return "NS";
    case ValueType::kBS:
      return "BS";
  }
  return "";
}

std::string_view ScalarTypeName(ScalarType type) {
  switch (type) {
    case ScalarType::kS:
      return "S";
    case ScalarType::kN:
      return "N";
    case ScalarType::kB:
      return "B";
  }
  return "";
}

std::strong_ordering Bytes::operator<=>(const Bytes& other) const {
  if (BytesLess(data, other.data)) return std::strong_ordering::less;
  if (BytesLess(other.data, data)) return std::strong_ordering::greater;
  return std::strong_ordering::equal;
}

bool AttributeValue::operator==(const AttributeValue& other) const {
  if (v_.index() != other.v_.index()) return false;
  switch (type()) {
    case ValueType::kSS:
      return SetEqual(ss().elements, other.ss().elements,
                      [](const std::string& a, const std::string& b) { return BytesLess(a, b); });
    case ValueType::kNS:
      return SetEqual(ns().elements, other.ns().elements,
                      [](const Decimal& a, const Decimal& b) { return a < b; });
    case ValueType::kBS:
      return SetEqual(bs().elements, other.bs().elements,
                      [](const Bytes& a, const Bytes& b) { return a < b; });
    default:
      // Maps and lists compare element-wise through this operator again.
      return v_ == other.v_;
  }
}

AttributeValue N(std::string_view text) {
  absl::StatusOr<Decimal> d = Decimal::Parse(text);
  return AttributeValue(d.ok() ? *d : Decimal());
}

AttributeValue SS(std::vector<std::string> elements) {
  return AttributeValue(StringSet{std::move(elements)});
}

AttributeValue NS(std::vector<Decimal> elements) {
  return AttributeValue(NumberSet{std::move(elements)});
}

AttributeValue BS(std::vector<std::string> elements) {
  BinarySet set;
  set.elements.reserve(elements.size());
  for (std::string& e : elements) set.elements.push_back(Bytes{std::move(e)});
  return AttributeValue(std::move(set));
}

void CanonicalizeSet(AttributeValue* set_value) {
  switch (set_value->type()) {
    case ValueType::kSS: {
      auto& e = std::get<StringSet>(set_value->variant()).elements;
      std::sort(e.begin(), e.end(),
                [](const std::string& a, const std::string& b) { return BytesLess(a, b); });
      break;
    }
    case ValueType::kNS: {
      auto& e = std::get<NumberSet>(set_value->variant()).elements;
      std::sort(e.begin(), e.end());
      break;
    }
    case ValueType::kBS: {
      auto& e = std::get<BinarySet>(set_value->variant()).elements;
      std::sort(e.begin(), e.end());
      break;
    }
    default:
      break;
  }
}

}  // namespace dynarock
