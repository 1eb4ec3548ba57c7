// File: lib/expr/lexer.cc
#include "lib/expr/lexer.h"

#include <cstdint>

namespace dynarock::expr {
namespace {

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsNameChar(char c) { return IsAlpha(c) || IsDigit(c) || c == '_'; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Length of the UTF-8 sequence starting with lead byte `c` (1 for ASCII and stray bytes).
size_t Utf8Length(unsigned char c) {
  if (c >= 0xF0 && c < 0xF8) return 4;
  if (c >= 0xE0) return c < 0xF0 ? 3 : 1;
  if (c >= 0xC0) return 2;
  return 1;
}

}  // namespace

void Tokenize(std::string_view text, std::vector<Token>* tokens) {
  const size_t n = text.size();
  size_t i = 0;
  auto push = [&](TokenType type, size_t begin, size_t end) {
    tokens->push_back(Token{type, static_cast<uint32_t>(begin), static_cast<uint32_t>(end)});
  };
  while (i < n) {
    const char c = text[i];
    if (IsSpace(c)) {
      ++i;
      continue;
    }
    const size_t begin = i;
    if (IsAlpha(c)) {
      while (i < n && IsNameChar(text[i])) ++i;
      push(TokenType::kIdentifier, begin, i);
      continue;
    }
    if (IsDigit(c)) {
      while (i < n && IsDigit(text[i])) ++i;
      push(TokenType::kNumber, begin, i);
      continue;
    }
    if ((c == '#' || c == ':') && i + 1 < n && IsNameChar(text[i + 1])) {
      ++i;
      while (i < n && IsNameChar(text[i])) ++i;
      push(c == '#' ? TokenType::kNamePlaceholder : TokenType::kValuePlaceholder, begin, i);
      continue;
    }
    TokenType type = TokenType::kUnknown;
    size_t len = 1;
    switch (c) {
      case '.':
        type = TokenType::kDot;
        break;
      case ',':
        type = TokenType::kComma;
        break;
      case '[':
        type = TokenType::kLBracket;
        break;
      case ']':
        type = TokenType::kRBracket;
        break;
      case '(':
        type = TokenType::kLParen;
        break;
      case ')':
        type = TokenType::kRParen;
        break;
      case '=':
        type = TokenType::kEq;
        break;
      case '+':
        type = TokenType::kPlus;
        break;
      case '-':
        type = TokenType::kMinus;
        break;
      case '<':
        if (i + 1 < n && text[i + 1] == '>') {
          type = TokenType::kNe;
          len = 2;
        } else if (i + 1 < n && text[i + 1] == '=') {
          type = TokenType::kLe;
          len = 2;
        } else {
          type = TokenType::kLt;
        }
        break;
      case '>':
        if (i + 1 < n && text[i + 1] == '=') {
          type = TokenType::kGe;
          len = 2;
        } else {
          type = TokenType::kGt;
        }
        break;
      default:
        len = Utf8Length(static_cast<unsigned char>(c));
        if (i + len > n) len = n - i;
        break;
    }
    i += len;
    push(type, begin, i);
  }
  push(TokenType::kEof, n, n);
}

}  // namespace dynarock::expr
