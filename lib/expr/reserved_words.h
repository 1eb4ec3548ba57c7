// File: lib/expr/reserved_words.h
//
// DynamoDB's reserved words: a bare attribute name in an expression that is one of them
// (case-insensitively) is rejected with "Attribute name is a reserved keyword; reserved keyword:
// <word>". Use a "#name" placeholder instead.
#ifndef DYNAROCK_LIB_EXPR_RESERVED_WORDS_H_
#define DYNAROCK_LIB_EXPR_RESERVED_WORDS_H_

#include <string_view>

namespace dynarock::expr {

// True if `word` (any case, ASCII) is one of the 573 reserved words.
bool IsReservedWord(std::string_view word);

}  // namespace dynarock::expr

#endif  // DYNAROCK_LIB_EXPR_RESERVED_WORDS_H_
