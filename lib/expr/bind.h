// File: lib/expr/bind.h
//
// Internal helpers shared by the binder and the evaluators: placeholder binding, path
// resolution against items, static operand types. Not part of the layer's API.
#ifndef DYNAROCK_LIB_EXPR_BIND_H_
#define DYNAROCK_LIB_EXPR_BIND_H_

#include <optional>
#include <string>
#include <string_view>

#include "dynarock/item.h"
#include "dynarock/item_ops.h"

#include "lib/expr/ast.h"
#include "lib/expr/expression.h"

#include "absl/status/status.h"

namespace dynarock::expr::internal {

// Resolves every slot of `ast` in `names`/`values`, marking entries used. Errors: undefined
// names (first), then undefined values, in order of first appearance.
absl::Status BindPlaceholders(const Ast& ast, const ExpressionAttributeNames& names,
                              const ExpressionAttributeValues& values, UsageTracker* usage,
                              Bindings* out);

inline std::string_view ElementName(const PathElement& e, const Bindings& b) {
  return e.kind == PathElement::Kind::kNamePlaceholder ? std::string_view(*b.names[e.value])
                                                       : std::string_view(e.name);
}

ResolvedPath Resolve(const Path& path, const Bindings& b);

// The value at `path` in `item`, or nullptr if any step is missing or of the wrong type.
const AttributeValue* Find(const Item& item, const Path& path, const Bindings& b);
const AttributeValue* Find(const Item& item, const ResolvedPath& path);

// The type an operand is known to have before evaluation: a literal's type, N for size();
// nullopt for paths and other functions.
std::optional<ValueType> StaticType(const Operand& op, const Bindings& b);

// Overlap/conflict check of document paths (update and projection), DynamoDB's messages
// without the "Invalid <X>Expression: " prefix; empty string if none.
std::string CheckOverlaps(const std::vector<ResolvedPath>& paths);

}  // namespace dynarock::expr::internal

#endif  // DYNAROCK_LIB_EXPR_BIND_H_
