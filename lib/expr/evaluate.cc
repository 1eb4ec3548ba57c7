// File: lib/expr/evaluate.cc
//
// Condition evaluation with DynamoDB's semantics (Developer Guide, "Comparison operator and
// function reference"): comparing different types is false, not an error; numbers compare
// exactly; strings and binaries by unsigned bytes; a missing attribute makes every comparison
// false except "<>", which is true.
#include <cstring>
#include <string_view>

#include "lib/expr/bind.h"
#include "lib/expr/expression.h"

namespace dynarock::expr {
namespace {

// An evaluated operand: a value, a missing attribute, or an invalid result (size() of a type
// without a size), which makes every comparison false.
struct Value {
  enum class State : uint8_t { kPresent, kMissing, kInvalid };
  State state = State::kMissing;
  const AttributeValue* value = nullptr;
};

int CompareBytes(std::string_view x, std::string_view y) {
  const size_t n = std::min(x.size(), y.size());
  const int c = n == 0 ? 0 : std::memcmp(x.data(), y.data(), n);
  if (c != 0) return c < 0 ? -1 : 1;
  if (x.size() == y.size()) return 0;
  return x.size() < y.size() ? -1 : 1;
}

// Number of UTF-16 code units of UTF-8 text: DynamoDB's size() of a string (Java length()).
// Four-byte sequences are surrogate pairs; continuation bytes count nothing.
size_t Utf16Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) == 0x80) continue;
    n += c >= 0xF0 ? 2 : 1;
  }
  return n;
}

class Evaluator {
 public:
  Evaluator(const Bindings& b, const Item& item) : b_(b), item_(item) {}

  bool Eval(const Condition& c) {
    switch (c.kind) {
      case ConditionKind::kAnd:
        return Eval(c.children[0]) && Eval(c.children[1]);
      case ConditionKind::kOr:
        return Eval(c.children[0]) || Eval(c.children[1]);
      case ConditionKind::kNot:
        return !Eval(c.children[0]);
      case ConditionKind::kCompare: {
        AttributeValue s1;
        AttributeValue s2;
        Value a = Operand(c.operands[0], &s1);
        Value b = Operand(c.operands[1], &s2);
        return Compare(c.comparator, a, b);
      }
      case ConditionKind::kBetween: {
        AttributeValue s1;
        AttributeValue s2;
        AttributeValue s3;
        Value v = Operand(c.operands[0], &s1);
        Value lo = Operand(c.operands[1], &s2);
        Value hi = Operand(c.operands[2], &s3);
        return Compare(Comparator::kGe, v, lo) && Compare(Comparator::kLe, v, hi);
      }
      case ConditionKind::kIn: {
        AttributeValue s1;
        Value v = Operand(c.operands[0], &s1);
        for (size_t i = 1; i < c.operands.size(); ++i) {
          AttributeValue s2;
          if (Compare(Comparator::kEq, v, Operand(c.operands[i], &s2))) return true;
        }
        return false;
      }
      case ConditionKind::kAttributeExists:
        return internal::Find(item_, c.operands[0].path, b_) != nullptr;
      case ConditionKind::kAttributeNotExists:
        return internal::Find(item_, c.operands[0].path, b_) == nullptr;
      case ConditionKind::kAttributeType: {
        AttributeValue s1;
        AttributeValue s2;
        Value v = Operand(c.operands[0], &s1);
        Value t = Operand(c.operands[1], &s2);
        if (!Present(v) || !Present(t) || !t.value->is_s()) return false;
        return ValueTypeName(v.value->type()) == t.value->s();
      }
      case ConditionKind::kBeginsWith: {
        AttributeValue s1;
        AttributeValue s2;
        Value v = Operand(c.operands[0], &s1);
        Value p = Operand(c.operands[1], &s2);
        if (!Present(v) || !Present(p)) return false;
        if (v.value->is_s() && p.value->is_s()) {
          return std::string_view(v.value->s()).substr(0, p.value->s().size()) == p.value->s();
        }
        if (v.value->is_b() && p.value->is_b()) {
          const std::string& x = v.value->b().data;
          const std::string& y = p.value->b().data;
          return x.size() >= y.size() && x.compare(0, y.size(), y) == 0;
        }
        return false;
      }
      case ConditionKind::kContains: {
        AttributeValue s1;
        AttributeValue s2;
        Value v = Operand(c.operands[0], &s1);
        Value x = Operand(c.operands[1], &s2);
        if (!Present(v) || !Present(x)) return false;
        return Contains(*v.value, *x.value);
      }
    }
    return false;
  }

