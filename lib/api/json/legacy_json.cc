#include "lib/api/json/legacy_json.h"

#include <string>

#include "lib/api/json/value_json.h"
#include "lib/base/status_macros.h"

namespace dynarock::json {
namespace {

constexpr std::string_view kOperators[] = {
    "EQ",   "NE",       "LE",           "LT",          "GE", "GT",     "NOT_NULL",
    "NULL", "CONTAINS", "NOT_CONTAINS", "BEGINS_WITH", "IN", "BETWEEN"};

}  // namespace

absl::Status ReadConditions(const Json& body, std::string_view member, std::string_view path,
                            RequestContext* ctx, Conditions* out, bool* present) {
  const Json* m = FindMember(body, member);
  *present = m != nullptr;
  if (m == nullptr) return absl::OkStatus();
  DYNAROCK_RETURN_IF_ERROR(CheckMap(*m, "com.amazonaws.dynamodb.v20120810.Condition"));
  for (auto it = m->begin(); it != m->end(); ++it) {
    if (it.value().is_null()) continue;
    DYNAROCK_RETURN_IF_ERROR(CheckStructValue(it.value(), "Condition"));
    const Json& c = it.value();
    Condition entry;
    std::optional<std::string> op;
    DYNAROCK_RETURN_IF_ERROR(ReadString(c, "ComparisonOperator", &op));
    const std::string op_path = Concat(path, ".", it.key(), ".member.comparisonOperator");
    if (!op.has_value()) {
      ctx->constraints.AddNull(op_path);
    } else {
      bool known = false;
      for (size_t i = 0; i < std::size(kOperators); ++i) {
        if (*op == kOperators[i]) {
          entry.comparison_operator = static_cast<ComparisonOperator>(i);
          known = true;
        }
      }
      if (!known) {
        ctx->constraints.Add(*op, op_path,
                             EnumConstraint({"IN", "NULL", "BETWEEN", "LT", "NOT_CONTAINS", "EQ",
                                             "GT", "NOT_NULL", "NE", "LE", "BEGINS_WITH", "GE",
                                             "CONTAINS"}));
      }
    }
    if (const Json* list = FindMember(c, "AttributeValueList")) {
      DYNAROCK_RETURN_IF_ERROR(CheckList(*list));
      entry.attribute_value_list.reserve(list->size());
      for (const Json& v : *list) {
        AttributeValue value;
        DYNAROCK_RETURN_IF_ERROR(
            ParseAttributeValue(v, ValueContext::kPlain, it.key(), ctx, &value));
        entry.attribute_value_list.push_back(std::move(value));
      }
    }
    out->insert_or_assign(it.key(), std::move(entry));
  }
  return absl::OkStatus();
}

absl::Status ReadExpected(const Json& body, RequestContext* ctx, ExpectedAttributes* out) {
  const Json* m = FindMember(body, "Expected");
  if (m == nullptr) return absl::OkStatus();
  DYNAROCK_RETURN_IF_ERROR(
      CheckMap(*m, "com.amazonaws.dynamodb.v20120810.ExpectedAttributeValue"));
  for (auto it = m->begin(); it != m->end(); ++it) {
    if (it.value().is_null()) continue;
    DYNAROCK_RETURN_IF_ERROR(CheckStructValue(it.value(), "ExpectedAttributeValue"));
    const Json& e = it.value();
    ExpectedAttributeValue entry;
    if (const Json* v = FindMember(e, "Value")) {
      entry.value.emplace();
      DYNAROCK_RETURN_IF_ERROR(ParseAttributeValue(*v, ValueContext::kPlain, it.key(), ctx,
                                                   &*entry.value));
    }
    DYNAROCK_RETURN_IF_ERROR(ReadBool(e, "Exists", &entry.exists));
    std::optional<std::string> op;
    DYNAROCK_RETURN_IF_ERROR(ReadString(e, "ComparisonOperator", &op));
    if (op.has_value()) {
      bool known = false;
      for (size_t i = 0; i < std::size(kOperators); ++i) {
        if (*op == kOperators[i]) {
          entry.comparison_operator = static_cast<ComparisonOperator>(i);
          known = true;
        }
      }
      if (!known) {
        ctx->constraints.Add(*op, Concat("expected.", it.key(), ".member.comparisonOperator"),
                             EnumConstraint({"IN", "NULL", "BETWEEN", "LT", "NOT_CONTAINS", "EQ",
                                             "GT", "NOT_NULL", "NE", "LE", "BEGINS_WITH", "GE",
                                             "CONTAINS"}));
      }
    }
    if (const Json* list = FindMember(e, "AttributeValueList")) {
      DYNAROCK_RETURN_IF_ERROR(CheckList(*list));
      for (const Json& v : *list) {
        AttributeValue value;
        DYNAROCK_RETURN_IF_ERROR(ParseAttributeValue(v, ValueContext::kPlain, it.key(), ctx, &value));
        entry.attribute_value_list.push_back(std::move(value));
      }
    }
    out->insert_or_assign(it.key(), std::move(entry));
  }
  return absl::OkStatus();
}

absl::Status ReadConditionalOperator(const Json& body, RequestContext* ctx,
                                     std::optional<ConditionalOperator>* out) {
  std::optional<std::string> v;
  DYNAROCK_RETURN_IF_ERROR(ReadString(body, "ConditionalOperator", &v));
  if (!v.has_value()) return absl::OkStatus();
  if (*v == "AND") {
    *out = ConditionalOperator::kAnd;
  } else if (*v == "OR") {
    *out = ConditionalOperator::kOr;
  } else {
    ctx->constraints.Add(*v, "conditionalOperator", EnumConstraint({"OR", "AND"}));
  }
  return absl::OkStatus();
}

absl::Status ReadAttributeUpdates(const Json& body, RequestContext* ctx, AttributeUpdates* out) {
  const Json* m = FindMember(body, "AttributeUpdates");
  if (m == nullptr) return absl::OkStatus();
  DYNAROCK_RETURN_IF_ERROR(CheckMap(*m, "com.amazonaws.dynamodb.v20120810.AttributeValueUpdate"));
  for (auto it = m->begin(); it != m->end(); ++it) {
    if (it.value().is_null()) continue;
    DYNAROCK_RETURN_IF_ERROR(CheckStructValue(it.value(), "AttributeValueUpdate"));
    AttributeValueUpdate u;
    if (const Json* v = FindMember(it.value(), "Value")) {
      u.value.emplace();
      DYNAROCK_RETURN_IF_ERROR(
          ParseAttributeValue(*v, ValueContext::kPlain, it.key(), ctx, &*u.value));
    }
    std::optional<std::string> action;
    DYNAROCK_RETURN_IF_ERROR(ReadString(it.value(), "Action", &action));
    if (action.has_value()) {
      if (*action == "PUT") {
        u.action = AttributeAction::kPut;
      } else if (*action == "ADD") {
        u.action = AttributeAction::kAdd;
      } else if (*action == "DELETE") {
        u.action = AttributeAction::kDelete;
      } else {
        ctx->constraints.Add(*action, Concat("attributeUpdates.", it.key(), ".member.action"),
                             EnumConstraint({"ADD", "PUT", "DELETE"}));
      }
    }
    out->insert_or_assign(it.key(), std::move(u));
  }
  return absl::OkStatus();
}

}  // namespace dynarock::json
