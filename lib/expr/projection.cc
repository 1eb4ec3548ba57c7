// File: lib/expr/projection.cc
//
// ProjectionExpression results (and UPDATED_OLD/UPDATED_NEW fragments): nested paths rebuild
// only the requested branches, several indexes of one list come back compacted in ascending
// index order, sub-paths under one list index merge into one element, missing paths are
// omitted (DynamoDB behaviour captured by dynoxide against eu-west-2).
#include <map>
#include <string>
#include <string_view>

#include "lib/expr/bind.h"
#include "lib/expr/expression.h"

namespace dynarock::expr {
namespace {

// The requested shape: a whole value (leaf) or selected map fields / list elements.
struct Node {
  bool leaf = false;
  std::map<std::string_view, Node> fields;
  std::map<uint32_t, Node> elements;
};

AttributeValue Materialize(const Node& node, const AttributeValue& source) {
  if (node.leaf) return source;
  if (!node.fields.empty()) {
    AttributeMap m;
    for (const auto& [name, child] : node.fields) {
      auto it = source.m().find(name);
      m.emplace(std::string(name), Materialize(child, it->second));
    }
    return AttributeValue(std::move(m));
  }
  AttributeList l;
  l.reserve(node.elements.size());
  for (const auto& [index, child] : node.elements) {
    l.push_back(Materialize(child, source.l()[index]));
  }
  return AttributeValue(std::move(l));
}

}  // namespace

Item ProjectPaths(const Item& item, absl::Span<const ResolvedPath> paths) {
  Item out;
  bool flat = true;
  for (const ResolvedPath& p : paths) flat = flat && p.size() == 1;
  if (flat) {  // the common case: top-level attributes only
    for (const ResolvedPath& p : paths) {
      auto it = item.find(p[0].name);
      if (it != item.end()) out.insert_or_assign(it->first, it->second);
    }
    return out;
  }
  Node root;
  for (const ResolvedPath& p : paths) {
    if (internal::Find(item, p) == nullptr) continue;  // also guarantees every step's type
    Node* cur = &root;
    for (const PathStep& step : p) {
      if (cur->leaf) break;  // an enclosing path already takes the whole value
      cur = step.is_index ? &cur->elements[step.index] : &cur->fields[step.name];
    }
    if (!cur->leaf) {
      cur->leaf = true;
      cur->fields.clear();
      cur->elements.clear();
    }
  }
  for (const auto& [name, child] : root.fields) {
    auto it = item.find(name);
    out.emplace(it->first, Materialize(child, it->second));
  }
  return out;
}

Item Project(const ParsedProjection& projection, const Item& item) {
  return ProjectPaths(item, projection.paths);
}

}  // namespace dynarock::expr
