// File: lib/ops/conditions.h
//
// The expression parameters of the write operations (PutItem, UpdateItem, DeleteItem):
// ExpressionAttributeNames/Values checks, parsing ConditionExpression and UpdateExpression in
// DynamoDB's order, the unused-placeholder checks (reference section 3.7), and the condition
// check run under the item's lock.
//
// Message policy: parse-time expression errors ("Invalid <X>Expression: ...") are family
// kExpression; placeholder-map misuse (EAN/EAV without expressions, invalid keys, unused
// entries) kExpressionParameter; invalid values inside ExpressionAttributeValues are reported
// as "ExpressionAttributeValues contains invalid value: <m> for key <:v>", enveloped as <m>'s
// family is (ValidateExpressionAttributeValues).
#ifndef DYNAROCK_LIB_OPS_CONDITIONS_H_
#define DYNAROCK_LIB_OPS_CONDITIONS_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "dynarock/item.h"
#include "dynarock/item_ops.h"
#include "lib/expr/expression.h"
#include "lib/ops/errors.h"

namespace dynarock::ops {

// The parsed expressions of one write request. Borrows the request's placeholder maps (see
// expr::BoundExpression): it must not outlive the request.
struct WriteExpressions {
  std::optional<expr::ParsedCondition> condition{};
  std::optional<expr::ParsedUpdate> update{};
};

// The legacy parameters of a write request (legacy.h); empty members are absent.
struct LegacyWriteParameters {
  const ExpectedAttributes* expected = nullptr;
  std::optional<ConditionalOperator> conditional_operator{};
  const AttributeUpdates* attribute_updates = nullptr;  // UpdateItem only
};

// Rejects mixing legacy and expression parameters ("Can not use both expression and
// non-expression parameters in the same request: ..."). With legacy parameters, validates
// their values and translates them (legacy.h). Else checks the placeholder maps and parses
// `update` (UpdateItem only; null elsewhere), then `condition`, then reports unused
// placeholders. Without any expression, non-empty maps are DynamoDB's "... can only be
// specified when using expressions" errors.
absl::Status PrepareWriteExpressions(Operation operation,
                                     const std::optional<std::string>& condition,
                                     const std::optional<std::string>* update,
                                     const ExpressionAttributeNames& names,
                                     const ExpressionAttributeValues& values,
                                     const LegacyWriteParameters& legacy, WriteExpressions* out);

// Validates every value of ExpressionAttributeValues as item values are validated; errors are
// "ExpressionAttributeValues contains invalid value: <m> for key <:v>", enveloped on
// `operation` as the inner message's family is (empty or duplicate sets: kSetValue; the
// nesting limit: kBare).
absl::Status ValidateExpressionAttributeValues(Operation operation,
                                               const ExpressionAttributeValues& values);

// Applies the envelope policy to a ValidationException of the expression layer (family
// kExpression, or kExpressionParameter for the unused/invalid-key messages).
absl::Status WrapExpressionError(Operation operation, const absl::Status& status);

// OK when `condition` is null or `old_item` satisfies it (`old_item` is empty when no item
// exists). Else ConditionalCheckFailedException "The conditional request failed"; with
// ReturnValuesOnConditionCheckFailure ALL_OLD and an existing item the status carries the old
// item as payload kPayloadConditionItem (binary item codec).
absl::Status CheckCondition(const expr::ParsedCondition* condition, const Item& old_item,
                            bool existed,
                            const std::optional<ReturnValuesOnConditionCheckFailure>& on_failure);

}  // namespace dynarock::ops

#endif  // DYNAROCK_LIB_OPS_CONDITIONS_H_
