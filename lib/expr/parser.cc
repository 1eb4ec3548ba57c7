// File: lib/expr/parser.cc
//
// Grammar (DynamoDB Developer Guide, "Condition and filter expressions", "Update expressions";
// shapes as dynalite's PEG grammars, which were checked against DynamoDB):
//
//   condition := and (OR and)*            and := not (AND not)*
//   not       := NOT primary | primary
//   primary   := '(' condition ')' | term comparator term | term BETWEEN term AND term
//              | term IN '(' term (',' term)* ')' | function-call
//   term      := '(' term ')' | ':v' | path | name '(' term (',' term)* ')'
//   path      := (name | '#n') ('.' (name | '#n') | '[' digits ']')*
//   update    := (SET set (',' set)* | REMOVE path (',' path)* | ADD path ':v' (, ...)*
//               | DELETE path ':v' (, ...)*)+
//   set       := path '=' ('(' value ')' | value)     value := term (('+' | '-') term)?
//   projection:= path (',' path)*
//
// A '(' in condition position opens a parenthesised operand when the token after its matching
// ')' is a comparator, BETWEEN or IN (a condition is never compared), else a parenthesised
// condition: one pass over the tokens pairs the parentheses, so there is no backtracking.
#include "lib/expr/parser.h"

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "dynarock/error.h"

#include "lib/base/status_macros.h"
#include "lib/expr/lexer.h"
#include "lib/expr/reserved_words.h"

#include "absl/strings/str_cat.h"

namespace dynarock::expr {

std::string_view ExpressionKindName(ExpressionKind kind) {
  switch (kind) {
    case ExpressionKind::kCondition:
      return "ConditionExpression";
    case ExpressionKind::kFilter:
      return "FilterExpression";
    case ExpressionKind::kKeyCondition:
      return "KeyConditionExpression";
    case ExpressionKind::kProjection:
      return "ProjectionExpression";
    case ExpressionKind::kUpdate:
      return "UpdateExpression";
  }
  return "Expression";
}

std::string_view ComparatorText(Comparator c) {
  switch (c) {
    case Comparator::kEq:
      return "=";
    case Comparator::kNe:
      return "<>";
    case Comparator::kLt:
      return "<";
    case Comparator::kLe:
      return "<=";
    case Comparator::kGt:
      return ">";
    case Comparator::kGe:
      return ">=";
  }
  return "=";
}

absl::Status ExpressionError(ExpressionKind kind, std::string_view message) {
  return MakeError(ErrorType::kValidation,
                   absl::StrCat("Invalid ", Av(ExpressionKindName(kind)), ": ", Av(message)));
}

namespace {

// Deeper nesting of parentheses/functions than this is reported as a syntax error at the token
// that would go deeper (keeps recursion bounded; DynamoDB's own limit is not documented).
constexpr int kMaxRecursion = 200;

// Parse-time semantic errors, reported by priority (per kind) after a successful syntax parse.
enum Category : uint8_t {
  kLimits,
  kParens,
  kUnknownFunction,
  kMisusedFunction,
  kReserved,
  kSection,
  kCategoryCount,
};

// A function call or operand as written, before it is known to be a condition or an operand.
struct Term {
  enum class Kind : uint8_t { kPath, kValue, kCall };
  Kind kind = Kind::kPath;
  Operand operand{};         // kPath, kValue
  std::string_view name{};   // kCall: the function name
  std::vector<Term> args{};  // kCall
};

enum class Function : uint8_t {
  kUnknown,
  kAttributeExists,
  kAttributeNotExists,
  kAttributeType,
  kBeginsWith,
  kContains,
  kSize,
  kIfNotExists,
  kListAppend,
};

Function LookupFunction(std::string_view name) {  // case-sensitive, as DynamoDB
  if (name == "attribute_exists") return Function::kAttributeExists;
  if (name == "attribute_not_exists") return Function::kAttributeNotExists;
  if (name == "attribute_type") return Function::kAttributeType;
  if (name == "begins_with") return Function::kBeginsWith;
  if (name == "contains") return Function::kContains;
  if (name == "size") return Function::kSize;
  if (name == "if_not_exists") return Function::kIfNotExists;
  if (name == "list_append") return Function::kListAppend;
  return Function::kUnknown;
}

bool EqualsUpper(std::string_view word, std::string_view upper) {
  if (word.size() != upper.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != upper[i]) return false;
  }
  return true;
}

class Parser {
 public:
  Parser(std::string_view text, ExpressionKind kind, Ast* ast)
      : text_(text), kind_(kind), ast_(ast) {}

