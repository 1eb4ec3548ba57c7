// Tests of AppendJsonString, the JSON string writer of every response body.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "lib/value/json_string.h"

namespace {

// The escapes JSON requires, one byte at a time: the reference the fast writer must match.
std::string Reference(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\b') {
      out += "\\b";
    } else if (c == '\f') {
      out += "\\f";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20) {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

std::string Write(std::string_view s) {
  std::string out = "prefix:";  // appends, never overwrites
  dynarock::value::AppendJsonString(s, &out);
  return out;
}

}  // namespace

// Why: the writer skips 8 bytes at a time; an escape in any position of a word, next to
// UTF-8 bytes (>= 0x80, which must pass through) or at the end must still be found.
TEST_CASE("AppendJsonString: every byte value in every word position", "[value][json]") {
  for (int c = 0; c < 256; ++c) {
    for (size_t pos = 0; pos < 19; ++pos) {
      std::string s(19, 'a');
      s[pos] = static_cast<char>(c);
      if (pos + 1 < s.size()) s[pos + 1] = static_cast<char>(0xC3);  // a UTF-8 lead byte
      INFO("byte " << c << " at " << pos);
      REQUIRE(Write(s) == "prefix:" + Reference(s));
    }
  }
}

// Why: random mixes of plain, control, quote, backslash and high bytes, of every length around
// the word size, cover runs that start and end anywhere.
TEST_CASE("AppendJsonString: random strings match the byte-by-byte reference", "[value][json]") {
  std::mt19937 rng(7);
  const std::string alphabet = std::string("abcXYZ019 \"\\\n\t\x01\x1f\x7f") +
                               std::string(1, '\0') + "\xc3\xa9\xe2\x82\xac";
  for (int n = 0; n < 5000; ++n) {
    std::string s(rng() % 40, ' ');
    for (char& ch : s) ch = alphabet[rng() % alphabet.size()];
    REQUIRE(Write(s) == "prefix:" + Reference(s));
  }
  CHECK(Write("") == "prefix:\"\"");
  CHECK(Write("caf\xc3\xa9 \"x\"\\") == "prefix:\"caf\xc3\xa9 \\\"x\\\"\\\\\"");
}
