#include "lib/ops/conditions.h"

#include <string_view>

#include "absl/strings/cord.h"
#include "dynarock/error.h"
#include "lib/base/status_macros.h"
#include "lib/codec/item_codec.h"
#include "lib/ops/legacy.h"
#include "lib/value/validate.h"

namespace dynarock::ops {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

absl::Status PrepareLegacy(Operation operation, const LegacyWriteParameters& legacy,
                           bool has_expected, bool has_updates, WriteExpressions* out) {
  if (legacy.conditional_operator.has_value() && !has_expected) {
    // DynamoDB's text is unconfirmed (reference section 9).
    return MakeError(ErrorType::kValidation,
                     "ConditionalOperator can only be used when Expected is specified");
  }
  if (has_updates) {
    for (const auto& [name, u] : *legacy.attribute_updates) {
      if (u.value.has_value()) {
        DYNAROCK_RETURN_IF_ERROR(WrapValueError(operation, value::ValidateValue(*u.value)));
      }
    }
    out->update.emplace();
    DYNAROCK_RETURN_IF_ERROR(TranslateAttributeUpdates(*legacy.attribute_updates, &*out->update));
  }
  if (has_expected) {
    for (const auto& [name, e] : *legacy.expected) {
      if (e.value.has_value()) {
        DYNAROCK_RETURN_IF_ERROR(WrapValueError(operation, value::ValidateValue(*e.value)));
      }
      for (const AttributeValue& v : e.attribute_value_list) {
        DYNAROCK_RETURN_IF_ERROR(WrapValueError(operation, value::ValidateValue(v)));
      }
    }
    out->condition.emplace();
    DYNAROCK_RETURN_IF_ERROR(
        TranslateExpected(*legacy.expected, legacy.conditional_operator, &*out->condition));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status WrapExpressionError(Operation operation, const absl::Status& status) {
  if (status.ok() || GetErrorType(status) != ErrorType::kValidation) return status;
  const std::string core(status.message());
  const bool parameter = StartsWith(core, "Value provided in Expression") ||
                         StartsWith(core, "ExpressionAttributeNames contains invalid key") ||
                         StartsWith(core, "ExpressionAttributeValues contains invalid key");
  return ValidationError(operation,
                         parameter ? MessageFamily::kExpressionParameter
                                   : MessageFamily::kExpression,
                         core);
}

absl::Status ValidateExpressionAttributeValues(Operation operation,
                                               const ExpressionAttributeValues& values) {
  for (const auto& [key, value] : values) {
    absl::Status s = value::ValidateValue(value);
    if (s.ok()) continue;
    if (GetErrorType(s) != ErrorType::kValidation) return s;
    const std::string_view message(s.message().data(), s.message().size());
    return ValidationError(operation, ValueErrorFamily(message),
                           Cat("ExpressionAttributeValues contains invalid value: ", message,
                               " for key ", key));
  }
  return absl::OkStatus();
}

absl::Status PrepareWriteExpressions(Operation operation,
                                     const std::optional<std::string>& condition,
                                     const std::optional<std::string>* update,
                                     const ExpressionAttributeNames& names,
                                     const ExpressionAttributeValues& values,
                                     const LegacyWriteParameters& legacy, WriteExpressions* out) {
  const bool has_update = update != nullptr && update->has_value();
  const bool has_expected = legacy.expected != nullptr && !legacy.expected->empty();
  const bool has_updates = legacy.attribute_updates != nullptr && !legacy.attribute_updates->empty();
  std::string legacy_names;
  auto add = [](std::string* list, bool present, std::string_view name) {
    if (!present) return;
    if (!list->empty()) list->append(", ");
    list->append(name);
  };
  add(&legacy_names, has_updates, "AttributeUpdates");
  add(&legacy_names, legacy.conditional_operator.has_value(), "ConditionalOperator");
  add(&legacy_names, has_expected, "Expected");
  if (!legacy_names.empty()) {
    std::string expression_names;
    add(&expression_names, condition.has_value(), "ConditionExpression");
    add(&expression_names, !names.empty(), "ExpressionAttributeNames");
    add(&expression_names, !values.empty(), "ExpressionAttributeValues");
    add(&expression_names, has_update, "UpdateExpression");
    if (!expression_names.empty()) {
      return ValidationError(operation, MessageFamily::kExpressionParameter,
                             Cat("Can not use both expression and non-expression parameters in "
                                 "the same request: Non-expression parameters: {",
                                 legacy_names, "} Expression parameters: {", expression_names,
                                 "}"));
    }
    return PrepareLegacy(operation, legacy, has_expected, has_updates, out);
  }
  if (!condition.has_value() && !has_update) {
    if (!names.empty()) {
      return ValidationError(
          operation, MessageFamily::kExpressionParameter,
          "ExpressionAttributeNames can only be specified when using expressions");
    }
    if (!values.empty()) {
      return ValidationError(operation, MessageFamily::kExpressionParameter,
                             update != nullptr
                                 ? "ExpressionAttributeValues can only be specified when using "
                                   "expressions: UpdateExpression and ConditionExpression are null"
                                 : "ExpressionAttributeValues can only be specified when using "
                                   "expressions: ConditionExpression is null");
    }
    return absl::OkStatus();
  }
  DYNAROCK_RETURN_IF_ERROR(WrapExpressionError(operation, expr::ValidatePlaceholderKeys(names, values)));
  DYNAROCK_RETURN_IF_ERROR(ValidateExpressionAttributeValues(operation, values));
  expr::UsageTracker usage;
  if (has_update) {
    absl::StatusOr<expr::ParsedUpdate> parsed =
        expr::ParseUpdate(**update, names, values, &usage);
    if (!parsed.ok()) return WrapExpressionError(operation, parsed.status());
    out->update = *std::move(parsed);
  }
  if (condition.has_value()) {
    absl::StatusOr<expr::ParsedCondition> parsed = expr::ParseCondition(
        *condition, expr::ExpressionKind::kCondition, names, values, &usage);
    if (!parsed.ok()) return WrapExpressionError(operation, parsed.status());
    out->condition = *std::move(parsed);
  }
  return WrapExpressionError(operation, usage.CheckAllUsed(names, values));
}

absl::Status CheckCondition(const expr::ParsedCondition* condition, const Item& old_item,
                            bool existed,
                            const std::optional<ReturnValuesOnConditionCheckFailure>& on_failure) {
  if (condition == nullptr || expr::EvaluateCondition(*condition, old_item)) {
    return absl::OkStatus();
  }
  absl::Status failed =
      MakeError(ErrorType::kConditionalCheckFailed, "The conditional request failed");
  if (existed && on_failure == ReturnValuesOnConditionCheckFailure::kAllOld) {
    failed.SetPayload(kPayloadConditionItem, absl::Cord(codec::EncodeItem(old_item)));
  }
  return failed;
}

}  // namespace dynarock::ops
