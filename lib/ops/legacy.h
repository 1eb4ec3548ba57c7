// File: lib/ops/legacy.h
//
// The legacy (non-expression) parameters Expected + ConditionalOperator (PutItem, UpdateItem,
// DeleteItem), AttributeUpdates (UpdateItem), QueryFilter / ScanFilter + ConditionalOperator
// (Query, Scan) and KeyConditions (Query), translated into expression syntax trees bound to the
// request's values (or, for KeyConditions, into the key condition Query reads), so one
// evaluator and one update engine serve both forms. Messages are DynamoDB's (reference 4.0,
// "Legacy parameters"), bare.
#ifndef DYNAROCK_LIB_OPS_LEGACY_H_
#define DYNAROCK_LIB_OPS_LEGACY_H_

#include <optional>

#include "absl/status/status.h"
#include "dynarock/item_ops.h"
#include "dynarock/query.h"
#include "lib/expr/expression.h"
#include "lib/storage/catalog.h"

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

// Request-level checks of the conditions of QueryFilter, ScanFilter or KeyConditions, in
// DynamoDB's order for each entry: the values (value::ValidateValue), the number of values for
// the operator ("Invalid number of argument(s) for the <OP> ComparisonOperator"), one type for
// all values, the value types the operator accepts, BETWEEN's bounds in order.
absl::Status CheckConditions(const Conditions& conditions);

// Builds the filter of QueryFilter/ScanFilter (entries joined by `op`, AND by default).
// REQUIRES: !filter.empty() and CheckConditions(filter) passed. The result borrows the values of
// `filter`.
absl::Status TranslateFilter(const Conditions& filter, const std::optional<ConditionalOperator>& op,
                             expr::ParsedCondition* out);

// Turns KeyConditions into the key condition of `table`'s key schema, checking per key attribute
// (partition key first) as DynamoDB does: "Query key condition not supported" (a table without
// sort key and two conditions; the partition key not compared with EQ), "Query condition missed
// key schema element: <k>", "Attempted conditional constraint is not an indexable operation"
// (NULL, NOT_NULL, NE, CONTAINS, NOT_CONTAINS, IN), "One or more parameter values were invalid:
// Condition parameter type does not match schema type". REQUIRES: CheckConditions passed and
// 1 or 2 entries. The result borrows the values of `key_conditions` (out->ast stays empty).
absl::Status TranslateKeyConditions(const Conditions& key_conditions,
                                    const storage::TableInfo& table,
                                    expr::ParsedKeyCondition* out);

}  // namespace dynarock::ops

#endif  // DYNAROCK_LIB_OPS_LEGACY_H_
