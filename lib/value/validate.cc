// Validation of attribute values with DynamoDB's exact messages (lib/value/validate.h).
#include "lib/value/validate.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "dynarock/error.h"
#include "lib/value/base64.h"

namespace dynarock::value {
namespace {

constexpr std::string_view kInvalid = "One or more parameter values were invalid: ";

absl::Status Invalid(std::string_view detail) {
  std::string message(kInvalid);
  message.append(detail);
  return MakeError(ErrorType::kValidation, message);
}

// True if the set has two equal elements. Small sets (the usual case) are checked pairwise
// without allocating; larger ones through a sorted index.
template <typename T, typename Less>
bool HasDuplicates(const std::vector<T>& elements, Less less) {
  const size_t n = elements.size();
  if (n < 2) return false;
  if (n <= 16) {
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = i + 1; j < n; ++j) {
        if (!less(elements[i], elements[j]) && !less(elements[j], elements[i])) return true;
      }
    }
    return false;
  }
  std::vector<const T*> sorted;
  sorted.reserve(n);
  for (const T& e : elements) sorted.push_back(&e);
  std::sort(sorted.begin(), sorted.end(), [&](const T* a, const T* b) { return less(*a, *b); });
  for (size_t i = 1; i < n; ++i) {
    if (!less(*sorted[i - 1], *sorted[i])) return true;
  }
  return false;
}

absl::Status CheckSet(const AttributeValue& value) {
  switch (value.type()) {
    case ValueType::kSS: {
      const auto& e = value.ss().elements;
      if (e.empty()) return Invalid("An string set  may not be empty");
      if (HasDuplicates(e, [](const std::string& a, const std::string& b) { return a < b; })) {
        std::string detail = "Input collection [";
        for (size_t i = 0; i < e.size(); ++i) {
          if (i > 0) detail += ", ";
          detail += e[i];
        }
        detail += "] contains duplicates.";
        return Invalid(detail);
      }
      return absl::OkStatus();
    }
    case ValueType::kNS: {
      const auto& e = value.ns().elements;
      if (e.empty()) return Invalid("An number set  may not be empty");
      if (HasDuplicates(e, [](const Decimal& a, const Decimal& b) { return a < b; })) {
        return MakeError(ErrorType::kValidation, "Input collection contains duplicates");
      }
      return absl::OkStatus();
    }
    case ValueType::kBS: {
      const auto& e = value.bs().elements;
      if (e.empty()) return Invalid("Binary sets should not be empty");
      if (HasDuplicates(e, [](const Bytes& a, const Bytes& b) { return a < b; })) {
        std::string detail = "Input collection [";
        for (size_t i = 0; i < e.size(); ++i) {
          if (i > 0) detail += ", ";
          AppendBase64(e[i].data, &detail);
        }
        detail += "]of type BS contains duplicates.";
        return Invalid(detail);
      }
      return absl::OkStatus();
    }
    default:
      return absl::OkStatus();
  }
}

// `level` is the nesting level of `value`: 1 for an attribute of the item, +1 per enclosing
// M or L. DynamoDB allows 32 levels (dynoxide, confirmed against AWS: the deepest value sits
// at level 32).
absl::Status Validate(const AttributeValue& value, int level) {
  if (level > kMaxNestingDepth) {
    return MakeError(ErrorType::kValidation,
                     "Nesting Levels have exceeded supported limits: Attributes in the item have "
                     "nested levels beyond supported limit");
  }
  switch (value.type()) {
    case ValueType::kM:
      for (const auto& [name, member] : value.m()) {
        absl::Status s = Validate(member, level + 1);
        if (!s.ok()) return s;
      }
      return absl::OkStatus();
    case ValueType::kL:
      for (const AttributeValue& e : value.l()) {
        absl::Status s = Validate(e, level + 1);
        if (!s.ok()) return s;
      }
      return absl::OkStatus();
    default:
      return CheckSet(value);
  }
}

void Canonicalize(AttributeValue* value) {
  switch (value->type()) {
    case ValueType::kM:
      for (auto& [name, member] : std::get<AttributeMap>(value->variant())) Canonicalize(&member);
      break;
    case ValueType::kL:
      for (AttributeValue& e : std::get<AttributeList>(value->variant())) Canonicalize(&e);
      break;
    case ValueType::kSS:
    case ValueType::kNS:
    case ValueType::kBS:
      CanonicalizeSet(value);
      break;
    default:
      break;
  }
}

}  // namespace

absl::Status ValidateItemValues(const Item& item) {
  for (const auto& [name, value] : item) {
    absl::Status s = Validate(value, 1);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status ValidateValue(const AttributeValue& value) { return Validate(value, 1); }

void CanonicalizeSets(Item* item) {
  for (auto& [name, value] : *item) Canonicalize(&value);
}

}  // namespace dynarock::value
