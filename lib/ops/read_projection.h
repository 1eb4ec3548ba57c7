// File: lib/ops/read_projection.h
//
// The projection of the item reads (GetItem, BatchGetItem per table, TransactGetItems per Get):
// a ProjectionExpression with its ExpressionAttributeNames, or the legacy AttributesToGet, with
// DynamoDB's checks, then applied to each item read.
#ifndef DYNAROCK_LIB_OPS_READ_PROJECTION_H_
#define DYNAROCK_LIB_OPS_READ_PROJECTION_H_

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "dynarock/item.h"
#include "dynarock/item_ops.h"
#include "lib/expr/expression.h"
#include "lib/ops/errors.h"

namespace dynarock::ops {

// A prepared projection. Borrows the request's names (see expr::ParsedProjection): it must not
// outlive the request.
struct ReadProjection {
  std::optional<expr::ParsedProjection> expression{};
  std::set<std::string_view> attributes_to_get{};  // legacy; empty: all attributes
};

// Checks and parses the projection parameters: ProjectionExpression and AttributesToGet
// together, EAN without an expression, unused names, duplicate AttributesToGet entries.
absl::Status PrepareReadProjection(Operation operation,
                                   const std::optional<std::string>& projection_expression,
                                   const std::vector<std::string>& attributes_to_get,
                                   const ExpressionAttributeNames& names, ReadProjection* out);

// Applies `projection` to `item` in place (an item whose projected attributes are all missing
// becomes {}, reference 4.8).
void ApplyReadProjection(const ReadProjection& projection, Item* item);

}  // namespace dynarock::ops

#endif  // DYNAROCK_LIB_OPS_READ_PROJECTION_H_