  absl::Status Run() {
    Tokenize(text_, &tokens_);
    MatchParens();
    switch (kind_) {
      case ExpressionKind::kCondition:
      case ExpressionKind::kFilter:
      case ExpressionKind::kKeyCondition:
        DYNAROCK_RETURN_IF_ERROR(ParseOr(&ast_->condition));
        DYNAROCK_RETURN_IF_ERROR(ExpectEof());
        break;
      case ExpressionKind::kUpdate:
        DYNAROCK_RETURN_IF_ERROR(ParseUpdate());
        break;
      case ExpressionKind::kProjection:
        DYNAROCK_RETURN_IF_ERROR(ParseProjection());
        break;
    }
    if (operator_count_ > kMaxOperators) {
      Note(kLimits, absl::StrCat("The expression contains too many operators; operator count: ",
                                 operator_count_));
    }
    static constexpr std::array<Category, 5> kConditionOrder = {kLimits, kParens, kUnknownFunction,
                                                                kMisusedFunction, kReserved};
    static constexpr std::array<Category, 5> kUpdateOrder = {kLimits, kReserved, kUnknownFunction,
                                                             kMisusedFunction, kSection};
    static constexpr std::array<Category, 2> kProjectionOrder = {kLimits, kReserved};
    auto report = [&](auto order) -> absl::Status {
      for (Category c : order) {
        if (!errors_[c].empty()) return ExpressionError(kind_, errors_[c]);
      }
      return absl::OkStatus();
    };
    if (kind_ == ExpressionKind::kUpdate) return report(kUpdateOrder);
    if (kind_ == ExpressionKind::kProjection) return report(kProjectionOrder);
    return report(kConditionOrder);
  }

 private:
  // ---- tokens ----
  const Token& Cur() const { return tokens_[pos_]; }
  const Token& At(size_t i) const { return tokens_[std::min(i, tokens_.size() - 1)]; }
  TokenType CurType() const { return Cur().type; }
  std::string_view TextOf(const Token& t) const { return text_.substr(t.begin, t.end - t.begin); }
  bool IsKeyword(const Token& t, std::string_view upper) const {
    return t.type == TokenType::kIdentifier && EqualsUpper(TextOf(t), upper);
  }
  bool CurIsKeyword(std::string_view upper) const { return IsKeyword(Cur(), upper); }

  // Words that are grammar keywords in this kind of expression (never attribute names).
  bool IsGrammarKeyword(const Token& t) const {
    if (t.type != TokenType::kIdentifier) return false;
    if (kind_ == ExpressionKind::kUpdate) {
      return IsKeyword(t, "SET") || IsKeyword(t, "REMOVE") || IsKeyword(t, "ADD") ||
             IsKeyword(t, "DELETE");
    }
    if (kind_ == ExpressionKind::kProjection) return false;
    return IsKeyword(t, "AND") || IsKeyword(t, "OR") || IsKeyword(t, "NOT") ||
           IsKeyword(t, "BETWEEN") || IsKeyword(t, "IN");
  }

  void MatchParens() {
    match_.assign(tokens_.size(), 0);
    std::vector<size_t> open;
    for (size_t i = 0; i < tokens_.size(); ++i) {
      if (tokens_[i].type == TokenType::kLParen) {
        open.push_back(i);
      } else if (tokens_[i].type == TokenType::kRParen && !open.empty()) {
        match_[open.back()] = i;
        open.pop_back();
      }
    }
  }
  // Index of the ')' matching the '(' at i, or 0 if unmatched.
  size_t MatchOf(size_t i) const { return match_[i]; }

