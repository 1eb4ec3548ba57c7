#include "lib/ops/legacy.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "dynarock/error.h"
#include "lib/base/status_macros.h"
#include "lib/ops/errors.h"
#include "lib/ops/key_validation.h"
#include "lib/value/validate.h"

namespace dynarock::ops {
namespace {

using expr::Ast;
using expr::Condition;
using expr::ConditionKind;
using expr::Operand;
using expr::OperandKind;

absl::Status InvalidParameter(std::string_view detail) {
  return MakeError(ErrorType::kValidation,
                   Cat("One or more parameter values were invalid: ", detail));
}

std::string_view OperatorName(ComparisonOperator op) {
  static constexpr std::string_view kNames[] = {
      "EQ",       "NE",           "LE",          "LT", "GE",     "GT", "NOT_NULL",
      "NULL",     "CONTAINS",     "NOT_CONTAINS", "BEGINS_WITH", "IN", "BETWEEN"};
  return kNames[static_cast<size_t>(op)];
}

// Adds `value` as a new value slot of `ast` bound in `b`; returns the operand.
Operand ValueOperand(const AttributeValue* value, Ast* ast, expr::Bindings* b) {
  Operand op{.kind = OperandKind::kValue, .slot = static_cast<uint32_t>(b->values.size())};
  ast->value_placeholders.push_back(Cat(":legacy", b->values.size()));
  b->values.push_back(value);
  return op;
}

Operand PathOperand(const std::string& name) {
  Operand op{.kind = OperandKind::kPath};
  op.path.push_back(expr::PathElement{.kind = expr::PathElement::Kind::kName, .name = name});
  return op;
}

bool Scalar(const AttributeValue& v) { return v.is_s() || v.is_n() || v.is_b(); }

// The argument checks of one legacy comparison: the number of values, the types the operator
// accepts and one type for all (`same_type_first` swaps these two, as QueryFilter, ScanFilter and
// KeyConditions check them), then BETWEEN's bounds in order.
absl::Status CheckArguments(ComparisonOperator op, const std::vector<const AttributeValue*>& args,
                            bool same_type_first) {
  const std::string_view op_name = OperatorName(op);
  const bool no_args = op == ComparisonOperator::kNull || op == ComparisonOperator::kNotNull;
  size_t want = 1;
  if (no_args) want = 0;
  if (op == ComparisonOperator::kBetween) want = 2;
  if (op == ComparisonOperator::kIn ? args.empty() : args.size() != want) {
    return InvalidParameter(
        Cat("Invalid number of argument(s) for the ", op_name, " ComparisonOperator"));
  }
  auto check_same_type = [&args]() -> absl::Status {
    for (const AttributeValue* v : args) {
      if (v->type() != args[0]->type()) {
        return InvalidParameter("AttributeValues inside AttributeValueList must be of same type");
      }
    }
    return absl::OkStatus();
  };
  if (same_type_first) DYNAROCK_RETURN_IF_ERROR(check_same_type());
  for (const AttributeValue* v : args) {
    bool ok = true;
    switch (op) {
      case ComparisonOperator::kLe:
      case ComparisonOperator::kLt:
      case ComparisonOperator::kGe:
      case ComparisonOperator::kGt:
      case ComparisonOperator::kBetween:
      case ComparisonOperator::kContains:
      case ComparisonOperator::kNotContains:
      case ComparisonOperator::kIn:
        ok = Scalar(*v);
        break;
      case ComparisonOperator::kBeginsWith:
        ok = v->is_s() || v->is_b();
        break;
      default:
        break;
    }
    if (!ok) {
      return InvalidParameter(Cat("ComparisonOperator ", op_name, " is not valid for ",
                         ValueTypeName(v->type()), " AttributeValue type"));
    }
  }
  if (!same_type_first && args.size() > 1) DYNAROCK_RETURN_IF_ERROR(check_same_type());
  if (op == ComparisonOperator::kBetween) {
    const AttributeValue& lo = *args[0];
    const AttributeValue& hi = *args[1];
    bool greater = false;
    if (lo.is_n()) {
      greater = lo.n() > hi.n();
    } else {
      const std::string_view x = lo.is_s() ? std::string_view(lo.s()) : std::string_view(lo.b().data);
      const std::string_view y = hi.is_s() ? std::string_view(hi.s()) : std::string_view(hi.b().data);
      greater = std::basic_string_view<unsigned char>(
                    reinterpret_cast<const unsigned char*>(x.data()), x.size()) >
                std::basic_string_view<unsigned char>(
                    reinterpret_cast<const unsigned char*>(y.data()), y.size());
    }
    if (greater) {
      return MakeError(ErrorType::kValidation,
                       "The BETWEEN condition was provided a range where the lower bound is "
                       "greater than the upper bound");
    }
  }
  return absl::OkStatus();
}

// The condition "<name> <op> <args>". REQUIRES: CheckArguments(op, args) passed.
void BuildComparison(const std::string& name, ComparisonOperator op,
                     const std::vector<const AttributeValue*>& args, Ast* ast, expr::Bindings* b,
                     Condition* out) {
  auto compare = [&](expr::Comparator c) {
    *out = Condition{.kind = ConditionKind::kCompare,
                     .comparator = c,
                     .operands = {PathOperand(name), ValueOperand(args[0], ast, b)}};
  };
  switch (op) {
    case ComparisonOperator::kEq:
      compare(expr::Comparator::kEq);
      break;
    case ComparisonOperator::kNe:
      compare(expr::Comparator::kNe);
      break;
    case ComparisonOperator::kLe:
      compare(expr::Comparator::kLe);
      break;
    case ComparisonOperator::kLt:
      compare(expr::Comparator::kLt);
      break;
    case ComparisonOperator::kGe:
      compare(expr::Comparator::kGe);
      break;
    case ComparisonOperator::kGt:
      compare(expr::Comparator::kGt);
      break;
    case ComparisonOperator::kNotNull:
      *out = Condition{.kind = ConditionKind::kAttributeExists, .operands = {PathOperand(name)}};
      break;
    case ComparisonOperator::kNull:
      *out = Condition{.kind = ConditionKind::kAttributeNotExists, .operands = {PathOperand(name)}};
      break;
    case ComparisonOperator::kContains:
      *out = Condition{.kind = ConditionKind::kContains,
                       .operands = {PathOperand(name), ValueOperand(args[0], ast, b)}};
      break;
    case ComparisonOperator::kNotContains: {
      // The attribute must exist (an absent attribute does not "not contain"; unconfirmed).
      Condition contains{.kind = ConditionKind::kContains,
                         .operands = {PathOperand(name), ValueOperand(args[0], ast, b)}};
      Condition exists{.kind = ConditionKind::kAttributeExists, .operands = {PathOperand(name)}};
      Condition negated{.kind = ConditionKind::kNot, .children = {std::move(contains)}};
      *out = Condition{.kind = ConditionKind::kAnd,
                       .children = {std::move(exists), std::move(negated)}};
      break;
    }
    case ComparisonOperator::kBeginsWith:
      *out = Condition{.kind = ConditionKind::kBeginsWith,
                       .operands = {PathOperand(name), ValueOperand(args[0], ast, b)}};
      break;
    case ComparisonOperator::kIn: {
      Condition in{.kind = ConditionKind::kIn, .operands = {PathOperand(name)}};
      for (const AttributeValue* v : args) in.operands.push_back(ValueOperand(v, ast, b));
      *out = std::move(in);
      break;
    }
    case ComparisonOperator::kBetween:
      *out = Condition{.kind = ConditionKind::kBetween,
                       .operands = {PathOperand(name), ValueOperand(args[0], ast, b),
                                    ValueOperand(args[1], ast, b)}};
      break;
  }
}

absl::Status EntryCondition(const std::string& name, const ExpectedAttributeValue& e, Ast* ast,
                            expr::Bindings* b, Condition* out) {
  if (!e.comparison_operator.has_value()) {
    if (!e.attribute_value_list.empty()) {
      return InvalidParameter(Cat("AttributeValueList can only be used with a ComparisonOperator for "
                         "Attribute: ",
                         name));
    }
    if (e.exists == false) {
      if (e.value.has_value()) {
        return InvalidParameter(Cat("Value cannot be used when Exists is false for Attribute: ", name));
      }
      *out = Condition{.kind = ConditionKind::kAttributeNotExists, .operands = {PathOperand(name)}};
      return absl::OkStatus();
    }
    if (!e.value.has_value()) {
      return InvalidParameter(Cat("Value must be provided when Exists is ",
                         e.exists.has_value() ? "true" : "null", " for Attribute: ", name));
    }
    *out = Condition{.kind = ConditionKind::kCompare,
                     .comparator = expr::Comparator::kEq,
                     .operands = {PathOperand(name), ValueOperand(&*e.value, ast, b)}};
    return absl::OkStatus();
  }
  const ComparisonOperator op = *e.comparison_operator;
  const std::string_view op_name = OperatorName(op);
  if (e.exists.has_value()) {
    return InvalidParameter(
        Cat("Exists and ComparisonOperator cannot be used together for Attribute: ", name));
  }
  if (e.value.has_value() && !e.attribute_value_list.empty()) {
    return InvalidParameter(Cat("Value and AttributeValueList cannot be used together for Attribute: ", name));
  }
  std::vector<const AttributeValue*> args;
  if (e.value.has_value()) {
    args.push_back(&*e.value);
  } else {
    for (const AttributeValue& v : e.attribute_value_list) args.push_back(&v);
  }
  const bool no_args = op == ComparisonOperator::kNull || op == ComparisonOperator::kNotNull;
  if (args.empty() && !no_args) {
    return InvalidParameter(Cat("Value or AttributeValueList must be used with ComparisonOperator: ",
                       op_name, " for Attribute: ", name));
  }
  DYNAROCK_RETURN_IF_ERROR(CheckArguments(op, args, /*same_type_first=*/false));
  BuildComparison(name, op, args, ast, b, out);
  return absl::OkStatus();
}

// The values of `c` as the argument list CheckArguments and BuildComparison take.
std::vector<const AttributeValue*> Arguments(const dynarock::Condition& c) {
  std::vector<const AttributeValue*> args;
  args.reserve(c.attribute_value_list.size());
  for (const AttributeValue& v : c.attribute_value_list) args.push_back(&v);
  return args;
}

}  // namespace

absl::Status CheckConditions(const Conditions& conditions) {
  for (const auto& [name, c] : conditions) {
    for (const AttributeValue& v : c.attribute_value_list) {
      DYNAROCK_RETURN_IF_ERROR(value::ValidateValue(v));
    }
    DYNAROCK_RETURN_IF_ERROR(
        CheckArguments(c.comparison_operator, Arguments(c), /*same_type_first=*/true));
  }
  return absl::OkStatus();
}

absl::Status TranslateFilter(const Conditions& filter, const std::optional<ConditionalOperator>& op,
                             expr::ParsedCondition* out) {
  auto ast = std::make_shared<Ast>();
  ast->kind = expr::ExpressionKind::kFilter;
  const ConditionKind join =
      op == ConditionalOperator::kOr ? ConditionKind::kOr : ConditionKind::kAnd;
  bool first = true;
  for (const auto& [name, entry] : filter) {
    Condition c;
    BuildComparison(name, entry.comparison_operator, Arguments(entry), ast.get(), &out->bindings,
                    &c);
    if (first) {
      ast->condition = std::move(c);
      first = false;
    } else {
      Condition joined{.kind = join};
      joined.children.push_back(std::move(ast->condition));
      joined.children.push_back(std::move(c));
      ast->condition = std::move(joined);
    }
  }
  out->ast = std::move(ast);
  return absl::OkStatus();
}

absl::Status TranslateKeyConditions(const Conditions& key_conditions,
                                    const storage::TableInfo& table,
                                    expr::ParsedKeyCondition* out) {
  // One key attribute at a time, the partition key first (dynalite's order of checks).
  auto check = [&key_conditions](const std::string& attr, ScalarType type, bool is_hash,
                                 const dynarock::Condition** found) -> absl::Status {
    *found = nullptr;
    auto it = key_conditions.find(attr);
    if (it == key_conditions.end()) {
      if (is_hash || key_conditions.size() > 1) {
        return MakeError(ErrorType::kValidation,
                         Cat("Query condition missed key schema element: ", attr));
      }
      return absl::OkStatus();
    }
    switch (it->second.comparison_operator) {
      case ComparisonOperator::kNull:
      case ComparisonOperator::kNotNull:
      case ComparisonOperator::kNe:
      case ComparisonOperator::kContains:
      case ComparisonOperator::kNotContains:
      case ComparisonOperator::kIn:
        return MakeError(ErrorType::kValidation,
                         "Attempted conditional constraint is not an indexable operation");
      default:
        break;
    }
    for (const AttributeValue& v : it->second.attribute_value_list) {
      if (v.type() != KeyValueType(type)) {
        return InvalidParameter("Condition parameter type does not match schema type");
      }
    }
    if (is_hash && it->second.comparison_operator != ComparisonOperator::kEq) {
      return MakeError(ErrorType::kValidation, "Query key condition not supported");
    }
    *found = &it->second;
    return absl::OkStatus();
  };
  if (!table.range_key.has_value() && key_conditions.size() > 1) {
    return MakeError(ErrorType::kValidation, "Query key condition not supported");
  }
  const dynarock::Condition* hash = nullptr;
  DYNAROCK_RETURN_IF_ERROR(check(table.hash_key, table.hash_type, true, &hash));
  out->partition_value = &hash->attribute_value_list[0];
  out->sort.reset();
  if (!table.range_key.has_value()) return absl::OkStatus();
  const dynarock::Condition* range = nullptr;
  DYNAROCK_RETURN_IF_ERROR(check(*table.range_key, table.range_type, false, &range));
  if (range == nullptr) return absl::OkStatus();
  expr::SortKeyCondition sort{.value = &range->attribute_value_list[0]};
  switch (range->comparison_operator) {
    case ComparisonOperator::kEq:
      sort.op = expr::SortKeyOp::kEq;
      break;
    case ComparisonOperator::kLt:
      sort.op = expr::SortKeyOp::kLt;
      break;
    case ComparisonOperator::kLe:
      sort.op = expr::SortKeyOp::kLe;
      break;
    case ComparisonOperator::kGt:
      sort.op = expr::SortKeyOp::kGt;
      break;
    case ComparisonOperator::kGe:
      sort.op = expr::SortKeyOp::kGe;
      break;
    case ComparisonOperator::kBeginsWith:
      sort.op = expr::SortKeyOp::kBeginsWith;
      break;
    case ComparisonOperator::kBetween:
      sort.op = expr::SortKeyOp::kBetween;
      sort.upper = &range->attribute_value_list[1];
      break;
    default:  // rejected by `check` as not indexable
      return MakeError(ErrorType::kValidation,
                       "Attempted conditional constraint is not an indexable operation");
  }
  out->sort = sort;
  return absl::OkStatus();
}

absl::Status TranslateExpected(const ExpectedAttributes& expected,
                               const std::optional<ConditionalOperator>& op,
                               expr::ParsedCondition* out) {
  auto ast = std::make_shared<Ast>();
  ast->kind = expr::ExpressionKind::kCondition;
  const ConditionKind join =
      op == ConditionalOperator::kOr ? ConditionKind::kOr : ConditionKind::kAnd;
  bool first = true;
  for (const auto& [name, entry] : expected) {
    Condition c;
    if (absl::Status s = EntryCondition(name, entry, ast.get(), &out->bindings, &c); !s.ok()) {
      return s;
    }
    if (first) {
      ast->condition = std::move(c);
      first = false;
    } else {
      Condition joined{.kind = join};
      joined.children.push_back(std::move(ast->condition));
      joined.children.push_back(std::move(c));
      ast->condition = std::move(joined);
    }
  }
  out->ast = std::move(ast);
  return absl::OkStatus();
}

absl::Status TranslateAttributeUpdates(const AttributeUpdates& updates, expr::ParsedUpdate* out) {
  static const AttributeValue* const kEmptyList = new AttributeValue(AttributeList{});
  auto ast = std::make_shared<Ast>();
  ast->kind = expr::ExpressionKind::kUpdate;
  expr::Bindings& b = out->bindings;
  for (const auto& [name, u] : updates) {
    const AttributeAction action = u.action.value_or(AttributeAction::kPut);
    expr::UpdateAction a{.path = PathOperand(name).path};
    if (!u.value.has_value()) {
      if (action != AttributeAction::kDelete) {
        return InvalidParameter("Only DELETE action is allowed when no attribute value is specified");
      }
      a.kind = expr::UpdateActionKind::kRemove;
    } else if (action == AttributeAction::kPut) {
      a.kind = expr::UpdateActionKind::kSet;
      a.value = ValueOperand(&*u.value, ast.get(), &b);
    } else if (action == AttributeAction::kDelete) {
      const ValueType t = u.value->type();
      if (t != ValueType::kSS && t != ValueType::kNS && t != ValueType::kBS) {
        return InvalidParameter(Cat("DELETE action with value is not supported for the type ",
                           ValueTypeName(t)));
      }
      a.kind = expr::UpdateActionKind::kDelete;
      a.value = ValueOperand(&*u.value, ast.get(), &b);
    } else {
      const ValueType t = u.value->type();
      if (t == ValueType::kL) {
        // ADD of a list appends: SET a = list_append(if_not_exists(a, []), :v).
        a.kind = expr::UpdateActionKind::kSet;
        Operand if_not_exists{.kind = OperandKind::kIfNotExists};
        if_not_exists.args.push_back(PathOperand(name));
        if_not_exists.args.push_back(ValueOperand(kEmptyList, ast.get(), &b));
        a.value = Operand{.kind = OperandKind::kListAppend};
        a.value.args.push_back(std::move(if_not_exists));
        a.value.args.push_back(ValueOperand(&*u.value, ast.get(), &b));
      } else if (t == ValueType::kN || t == ValueType::kSS || t == ValueType::kNS ||
                 t == ValueType::kBS) {
        a.kind = expr::UpdateActionKind::kAdd;
        a.value = ValueOperand(&*u.value, ast.get(), &b);
      } else {
        return InvalidParameter(Cat("ADD action is not supported for the type ", ValueTypeName(t)));
      }
    }
    ast->actions.push_back(std::move(a));
  }
  out->ast = std::move(ast);
  return absl::OkStatus();
}

}  // namespace dynarock::ops
