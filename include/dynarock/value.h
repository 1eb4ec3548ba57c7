// File: dynarock/value.h
//
// AttributeValue: one DynamoDB value of any of the ten types (S, N, B, BOOL, NULL, M, L, SS, NS,
// BS). Numbers are exact Decimals. Sets have set semantics: operator== ignores element order
// (NS by numeric value). The database stores and returns sets in canonical order (sorted by
// unsigned bytes for SS and BS, numerically for NS); DynamoDB does not keep set order either.
//
// Conversions are implicit only from strings (S), integers and Decimal (N) and bool (BOOL),
// with a `const char*` overload so that "abc" is a string and not a bool.
//
// Thread safety: a plain value; const methods may be called concurrently.
#ifndef DYNAROCK_VALUE_H_
#define DYNAROCK_VALUE_H_

#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "dynarock/decimal.h"

namespace dynarock {

// The type tag of an AttributeValue. The enumerator order is the variant index below.
// On disk (item codec): never renumber.
enum class ValueType : uint8_t { kS = 0, kN, kB, kBool, kNull, kM, kL, kSS, kNS, kBS };

// The key attribute types (AttributeDefinitions).
enum class ScalarType : uint8_t { kS = 0, kN = 1, kB = 2 };

// DynamoDB's wire name of a type: "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS".
std::string_view ValueTypeName(ValueType type);
std::string_view ScalarTypeName(ScalarType type);

// Raw bytes of a B value (not base64: base64 exists only on the JSON wire).
struct Bytes {
  std::string data{};
  bool operator==(const Bytes&) const = default;
  // Unsigned byte order, as DynamoDB compares binary values.
  std::strong_ordering operator<=>(const Bytes& other) const;
};

struct NullValue {
  bool operator==(const NullValue&) const = default;
};

class AttributeValue;
// Attribute maps: items and M values. Ordered by name (std::less<> gives heterogeneous lookup).
using AttributeMap = std::map<std::string, AttributeValue, std::less<>>;
using AttributeList = std::vector<AttributeValue>;

// Sets. The factory functions SS(), NS(), BS() keep the elements as given, duplicates
// included: a duplicate is the caller's error, reported by validation with DynamoDB's message,
// which renders the elements in the order given. Validated values are canonicalised
// (CanonicalizeSet) before they are stored.
struct StringSet {
  std::vector<std::string> elements{};
  bool operator==(const StringSet&) const = default;
};
struct NumberSet {
  std::vector<Decimal> elements{};
  bool operator==(const NumberSet&) const = default;
};
struct BinarySet {
  std::vector<Bytes> elements{};
  bool operator==(const BinarySet&) const = default;
};

class AttributeValue {
 public:
  using Variant = std::variant<std::string, Decimal, Bytes, bool, NullValue, AttributeMap,
                               AttributeList, StringSet, NumberSet, BinarySet>;

  // NULL is the default: a default-constructed value is {"NULL": true}.
  AttributeValue() : v_(NullValue{}) {}
  AttributeValue(std::string s) : v_(std::move(s)) {}              // NOLINT: S
  AttributeValue(std::string_view s) : v_(std::string(s)) {}       // NOLINT: S
  AttributeValue(const char* s) : v_(std::string(s)) {}            // NOLINT: S, not bool
  AttributeValue(Decimal n) : v_(n) {}                             // NOLINT: N
  template <typename I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>,
                                         int> = 0>
  AttributeValue(I n) : v_(IntegerToDecimal(n)) {}                 // NOLINT: N
  AttributeValue(bool b) : v_(b) {}                                // NOLINT: BOOL
  AttributeValue(Bytes b) : v_(std::move(b)) {}                    // NOLINT: B
  AttributeValue(NullValue n) : v_(n) {}                           // NOLINT: NULL
  AttributeValue(AttributeMap m) : v_(std::move(m)) {}             // NOLINT: M
  AttributeValue(AttributeList l) : v_(std::move(l)) {}            // NOLINT: L
  AttributeValue(StringSet s) : v_(std::move(s)) {}                // NOLINT: SS
  AttributeValue(NumberSet s) : v_(std::move(s)) {}                // NOLINT: NS
  AttributeValue(BinarySet s) : v_(std::move(s)) {}                // NOLINT: BS

