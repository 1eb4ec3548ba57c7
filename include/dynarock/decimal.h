// File: dynarock/decimal.h
//
// Decimal is DynamoDB's Number type: an exact decimal of up to 38 significant digits with a
// magnitude of 1E-130 to 9.9999999999999999999999999999999999999E+125, or zero. Never a double.
//
// A Decimal is kept normalised: value = (negative ? -1 : 1) * coefficient * 10^exponent where
// the coefficient has no trailing decimal zeros (zero is coefficient 0, exponent 0, not
// negative). So one numeric value has exactly one representation, and operator== is numeric
// equality ("1", "1.0" and "10E-1" are equal Decimals).
//
// Thread safety: a Decimal is a plain value; const methods may be called concurrently.
#ifndef DYNAROCK_DECIMAL_H_
#define DYNAROCK_DECIMAL_H_

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/statusor.h"

namespace dynarock {

class Decimal {
 public:
  static constexpr int kMaxDigits = 38;
  // Smallest and largest allowed adjusted exponents (the power of ten of the leading digit).
  static constexpr int kMinAdjustedExponent = -130;
  static constexpr int kMaxAdjustedExponent = 125;

  // Zero.
  constexpr Decimal() = default;
  // An integer value. Never fails: every int64 has at most 19 digits.
  Decimal(int64_t v);  // NOLINT(google-explicit-constructor): numbers read naturally
  // coefficient * 10^exponent, normalised. REQUIRES: the result is in range (else clamps to
  // zero; use FromParts() to get an error instead).
  Decimal(int64_t coefficient, int exponent);

  // Parses DynamoDB number text: sign? digits? ('.' digits?)? ([eE] sign? digits)?, at least
  // one digit in the coefficient, no whitespace. Errors (ValidationException, DynamoDB text):
  //   "The parameter cannot be converted to a numeric value" (empty text),
  //   "The parameter cannot be converted to a numeric value: <text>" (bad syntax),
  //   "Attempting to store more than 38 significant digits in a Number",
  //   "Number overflow. Attempting to store a number with magnitude larger than supported range",
  //   "Number underflow. Attempting to store a number with magnitude smaller than supported range".
  // Quirk kept from DynamoDB: "0e126" overflows and "0e-131" underflows although both are
  // zero (the exponent is checked on the text); "0.0e126" is accepted.
  static absl::StatusOr<Decimal> Parse(std::string_view text);

  // Builds from parts; the same range and digit errors as Parse().
  static absl::StatusOr<Decimal> FromParts(bool negative, unsigned __int128 coefficient,
                                           int exponent);

  // DynamoDB's returned form: plain decimal notation, never an exponent, no leading zeros
  // (but "0.5"), no trailing fractional zeros, "-" only for negatives, "0" for zero.
  // Examples: 1e3 -> "1000", 1.23e-1 -> "0.123", -0 -> "0".
  std::string ToString() const;
  // Appends ToString() to *out without a temporary.
  void AppendTo(std::string* out) const;

  // Exact arithmetic. Errors as DynamoDB reports them for UpdateItem arithmetic: a result
  // needing more than 38 significant digits or too large -> "Number overflow. Attempting to
  // store a number with magnitude larger than supported range"; too small -> the underflow text.
  // The digits counted are those of the exact result aligned to the smaller operand exponent
  // (as Java's BigDecimal.add): 99999999999999999999999999999999999999 + 1 overflows, while
  // 1E+38 - 99999999999999999999999999999999999999 = 1 (docs/compatibility.md).
  absl::StatusOr<Decimal> Add(const Decimal& other) const;
  absl::StatusOr<Decimal> Subtract(const Decimal& other) const;

  Decimal Negated() const;

  bool is_zero() const { return coefficient_ == 0; }
  bool is_negative() const { return negative_; }
  // The normalised coefficient (no trailing zeros) and exponent.
  unsigned __int128 coefficient() const { return coefficient_; }
  int exponent() const { return exponent_; }
  // Number of decimal digits in the coefficient (0 for zero).
  int digits() const;
  // The power of ten of the leading digit: exponent() + digits() - 1. REQUIRES: !is_zero().
  int adjusted_exponent() const { return exponent_ + digits() - 1; }

  // Fits in int64 exactly (an integral value within range)?
  bool ToInt64(int64_t* out) const;

  // Numeric order and equality.
  std::strong_ordering operator<=>(const Decimal& other) const;
  bool operator==(const Decimal& other) const {
    return negative_ == other.negative_ && coefficient_ == other.coefficient_ &&
           exponent_ == other.exponent_;
  }

  template <typename H>
  friend H AbslHashValue(H h, const Decimal& d) {
    return H::combine(std::move(h), d.negative_, static_cast<uint64_t>(d.coefficient_),
                      static_cast<uint64_t>(d.coefficient_ >> 64), d.exponent_);
  }

 private:
  unsigned __int128 coefficient_ = 0;
  int32_t exponent_ = 0;
  bool negative_ = false;
};

}  // namespace dynarock

#endif  // DYNAROCK_DECIMAL_H_
