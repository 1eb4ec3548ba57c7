// File: lib/expr/parser.h
//
// The recursive-descent parser of all five expression kinds. It checks everything that does
// not depend on ExpressionAttributeNames/Values, with DynamoDB's messages (ValidationException,
// prefixed "Invalid <Kind>Expression: "):
//   - size: "Expression size has exceeded the maximum allowed size; expression size: <n>"
//     (over 4096 bytes, measured before substitution);
//   - "The expression can not be empty;" (empty or only whitespace);
//   - syntax errors: "Syntax error; token: \"<tok>\", near: \"<window>\"" where <tok> is the
//     first token that cannot continue the parse ("<EOF>" at the end) and <window> the source
//     from the start of the token before it to the end of the token after it;
//   - limits: more than 300 operators/functions, more than 100 IN operands, document paths
//     deeper than 32 levels;
//   - redundant parentheses, unknown or misplaced functions, reserved words, repeated
//     update clauses.
// Errors DynamoDB reports after undefined placeholders (wrong operand counts, "requires a
// document path") are kept in Ast::deferred_error for the binder (expression.cc).
#ifndef DYNAROCK_LIB_EXPR_PARSER_H_
#define DYNAROCK_LIB_EXPR_PARSER_H_

#include <memory>
#include <string_view>

#include "lib/expr/ast.h"

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace dynarock::expr {

inline constexpr size_t kMaxExpressionBytes = 4096;
inline constexpr int kMaxOperators = 300;
inline constexpr int kMaxInOperands = 100;
inline constexpr int kMaxPathDepth = 32;

absl::StatusOr<std::shared_ptr<const Ast>> Parse(std::string_view text, ExpressionKind kind);

// "Invalid <Kind>Expression: <message>" as a ValidationException.
absl::Status ExpressionError(ExpressionKind kind, std::string_view message);

// std::string_view -> absl::string_view (distinct types in Debian's Abseil), for StrCat.
inline absl::string_view Av(std::string_view s) { return absl::string_view(s.data(), s.size()); }

}  // namespace dynarock::expr

#endif  // DYNAROCK_LIB_EXPR_PARSER_H_