  absl::Status SyntaxError() const {
    const Token& tok = Cur();
    std::string_view token_text = tok.type == TokenType::kEof ? "<EOF>" : TextOf(tok);
    size_t begin = tok.begin;
    size_t end = tok.end;
    if (pos_ > 0) begin = tokens_[pos_ - 1].begin;
    if (tok.type == TokenType::kEof) {
      end = pos_ > 0 ? tokens_[pos_ - 1].end : tok.end;
    } else if (pos_ + 1 < tokens_.size() && tokens_[pos_ + 1].type != TokenType::kEof) {
      end = tokens_[pos_ + 1].end;
    }
    std::string_view window = text_.substr(begin, end - begin);
    return ExpressionError(
        kind_, absl::StrCat("Syntax error; token: \"",
                            absl::string_view(token_text.data(), token_text.size()), "\", near: \"",
                            absl::string_view(window.data(), window.size()), "\""));
  }

  absl::Status Expect(TokenType type) {
    if (CurType() != type) return SyntaxError();
    ++pos_;
    return absl::OkStatus();
  }
  absl::Status ExpectEof() {
    return CurType() == TokenType::kEof ? absl::OkStatus() : SyntaxError();
  }

  void Note(Category c, std::string message) {
    if (errors_[c].empty()) errors_[c] = std::move(message);
  }
  void NoteDeferred(std::string message) {
    if (ast_->deferred_error.empty()) ast_->deferred_error = std::move(message);
  }

  // RAII guard bounding recursion depth.
  struct DepthGuard {
    explicit DepthGuard(int* depth) : depth_(depth) { ++*depth_; }
    ~DepthGuard() { --*depth_; }
    int* depth_;
  };

  // ---- placeholders ----
  static uint32_t Slot(std::vector<std::string>* slots, std::string_view placeholder) {
    for (size_t i = 0; i < slots->size(); ++i) {
      if ((*slots)[i] == placeholder) return static_cast<uint32_t>(i);
    }
    slots->emplace_back(placeholder);
    return static_cast<uint32_t>(slots->size() - 1);
  }

  // ---- paths ----
  absl::Status ParseNameElement(Path* path) {
    const Token& t = Cur();
    PathElement e;
    if (t.type == TokenType::kNamePlaceholder) {
      e.kind = PathElement::Kind::kNamePlaceholder;
      e.value = Slot(&ast_->name_placeholders, TextOf(t));
    } else if (t.type == TokenType::kIdentifier && !IsGrammarKeyword(t)) {
      e.kind = PathElement::Kind::kName;
      e.name = std::string(TextOf(t));
      if (IsReservedWord(e.name)) {
        Note(kReserved,
             absl::StrCat("Attribute name is a reserved keyword; reserved keyword: ", e.name));
      }
    } else {
      return SyntaxError();
    }
    ++pos_;
    path->push_back(std::move(e));
    return absl::OkStatus();
  }

  absl::Status ParsePath(Path* path) {
    DYNAROCK_RETURN_IF_ERROR(ParseNameElement(path));
    for (;;) {
      if (CurType() == TokenType::kDot) {
        ++pos_;
        DYNAROCK_RETURN_IF_ERROR(ParseNameElement(path));
      } else if (CurType() == TokenType::kLBracket) {
        ++pos_;
        if (CurType() != TokenType::kNumber) return SyntaxError();
        std::string_view digits = TextOf(Cur());
        uint64_t index = 0;
        for (char c : digits) {
          index = index * 10 + static_cast<uint64_t>(c - '0');
          if (index > 0xFFFFFFFFu) return SyntaxError();
        }
        ++pos_;
        DYNAROCK_RETURN_IF_ERROR(Expect(TokenType::kRBracket));
        PathElement e;
        e.kind = PathElement::Kind::kIndex;
        e.value = static_cast<uint32_t>(index);
        path->push_back(std::move(e));
      } else {
        break;
      }
    }
    if (path->size() > static_cast<size_t>(kMaxPathDepth)) {
      Note(kLimits, absl::StrCat("The document path has too many nesting levels; nesting levels: ",
                                 path->size()));
    }
    return absl::OkStatus();
  }

