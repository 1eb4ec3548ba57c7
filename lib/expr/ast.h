// File: lib/expr/ast.h
//
// The typed syntax tree of all five expression kinds. A tree is immutable once parsed and does
// not depend on ExpressionAttributeNames/Values: placeholders are numbered slots, resolved per
// request by binding (see expression.h), so one parsed tree can be cached and shared by
// concurrent requests.
#ifndef DYNAROCK_LIB_EXPR_AST_H_
#define DYNAROCK_LIB_EXPR_AST_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dynarock::expr {

// Which expression parameter a text came from; decides the grammar and the message prefix.
enum class ExpressionKind : uint8_t {
  kCondition,     // ConditionExpression
  kFilter,        // FilterExpression
  kKeyCondition,  // KeyConditionExpression
  kProjection,    // ProjectionExpression
  kUpdate,        // UpdateExpression
};

// "ConditionExpression", "FilterExpression", ...
std::string_view ExpressionKindName(ExpressionKind kind);

// One step of a document path: a map key (literal or "#name" placeholder) or a list index.
struct PathElement {
  enum class Kind : uint8_t { kName, kNamePlaceholder, kIndex };
  Kind kind = Kind::kName;
  uint32_t value = 0;  // kIndex: the list index; kNamePlaceholder: the name slot
  std::string name{};  // kName: the attribute name as written
};
using Path = std::vector<PathElement>;

enum class OperandKind : uint8_t {
  kPath,
  kValue,        // ":v"; `slot` is the value slot
  kSize,         // size(x)                  (conditions)
  kIfNotExists,  // if_not_exists(path, v)   (updates)
  kListAppend,   // list_append(a, b)        (updates)
  kPlus,         // a + b                    (updates)
  kMinus,        // a - b                    (updates)
};

struct Operand {
  OperandKind kind = OperandKind::kPath;
  uint32_t slot = 0;            // kValue
  Path path{};                  // kPath
  std::vector<Operand> args{};  // functions and arithmetic: their operands
};

enum class ConditionKind : uint8_t {
  kCompare,             // operands[0] <comparator> operands[1]
  kBetween,             // operands[0] BETWEEN operands[1] AND operands[2]
  kIn,                  // operands[0] IN (operands[1..])
  kAnd,                 // children[0] AND children[1]
  kOr,                  // children[0] OR children[1]
  kNot,                 // NOT children[0]
  kAttributeExists,     // operands[0] is a path
  kAttributeNotExists,  // operands[0] is a path
  kAttributeType,       // attribute_type(operands[0], operands[1])
  kBeginsWith,          // begins_with(operands[0], operands[1])
  kContains,            // contains(operands[0], operands[1])
};

enum class Comparator : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe };
std::string_view ComparatorText(Comparator c);  // "=", "<>", ...

struct Condition {
  ConditionKind kind = ConditionKind::kCompare;
  Comparator comparator = Comparator::kEq;
  std::vector<Operand> operands{};
  std::vector<Condition> children{};
};

enum class UpdateActionKind : uint8_t { kSet, kRemove, kAdd, kDelete };

struct UpdateAction {
  UpdateActionKind kind = UpdateActionKind::kSet;
  Path path{};
  Operand value{};  // kSet: the value; kAdd/kDelete: a kValue operand; kRemove: unused
};

// A parsed expression of any kind, placeholders unresolved.
struct Ast {
  ExpressionKind kind = ExpressionKind::kCondition;
  // Placeholders in order of first appearance; the index is the slot.
  std::vector<std::string> name_placeholders{};   // "#n"
  std::vector<std::string> value_placeholders{};  // ":v"
  // A semantic error found while parsing that DynamoDB reports only after undefined
  // placeholders (operand counts, "requires a document path"); empty if none. Full message.
  std::string deferred_error{};

  Condition condition{};                // kCondition, kFilter, kKeyCondition
  std::vector<UpdateAction> actions{};  // kUpdate, in text order
  std::vector<Path> projection{};       // kProjection, in text order
};

}  // namespace dynarock::expr

#endif  // DYNAROCK_LIB_EXPR_AST_H_
