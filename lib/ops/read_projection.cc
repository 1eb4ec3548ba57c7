#include "lib/ops/read_projection.h"

#include "dynarock/error.h"
#include "lib/base/status_macros.h"

namespace dynarock::ops {

absl::Status PrepareReadProjection(Operation operation,
                                   const std::optional<std::string>& projection_expression,
                                   const std::vector<std::string>& attributes_to_get,
                                   const ExpressionAttributeNames& names, ReadProjection* out) {
  if (projection_expression.has_value() && !attributes_to_get.empty()) {
    return ValidationError(operation, MessageFamily::kExpressionParameter,
                           "Can not use both expression and non-expression parameters in the same "
                           "request: Non-expression parameters: {AttributesToGet} Expression "
                           "parameters: {ProjectionExpression}");
  }
  if (projection_expression.has_value()) {
    static const ExpressionAttributeValues kNoValues;
    DYNAROCK_RETURN_IF_ERROR(expr::ValidatePlaceholderKeys(names, kNoValues));
    expr::UsageTracker usage;
    DYNAROCK_ASSIGN_OR_RETURN(out->expression,
                              expr::ParseProjection(*projection_expression, names, &usage));
    DYNAROCK_RETURN_IF_ERROR(usage.CheckAllUsed(names, kNoValues));
  } else if (!names.empty()) {
    return ValidationError(operation, MessageFamily::kExpressionParameter,
                           "ExpressionAttributeNames can only be specified when using expressions");
  }
  for (const std::string& name : attributes_to_get) {
    if (!out->attributes_to_get.insert(name).second) {
      return MakeError(ErrorType::kValidation,
                       Cat("One or more parameter values were invalid: Duplicate value "
                           "in attribute name: ",
                           name));
    }
  }
  return absl::OkStatus();
}

void ApplyReadProjection(const ReadProjection& projection, Item* item) {
  if (projection.expression.has_value()) {
    *item = expr::Project(*projection.expression, *item);
  } else if (!projection.attributes_to_get.empty()) {
    for (auto it = item->begin(); it != item->end();) {
      it = projection.attributes_to_get.count(it->first) > 0 ? std::next(it) : item->erase(it);
    }
  }
}

}  // namespace dynarock::ops