  // ---- terms ----
  // term := '(' term ')' | ':v' | path | name '(' args ')'
  absl::Status ParseTermParens(Term* term) {
    DepthGuard guard(&depth_);
    if (depth_ > kMaxRecursion) return SyntaxError();
    if (CurType() == TokenType::kLParen) {
      CheckRedundant(pos_);
      ++pos_;
      DYNAROCK_RETURN_IF_ERROR(ParseTermParens(term));
      return Expect(TokenType::kRParen);
    }
    return ParseTerm(term);
  }

  absl::Status ParseTerm(Term* term) {
    const Token& t = Cur();
    if (t.type == TokenType::kValuePlaceholder) {
      term->kind = Term::Kind::kValue;
      term->operand.kind = OperandKind::kValue;
      term->operand.slot = Slot(&ast_->value_placeholders, TextOf(t));
      ++pos_;
      return absl::OkStatus();
    }
    if (t.type == TokenType::kIdentifier && !IsGrammarKeyword(t) &&
        At(pos_ + 1).type == TokenType::kLParen) {
      term->kind = Term::Kind::kCall;
      term->name = TextOf(t);
      ++operator_count_;
      pos_ += 2;
      for (;;) {
        Term arg;
        DYNAROCK_RETURN_IF_ERROR(ParseTermParens(&arg));
        term->args.push_back(std::move(arg));
        if (CurType() == TokenType::kComma) {
          ++pos_;
          continue;
        }
        return Expect(TokenType::kRParen);
      }
    }
    term->kind = Term::Kind::kPath;
    term->operand.kind = OperandKind::kPath;
    return ParsePath(&term->operand.path);
  }

  // '(' at i directly wrapping another '(' ... ')' : "((x))".
  void CheckRedundant(size_t i) {
    size_t close = MatchOf(i);
    if (close != 0 && At(i + 1).type == TokenType::kLParen && MatchOf(i + 1) + 1 == close) {
      Note(kParens, "The expression has redundant parentheses;");
    }
  }

  static std::string MisusedMessage(std::string_view name) {
    return absl::StrCat(
        "The function is not allowed to be used this way in an expression; "
        "function: ",
        absl::string_view(name.data(), name.size()));
  }

  void CountMessage(std::string_view name, size_t count) {
    NoteDeferred(
        absl::StrCat("Incorrect number of operands for operator or function; operator or "
                     "function: ",
                     absl::string_view(name.data(), name.size()), ", number of operands: ", count));
  }

  // Checks a call's function name for this expression kind; returns its Function.
  Function CheckCallName(const Term& call) {
    Function f = LookupFunction(call.name);
    if (f == Function::kUnknown) {
      Note(kUnknownFunction, absl::StrCat("Invalid function name; function: ",
                                          absl::string_view(call.name.data(), call.name.size())));
    }
    return f;
  }

  // A term in operand position: path, value, or (conditions) size(), (updates) if_not_exists()
  // and list_append().
  void ToOperand(Term&& term, Operand* out) {
    if (term.kind != Term::Kind::kCall) {
      *out = std::move(term.operand);
      return;
    }
    Function f = CheckCallName(term);
    const bool update = kind_ == ExpressionKind::kUpdate;
    size_t want = 0;
    switch (f) {
      case Function::kSize:
        if (update) Note(kMisusedFunction, MisusedMessage(term.name));
        out->kind = OperandKind::kSize;
        want = 1;
        break;
      case Function::kIfNotExists:
        if (!update) Note(kMisusedFunction, MisusedMessage(term.name));
        out->kind = OperandKind::kIfNotExists;
        want = 2;
        break;
      case Function::kListAppend:
        if (!update) Note(kMisusedFunction, MisusedMessage(term.name));
        out->kind = OperandKind::kListAppend;
        want = 2;
        break;
      case Function::kUnknown:
        out->kind = OperandKind::kValue;  // placeholder node; the parse fails anyway
        break;
      default:  // a boolean function used as an operand
        Note(kMisusedFunction, MisusedMessage(term.name));
        out->kind = OperandKind::kValue;
        break;
    }
    if (want != 0 && term.args.size() != want) CountMessage(term.name, term.args.size());
    if (f == Function::kIfNotExists && !term.args.empty() &&
        term.args[0].kind != Term::Kind::kPath) {
      NoteDeferred(
          "Operator or function requires a document path; operator or function: "
          "if_not_exists");
    }
    for (Term& arg : term.args) {
      out->args.emplace_back();
      ToOperand(std::move(arg), &out->args.back());
    }
    if (out->kind == OperandKind::kValue) out->args.clear();
  }