  ValueType type() const { return static_cast<ValueType>(v_.index()); }

  bool is_s() const { return type() == ValueType::kS; }
  bool is_n() const { return type() == ValueType::kN; }
  bool is_b() const { return type() == ValueType::kB; }
  bool is_bool() const { return type() == ValueType::kBool; }
  bool is_null() const { return type() == ValueType::kNull; }
  bool is_m() const { return type() == ValueType::kM; }
  bool is_l() const { return type() == ValueType::kL; }

  // Unchecked accessors. REQUIRES: the value has that type.
  const std::string& s() const { return std::get<std::string>(v_); }
  const Decimal& n() const { return std::get<Decimal>(v_); }
  const Bytes& b() const { return std::get<Bytes>(v_); }
  bool boolean() const { return std::get<bool>(v_); }
  const AttributeMap& m() const { return std::get<AttributeMap>(v_); }
  AttributeMap& m() { return std::get<AttributeMap>(v_); }
  const AttributeList& l() const { return std::get<AttributeList>(v_); }
  AttributeList& l() { return std::get<AttributeList>(v_); }
  const StringSet& ss() const { return std::get<StringSet>(v_); }
  const NumberSet& ns() const { return std::get<NumberSet>(v_); }
  const BinarySet& bs() const { return std::get<BinarySet>(v_); }

  // Checked accessors: nullptr when the type differs.
  const std::string* if_s() const { return std::get_if<std::string>(&v_); }
  const Decimal* if_n() const { return std::get_if<Decimal>(&v_); }
  const Bytes* if_b() const { return std::get_if<Bytes>(&v_); }
  const AttributeMap* if_m() const { return std::get_if<AttributeMap>(&v_); }
  const AttributeList* if_l() const { return std::get_if<AttributeList>(&v_); }

  const Variant& variant() const { return v_; }
  Variant& variant() { return v_; }

  // Structural equality, DynamoDB's "=": same type and same value (numbers by value, sets
  // as sets whatever their element order, maps and lists element-wise).
  bool operator==(const AttributeValue& other) const;

 private:
  // Every integer converts exactly, uint64 values above INT64_MAX included (split in two so
  // that no cast wraps; the Add cannot fail for 20 digits).
  template <typename I>
  static Decimal IntegerToDecimal(I n) {
    if constexpr (std::is_unsigned_v<I> && sizeof(I) >= sizeof(int64_t)) {
      return *Decimal(static_cast<int64_t>(n / 10), 1).Add(Decimal(static_cast<int64_t>(n % 10)));
    } else {
      return Decimal(static_cast<int64_t>(n));
    }
  }

  Variant v_;
};

// Factories.
inline AttributeValue N(const Decimal& d) { return AttributeValue(d); }
// Parses DynamoDB number text. REQUIRES: valid text (programmer input); invalid text yields
// zero. Use Decimal::Parse() for untrusted input.
AttributeValue N(std::string_view text);
inline AttributeValue Null() { return AttributeValue(NullValue{}); }
inline AttributeValue B(std::string bytes) { return AttributeValue(Bytes{std::move(bytes)}); }
AttributeValue SS(std::vector<std::string> elements);
AttributeValue NS(std::vector<Decimal> elements);
AttributeValue BS(std::vector<std::string> elements);
inline AttributeValue L(AttributeList elements) { return AttributeValue(std::move(elements)); }
inline AttributeValue M(AttributeMap members) { return AttributeValue(std::move(members)); }

// Sorts a set's elements into canonical order (unsigned bytes / numeric). Duplicates stay and
// are adjacent afterwards, so validation can report them.
void CanonicalizeSet(AttributeValue* set_value);

}  // namespace dynarock

#endif  // DYNAROCK_VALUE_H_
