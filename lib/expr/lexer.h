// File: lib/expr/lexer.h
//
// Splits expression text into tokens. The lexer never fails: a character that starts no token
// becomes a one-character kUnknown token, so every lexical problem is reported by the parser
// as DynamoDB's "Syntax error; token: ..., near: ..." with the same window rule.
// Whitespace (space, tab, CR, LF) separates tokens and is otherwise ignored.
#ifndef DYNAROCK_LIB_EXPR_LEXER_H_
#define DYNAROCK_LIB_EXPR_LEXER_H_

#include <string_view>
#include <vector>

#include "lib/expr/token.h"

namespace dynarock::expr {

// Appends the tokens of `text` to *tokens, ending with one kEof token.
// REQUIRES: text.size() < 2^32 (expressions are limited to 4096 bytes before lexing).
void Tokenize(std::string_view text, std::vector<Token>* tokens);

}  // namespace dynarock::expr

#endif  // DYNAROCK_LIB_EXPR_LEXER_H_
