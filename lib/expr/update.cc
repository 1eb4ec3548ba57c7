// File: lib/expr/update.cc
//
// UpdateExpression application (Developer Guide, "Update expressions"). Every operand and every
// ADD/DELETE result is computed from the old item first; then the writes ("puts") are applied
// in ascending path order (so several SETs past the end of one list append in index order) and
// the removals in descending path order (so list indexes keep referring to the old list).
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "dynarock/error.h"

#include "lib/base/status_macros.h"
#include "lib/expr/bind.h"
#include "lib/expr/expression.h"

namespace dynarock::expr {
namespace {

absl::Status MissingAttribute() {
  return MakeError(ErrorType::kValidation,
                   "The provided expression refers to an attribute that does not exist in the "
                   "item");
}
absl::Status WrongType() {
  return MakeError(ErrorType::kValidation,
                   "An operand in the update expression has an incorrect data type");
}
absl::Status InvalidPath() {
  return MakeError(ErrorType::kValidation,
                   "The document path provided in the update expression is invalid for update");
}

absl::StatusOr<AttributeValue> EvalValue(const Operand& op, const Item& old_item,
                                         const Bindings& b) {
  switch (op.kind) {
    case OperandKind::kValue:
      return *b.values[op.slot];
    case OperandKind::kPath: {
      const AttributeValue* v = internal::Find(old_item, op.path, b);
      if (v == nullptr) return MissingAttribute();
      return *v;
    }
    case OperandKind::kIfNotExists: {
      const AttributeValue* v = internal::Find(old_item, op.args[0].path, b);
      if (v != nullptr) return *v;
      return EvalValue(op.args[1], old_item, b);
    }
    case OperandKind::kListAppend: {
      DYNAROCK_ASSIGN_OR_RETURN(AttributeValue x, EvalValue(op.args[0], old_item, b));
      DYNAROCK_ASSIGN_OR_RETURN(AttributeValue y, EvalValue(op.args[1], old_item, b));
      if (!x.is_l() || !y.is_l()) return WrongType();
      AttributeList& l = x.l();
      l.reserve(l.size() + y.l().size());
      for (AttributeValue& e : y.l()) l.push_back(std::move(e));
      return x;
    }
    case OperandKind::kPlus:
    case OperandKind::kMinus: {
      DYNAROCK_ASSIGN_OR_RETURN(AttributeValue x, EvalValue(op.args[0], old_item, b));
      DYNAROCK_ASSIGN_OR_RETURN(AttributeValue y, EvalValue(op.args[1], old_item, b));
      if (!x.is_n() || !y.is_n()) return WrongType();
      absl::StatusOr<Decimal> r =
          op.kind == OperandKind::kPlus ? x.n().Add(y.n()) : x.n().Subtract(y.n());
      if (!r.ok()) return r.status();
      return AttributeValue(*r);
    }
    case OperandKind::kSize:
      break;
  }
  return WrongType();  // unreachable: the parser rejects size() in updates
}

template <typename T>
bool ContainsElement(const std::vector<T>& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// ADD: number addition or set union. `old` may be null (the attribute is missing).
absl::StatusOr<AttributeValue> AddTo(const AttributeValue* old, const AttributeValue& x) {
  if (old == nullptr) {
    AttributeValue v = x;
    if (!v.is_n()) CanonicalizeSet(&v);
    return v;
  }
  if (old->type() != x.type()) return WrongType();
  AttributeValue v = *old;
  switch (x.type()) {
    case ValueType::kN: {
      absl::StatusOr<Decimal> r = old->n().Add(x.n());
      if (!r.ok()) return r.status();
      return AttributeValue(*r);
    }
    case ValueType::kSS: {
      auto& e = std::get<StringSet>(v.variant()).elements;
      for (const auto& s : x.ss().elements) {
        if (!ContainsElement(e, s)) e.push_back(s);
      }
      break;
    }
    case ValueType::kNS: {
      auto& e = std::get<NumberSet>(v.variant()).elements;
      for (const auto& s : x.ns().elements) {
        if (!ContainsElement(e, s)) e.push_back(s);
      }
      break;
    }
    case ValueType::kBS: {
      auto& e = std::get<BinarySet>(v.variant()).elements;
      for (const auto& s : x.bs().elements) {
        if (!ContainsElement(e, s)) e.push_back(s);
      }
      break;
    }
    default:
      return WrongType();
  }
  CanonicalizeSet(&v);
  return v;
}

template <typename T>
void EraseAll(std::vector<T>* from, const std::vector<T>& remove) {
  from->erase(std::remove_if(from->begin(), from->end(),
                             [&](const T& e) { return ContainsElement(remove, e); }),
              from->end());
}

// DELETE: set difference. Returns false in *keep when the set becomes empty.
absl::StatusOr<AttributeValue> DeleteFrom(const AttributeValue& old, const AttributeValue& x,
                                          bool* keep) {
  if (old.type() != x.type()) return WrongType();
  AttributeValue v = old;
  size_t left = 0;
  switch (x.type()) {
    case ValueType::kSS: {
      auto& e = std::get<StringSet>(v.variant()).elements;
      EraseAll(&e, x.ss().elements);
      left = e.size();
      break;
    }
    case ValueType::kNS: {
      auto& e = std::get<NumberSet>(v.variant()).elements;
      EraseAll(&e, x.ns().elements);
      left = e.size();
      break;
    }
    case ValueType::kBS: {
      auto& e = std::get<BinarySet>(v.variant()).elements;
      EraseAll(&e, x.bs().elements);
      left = e.size();
      break;
    }
    default:
      return WrongType();
  }
  *keep = left > 0;
  return v;
}

// Path order: element by element, list indexes numerically, names bytewise; a prefix first.
bool PathLess(const ResolvedPath& a, const ResolvedPath& b) {
  const size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    if (a[i].is_index != b[i].is_index) return a[i].is_index < b[i].is_index;
    if (a[i].is_index) {
      if (a[i].index != b[i].index) return a[i].index < b[i].index;
    } else if (a[i].name != b[i].name) {
      return a[i].name < b[i].name;
    }
  }
  return a.size() < b.size();
}

// The container holding the last step of `path` (a map or list value), or null for the item
// itself (one-step paths). Error if a step on the way is missing or of the wrong type.
absl::StatusOr<AttributeValue*> Parent(Item* item, const ResolvedPath& path) {
  if (path.size() == 1) return nullptr;
  auto it = item->find(path[0].name);
  if (it == item->end()) return InvalidPath();
  AttributeValue* cur = &it->second;
  for (size_t i = 1; i + 1 < path.size(); ++i) {
    if (path[i].is_index) {
      if (!cur->is_l() || path[i].index >= cur->l().size()) return InvalidPath();
      cur = &cur->l()[path[i].index];
    } else {
      if (!cur->is_m()) return InvalidPath();
      auto mit = cur->m().find(path[i].name);
      if (mit == cur->m().end()) return InvalidPath();
      cur = &mit->second;
    }
  }
  return cur;
}

absl::Status Put(Item* item, const ResolvedPath& path, AttributeValue value) {
  DYNAROCK_ASSIGN_OR_RETURN(AttributeValue * parent, Parent(item, path));
  const PathStep& last = path.back();
  if (parent == nullptr) {
    item->insert_or_assign(std::string(last.name), std::move(value));
    return absl::OkStatus();
  }
  if (last.is_index) {
    if (!parent->is_l()) return InvalidPath();
    AttributeList& l = parent->l();
    if (last.index < l.size()) {
      l[last.index] = std::move(value);
    } else {
      l.push_back(std::move(value));  // past the end appends
    }
    return absl::OkStatus();
  }
  if (!parent->is_m()) return InvalidPath();
  parent->m().insert_or_assign(std::string(last.name), std::move(value));
  return absl::OkStatus();
}

absl::Status Remove(Item* item, const ResolvedPath& path) {
  DYNAROCK_ASSIGN_OR_RETURN(AttributeValue * parent, Parent(item, path));
  const PathStep& last = path.back();
  if (parent == nullptr) {
    auto it = item->find(last.name);
    if (it != item->end()) item->erase(it);
    return absl::OkStatus();
  }
  if (last.is_index) {
    if (!parent->is_l()) return InvalidPath();
    AttributeList& l = parent->l();
    if (last.index < l.size()) l.erase(l.begin() + last.index);  // past the end: no-op
    return absl::OkStatus();
  }
  if (!parent->is_m()) return InvalidPath();
  auto mit = parent->m().find(last.name);
  if (mit != parent->m().end()) parent->m().erase(mit);
  return absl::OkStatus();
}

struct PendingPut {
  ResolvedPath path;
  AttributeValue value;
};

}  // namespace

absl::Status ApplyUpdate(const ParsedUpdate& update, const Item& old_item, Item* new_item,
                         UpdatedPaths* touched) {
  const Ast& ast = *update.ast;
  const Bindings& b = update.bindings;
  std::vector<PendingPut> puts;
  std::vector<ResolvedPath> removes;
  puts.reserve(ast.actions.size());
  for (const UpdateAction& a : ast.actions) {
    ResolvedPath path = internal::Resolve(a.path, b);
    if (touched != nullptr) touched->paths.push_back(path);
    switch (a.kind) {
      case UpdateActionKind::kSet: {
        DYNAROCK_ASSIGN_OR_RETURN(AttributeValue v, EvalValue(a.value, old_item, b));
        puts.push_back(PendingPut{std::move(path), std::move(v)});
        break;
      }
      case UpdateActionKind::kRemove:
        removes.push_back(std::move(path));
        break;
      case UpdateActionKind::kAdd: {
        const AttributeValue* old = internal::Find(old_item, a.path, b);
        DYNAROCK_ASSIGN_OR_RETURN(AttributeValue v, AddTo(old, *b.values[a.value.slot]));
        puts.push_back(PendingPut{std::move(path), std::move(v)});
        break;
      }
      case UpdateActionKind::kDelete: {
        const AttributeValue* old = internal::Find(old_item, a.path, b);
        if (old == nullptr) break;  // deleting from a missing set is a no-op
        bool keep = true;
        DYNAROCK_ASSIGN_OR_RETURN(AttributeValue v,
                                  DeleteFrom(*old, *b.values[a.value.slot], &keep));
        if (keep) {
          puts.push_back(PendingPut{std::move(path), std::move(v)});
        } else {
          removes.push_back(std::move(path));  // an emptied set is removed
        }
        break;
      }
    }
  }
  *new_item = old_item;
  std::sort(puts.begin(), puts.end(),
            [](const PendingPut& x, const PendingPut& y) { return PathLess(x.path, y.path); });
  for (PendingPut& p : puts) DYNAROCK_RETURN_IF_ERROR(Put(new_item, p.path, std::move(p.value)));
  std::sort(removes.begin(), removes.end(),
            [](const ResolvedPath& x, const ResolvedPath& y) { return PathLess(y, x); });
  for (const ResolvedPath& r : removes) DYNAROCK_RETURN_IF_ERROR(Remove(new_item, r));
  return absl::OkStatus();
}

}  // namespace dynarock::expr