  // ---- conditions ----
  absl::Status ParseOr(Condition* out) {
    DepthGuard guard(&depth_);
    if (depth_ > kMaxRecursion) return SyntaxError();
    DYNAROCK_RETURN_IF_ERROR(ParseAnd(out));
    while (CurIsKeyword("OR")) {
      ++pos_;
      ++operator_count_;
      Condition rhs;
      DYNAROCK_RETURN_IF_ERROR(ParseAnd(&rhs));
      Combine(ConditionKind::kOr, out, std::move(rhs));
    }
    return absl::OkStatus();
  }

  absl::Status ParseAnd(Condition* out) {
    DYNAROCK_RETURN_IF_ERROR(ParseNot(out));
    while (CurIsKeyword("AND")) {
      ++pos_;
      ++operator_count_;
      Condition rhs;
      DYNAROCK_RETURN_IF_ERROR(ParseNot(&rhs));
      Combine(ConditionKind::kAnd, out, std::move(rhs));
    }
    return absl::OkStatus();
  }

  static void Combine(ConditionKind kind, Condition* lhs, Condition&& rhs) {
    Condition node;
    node.kind = kind;
    node.children.reserve(2);
    node.children.push_back(std::move(*lhs));
    node.children.push_back(std::move(rhs));
    *lhs = std::move(node);
  }

  absl::Status ParseNot(Condition* out) {
    if (CurIsKeyword("NOT")) {
      ++pos_;
      ++operator_count_;
      out->kind = ConditionKind::kNot;
      out->children.emplace_back();
      return ParsePrimary(&out->children.back());
    }
    return ParsePrimary(out);
  }

  bool StartsComparison(const Token& t) const {
    switch (t.type) {
      case TokenType::kEq:
      case TokenType::kNe:
      case TokenType::kLt:
      case TokenType::kLe:
      case TokenType::kGt:
      case TokenType::kGe:
        return true;
      default:
        return IsKeyword(t, "BETWEEN") || IsKeyword(t, "IN");
    }
  }

