#include "lib/value/json_string.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace dynarock::value {
namespace {

constexpr uint64_t kOnes = 0x0101010101010101ull;
constexpr uint64_t kHighs = 0x8080808080808080ull;

// True when some byte of `w` is below 0x20, a quote or a backslash: the bytes JSON escapes.
// (x - n*kOnes) & ~x & kHighs is non-zero exactly when some byte of x is below n (n <= 0x80).
inline bool NeedsEscape(uint64_t w) {
  const uint64_t quote = w ^ (kOnes * '"');
  const uint64_t backslash = w ^ (kOnes * '\\');
  return (((w - kOnes * 0x20) & ~w) | ((quote - kOnes) & ~quote) |
          ((backslash - kOnes) & ~backslash)) &
         kHighs;
}

}  // namespace

// Skips 8 bytes at a time while none needs an escape (names and values rarely have any), then
// copies each unescaped run in one append.
void AppendJsonString(std::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->reserve(out->size() + s.size() + 2);
  out->push_back('"');
  const char* p = s.data();
  const char* const end = p + s.size();
  const char* run = p;  // start of the bytes not yet appended
  while (p < end) {
    for (uint64_t w; end - p >= 8; p += 8) {
      std::memcpy(&w, p, sizeof(w));
      if (NeedsEscape(w)) break;
    }
    for (const char* stop = std::min(end, p + 8); p < stop; ++p) {
      const auto c = static_cast<unsigned char>(*p);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out->append(run, static_cast<size_t>(p - run));
      run = p + 1;
      switch (c) {
        case '"':
          out->append("\\\"");
          break;
        case '\\':
          out->append("\\\\");
          break;
        case '\b':
          out->append("\\b");
          break;
        case '\f':
          out->append("\\f");
          break;
        case '\n':
          out->append("\\n");
          break;
        case '\r':
          out->append("\\r");
          break;
        case '\t':
          out->append("\\t");
          break;
        default:
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 0xF]);
      }
    }
  }
  out->append(run, static_cast<size_t>(end - run));
  out->push_back('"');
}

}  // namespace dynarock::value
