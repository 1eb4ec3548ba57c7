// File: lib/server/ascii.h
//
// ASCII helpers for HTTP tokens and header values, shared by the request parser, the server
// and SigV4: case folding without std::tolower's locale lookup per character, and trimming of
// optional whitespace (spaces and tabs, RFC 9110 5.6.3).
#ifndef DYNAROCK_LIB_SERVER_ASCII_H_
#define DYNAROCK_LIB_SERVER_ASCII_H_

#include <cstddef>
#include <string_view>

namespace dynarock::server {

constexpr char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

inline bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

inline std::string_view TrimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace dynarock::server

#endif  // DYNAROCK_LIB_SERVER_ASCII_H_