  absl::Status ParsePrimary(Condition* out) {
    if (CurType() == TokenType::kLParen) {
      size_t close = MatchOf(pos_);
      if (close == 0 || !StartsComparison(At(close + 1))) {
        CheckRedundant(pos_);
        ++pos_;
        DYNAROCK_RETURN_IF_ERROR(ParseOr(out));
        return Expect(TokenType::kRParen);
      }
    }
    Term lhs;
    DYNAROCK_RETURN_IF_ERROR(ParseTermParens(&lhs));
    const TokenType type = CurType();
    Comparator comparator = Comparator::kEq;
    bool is_comparator = true;
    switch (type) {
      case TokenType::kEq:
        comparator = Comparator::kEq;
        break;
      case TokenType::kNe:
        comparator = Comparator::kNe;
        break;
      case TokenType::kLt:
        comparator = Comparator::kLt;
        break;
      case TokenType::kLe:
        comparator = Comparator::kLe;
        break;
      case TokenType::kGt:
        comparator = Comparator::kGt;
        break;
      case TokenType::kGe:
        comparator = Comparator::kGe;
        break;
      default:
        is_comparator = false;
        break;
    }
    if (is_comparator) {
      ++pos_;
      ++operator_count_;
      Term rhs;
      DYNAROCK_RETURN_IF_ERROR(ParseTermParens(&rhs));
      out->kind = ConditionKind::kCompare;
      out->comparator = comparator;
      out->operands.resize(2);
      ToOperand(std::move(lhs), &out->operands[0]);
      ToOperand(std::move(rhs), &out->operands[1]);
      return absl::OkStatus();
    }
    if (CurIsKeyword("BETWEEN")) {
      ++pos_;
      ++operator_count_;
      Term lo;
      Term hi;
      DYNAROCK_RETURN_IF_ERROR(ParseTermParens(&lo));
      if (!CurIsKeyword("AND")) return SyntaxError();
      ++pos_;
      DYNAROCK_RETURN_IF_ERROR(ParseTermParens(&hi));
      out->kind = ConditionKind::kBetween;
      out->operands.resize(3);
      ToOperand(std::move(lhs), &out->operands[0]);
      ToOperand(std::move(lo), &out->operands[1]);
      ToOperand(std::move(hi), &out->operands[2]);
      return absl::OkStatus();
    }
    if (CurIsKeyword("IN")) {
      ++pos_;
      ++operator_count_;
      DYNAROCK_RETURN_IF_ERROR(Expect(TokenType::kLParen));
      out->kind = ConditionKind::kIn;
      out->operands.emplace_back();
      ToOperand(std::move(lhs), &out->operands.back());
      for (;;) {
        Term item;
        DYNAROCK_RETURN_IF_ERROR(ParseTermParens(&item));
        out->operands.emplace_back();
        ToOperand(std::move(item), &out->operands.back());
        if (CurType() == TokenType::kComma) {
          ++pos_;
          continue;
        }
        DYNAROCK_RETURN_IF_ERROR(Expect(TokenType::kRParen));
        break;
      }
      const size_t count = out->operands.size() - 1;
      if (count > static_cast<size_t>(kMaxInOperands)) {
        Note(kLimits, absl::StrCat("The IN operator is provided with too many operands; number "
                                   "of operands: ",
                                   count));
      }
      return absl::OkStatus();
    }
    // A condition on its own: must be a boolean function call.
    if (lhs.kind != Term::Kind::kCall) return SyntaxError();
    return ToConditionCall(std::move(lhs), out);
  }

  absl::Status ToConditionCall(Term&& call, Condition* out) {
    Function f = CheckCallName(call);
    size_t want = 2;
    switch (f) {
      case Function::kAttributeExists:
        out->kind = ConditionKind::kAttributeExists;
        want = 1;
        break;
      case Function::kAttributeNotExists:
        out->kind = ConditionKind::kAttributeNotExists;
        want = 1;
        break;
      case Function::kAttributeType:
        out->kind = ConditionKind::kAttributeType;
        break;
      case Function::kBeginsWith:
        out->kind = ConditionKind::kBeginsWith;
        break;
      case Function::kContains:
        out->kind = ConditionKind::kContains;
        break;
      case Function::kUnknown:
        return absl::OkStatus();  // reported by category
      default:                    // size, if_not_exists, list_append are not conditions
        Note(kMisusedFunction, MisusedMessage(call.name));
        return absl::OkStatus();
    }
    if (call.args.size() != want) CountMessage(call.name, call.args.size());
    if (want == 1 && !call.args.empty() && call.args[0].kind != Term::Kind::kPath) {
      NoteDeferred(
          absl::StrCat("Operator or function requires a document path; operator or "
                       "function: ",
                       absl::string_view(call.name.data(), call.name.size())));
    }
    for (Term& arg : call.args) {
      out->operands.emplace_back();
      ToOperand(std::move(arg), &out->operands.back());
    }
    return absl::OkStatus();
  }

  // ---- updates ----
  absl::Status ParseUpdate() {
    std::array<bool, 4> seen = {false, false, false, false};
    static constexpr std::array<std::string_view, 4> kSections = {"SET", "REMOVE", "ADD", "DELETE"};
    do {
      size_t section = 4;
      for (size_t i = 0; i < kSections.size(); ++i) {
        if (CurIsKeyword(kSections[i])) section = i;
      }
      if (section == 4) return SyntaxError();
      if (seen[section]) {
        Note(kSection, absl::StrCat("The \"", Av(kSections[section]),
                                    "\" section can only be used once in an update expression;"));
      }
      seen[section] = true;
      ++pos_;
      const auto kind = static_cast<UpdateActionKind>(section);
      for (;;) {
        DYNAROCK_RETURN_IF_ERROR(ParseAction(kind));
        if (CurType() != TokenType::kComma) break;
        ++pos_;
      }
    } while (CurType() != TokenType::kEof);
    return absl::OkStatus();
  }

