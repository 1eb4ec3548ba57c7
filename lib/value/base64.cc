// Base64 encoding and strict decoding (RFC 4648 section 4).
#include "lib/value/base64.h"

#include <array>
#include <cstdint>

#include "dynarock/error.h"

namespace dynarock::value {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Maps a character to its 6-bit value; -1 for '=' and -2 for anything else.
constexpr std::array<int8_t, 256> MakeDecodeTable() {
  std::array<int8_t, 256> t{};
  for (auto& v : t) v = -2;
  for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int8_t>(i);
  t[static_cast<unsigned char>('=')] = -1;
  return t;
}
constexpr std::array<int8_t, 256> kDecode = MakeDecodeTable();

constexpr std::string_view kBadLast = "Invalid last non-pad Base64 character dectected";

}  // namespace

void AppendBase64(std::string_view bytes, std::string* out) {
  const size_t start = out->size();
  out->resize(start + (bytes.size() + 2) / 3 * 4);
  char* p = out->data() + start;
  size_t i = 0;
  const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t v = (uint32_t{b[i]} << 16) | (uint32_t{b[i + 1]} << 8) | b[i + 2];
    *p++ = kAlphabet[(v >> 18) & 63];
    *p++ = kAlphabet[(v >> 12) & 63];
    *p++ = kAlphabet[(v >> 6) & 63];
    *p++ = kAlphabet[v & 63];
  }
  const size_t rest = bytes.size() - i;
  if (rest == 1) {
    const uint32_t v = uint32_t{b[i]} << 16;
    *p++ = kAlphabet[(v >> 18) & 63];
    *p++ = kAlphabet[(v >> 12) & 63];
    *p++ = '=';
    *p++ = '=';
  } else if (rest == 2) {
    const uint32_t v = (uint32_t{b[i]} << 16) | (uint32_t{b[i + 1]} << 8);
    *p++ = kAlphabet[(v >> 18) & 63];
    *p++ = kAlphabet[(v >> 12) & 63];
    *p++ = kAlphabet[(v >> 6) & 63];
    *p++ = '=';
  }
}

std::string Base64Encode(std::string_view bytes) {
  std::string out;
  AppendBase64(bytes, &out);
  return out;
}

absl::StatusOr<std::string> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) {
    return MakeError(ErrorType::kSerialization,
                     "Base64 encoded length is expected a multiple of 4 bytes but found: " +
                         std::to_string(text.size()));
  }
  // Padding: at most two '=' and only at the very end.
  size_t pad = 0;
  if (!text.empty() && text.back() == '=') pad = text.size() >= 2 && text[text.size() - 2] == '=' ? 2 : 1;
  const size_t data_len = text.size() - pad;
  for (size_t i = 0; i < data_len; ++i) {
    const int8_t v = kDecode[static_cast<unsigned char>(text[i])];
    if (v == -1) return MakeError(ErrorType::kSerialization, kBadLast);
    if (v < 0) {
      return MakeError(ErrorType::kSerialization,
                       std::string("Invalid Base64 character: '") + text[i] + "'");
    }
  }
  std::string out;
  out.reserve(text.size() / 4 * 3);
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < data_len; ++i) {
    acc = (acc << 6) | static_cast<uint32_t>(kDecode[static_cast<unsigned char>(text[i])]);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  // Canonical form: the unused low bits of the last character must be zero, and a final group
  // must hold at least two characters ("A===" is malformed).
  if (pad > 0 && (data_len % 4 < 2 || (acc & ((1u << bits) - 1)) != 0)) {
    return MakeError(ErrorType::kSerialization, kBadLast);
  }
  return out;
}

}  // namespace dynarock::value
