// Tests of the expression parser's validation (lib/expr/parser.h, expression.h): syntax-error
// windows, limits, reserved words, functions, placeholders, usage tracking and the cache, each
// with DynamoDB's exact ValidationException text.
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "dynarock/error.h"

#include "lib/expr/expression.h"
#include "lib/expr/lexer.h"
#include "lib/expr/parser.h"
#include "lib/expr/reserved_words.h"
#include "tests/expr/expr_test_util.h"
#include "tests/testing/status_matchers.h"

namespace dynarock::expr {
namespace {

using testing::ConditionStatus;
using testing::ProjectionStatus;
using testing::UpdateStatus;
constexpr ErrorType kV = ErrorType::kValidation;

const ExpressionAttributeValues kV1 = {{":v", 1}, {":w", 2}};

// Why: every token kind must be recognised, and '<>'/'<='/'>=' are single tokens.
TEST_CASE("Lexer: splits every token kind", "[expr][lexer]") {
  std::vector<Token> tokens;
  Tokenize("a.#b[12] <> :v,<=>=()+-=< >!", &tokens);
  std::vector<TokenType> types;
  for (const Token& t : tokens) types.push_back(t.type);
  CHECK(types == std::vector<TokenType>{TokenType::kIdentifier,
                                        TokenType::kDot,
                                        TokenType::kNamePlaceholder,
                                        TokenType::kLBracket,
                                        TokenType::kNumber,
                                        TokenType::kRBracket,
                                        TokenType::kNe,
                                        TokenType::kValuePlaceholder,
                                        TokenType::kComma,
                                        TokenType::kLe,
                                        TokenType::kGe,
                                        TokenType::kLParen,
                                        TokenType::kRParen,
                                        TokenType::kPlus,
                                        TokenType::kMinus,
                                        TokenType::kEq,
                                        TokenType::kLt,
                                        TokenType::kGt,
                                        TokenType::kUnknown,
                                        TokenType::kEof});
}

// Why: a multi-byte character must stay one token so the error message is valid UTF-8.
TEST_CASE("Lexer: a non-ASCII character is one unknown token", "[expr][lexer]") {
  std::vector<Token> tokens;
  Tokenize("\xC3\xA9x", &tokens);
  REQUIRE(tokens.size() == 3);
  CHECK(tokens[0].type == TokenType::kUnknown);
  CHECK(tokens[0].end == 2);
  REQUIRE_ERROR(ConditionStatus("a = \xC3\xA9"), kV,
                "Invalid ConditionExpression: Syntax error; token: \"\xC3\xA9\", near: \"= "
                "\xC3\xA9\"");
}

// Why: the syntax-error token and window follow DynamoDB's rule (reference 3.8 examples).
TEST_CASE("Parser: syntax errors name the token and its neighbours", "[expr][parser]") {
  SECTION("end of input after a comma") {
    REQUIRE_ERROR(UpdateStatus("SET a = :v1, b = :v2,", {{":v1", 1}, {":v2", 2}}), kV,
                  "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \",\"");
  }
  SECTION("not a clause keyword") {
    REQUIRE_ERROR(UpdateStatus("INVALID SYNTAX"), kV,
                  "Invalid UpdateExpression: Syntax error; token: \"INVALID\", near: \"INVALID "
                  "SYNTAX\"");
  }
  SECTION("names cannot start with an underscore") {
    REQUIRE_ERROR(UpdateStatus("SET _123 = :v", kV1), kV,
                  "Invalid UpdateExpression: Syntax error; token: \"_\", near: \"SET _123\"");
  }
  SECTION("a stray token after a value") {
    REQUIRE_ERROR(UpdateStatus("SET path = VALUE 1"), kV,
                  "Invalid UpdateExpression: Syntax error; token: \"1\", near: \"VALUE 1\"");
  }
  SECTION("ADD needs a value placeholder") {
    REQUIRE_ERROR(UpdateStatus("ADD num_val badvalue"), kV,
                  "Invalid UpdateExpression: Syntax error; token: \"badvalue\", near: "
                  "\"num_val badvalue\"");
  }
  SECTION("an unknown character") {
    REQUIRE_ERROR(ProjectionStatus("!!! x"), kV,
                  "Invalid ProjectionExpression: Syntax error; token: \"!\", near: \"!!\"");
  }
  SECTION("a value on the left of SET") {
    REQUIRE_ERROR(UpdateStatus("SET :v = a", kV1), kV,
                  "Invalid UpdateExpression: Syntax error; token: \":v\", near: \"SET :v =\"");
  }
  SECTION("a path alone is no condition") {
    REQUIRE_ERROR(ConditionStatus("a"), kV,
                  "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"a\"");
  }
  SECTION("invalid list indexes") {
    REQUIRE_ERROR(ConditionStatus("a[-1] = :v", kV1), kV,
                  "Invalid ConditionExpression: Syntax error; token: \"-\", near: \"[-1\"");
    REQUIRE_ERROR(ConditionStatus("a[0.4] = :v", kV1), kV,
                  "Invalid ConditionExpression: Syntax error; token: \".\", near: \"0.4\"");
    REQUIRE_ERROR(ConditionStatus("a[:v] = :v", kV1), kV,
                  "Invalid ConditionExpression: Syntax error; token: \":v\", near: \"[:v]\"");
  }
  SECTION("a lone # is not a placeholder") {
    REQUIRE_ERROR(ConditionStatus("# = :v", kV1), kV,
                  "Invalid ConditionExpression: Syntax error; token: \"#\", near: \"# =\"");
  }
  SECTION("keywords cannot be attribute names") {
    REQUIRE_ERROR(ConditionStatus("a = :v AND and = :w", kV1), kV,
                  "Invalid ConditionExpression: Syntax error; token: \"and\", near: \"AND and "
                  "=\"");
  }
  SECTION("functions need an argument") {
    REQUIRE_ERROR(ConditionStatus("attribute_exists()"), kV,
                  "Invalid ConditionExpression: Syntax error; token: \")\", near: \"()\"");
  }
  SECTION("chained arithmetic is not allowed") {
    REQUIRE_ERROR(UpdateStatus("SET a = :v + :w + :v", kV1), kV,
                  "Invalid UpdateExpression: Syntax error; token: \"+\", near: \":w + :v\"");
  }
}

// Why: DynamoDB rejects empty expressions and ones over 4096 bytes before parsing.
TEST_CASE("Parser: empty and oversized expressions", "[expr][parser][limits]") {
  REQUIRE_ERROR(ConditionStatus(""), kV,
                "Invalid ConditionExpression: The expression can not be empty;");
  REQUIRE_ERROR(UpdateStatus("  \t\n"), kV,
                "Invalid UpdateExpression: The expression can not be empty;");
  REQUIRE_ERROR(ProjectionStatus(""), kV,
                "Invalid ProjectionExpression: The expression can not be empty;");
  std::string big = "a = :v";
  big.append(4096 - big.size(), ' ');
  CHECK_OK(ConditionStatus(big, {{":v", 1}}));
  big.push_back(' ');
  REQUIRE_ERROR(ConditionStatus(big, {{":v", 1}}), kV,
                "Invalid ConditionExpression: Expression size has exceeded the maximum allowed "
                "size; expression size: 4097");
}

// Why: the 300-operator, 100-IN-operand and 32-level limits are DynamoDB's.
TEST_CASE("Parser: operator, IN and nesting limits", "[expr][parser][limits]") {
  auto ors = [](int comparisons) {
    std::string s = "a = :v";
    for (int i = 1; i < comparisons; ++i) s += " OR a = :v";
    return s;
  };
  CHECK_OK(ConditionStatus(ors(150), {{":v", 1}}));
  // 150 comparisons + 149 ORs = 299; 151 + 150 = 301.
  REQUIRE_ERROR(ConditionStatus(ors(151), {{":v", 1}}), kV,
                "Invalid ConditionExpression: The expression contains too many operators; "
                "operator count: 301");

  auto in_list = [](int n) {
    std::string s = "a IN (";
    for (int i = 0; i < n; ++i) s += i == 0 ? ":v" : ", :v";
    return s + ")";
  };
  CHECK_OK(ConditionStatus(in_list(100), {{":v", 1}}));
  REQUIRE_ERROR(ConditionStatus(in_list(101), {{":v", 1}}, {}, ExpressionKind::kFilter), kV,
                "Invalid FilterExpression: The IN operator is provided with too many operands; "
                "number of operands: 101");

  auto deep = [](int levels) {
    std::string s = "a";
    for (int i = 1; i < levels; ++i) s += ".b";
    return s;
  };
  CHECK_OK(ProjectionStatus(deep(32)));
  REQUIRE_ERROR(ProjectionStatus(deep(33)), kV,
                "Invalid ProjectionExpression: The document path has too many nesting levels; "
                "nesting levels: 33");
}

// Why: nesting is bounded so hostile input cannot exhaust the stack.
TEST_CASE("Parser: deep nesting is a syntax error, not a crash", "[expr][parser][limits]") {
  const std::string deep = std::string(250, '(') + "a = :v" + std::string(250, ')');
  REQUIRE_ERROR(ConditionStatus(deep, {{":v", 1}}), kV,
                "Invalid ConditionExpression: Syntax error; token: \"(\", near: \"(((\"");
  const std::string shallow = "(" + std::string(50, '(') + "a = :v" + std::string(51, ')');
  REQUIRE_ERROR(ConditionStatus(shallow, {{":v", 1}}), kV,
                "Invalid ConditionExpression: The expression has redundant parentheses;");
}

// Why: bare reserved words need a #placeholder; keywords are case-insensitive.
TEST_CASE("Parser: reserved words and keyword case", "[expr][parser]") {
  CHECK(IsReservedWord("status"));
  CHECK(IsReservedWord("STATUS"));
  CHECK(IsReservedWord("Size"));
  CHECK_FALSE(IsReservedWord("statuses"));
  REQUIRE_ERROR(ConditionStatus("Status = :v", {{":v", 1}}), kV,
                "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved "
                "keyword: Status");
  REQUIRE_ERROR(ProjectionStatus("a.name"), kV,
                "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved "
                "keyword: name");
  REQUIRE_ERROR(UpdateStatus("SET a = date", {}), kV,
                "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved "
                "keyword: date");
  CHECK_OK(ConditionStatus("#s = :v", {{":v", 1}}, {{"#s", "status"}}));
  CHECK_OK(UpdateStatus("sEt a = :v rEmOvE b", {{":v", 1}}));
  CHECK_OK(ConditionStatus("a = :v aNd NoT b = :v oR c bEtWeEn :v AnD :v", {{":v", 1}}));
}

// Why: DynamoDB rejects doubled parentheses but allows one pair anywhere.
TEST_CASE("Parser: redundant parentheses", "[expr][parser]") {
  const ExpressionAttributeValues v = {{":v", 1}};
  REQUIRE_ERROR(ConditionStatus("((a = :v))", v), kV,
                "Invalid ConditionExpression: The expression has redundant parentheses;");
  CHECK_OK(ConditionStatus("((a = :v) AND (b = :v))", v));
  CHECK_OK(ConditionStatus("(a = :v)", v));
  CHECK_OK(ConditionStatus("(a) = :v", v));
  CHECK_OK(ConditionStatus("NOT (a = :v)", v));
  CHECK_OK(UpdateStatus("SET a = (b + :v)", v));
  CHECK_OK(UpdateStatus("SET a = (b) + :v", v));
}

// Why: function names are case-sensitive and each function is allowed only in its place.
TEST_CASE("Parser: function names, placement and operand counts", "[expr][parser][functions]") {
  const ExpressionAttributeValues v = {{":v", "x"}, {":n", 1}};
  REQUIRE_ERROR(ConditionStatus("BegIns_WiTh(a, :v)", v, {}, ExpressionKind::kKeyCondition), kV,
                "Invalid KeyConditionExpression: Invalid function name; function: BegIns_WiTh");
  REQUIRE_ERROR(UpdateStatus("SET a = frobnicate(b)"), kV,
                "Invalid UpdateExpression: Invalid function name; function: frobnicate");
  REQUIRE_ERROR(ConditionStatus("size(a)"), kV,
                "Invalid ConditionExpression: The function is not allowed to be used this way in "
                "an expression; function: size");
  REQUIRE_ERROR(ConditionStatus("attribute_exists(a) < :n", v), kV,
                "Invalid ConditionExpression: The function is not allowed to be used this way in "
                "an expression; function: attribute_exists");
  REQUIRE_ERROR(ConditionStatus("if_not_exists(a, :n) = :n", v), kV,
                "Invalid ConditionExpression: The function is not allowed to be used this way in "
                "an expression; function: if_not_exists");
  REQUIRE_ERROR(UpdateStatus("SET a = size(b)"), kV,
                "Invalid UpdateExpression: The function is not allowed to be used this way in an "
                "expression; function: size");
  REQUIRE_ERROR(ConditionStatus("attribute_exists(a, b)"), kV,
                "Invalid ConditionExpression: Incorrect number of operands for operator or "
                "function; operator or function: attribute_exists, number of operands: 2");
  REQUIRE_ERROR(ConditionStatus("begins_with(a)"), kV,
                "Invalid ConditionExpression: Incorrect number of operands for operator or "
                "function; operator or function: begins_with, number of operands: 1");
  REQUIRE_ERROR(ConditionStatus("attribute_not_exists(:v)", v), kV,
                "Invalid ConditionExpression: Operator or function requires a document path; "
                "operator or function: attribute_not_exists");
  REQUIRE_ERROR(UpdateStatus("SET a = if_not_exists(:n, :n)", v), kV,
                "Invalid UpdateExpression: Operator or function requires a document path; "
                "operator or function: if_not_exists");
  REQUIRE_ERROR(UpdateStatus("SET a = list_append(b)"), kV,
                "Invalid UpdateExpression: Incorrect number of operands for operator or "
                "function; operator or function: list_append, number of operands: 1");
}

// Why: literal operands of the wrong type are rejected before any item is read.
TEST_CASE("Parser: literal operand types", "[expr][parser][functions]") {
  const ExpressionAttributeValues v = {{":s", "x"},        {":n", 1},          {":l", L({1})},
                                       {":ss", SS({"a"})}, {":m", M({})},      {":bool", true},
                                       {":t", "SS"},       {":bad", "STRING"}, {":n2", 2},
                                       {":s2", "y"},       {":null", Null()},  {":b", B("x")}};
  REQUIRE_ERROR(ConditionStatus("begins_with(a, :n)", v), kV,
                "Invalid ConditionExpression: Incorrect operand type for operator or function; "
                "operator or function: begins_with, operand type: N");
  CHECK_OK(ConditionStatus("begins_with(a, :b)", v));
  REQUIRE_ERROR(ConditionStatus("attribute_type(a, :n)", v), kV,
                "Invalid ConditionExpression: Incorrect operand type for operator or function; "
                "operator or function: attribute_type, operand type: N");
  REQUIRE_ERROR(ConditionStatus("attribute_type(a, :bad)", v), kV,
                "Invalid ConditionExpression: Invalid attribute type name found; type: STRING, "
                "valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
  CHECK_OK(ConditionStatus("attribute_type(a, :t)", v));
  REQUIRE_ERROR(ConditionStatus("size(:n) > :n", v), kV,
                "Invalid ConditionExpression: Incorrect operand type for operator or function; "
                "operator or function: size, operand type: N");
  REQUIRE_ERROR(ConditionStatus("size(:bool) > :n", v), kV,
                "Invalid ConditionExpression: Incorrect operand type for operator or function; "
                "operator or function: size, operand type: BOOL");
  CHECK_OK(ConditionStatus("size(:l) > :n", v));
  REQUIRE_ERROR(ConditionStatus("a BETWEEN :n AND :s", v), kV,
                "Invalid ConditionExpression: The BETWEEN operator requires same data type for "
                "lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound "
                "operand: AttributeValue: {S:x}");
  REQUIRE_ERROR(ConditionStatus("a BETWEEN :n2 AND :n", v), kV,
                "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be "
                "greater than or equal to lower bound; lower bound operand: AttributeValue: "
                "{N:2}, upper bound operand: AttributeValue: {N:1}");
  REQUIRE_ERROR(ConditionStatus("a BETWEEN :s2 AND :s", v), kV,
                "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be "
                "greater than or equal to lower bound; lower bound operand: AttributeValue: "
                "{S:y}, upper bound operand: AttributeValue: {S:x}");
  CHECK_OK(ConditionStatus("a BETWEEN :n AND :n", v));

  REQUIRE_ERROR(UpdateStatus("SET a = b + :s", v), kV,
                "Invalid UpdateExpression: Incorrect operand type for operator or function; "
                "operator or function: +, operand type: S");
  REQUIRE_ERROR(UpdateStatus("SET a = :l - b", v), kV,
                "Invalid UpdateExpression: Incorrect operand type for operator or function; "
                "operator or function: -, operand type: L");
  REQUIRE_ERROR(UpdateStatus("SET a = list_append(b, :m)", v), kV,
                "Invalid UpdateExpression: Incorrect operand type for operator or function; "
                "operator or function: list_append, operand type: M");
  REQUIRE_ERROR(UpdateStatus("ADD a :s", v), kV,
                "Invalid UpdateExpression: Incorrect operand type for operator or function; "
                "operator: ADD, operand type: STRING");
  REQUIRE_ERROR(UpdateStatus("ADD a :null", v), kV,
                "Invalid UpdateExpression: Incorrect operand type for operator or function; "
                "operator: ADD, operand type: NULL");
  REQUIRE_ERROR(UpdateStatus("DELETE a :n", v), kV,
                "Invalid UpdateExpression: Incorrect operand type for operator or function; "
                "operator: DELETE, operand type: NUMBER");
  CHECK_OK(UpdateStatus("ADD a :n, b :ss DELETE c :ss", v));
}

// Why: comparing a path with itself is rejected (operator named as written).
TEST_CASE("Parser: first operand must be distinct", "[expr][parser]") {
  REQUIRE_ERROR(ConditionStatus("a.b = a.b"), kV,
                "Invalid ConditionExpression: The first operand must be distinct from the "
                "remaining operands for this operator or function; operator: =, first operand: "
                "[a, b]");
  REQUIRE_ERROR(ConditionStatus("contains(#x, a)", {}, {{"#x", "a"}}), kV,
                "Invalid ConditionExpression: The first operand must be distinct from the "
                "remaining operands for this operator or function; operator: contains, first "
                "operand: [a]");
  CHECK_OK(ConditionStatus("a[0] = a[1]"));
}

// Why: undefined placeholders are reported with DynamoDB's texts, names before values.
TEST_CASE("Parser: undefined placeholders", "[expr][parser][placeholders]") {
  REQUIRE_ERROR(ConditionStatus("#missing = :v", {{":v", 1}}), kV,
                "Invalid ConditionExpression: An expression attribute name used in the document "
                "path is not defined; attribute name: #missing");
  REQUIRE_ERROR(UpdateStatus("SET a = :v"), kV,
                "Invalid UpdateExpression: An expression attribute value used in expression is "
                "not defined; attribute value: :v");
  REQUIRE_ERROR(ProjectionStatus("a, #b"), kV,
                "Invalid ProjectionExpression: An expression attribute name used in the document "
                "path is not defined; attribute name: #b");
  REQUIRE_ERROR(ConditionStatus("#n = :v"), kV,
                "Invalid ConditionExpression: An expression attribute name used in the document "
                "path is not defined; attribute name: #n");
}

// Why: every EAN/EAV entry must be used by some expression of the request.
TEST_CASE("UsageTracker: unused names and values across expressions", "[expr][placeholders]") {
  const ExpressionAttributeNames names = {{"#a", "a"}, {"#b", "b"}, {"#p", "p"}, {"#z", "z"}};
  const ExpressionAttributeValues values = {{":v", 1}, {":u", 2}, {":w", 3}};
  UsageTracker usage;
  REQUIRE_OK(ParseCondition("#a = :v", ExpressionKind::kCondition, names, values, &usage));
  REQUIRE_OK(ParseProjection("#p", names, &usage));
  REQUIRE_ERROR(usage.CheckAllUsed(names, values), kV,
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b, #z}");
  REQUIRE_OK(ParseUpdate("SET #b = :u, #z = :u", names, values, &usage));
  REQUIRE_ERROR(usage.CheckAllUsed(names, values), kV,
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}");
  REQUIRE_OK(ParseCondition("attribute_exists(#a) OR #a = :w", ExpressionKind::kCondition, names,
                            values, &usage));
  CHECK_OK(usage.CheckAllUsed(names, values));
}

// Why: placeholder keys must be "#"/":" plus name characters (the lexer's placeholder rule).
TEST_CASE("Placeholders: map keys are validated", "[expr][placeholders]") {
  CHECK_OK(ValidatePlaceholderKeys({{"#a_1", "x"}, {"#1", "y"}}, {{":v", 1}, {":_", 2}}));
  REQUIRE_ERROR(ValidatePlaceholderKeys({{"a", "x"}}, {}), kV,
                "ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"");
  REQUIRE_ERROR(ValidatePlaceholderKeys({{"#", "x"}}, {}), kV,
                "ExpressionAttributeNames contains invalid key: Syntax error; key: \"#\"");
  REQUIRE_ERROR(ValidatePlaceholderKeys({}, {{"loc", 1}}), kV,
                "ExpressionAttributeValues contains invalid key: Syntax error; key: \"loc\"");
  REQUIRE_ERROR(ValidatePlaceholderKeys({}, {{":a-b", 1}}), kV,
                "ExpressionAttributeValues contains invalid key: Syntax error; key: \":a-b\"");
}

// Why: overlapping or conflicting update paths are rejected, after placeholder resolution.
TEST_CASE("Parser: overlapping and conflicting update paths", "[expr][parser][update]") {
  const ExpressionAttributeValues v = {{":v", 1}, {":s", SS({"x"})}};
  REQUIRE_ERROR(UpdateStatus("SET a = :v, a.b = :v", v), kV,
                "Invalid UpdateExpression: Two document paths overlap with each other; must "
                "remove or rewrite one of these paths; path one: [a], path two: [a, b]");
  REQUIRE_ERROR(UpdateStatus("SET a = :v REMOVE a", v), kV,
                "Invalid UpdateExpression: Two document paths overlap with each other; must "
                "remove or rewrite one of these paths; path one: [a], path two: [a]");
  REQUIRE_ERROR(UpdateStatus("ADD string_set :s DELETE string_set :s", v), kV,
                "Invalid UpdateExpression: Two document paths overlap with each other; must "
                "remove or rewrite one of these paths; path one: [string_set], path two: "
                "[string_set]");
  REQUIRE_ERROR(UpdateStatus("SET a.c = :v REMOVE a[1]", v), kV,
                "Invalid UpdateExpression: Two document paths conflict with each other; must "
                "remove or rewrite one of these paths; path one: [a, c], path two: [a, [1]]");
  REQUIRE_ERROR(UpdateStatus("SET #x = :v REMOVE a", v, {{"#x", "a"}}), kV,
                "Invalid UpdateExpression: Two document paths overlap with each other; must "
                "remove or rewrite one of these paths; path one: [a], path two: [a]");
  // A placeholder is one component, even when its name contains a dot (MOTO-V quirk).
  CHECK_OK(UpdateStatus("SET string_set = :v, #n = :v", v, {{"#n", "string_set.nested"}}));
  CHECK_OK(UpdateStatus("SET a[1] = :v, a[2] = :v, b.c = :v, b.d = :v", v));
}

// Why: each clause keyword may appear once, in any order.
TEST_CASE("Parser: update clauses", "[expr][parser][update]") {
  const ExpressionAttributeValues v = {{":v", 1}};
  REQUIRE_ERROR(UpdateStatus("SET a = :v SET b = :v", v), kV,
                "Invalid UpdateExpression: The \"SET\" section can only be used once in an update "
                "expression;");
  REQUIRE_ERROR(UpdateStatus("REMOVE a ADD c :v REMOVE b", v), kV,
                "Invalid UpdateExpression: The \"REMOVE\" section can only be used once in an "
                "update expression;");
  CHECK_OK(UpdateStatus("REMOVE a ADD c :v SET b = :v", v));
}

// Why: overlap and duplicate checks apply to projections too.
TEST_CASE("Parser: projection paths", "[expr][parser][projection]") {
  CHECK_OK(ProjectionStatus("a, b.c, l[2].#x, l[0]", {{"#x", "x"}}));
  REQUIRE_ERROR(ProjectionStatus("a, a.b"), kV,
                "Invalid ProjectionExpression: Two document paths overlap with each other; must "
                "remove or rewrite one of these paths; path one: [a], path two: [a, b]");
  REQUIRE_ERROR(ProjectionStatus("a, a"), kV,
                "Invalid ProjectionExpression: Two document paths overlap with each other; must "
                "remove or rewrite one of these paths; path one: [a], path two: [a]");
  REQUIRE_ERROR(ProjectionStatus("a.b, a[3]"), kV,
                "Invalid ProjectionExpression: Two document paths conflict with each other; must "
                "remove or rewrite one of these paths; path one: [a, b], path two: [a, [3]]");
}

// Why: the cache must return the same tree for the same text and kind, and bind per request.
TEST_CASE("ExpressionCache: shares trees by kind and text", "[expr][cache]") {
  ExpressionCache cache(2);
  auto a = cache.GetOrParse("a = :v", ExpressionKind::kCondition);
  auto b = cache.GetOrParse("a = :v", ExpressionKind::kCondition);
  auto c = cache.GetOrParse("a = :v", ExpressionKind::kFilter);
  REQUIRE_OK(a);
  REQUIRE_OK(b);
  REQUIRE_OK(c);
  CHECK(a->get() == b->get());
  CHECK(a->get() != c->get());
  CHECK(cache.size() == 2);
  REQUIRE_ERROR(cache.GetOrParse("a = ", ExpressionKind::kCondition), kV,
                "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\"");
  CHECK(cache.size() == 2);  // errors are not cached

  // Two requests with different values share the tree but evaluate with their own values.
  const ExpressionAttributeValues one = {{":v", 1}};
  const ExpressionAttributeValues two = {{":v", 2}};
  auto p1 = ParseCondition("a = :v", ExpressionKind::kCondition, {}, one, nullptr, &cache);
  auto p2 = ParseCondition("a = :v", ExpressionKind::kCondition, {}, two, nullptr, &cache);
  REQUIRE_OK(p1);
  REQUIRE_OK(p2);
  CHECK(p1->ast == p2->ast);
  const Item item{{"a", 2}};
  CHECK_FALSE(EvaluateCondition(*p1, item));
  CHECK(EvaluateCondition(*p2, item));

  // A full table is cleared, not grown.
  REQUIRE_OK(cache.GetOrParse("b = :v", ExpressionKind::kCondition));
  REQUIRE_OK(cache.GetOrParse("c = :v", ExpressionKind::kCondition));
  CHECK(cache.size() <= 3);
}

// Why: the cache is shared by concurrent requests (run under TSan in CI).
TEST_CASE("ExpressionCache: concurrent use", "[expr][cache]") {
  ExpressionCache cache(8);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < 200; ++i) {
        std::string text = "a" + std::to_string((i + t) % 16) + " = :v";
        auto ast = cache.GetOrParse(text, ExpressionKind::kCondition);
        if (!ast.ok() || (*ast)->value_placeholders.size() != 1) std::abort();
      }
    });
  }
  for (std::thread& th : threads) th.join();
  CHECK(cache.size() <= 8);
}

}  // namespace
}  // namespace dynarock::expr
