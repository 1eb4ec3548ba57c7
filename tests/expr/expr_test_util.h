// File: tests/expr/expr_test_util.h
//
// Shorthands for the expression tests: parse-and-evaluate in one call, error statuses of each
// kind, numbers from text.
#ifndef DYNAROCK_TESTS_EXPR_EXPR_TEST_UTIL_H_
#define DYNAROCK_TESTS_EXPR_EXPR_TEST_UTIL_H_

#include <string_view>

#include <catch2/catch.hpp>

#include "dynarock/item.h"
#include "dynarock/item_ops.h"

#include "lib/expr/expression.h"
#include "tests/testing/status_matchers.h"

namespace dynarock::expr::testing {

inline Decimal Num(std::string_view text) {
  absl::StatusOr<Decimal> d = Decimal::Parse(text);
  REQUIRE_OK(d);
  return *d;
}

// Evaluates a ConditionExpression against `item`. REQUIRES: it parses.
inline bool Matches(std::string_view text, const Item& item,
                    const ExpressionAttributeValues& values = {},
                    const ExpressionAttributeNames& names = {}) {
  absl::StatusOr<ParsedCondition> c =
      ParseCondition(text, ExpressionKind::kCondition, names, values, nullptr);
  REQUIRE_OK(c);
  return EvaluateCondition(*c, item);
}

inline absl::Status ConditionStatus(std::string_view text,
                                    const ExpressionAttributeValues& values = {},
                                    const ExpressionAttributeNames& names = {},
                                    ExpressionKind kind = ExpressionKind::kCondition) {
  return ParseCondition(text, kind, names, values, nullptr).status();
}

inline absl::Status UpdateStatus(std::string_view text,
                                 const ExpressionAttributeValues& values = {},
                                 const ExpressionAttributeNames& names = {}) {
  return ParseUpdate(text, names, values, nullptr).status();
}

inline absl::Status ProjectionStatus(std::string_view text,
                                     const ExpressionAttributeNames& names = {}) {
  return ParseProjection(text, names, nullptr).status();
}

// Applies an UpdateExpression to `old_item`; returns the status, the result in *out.
inline absl::Status Update(std::string_view text, const Item& old_item, Item* out,
                           const ExpressionAttributeValues& values = {},
                           const ExpressionAttributeNames& names = {},
                           UpdatedPaths* touched = nullptr) {
  absl::StatusOr<ParsedUpdate> u = ParseUpdate(text, names, values, nullptr);
  if (!u.ok()) return u.status();
  return ApplyUpdate(*u, old_item, out, touched);
}

}  // namespace dynarock::expr::testing

#endif  // DYNAROCK_TESTS_EXPR_EXPR_TEST_UTIL_H_
