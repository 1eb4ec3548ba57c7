// File: lib/expr/key_condition.cc
//
// KeyConditionExpression: "pk = :v" optionally AND one sort-key condition (=, <, <=, >, >=,
// BETWEEN, begins_with), in either order, each optionally parenthesised; a value on the left
// is flipped (":lo <= sk" is "sk >= :lo"). Messages: "Query condition missed key schema
// element: <k>" and "Query key condition not supported" are bare (verified live); the others
// carry the "Invalid KeyConditionExpression: " prefix current DynamoDB uses.
#include <string>
#include <utility>
#include <vector>

#include "dynarock/error.h"

#include "lib/base/status_macros.h"
#include "lib/expr/bind.h"
#include "lib/expr/expression.h"
#include "lib/expr/parser.h"

#include "absl/strings/str_cat.h"

namespace dynarock::expr {
namespace {

absl::Status KeyError(std::string_view message) {
  return ExpressionError(ExpressionKind::kKeyCondition, message);
}

void Flatten(const Condition& c, std::vector<const Condition*>* out) {
  if (c.kind == ConditionKind::kAnd) {
    Flatten(c.children[0], out);
    Flatten(c.children[1], out);
  } else {
    out->push_back(&c);
  }
}

absl::Status InvalidOperator(std::string_view op) {
  return KeyError(absl::StrCat("Invalid operator used in KeyConditionExpression: ",
                               absl::string_view(op.data(), op.size())));
}

bool HasSize(const Condition& c) {
  for (const Operand& op : c.operands) {
    if (op.kind == OperandKind::kSize) return true;
  }
  return false;
}

Comparator Flip(Comparator c) {
  switch (c) {
    case Comparator::kLt:
      return Comparator::kGt;
    case Comparator::kLe:
      return Comparator::kGe;
    case Comparator::kGt:
      return Comparator::kLt;
    case Comparator::kGe:
      return Comparator::kLe;
    default:
      return c;
  }
}

SortKeyOp ToSortOp(Comparator c) {
  switch (c) {
    case Comparator::kLt:
      return SortKeyOp::kLt;
    case Comparator::kLe:
      return SortKeyOp::kLe;
    case Comparator::kGt:
      return SortKeyOp::kGt;
    case Comparator::kGe:
      return SortKeyOp::kGe;
    default:
      return SortKeyOp::kEq;
  }
}

}  // namespace

absl::StatusOr<ParsedKeyCondition> ParseKeyCondition(std::string_view text,
                                                     const ExpressionAttributeNames& names,
                                                     const ExpressionAttributeValues& values,
                                                     UsageTracker* usage, std::string_view hash_key,
                                                     std::optional<std::string_view> range_key,
                                                     ExpressionCache* cache) {
  // The general condition checks first (undefined placeholders, operand types).
  DYNAROCK_ASSIGN_OR_RETURN(
      ParsedCondition cond,
      ParseCondition(text, ExpressionKind::kKeyCondition, names, values, usage, cache));
  ParsedKeyCondition out;
  out.ast = std::move(cond.ast);
  out.bindings = std::move(cond.bindings);
  const Bindings& b = out.bindings;

  std::vector<const Condition*> leaves;
  Flatten(out.ast->condition, &leaves);
  bool hash_seen = false;
  bool other_seen = false;
  for (const Condition* c : leaves) {
    switch (c->kind) {
      case ConditionKind::kOr:
        return InvalidOperator("OR");
      case ConditionKind::kNot:
        return InvalidOperator("NOT");
      case ConditionKind::kIn:
        return InvalidOperator("IN");
      case ConditionKind::kAttributeExists:
        return InvalidOperator("attribute_exists");
      case ConditionKind::kAttributeNotExists:
        return InvalidOperator("attribute_not_exists");
      case ConditionKind::kAttributeType:
        return InvalidOperator("attribute_type");
      case ConditionKind::kContains:
        return InvalidOperator("contains");
      case ConditionKind::kCompare:
        if (c->comparator == Comparator::kNe) return InvalidOperator("<>");
        break;
      default:
        break;
    }
    if (HasSize(*c)) return KeyError("KeyConditionExpressions cannot contain nested operations");
    // Find the key path operand and the values.
    const Operand* path = nullptr;
    SortKeyCondition sort;
    if (c->kind == ConditionKind::kCompare) {
      const Operand& x = c->operands[0];
      const Operand& y = c->operands[1];
      const bool xp = x.kind == OperandKind::kPath;
      const bool yp = y.kind == OperandKind::kPath;
      if (xp && yp) {
        return KeyError(
            "Invalid condition in KeyConditionExpression: Multiple attribute names "
            "used in one condition");
      }
      if (!xp && !yp) {
        return KeyError(
            "Invalid condition in KeyConditionExpression: No key attribute "
            "specified");
      }
      path = xp ? &x : &y;
      sort.op = ToSortOp(xp ? c->comparator : Flip(c->comparator));
      sort.value = b.values[(xp ? y : x).slot];
    } else {
      const bool between = c->kind == ConditionKind::kBetween;
      if (c->operands[0].kind != OperandKind::kPath) {
        return KeyError(absl::StrCat(
            "Invalid condition in KeyConditionExpression: ", between ? "BETWEEN" : "begins_with",
            " operator must have the key attribute as its first "
            "operand"));
      }
      for (size_t i = 1; i < c->operands.size(); ++i) {
        if (c->operands[i].kind == OperandKind::kPath) {
          return KeyError(
              "Invalid condition in KeyConditionExpression: Multiple attribute "
              "names used in one condition");
        }
      }
      path = &c->operands[0];
      sort.op = between ? SortKeyOp::kBetween : SortKeyOp::kBeginsWith;
      sort.value = b.values[c->operands[1].slot];
      if (between) sort.upper = b.values[c->operands[2].slot];
    }
    if (path->path.size() > 1) {
      return KeyError("KeyConditionExpressions cannot have conditions on nested attributes");
    }
    const std::string_view name = internal::ElementName(path->path[0], b);
    if (name == hash_key) {
      if (hash_seen)
        return KeyError("KeyConditionExpressions must only contain one condition per key");
      if (sort.op != SortKeyOp::kEq) {
        return MakeError(ErrorType::kValidation, "Query key condition not supported");
      }
      hash_seen = true;
      out.partition_value = sort.value;
    } else if (range_key.has_value() && name == *range_key) {
      if (out.sort.has_value()) {
        return KeyError("KeyConditionExpressions must only contain one condition per key");
      }
      out.sort = sort;
    } else {
      other_seen = true;
    }
  }
  if (!hash_seen || other_seen) {
    std::string_view missing = !hash_seen || !range_key.has_value() ? hash_key : *range_key;
    return MakeError(ErrorType::kValidation,
                     absl::StrCat("Query condition missed key schema element: ",
                                  absl::string_view(missing.data(), missing.size())));
  }
  return out;
}

}  // namespace dynarock::expr
