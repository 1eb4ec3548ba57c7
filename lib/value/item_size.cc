// DynamoDB's item size rules (lib/value/item_size.h; reference section 1.6).
#include "lib/value/item_size.h"

namespace dynarock::value {

size_t NumberSize(const Decimal& n) {
  if (n.is_zero()) return 1;
  // The normalised coefficient holds exactly the significant digits; split them at the
  // decimal point.
  const int digits = n.digits();
  const int exponent = n.exponent();
  int before = 0;
  int after = 0;
  if (exponent >= 0) {
    before = digits;
  } else if (-exponent >= digits) {
    after = digits;
  } else {
    before = digits + exponent;
    after = -exponent;
  }
  return 1 + static_cast<size_t>((before + 1) / 2) + static_cast<size_t>((after + 1) / 2) +
         (n.is_negative() ? 1 : 0);
}

size_t ValueSize(const AttributeValue& v) {
  switch (v.type()) {
    case ValueType::kS:
      return v.s().size();
    case ValueType::kN:
      return NumberSize(v.n());
    case ValueType::kB:
      return v.b().data.size();
    case ValueType::kBool:
    case ValueType::kNull:
      return 1;
    case ValueType::kM: {
      size_t size = 3;
      for (const auto& [name, member] : v.m()) size += 1 + name.size() + ValueSize(member);
      return size;
    }
    case ValueType::kL: {
      size_t size = 3;
      for (const AttributeValue& e : v.l()) size += 1 + ValueSize(e);
      return size;
    }
    case ValueType::kSS: {
      size_t size = 0;
      for (const std::string& e : v.ss().elements) size += e.size();
      return size;
    }
    case ValueType::kNS: {
      size_t size = 0;
      for (const Decimal& e : v.ns().elements) size += NumberSize(e);
      return size;
    }
    case ValueType::kBS: {
      size_t size = 0;
      for (const Bytes& e : v.bs().elements) size += e.data.size();
      return size;
    }
  }
  return 0;
}

size_t ItemSize(const Item& item) {
  size_t size = 0;
  for (const auto& [name, value] : item) size += name.size() + ValueSize(value);
  return size;
}

}  // namespace dynarock::value
