// File: lib/expr/token.h
//
// Tokens of DynamoDB's expression languages (one lexer serves all five kinds). A token is a
// byte range of the source text; keywords (AND, SET, ...) are identifiers the parser recognises
// case-insensitively, because which words are keywords depends on the expression kind.
#ifndef DYNAROCK_LIB_EXPR_TOKEN_H_
#define DYNAROCK_LIB_EXPR_TOKEN_H_

#include <cstdint>
#include <string_view>

namespace dynarock::expr {

enum class TokenType : uint8_t {
  kIdentifier,        // [A-Za-z][A-Za-z0-9_]*
  kNamePlaceholder,   // #[A-Za-z0-9_]+
  kValuePlaceholder,  // :[A-Za-z0-9_]+
  kNumber,            // [0-9]+ (list indexes)
  kDot,
  kComma,
  kLBracket,
  kRBracket,
  kLParen,
  kRParen,
  kEq,  // =
  kNe,  // <>
  kLt,
  kLe,
  kGt,
  kGe,
  kPlus,
  kMinus,
  kUnknown,  // any other character (one UTF-8 sequence): always a syntax error
  kEof,
};

struct Token {
  TokenType type = TokenType::kEof;
  uint32_t begin = 0;  // byte offsets into the source; begin == end for kEof
  uint32_t end = 0;
};

}  // namespace dynarock::expr

#endif  // DYNAROCK_LIB_EXPR_TOKEN_H_
