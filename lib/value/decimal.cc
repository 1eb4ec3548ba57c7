// Decimal: parsing, printing, comparison and exact addition of DynamoDB numbers.
//
// Representation: sign, coefficient (unsigned __int128, at most 38 digits, no trailing zeros)
// and exponent. All arithmetic stays in unsigned __int128: with at most 38 digits per operand,
// an aligned operand that does not fit below 2 * 10^38 already forces a result of more than 38
// digits (see AddSigned), so no wider integers or digit arrays are needed.
#include "dynarock/decimal.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <limits>

#include "absl/status/status.h"
#include "dynarock/error.h"

namespace dynarock {
namespace {

using u128 = unsigned __int128;

constexpr std::array<u128, 39> MakePow10() {
  std::array<u128, 39> p{};
  p[0] = 1;
  for (size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}
// kPow10[i] = 10^i for i in 0..38; 10^38 < 2^127.
constexpr std::array<u128, 39> kPow10 = MakePow10();

constexpr std::string_view kNotNumeric = "The parameter cannot be converted to a numeric value";
constexpr std::string_view kTooManyDigits =
    "Attempting to store more than 38 significant digits in a Number";
constexpr std::string_view kOverflow =
    "Number overflow. Attempting to store a number with magnitude larger than supported range";
constexpr std::string_view kUnderflow =
    "Number underflow. Attempting to store a number with magnitude smaller than supported range";

absl::Status NotNumeric(std::string_view text) {
  std::string message(kNotNumeric);
  message += ": ";
  message.append(text);
  return MakeError(ErrorType::kValidation, message);
}

// Digits of v (0 for 0); at most 39 since 2^128 < 10^39. From the bit length b, t =
// floor(b * log10(2)) (1233 / 4096 approximates log10(2) closely enough for b <= 128), and the
// digit count is t or t + 1.
int CountDigits(u128 v) {
  if (v == 0) return 0;
  const auto hi = static_cast<uint64_t>(v >> 64);
  const auto lo = static_cast<uint64_t>(v);
  const int bits = hi != 0 ? 128 - __builtin_clzll(hi) : 64 - __builtin_clzll(lo);
  const int t = (bits * 1233) >> 12;
  return t + (v >= kPow10[t] ? 1 : 0);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Range check on an adjusted exponent (power of ten of the leading digit).
absl::Status CheckAdjusted(int64_t adjusted) {
  if (adjusted > Decimal::kMaxAdjustedExponent) return MakeError(ErrorType::kValidation, kOverflow);
  if (adjusted < Decimal::kMinAdjustedExponent) {
    return MakeError(ErrorType::kValidation, kUnderflow);
  }
  return absl::OkStatus();
}

// Writes the coefficient's digits into buf (most significant first); returns the count.
int CoefficientDigits(u128 c, char* buf) {
  char tmp[40];
  int n = 0;
  do {
    tmp[n++] = static_cast<char>('0' + static_cast<int>(c % 10));
    c /= 10;
  } while (c != 0);
  for (int i = 0; i < n; ++i) buf[i] = tmp[n - 1 - i];
  return n;
}

}  // namespace

Decimal::Decimal(int64_t v) {
  if (v == 0) return;
  negative_ = v < 0;
  // Unsigned negation handles INT64_MIN.
  u128 c = negative_ ? static_cast<u128>(-static_cast<uint64_t>(v)) : static_cast<u128>(v);
  int32_t e = 0;
  while (c % 10 == 0) {
    c /= 10;
    ++e;
  }
  coefficient_ = c;
  exponent_ = e;
}

Decimal::Decimal(int64_t coefficient, int exponent) {
  Decimal integer(coefficient);
  if (integer.is_zero()) return;
  int64_t e = static_cast<int64_t>(integer.exponent_) + exponent;
  int64_t adjusted = e + integer.digits() - 1;
  if (adjusted > kMaxAdjustedExponent || adjusted < kMinAdjustedExponent) return;  // clamps to 0
  *this = integer;
  exponent_ = static_cast<int32_t>(e);
}

absl::StatusOr<Decimal> Decimal::Parse(std::string_view text) {
  if (text.empty()) return MakeError(ErrorType::kValidation, kNotNumeric);
  const size_t n = text.size();
  size_t i = 0;
  bool negative = false;
  if (text[i] == '+' || text[i] == '-') {
    negative = text[i] == '-';
    ++i;
  }
  const size_t int_begin = i;
  while (i < n && IsDigit(text[i])) ++i;
  const size_t int_end = i;
  size_t frac_begin = i;
  size_t frac_end = i;
  if (i < n && text[i] == '.') {
    frac_begin = ++i;
    while (i < n && IsDigit(text[i])) ++i;
    frac_end = i;
  }
  if (int_end == int_begin && frac_end == frac_begin) return NotNumeric(text);
  // The written exponent, saturated far beyond any valid value (text length is bounded by
  // memory, so +-10^15 cannot be reached by the digit counts it is combined with).
  int64_t written_exponent = 0;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exponent_negative = false;
    if (i < n && (text[i] == '+' || text[i] == '-')) {
      exponent_negative = text[i] == '-';
      ++i;
    }
    if (i == n || !IsDigit(text[i])) return NotNumeric(text);
    constexpr int64_t kSaturate = int64_t{1} << 50;
    while (i < n && IsDigit(text[i])) {
      if (written_exponent < kSaturate) written_exponent = written_exponent * 10 + (text[i] - '0');
      ++i;
    }
    if (exponent_negative) written_exponent = -written_exponent;
  }
  if (i != n) return NotNumeric(text);

  // The coefficient's digits are text[int_begin, int_end) followed by text[frac_begin,
  // frac_end); value = digits * 10^(written_exponent - fraction_length).
  const int64_t frac_len = static_cast<int64_t>(frac_end - frac_begin);
  const int64_t total = static_cast<int64_t>(int_end - int_begin) + frac_len;
  auto digit_at = [&](int64_t k) -> char {
    const int64_t int_len = static_cast<int64_t>(int_end - int_begin);
    return k < int_len ? text[int_begin + k] : text[frac_begin + (k - int_len)];
  };
  int64_t first = 0;
  while (first < total && digit_at(first) == '0') ++first;
  if (first == total) {
    // Zero. DynamoDB (apparently Java BigDecimal) checks the adjusted exponent of the zero
    // literal as written: a zero has precision 1, so adjusted = exponent - fraction digits.
    // "0e126" overflows, "0.0e126" does not; "0e-131" underflows (docs/compatibility.md).
    absl::Status range = CheckAdjusted(written_exponent - frac_len);
    if (!range.ok()) return range;
    return Decimal();
  }
  int64_t last = total - 1;
  while (digit_at(last) == '0') --last;
  const int64_t significant = last - first + 1;
  const int64_t exponent = written_exponent - frac_len + (total - 1 - last);
  // Range first, then precision (dynalite's order; a number failing both is rare).
  absl::Status range = CheckAdjusted(exponent + significant - 1);
  if (!range.ok()) return range;
  if (significant > kMaxDigits) return MakeError(ErrorType::kValidation, kTooManyDigits);
  u128 c = 0;
  for (int64_t k = first; k <= last; ++k) c = c * 10 + static_cast<unsigned>(digit_at(k) - '0');
  Decimal d;
  d.coefficient_ = c;
  d.exponent_ = static_cast<int32_t>(exponent);
  d.negative_ = negative;
  return d;
}

absl::StatusOr<Decimal> Decimal::FromParts(bool negative, unsigned __int128 coefficient,
                                           int exponent) {
  if (coefficient == 0) return Decimal();
  int64_t e = exponent;
  while (coefficient % 10 == 0) {
    coefficient /= 10;
    ++e;
  }
  const int digits = CountDigits(coefficient);
  absl::Status range = CheckAdjusted(e + digits - 1);
  if (!range.ok()) return range;
  if (digits > kMaxDigits) return MakeError(ErrorType::kValidation, kTooManyDigits);
  Decimal d;
  d.coefficient_ = coefficient;
  d.exponent_ = static_cast<int32_t>(e);
  d.negative_ = negative;
  return d;
}

int Decimal::digits() const { return CountDigits(coefficient_); }

std::string Decimal::ToString() const {
  std::string out;
  AppendTo(&out);
  return out;
}

void Decimal::AppendTo(std::string* out) const {
  if (coefficient_ == 0) {
    out->push_back('0');
    return;
  }
  char buf[40];
  const int n = CoefficientDigits(coefficient_, buf);
  if (negative_) out->push_back('-');
  if (exponent_ >= 0) {
    out->append(buf, static_cast<size_t>(n));
    out->append(static_cast<size_t>(exponent_), '0');
    return;
  }
  const int frac = -exponent_;
  if (frac < n) {
    out->append(buf, static_cast<size_t>(n - frac));
    out->push_back('.');
    out->append(buf + (n - frac), static_cast<size_t>(frac));
  } else {
    out->append("0.");
    out->append(static_cast<size_t>(frac - n), '0');
    out->append(buf, static_cast<size_t>(n));
  }
}

namespace {

// Magnitude order of two non-zero normalised values.
std::strong_ordering CompareMagnitude(u128 ca, int ea, u128 cb, int eb) {
  const int da = CountDigits(ca);
  const int db = CountDigits(cb);
  const int adj_a = ea + da - 1;
  const int adj_b = eb + db - 1;
  if (adj_a != adj_b) return adj_a <=> adj_b;
  // Same leading power: pad the shorter coefficient to the longer one's digit count (<= 38).
  if (da < db) ca *= kPow10[db - da];
  if (db < da) cb *= kPow10[da - db];
  return ca <=> cb;
}

}  // namespace

std::strong_ordering Decimal::operator<=>(const Decimal& other) const {
  const int sa = coefficient_ == 0 ? 0 : (negative_ ? -1 : 1);
  const int sb = other.coefficient_ == 0 ? 0 : (other.negative_ ? -1 : 1);
  if (sa != sb) return sa <=> sb;
  if (sa == 0) return std::strong_ordering::equal;
  std::strong_ordering m =
      CompareMagnitude(coefficient_, exponent_, other.coefficient_, other.exponent_);
  if (sa > 0) return m;
  return 0 <=> m;  // reversed for negatives
}

Decimal Decimal::Negated() const {
  Decimal d = *this;
  if (d.coefficient_ != 0) d.negative_ = !d.negative_;
  return d;
}

namespace {

// a + (b_negative ? -|b| : |b|), exactly, with DynamoDB's limits. The result is computed as
// Java's BigDecimal.add would: both operands aligned to the smaller exponent; the precision
// checked is the digit count of that aligned result (so 99999999999999999999999999999999999999
// + 1 needs 39 digits and overflows, while 1E+38 - 99999999999999999999999999999999999999 = 1).
absl::StatusOr<Decimal> AddSigned(bool a_negative, u128 ca, int ea, bool b_negative, u128 cb,
                                  int eb) {
  // Order so that `hi` has the larger exponent; it is the operand scaled up.
  bool hi_negative = a_negative, lo_negative = b_negative;
  u128 hi = ca, lo = cb;
  int e_hi = ea, e_lo = eb;
  if (ea < eb) {
    std::swap(hi_negative, lo_negative);
    std::swap(hi, lo);
    std::swap(e_hi, e_lo);
  }
  // Scale hi by 10^(e_hi - e_lo), saturating at 2 * 10^38. If the scaled value reaches that
  // bound, |result| >= 2 * 10^38 - |lo| > 10^38 (lo has at most 38 digits): 39+ digits.
  const u128 kBound = kPow10[38] * 2;
  const int shift = e_hi - e_lo;
  if (shift > 38 || hi > kBound / kPow10[shift]) {
    return MakeError(ErrorType::kValidation, kOverflow);
  }
  hi *= kPow10[shift];
  u128 r;
  bool negative;
  if (hi_negative == lo_negative) {
    r = hi + lo;  // < 2 * 10^38 + 10^38 < 2^128
    negative = hi_negative;
  } else if (hi >= lo) {
    r = hi - lo;
    negative = hi_negative;
  } else {
    r = lo - hi;
    negative = lo_negative;
  }
  if (r == 0) return Decimal();
  if (CountDigits(r) > Decimal::kMaxDigits) return MakeError(ErrorType::kValidation, kOverflow);
  return Decimal::FromParts(negative, r, e_lo);
}

}  // namespace

absl::StatusOr<Decimal> Decimal::Add(const Decimal& other) const {
  if (other.coefficient_ == 0) return *this;
  if (coefficient_ == 0) return other;
  return AddSigned(negative_, coefficient_, exponent_, other.negative_, other.coefficient_,
                   other.exponent_);
}

absl::StatusOr<Decimal> Decimal::Subtract(const Decimal& other) const {
  if (other.coefficient_ == 0) return *this;
  if (coefficient_ == 0) return other.Negated();
  return AddSigned(negative_, coefficient_, exponent_, !other.negative_, other.coefficient_,
                   other.exponent_);
}

bool Decimal::ToInt64(int64_t* out) const {
  if (coefficient_ == 0) {
    *out = 0;
    return true;
  }
  if (exponent_ < 0 || digits() + exponent_ > 19) return false;
  const u128 magnitude = coefficient_ * kPow10[exponent_];
  const u128 limit =
      static_cast<u128>(std::numeric_limits<int64_t>::max()) + (negative_ ? 1 : 0);
  if (magnitude > limit) return false;
  const uint64_t m = static_cast<uint64_t>(magnitude);
  *out = negative_ ? static_cast<int64_t>(0 - m) : static_cast<int64_t>(m);
  return true;
}

}  // namespace dynarock