 private:
  static bool Present(const Value& v) { return v.state == Value::State::kPresent; }

  Value Operand(const expr::Operand& op, AttributeValue* scratch) {
    switch (op.kind) {
      case OperandKind::kValue:
        return {Value::State::kPresent, b_.values[op.slot]};
      case OperandKind::kPath: {
        const AttributeValue* v = internal::Find(item_, op.path, b_);
        return {v == nullptr ? Value::State::kMissing : Value::State::kPresent, v};
      }
      case OperandKind::kSize: {
        AttributeValue inner_scratch;
        Value inner = Operand(op.args[0], &inner_scratch);
        if (!Present(inner)) return inner;
        size_t n = 0;
        const AttributeValue& v = *inner.value;
        switch (v.type()) {
          case ValueType::kS:
            n = Utf16Length(v.s());
            break;
          case ValueType::kB:
            n = v.b().data.size();
            break;
          case ValueType::kSS:
            n = v.ss().elements.size();
            break;
          case ValueType::kNS:
            n = v.ns().elements.size();
            break;
          case ValueType::kBS:
            n = v.bs().elements.size();
            break;
          case ValueType::kL:
            n = v.l().size();
            break;
          case ValueType::kM:
            n = v.m().size();
            break;
          default:
            return {Value::State::kInvalid, nullptr};
        }
        *scratch = AttributeValue(Decimal(static_cast<int64_t>(n)));
        return {Value::State::kPresent, scratch};
      }
      default:  // update-only operands never reach a condition (the parser rejects them)
        return {Value::State::kInvalid, nullptr};
    }
  }

  static bool Compare(Comparator op, const Value& a, const Value& b) {
    if (a.state == Value::State::kInvalid || b.state == Value::State::kInvalid) return false;
    if (!Present(a) || !Present(b)) return op == Comparator::kNe;
    if (op == Comparator::kEq) return *a.value == *b.value;
    if (op == Comparator::kNe) return !(*a.value == *b.value);
    const AttributeValue& x = *a.value;
    const AttributeValue& y = *b.value;
    if (x.type() != y.type()) return false;
    int c = 0;
    switch (x.type()) {
      case ValueType::kN: {
        auto o = x.n() <=> y.n();
        c = o < 0 ? -1 : (o > 0 ? 1 : 0);
        break;
      }
      case ValueType::kS:
        c = CompareBytes(x.s(), y.s());
        break;
      case ValueType::kB:
        c = CompareBytes(x.b().data, y.b().data);
        break;
      default:
        return false;
    }
    switch (op) {
      case Comparator::kLt:
        return c < 0;
      case Comparator::kLe:
        return c <= 0;
      case Comparator::kGt:
        return c > 0;
      case Comparator::kGe:
        return c >= 0;
      default:
        return false;
    }
  }

  static bool Contains(const AttributeValue& v, const AttributeValue& x) {
    switch (v.type()) {
      case ValueType::kS:
        return x.is_s() && std::string_view(v.s()).find(x.s()) != std::string_view::npos;
      case ValueType::kSS:
        if (!x.is_s()) return false;
        for (const std::string& e : v.ss().elements) {
          if (e == x.s()) return true;
        }
        return false;
      case ValueType::kNS:
        if (!x.is_n()) return false;
        for (const Decimal& e : v.ns().elements) {
          if (e == x.n()) return true;
        }
        return false;
      case ValueType::kBS:
        if (!x.is_b()) return false;
        for (const Bytes& e : v.bs().elements) {
          if (e == x.b()) return true;
        }
        return false;
      case ValueType::kL:
        for (const AttributeValue& e : v.l()) {
          if (e == x) return true;
        }
        return false;
      default:
        return false;
    }
  }

  const Bindings& b_;
  const Item& item_;
};

}  // namespace

bool EvaluateCondition(const ParsedCondition& condition, const Item& item) {
  Evaluator evaluator(condition.bindings, item);
  return evaluator.Eval(condition.ast->condition);
}

}  // namespace dynarock::expr
