// File: lib/ops/legacy.h
//
// The legacy (non-expression) parameters Expected + ConditionalOperator (PutItem, UpdateItem,
// DeleteItem) and AttributeUpdates (UpdateItem), translated into expression syntax trees bound
// to the request's values, so one evaluator and one update engine serve both forms. Messages
// are DynamoDB's (reference 4.0, "Legacy parameters"), bare.
#ifndef DYNAROCK_LIB_OPS_LEGACY_H_
#define DYNAROCK_LIB_OPS_LEGACY_H_

#include <optional>

#include "absl/status/status.h"
#include "dynarock/item_ops.h"
#include "lib/expr/expression.h"

namespace dynarock::ops {

// Builds the condition of `expected` (entries joined by `op`, AND by default).
// REQUIRES: !expected.empty(). The result borrows the values of `expected`.
absl::Status TranslateExpected(const ExpectedAttributes& expected,
                               const std::optional<ConditionalOperator>& op,
                               expr::ParsedCondition* out);

// Builds the update of `updates` (PUT -> SET, DELETE without value -> REMOVE, DELETE with a set
// -> DELETE, ADD of N or a set -> ADD, ADD of a list -> append). REQUIRES: !updates.empty().
// The result borrows the values of `updates`.
absl::Status TranslateAttributeUpdates(const AttributeUpdates& updates,
                                       expr::ParsedUpdate* out);

}  // namespace dynarock::ops

#endif  // DYNAROCK_LIB_OPS_LEGACY_H_