  absl::Status ParseAction(UpdateActionKind kind) {
    UpdateAction action;
    action.kind = kind;
    DYNAROCK_RETURN_IF_ERROR(ParsePath(&action.path));
    switch (kind) {
      case UpdateActionKind::kSet:
        DYNAROCK_RETURN_IF_ERROR(Expect(TokenType::kEq));
        DYNAROCK_RETURN_IF_ERROR(ParseSetValue(&action.value));
        break;
      case UpdateActionKind::kRemove:
        break;
      case UpdateActionKind::kAdd:
      case UpdateActionKind::kDelete:
        if (CurType() != TokenType::kValuePlaceholder) return SyntaxError();
        action.value.kind = OperandKind::kValue;
        action.value.slot = Slot(&ast_->value_placeholders, TextOf(Cur()));
        ++pos_;
        break;
    }
    ast_->actions.push_back(std::move(action));
    return absl::OkStatus();
  }

  // value := '(' value ')' | term (('+' | '-') term)?
  absl::Status ParseSetValue(Operand* out) {
    DepthGuard guard(&depth_);
    if (depth_ > kMaxRecursion) return SyntaxError();
    if (CurType() == TokenType::kLParen) {
      size_t close = MatchOf(pos_);
      const TokenType after = At(close + 1).type;
      if (close == 0 || (after != TokenType::kPlus && after != TokenType::kMinus)) {
        ++pos_;
        DYNAROCK_RETURN_IF_ERROR(ParseSetValue(out));
        return Expect(TokenType::kRParen);
      }
    }
    Term lhs;
    DYNAROCK_RETURN_IF_ERROR(ParseTermParens(&lhs));
    if (CurType() == TokenType::kPlus || CurType() == TokenType::kMinus) {
      out->kind = CurType() == TokenType::kPlus ? OperandKind::kPlus : OperandKind::kMinus;
      ++pos_;
      ++operator_count_;
      Term rhs;
      DYNAROCK_RETURN_IF_ERROR(ParseTermParens(&rhs));
      out->args.resize(2);
      ToOperand(std::move(lhs), &out->args[0]);
      ToOperand(std::move(rhs), &out->args[1]);
      return absl::OkStatus();
    }
    ToOperand(std::move(lhs), out);
    return absl::OkStatus();
  }

  // ---- projections ----
  absl::Status ParseProjection() {
    for (;;) {
      ast_->projection.emplace_back();
      DYNAROCK_RETURN_IF_ERROR(ParsePath(&ast_->projection.back()));
      if (CurType() != TokenType::kComma) break;
      ++pos_;
    }
    return ExpectEof();
  }

  std::string_view text_;
  ExpressionKind kind_;
  Ast* ast_;
  std::vector<Token> tokens_;
  std::vector<size_t> match_;
  size_t pos_ = 0;
  int depth_ = 0;
  int operator_count_ = 0;
  std::array<std::string, kCategoryCount> errors_{};
};

bool IsBlank(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<std::shared_ptr<const Ast>> Parse(std::string_view text, ExpressionKind kind) {
  if (text.size() > kMaxExpressionBytes) {
    return ExpressionError(
        kind, absl::StrCat("Expression size has exceeded the maximum allowed size; expression "
                           "size: ",
                           text.size()));
  }
  if (IsBlank(text)) return ExpressionError(kind, "The expression can not be empty;");
  auto ast = std::make_shared<Ast>();
  ast->kind = kind;
  Parser parser(text, kind, ast.get());
  DYNAROCK_RETURN_IF_ERROR(parser.Run());
  return std::shared_ptr<const Ast>(std::move(ast));
}

}  // namespace dynarock::expr
