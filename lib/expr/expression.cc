// File: lib/expr/expression.cc
//
// Cache, placeholder binding and the bind-time checks of conditions, updates and projections.
#include "lib/expr/expression.h"

#include <mutex>
#include <string>
#include <utility>

#include "dynarock/error.h"

#include "lib/base/status_macros.h"
#include "lib/expr/bind.h"
#include "lib/expr/parser.h"
#include "lib/value/base64.h"

#include "absl/strings/str_cat.h"

namespace dynarock::expr {

// ---- cache ----

ExpressionCache& ExpressionCache::Default() {
  static ExpressionCache* cache = new ExpressionCache();
  return *cache;
}

absl::StatusOr<std::shared_ptr<const Ast>> ExpressionCache::GetOrParse(std::string_view text,
                                                                       ExpressionKind kind) {
  const auto k = static_cast<size_t>(kind);
  const absl::string_view key(text.data(), text.size());
  {
    std::shared_lock<std::shared_mutex> lock(mu_);
    auto it = tables_[k].find(key);
    if (it != tables_[k].end()) return it->second;
  }
  DYNAROCK_ASSIGN_OR_RETURN(std::shared_ptr<const Ast> ast, Parse(text, kind));
  std::unique_lock<std::shared_mutex> lock(mu_);
  if (tables_[k].size() >= capacity_) tables_[k].clear();
  tables_[k].emplace(std::string(text), ast);
  return ast;
}

size_t ExpressionCache::size() const {
  std::shared_lock<std::shared_mutex> lock(mu_);
  size_t n = 0;
  for (const auto& t : tables_) n += t.size();
  return n;
}

void ExpressionCache::Clear() {
  std::unique_lock<std::shared_mutex> lock(mu_);
  for (auto& t : tables_) t.clear();
}

// ---- usage ----

absl::Status UsageTracker::CheckAllUsed(const ExpressionAttributeNames& names,
                                        const ExpressionAttributeValues& values) const {
  auto check = [&](const auto& map, std::string_view what) -> absl::Status {
    std::string keys;
    for (const auto& [key, unused] : map) {
      if (used_.contains(static_cast<const void*>(&key))) continue;
      if (!keys.empty()) keys += ", ";
      keys += key;
    }
    if (keys.empty()) return absl::OkStatus();
    return MakeError(ErrorType::kValidation,
                     absl::StrCat("Value provided in ", absl::string_view(what.data(), what.size()),
                                  " unused in expressions: keys: {", keys, "}"));
  };
  DYNAROCK_RETURN_IF_ERROR(check(names, "ExpressionAttributeNames"));
  return check(values, "ExpressionAttributeValues");
}

absl::Status ValidatePlaceholderKeys(const ExpressionAttributeNames& names,
                                     const ExpressionAttributeValues& values) {
  auto valid = [](std::string_view key, char sigil) {
    if (key.size() < 2 || key[0] != sigil) return false;
    for (char c : key.substr(1)) {
      const bool ok =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      if (!ok) return false;
    }
    return true;
  };
  for (const auto& [key, unused] : names) {
    if (!valid(key, '#')) {
      return MakeError(ErrorType::kValidation,
                       absl::StrCat("ExpressionAttributeNames contains invalid key: Syntax error; "
                                    "key: \"",
                                    key, "\""));
    }
  }
  for (const auto& [key, unused] : values) {
    if (!valid(key, ':')) {
      return MakeError(ErrorType::kValidation,
                       absl::StrCat("ExpressionAttributeValues contains invalid key: Syntax error; "
                                    "key: \"",
                                    key, "\""));
    }
  }
  return absl::OkStatus();
}

// ---- paths ----

std::string PathToString(const ResolvedPath& path) {
  std::string out = "[";
  for (size_t i = 0; i < path.size(); ++i) {
    if (i > 0) out += ", ";
    if (path[i].is_index) {
      absl::StrAppend(&out, "[", path[i].index, "]");
    } else {
      out.append(path[i].name);
    }
  }
  out += "]";
  return out;
}

namespace internal {

absl::Status BindPlaceholders(const Ast& ast, const ExpressionAttributeNames& names,
                              const ExpressionAttributeValues& values, UsageTracker* usage,
                              Bindings* out) {
  out->names.resize(ast.name_placeholders.size());
  for (size_t i = 0; i < ast.name_placeholders.size(); ++i) {
    auto it = names.find(ast.name_placeholders[i]);
    if (it == names.end()) {
      return ExpressionError(ast.kind, absl::StrCat("An expression attribute name used in the "
                                                    "document path is not defined; attribute "
                                                    "name: ",
                                                    ast.name_placeholders[i]));
    }
    if (usage != nullptr) usage->MarkUsed(&it->first);
    out->names[i] = &it->second;
  }
  out->values.resize(ast.value_placeholders.size());
  for (size_t i = 0; i < ast.value_placeholders.size(); ++i) {
    auto it = values.find(ast.value_placeholders[i]);
    if (it == values.end()) {
      return ExpressionError(ast.kind, absl::StrCat("An expression attribute value used in "
                                                    "expression is not defined; attribute "
                                                    "value: ",
                                                    ast.value_placeholders[i]));
    }
    if (usage != nullptr) usage->MarkUsed(&it->first);
    out->values[i] = &it->second;
  }
  return absl::OkStatus();
}

ResolvedPath Resolve(const Path& path, const Bindings& b) {
  ResolvedPath out;
  out.reserve(path.size());
  for (const PathElement& e : path) {
    if (e.kind == PathElement::Kind::kIndex) {
      out.push_back(PathStep{{}, e.value, true});
    } else {
      out.push_back(PathStep{ElementName(e, b), 0, false});
    }
  }
  return out;
}

const AttributeValue* Find(const Item& item, const Path& path, const Bindings& b) {
  if (path.empty()) return nullptr;
  auto it = item.find(ElementName(path[0], b));
  if (it == item.end()) return nullptr;
  const AttributeValue* cur = &it->second;
  for (size_t i = 1; i < path.size(); ++i) {
    const PathElement& e = path[i];
    if (e.kind == PathElement::Kind::kIndex) {
      const AttributeList* l = cur->if_l();
      if (l == nullptr || e.value >= l->size()) return nullptr;
      cur = &(*l)[e.value];
    } else {
      const AttributeMap* m = cur->if_m();
      if (m == nullptr) return nullptr;
      auto mit = m->find(ElementName(e, b));
      if (mit == m->end()) return nullptr;
      cur = &mit->second;
    }
  }
  return cur;
}

const AttributeValue* Find(const Item& item, const ResolvedPath& path) {
  if (path.empty() || path[0].is_index) return nullptr;
  auto it = item.find(path[0].name);
  if (it == item.end()) return nullptr;
  const AttributeValue* cur = &it->second;
  for (size_t i = 1; i < path.size(); ++i) {
    if (path[i].is_index) {
      const AttributeList* l = cur->if_l();
      if (l == nullptr || path[i].index >= l->size()) return nullptr;
      cur = &(*l)[path[i].index];
    } else {
      const AttributeMap* m = cur->if_m();
      if (m == nullptr) return nullptr;
      auto mit = m->find(path[i].name);
      if (mit == m->end()) return nullptr;
      cur = &mit->second;
    }
  }
  return cur;
}

std::optional<ValueType> StaticType(const Operand& op, const Bindings& b) {
  if (op.kind == OperandKind::kValue) return b.values[op.slot]->type();
  if (op.kind == OperandKind::kSize || op.kind == OperandKind::kPlus ||
      op.kind == OperandKind::kMinus) {
    return ValueType::kN;
  }
  if (op.kind == OperandKind::kListAppend) return ValueType::kL;
  return std::nullopt;
}

std::string CheckOverlaps(const std::vector<ResolvedPath>& paths) {
  std::string conflict;
  for (size_t j = 1; j < paths.size(); ++j) {
    const ResolvedPath& two = paths[j];
    for (size_t i = 0; i < j; ++i) {
      const ResolvedPath& one = paths[i];
      bool prefix = true;
      for (size_t k = 0; k < one.size() && k < two.size(); ++k) {
        if (one[k].is_index != two[k].is_index) {
          if (conflict.empty()) {
            conflict = absl::StrCat(
                "Two document paths conflict with each other; must remove or "
                "rewrite one of these paths; path one: ",
                PathToString(one), ", path two: ", PathToString(two));
          }
          prefix = false;
          break;
        }
        if (one[k].is_index ? one[k].index != two[k].index : one[k].name != two[k].name) {
          prefix = false;
          break;
        }
      }
      if (prefix) {
        return absl::StrCat(
            "Two document paths overlap with each other; must remove or rewrite "
            "one of these paths; path one: ",
            PathToString(one), ", path two: ", PathToString(two));
      }
    }
  }
  return conflict;
}

}  // namespace internal

namespace {

using internal::StaticType;

absl::StatusOr<std::shared_ptr<const Ast>> GetAst(std::string_view text, ExpressionKind kind,
                                                  ExpressionCache* cache) {
  return (cache != nullptr ? cache : &ExpressionCache::Default())->GetOrParse(text, kind);
}

// Renders a literal as DynamoDB's BETWEEN messages do: "{N:1}", "{S:a}".
std::string RenderLiteral(const AttributeValue& v) {
  std::string out = absl::StrCat("{", std::string(ValueTypeName(v.type())), ":");
  switch (v.type()) {
    case ValueType::kS:
      out += v.s();
      break;
    case ValueType::kN:
      v.n().AppendTo(&out);
      break;
    case ValueType::kB:
      value::AppendBase64(v.b().data, &out);
      break;
    default:
      out += ToDebugString(v);
      break;
  }
  out += "}";
  return out;
}

int CompareScalars(const AttributeValue& a, const AttributeValue& b) {
  if (a.is_n()) {
    auto c = a.n() <=> b.n();
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  std::string_view x = a.is_s() ? std::string_view(a.s()) : std::string_view(a.b().data);
  std::string_view y = b.is_s() ? std::string_view(b.s()) : std::string_view(b.b().data);
  const size_t n = std::min(x.size(), y.size());
  for (size_t i = 0; i < n; ++i) {
    auto cx = static_cast<unsigned char>(x[i]);
    auto cy = static_cast<unsigned char>(y[i]);
    if (cx != cy) return cx < cy ? -1 : 1;
  }
  if (x.size() == y.size()) return 0;
  return x.size() < y.size() ? -1 : 1;
}

bool SamePath(const Operand& a, const Operand& b, const Bindings& bindings) {
  if (a.kind != OperandKind::kPath || b.kind != OperandKind::kPath) return false;
  if (a.path.size() != b.path.size()) return false;
  for (size_t i = 0; i < a.path.size(); ++i) {
    const PathElement& x = a.path[i];
    const PathElement& y = b.path[i];
    const bool xi = x.kind == PathElement::Kind::kIndex;
    const bool yi = y.kind == PathElement::Kind::kIndex;
    if (xi != yi) return false;
    if (xi ? x.value != y.value
           : internal::ElementName(x, bindings) != internal::ElementName(y, bindings)) {
      return false;
    }
  }
  return true;
}

// Bind-time checks of conditions, collected by category as DynamoDB orders them: "distinct"
// errors before operand-type ("function") errors.
class ConditionChecker {
 public:
  ConditionChecker(const Bindings& b) : b_(b) {}  // NOLINT

  void Check(const Condition& c) {
    for (const Condition& child : c.children) Check(child);
    for (const Operand& op : c.operands) CheckOperand(op);
    std::string_view name;
    switch (c.kind) {
      case ConditionKind::kCompare:
        name = ComparatorText(c.comparator);
        break;
      case ConditionKind::kAttributeType:
        name = "attribute_type";
        break;
      case ConditionKind::kBeginsWith:
        name = "begins_with";
        break;
      case ConditionKind::kContains:
        name = "contains";
        break;
      default:
        break;
    }
    if (!name.empty() && c.operands.size() == 2 && distinct_.empty() &&
        SamePath(c.operands[0], c.operands[1], b_)) {
      distinct_ = absl::StrCat(
          "The first operand must be distinct from the remaining operands "
          "for this operator or function; operator: ",
          absl::string_view(name.data(), name.size()),
          ", first operand: ", PathToString(internal::Resolve(c.operands[0].path, b_)));
    }
    if (!function_.empty()) return;
    if (c.kind == ConditionKind::kBeginsWith) {
      for (const Operand& op : c.operands) {
        auto t = StaticType(op, b_);
        if (t && *t != ValueType::kS && *t != ValueType::kB) {
          function_ = TypeMessage("begins_with", ValueTypeName(*t));
          return;
        }
      }
    } else if (c.kind == ConditionKind::kAttributeType && c.operands.size() == 2) {
      auto t = StaticType(c.operands[1], b_);
      if (!t || *t != ValueType::kS) {
        function_ =
            TypeMessage("attribute_type", t ? ValueTypeName(*t) : "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}");
        return;
      }
      const std::string& name_text = b_.values[c.operands[1].slot]->s();
      static constexpr std::string_view kTypes[] = {"S",    "N", "B",  "NULL", "SS",
                                                    "BOOL", "L", "BS", "NS",   "M"};
      bool valid = false;
      for (std::string_view t2 : kTypes) valid = valid || name_text == t2;
      if (!valid) {
        function_ = absl::StrCat("Invalid attribute type name found; type: ", name_text,
                                 ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
      }
    } else if (c.kind == ConditionKind::kBetween && c.operands.size() == 3 &&
               c.operands[1].kind == OperandKind::kValue &&
               c.operands[2].kind == OperandKind::kValue) {
      const AttributeValue& lo = *b_.values[c.operands[1].slot];
      const AttributeValue& hi = *b_.values[c.operands[2].slot];
      const std::string bounds =
          absl::StrCat("lower bound operand: AttributeValue: ", RenderLiteral(lo),
                       ", upper bound operand: AttributeValue: ", RenderLiteral(hi));
      if (lo.type() != hi.type()) {
        function_ = absl::StrCat(
            "The BETWEEN operator requires same data type for lower and "
            "upper bounds; ",
            bounds);
      } else if ((lo.is_s() || lo.is_n() || lo.is_b()) && CompareScalars(lo, hi) > 0) {
        function_ = absl::StrCat(
            "The BETWEEN operator requires upper bound to be greater than "
            "or equal to lower bound; ",
            bounds);
      }
    }
  }

  std::string distinct_;
  std::string function_;

 private:
  static std::string TypeMessage(std::string_view function, std::string_view type) {
    return absl::StrCat("Incorrect operand type for operator or function; operator or function: ",
                        absl::string_view(function.data(), function.size()),
                        ", operand type: ", absl::string_view(type.data(), type.size()));
  }

  void CheckOperand(const Operand& op) {
    for (const Operand& arg : op.args) CheckOperand(arg);
    if (!function_.empty() || op.kind != OperandKind::kSize || op.args.size() != 1) return;
    auto t = StaticType(op.args[0], b_);
    if (t && (*t == ValueType::kN || *t == ValueType::kBool || *t == ValueType::kNull)) {
      function_ = TypeMessage("size", ValueTypeName(*t));
    }
  }

  const Bindings& b_;
};

absl::Status CheckCondition(const Ast& ast, const Bindings& b) {
  if (!ast.deferred_error.empty()) return ExpressionError(ast.kind, ast.deferred_error);
  ConditionChecker checker(b);
  checker.Check(ast.condition);
  if (!checker.distinct_.empty()) return ExpressionError(ast.kind, checker.distinct_);
  if (!checker.function_.empty()) return ExpressionError(ast.kind, checker.function_);
  return absl::OkStatus();
}

std::string_view UpdateTypeName(ValueType t) {
  switch (t) {
    case ValueType::kS:
      return "STRING";
    case ValueType::kN:
      return "NUMBER";
    case ValueType::kB:
      return "BINARY";
    case ValueType::kNull:
      return "NULL";
    case ValueType::kBool:
      return "BOOLEAN";
    case ValueType::kL:
      return "LIST";
    case ValueType::kM:
      return "MAP";
    default:
      return "";
  }
}

// Literal operand types of +, - and list_append, recursively.
std::string CheckUpdateOperand(const Operand& op, const Bindings& b) {
  for (const Operand& arg : op.args) {
    std::string e = CheckUpdateOperand(arg, b);
    if (!e.empty()) return e;
  }
  std::string_view name;
  ValueType want = ValueType::kN;
  if (op.kind == OperandKind::kPlus) {
    name = "+";
  } else if (op.kind == OperandKind::kMinus) {
    name = "-";
  } else if (op.kind == OperandKind::kListAppend) {
    name = "list_append";
    want = ValueType::kL;
  } else {
    return "";
  }
  for (const Operand& arg : op.args) {
    if (arg.kind != OperandKind::kValue) continue;
    ValueType t = b.values[arg.slot]->type();
    if (t != want) {
      return absl::StrCat(
          "Incorrect operand type for operator or function; operator or "
          "function: ",
          absl::string_view(name.data(), name.size()),
          ", operand type: ", std::string(ValueTypeName(t)));
    }
  }
  return "";
}

absl::Status CheckUpdate(const Ast& ast, const Bindings& b) {
  std::vector<ResolvedPath> paths;
  paths.reserve(ast.actions.size());
  for (const UpdateAction& a : ast.actions) paths.push_back(internal::Resolve(a.path, b));
  std::string overlap = internal::CheckOverlaps(paths);
  if (!overlap.empty()) return ExpressionError(ast.kind, overlap);
  for (const UpdateAction& a : ast.actions) {
    if (a.kind != UpdateActionKind::kAdd && a.kind != UpdateActionKind::kDelete) continue;
    ValueType t = b.values[a.value.slot]->type();
    std::string_view type_name = UpdateTypeName(t);
    if (!type_name.empty() && !(a.kind == UpdateActionKind::kAdd && t == ValueType::kN)) {
      return ExpressionError(
          ast.kind, absl::StrCat("Incorrect operand type for operator or function; operator: ",
                                 a.kind == UpdateActionKind::kAdd ? "ADD" : "DELETE",
                                 ", operand type: ", std::string(type_name)));
    }
  }
  if (!ast.deferred_error.empty()) return ExpressionError(ast.kind, ast.deferred_error);
  for (const UpdateAction& a : ast.actions) {
    if (a.kind != UpdateActionKind::kSet) continue;
    std::string e = CheckUpdateOperand(a.value, b);
    if (!e.empty()) return ExpressionError(ast.kind, e);
  }
  return absl::OkStatus();
}

void CollectNames(const Operand& op, const Bindings& b, std::vector<std::string_view>* out) {
  if (op.kind == OperandKind::kPath && !op.path.empty()) {
    std::string_view n = internal::ElementName(op.path[0], b);
    bool seen = false;
    for (std::string_view x : *out) seen = seen || x == n;
    if (!seen) out->push_back(n);
  }
  for (const Operand& arg : op.args) CollectNames(arg, b, out);
}

void CollectNames(const Condition& c, const Bindings& b, std::vector<std::string_view>* out) {
  for (const Operand& op : c.operands) CollectNames(op, b, out);
  for (const Condition& child : c.children) CollectNames(child, b, out);
}

}  // namespace

absl::StatusOr<ParsedCondition> ParseCondition(std::string_view text, ExpressionKind kind,
                                               const ExpressionAttributeNames& names,
                                               const ExpressionAttributeValues& values,
                                               UsageTracker* usage, ExpressionCache* cache) {
  ParsedCondition out;
  DYNAROCK_ASSIGN_OR_RETURN(out.ast, GetAst(text, kind, cache));
  DYNAROCK_RETURN_IF_ERROR(
      internal::BindPlaceholders(*out.ast, names, values, usage, &out.bindings));
  DYNAROCK_RETURN_IF_ERROR(CheckCondition(*out.ast, out.bindings));
  return out;
}

std::vector<std::string_view> TopLevelNames(const BoundExpression& expression) {
  std::vector<std::string_view> out;
  const Ast& ast = *expression.ast;
  CollectNames(ast.condition, expression.bindings, &out);
  for (const UpdateAction& a : ast.actions) {
    if (!a.path.empty()) {
      std::string_view n = internal::ElementName(a.path[0], expression.bindings);
      bool seen = false;
      for (std::string_view x : out) seen = seen || x == n;
      if (!seen) out.push_back(n);
    }
    CollectNames(a.value, expression.bindings, &out);
  }
  for (const Path& p : ast.projection) {
    if (p.empty()) continue;
    std::string_view n = internal::ElementName(p[0], expression.bindings);
    bool seen = false;
    for (std::string_view x : out) seen = seen || x == n;
    if (!seen) out.push_back(n);
  }
  return out;
}

absl::StatusOr<ParsedUpdate> ParseUpdate(std::string_view text,
                                         const ExpressionAttributeNames& names,
                                         const ExpressionAttributeValues& values,
                                         UsageTracker* usage, ExpressionCache* cache) {
  ParsedUpdate out;
  DYNAROCK_ASSIGN_OR_RETURN(out.ast, GetAst(text, ExpressionKind::kUpdate, cache));
  DYNAROCK_RETURN_IF_ERROR(
      internal::BindPlaceholders(*out.ast, names, values, usage, &out.bindings));
  DYNAROCK_RETURN_IF_ERROR(CheckUpdate(*out.ast, out.bindings));
  return out;
}

absl::Status CheckKeyAttributes(const ParsedUpdate& update,
                                absl::Span<const std::string_view> key_names) {
  for (const UpdateAction& a : update.ast->actions) {
    std::string_view head = internal::ElementName(a.path[0], update.bindings);
    for (std::string_view key : key_names) {
      if (head != key) continue;
      const absl::string_view k(key.data(), key.size());
      if (a.path.size() > 1) {
        return MakeError(ErrorType::kValidation,
                         absl::StrCat("Key attributes must be scalars; list random access '[]' "
                                      "and map lookup '.' are not allowed: Key: ",
                                      k));
      }
      return MakeError(ErrorType::kValidation,
                       absl::StrCat("One or more parameter values were invalid: Cannot update "
                                    "attribute ",
                                    k, ". This attribute is part of the key"));
    }
  }
  return absl::OkStatus();
}

bool UpdateCreatesItem(const ParsedUpdate& update) {
  for (const UpdateAction& a : update.ast->actions) {
    if (a.kind == UpdateActionKind::kSet || a.kind == UpdateActionKind::kAdd) return true;
  }
  return false;
}

absl::StatusOr<ParsedProjection> ParseProjection(std::string_view text,
                                                 const ExpressionAttributeNames& names,
                                                 UsageTracker* usage, ExpressionCache* cache) {
  ParsedProjection out;
  DYNAROCK_ASSIGN_OR_RETURN(out.ast, GetAst(text, ExpressionKind::kProjection, cache));
  static const ExpressionAttributeValues kNoValues;
  DYNAROCK_RETURN_IF_ERROR(
      internal::BindPlaceholders(*out.ast, names, kNoValues, usage, &out.bindings));
  out.paths.reserve(out.ast->projection.size());
  for (const Path& p : out.ast->projection) out.paths.push_back(internal::Resolve(p, out.bindings));
  std::string overlap = internal::CheckOverlaps(out.paths);
  if (!overlap.empty()) return ExpressionError(ExpressionKind::kProjection, overlap);
  return out;
}

}  // namespace dynarock::expr
