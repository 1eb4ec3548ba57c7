// File: lib/ops/table_checks.h
//
// The request checks CreateTable and UpdateTable share, with DynamoDB's messages: throughput
// member constraints, capacity bounds, the shape of a key schema, and an index's projection.
#ifndef DYNAROCK_LIB_OPS_TABLE_CHECKS_H_
#define DYNAROCK_LIB_OPS_TABLE_CHECKS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "dynarock/table_ops.h"
#include "lib/ops/errors.h"

namespace dynarock::ops {

// Index limits per table (reference 5).
inline constexpr size_t kMaxGlobalIndexes = 20;
inline constexpr size_t kMaxNonKeyAttributesPerIndex = 20;
inline constexpr size_t kMaxProjectedNonKeyAttributes = 100;  // summed over all indexes

// "Given value ... is out of bounds" above this many capacity units.
inline constexpr int64_t kMaxCapacityUnits = 1000000000000;

// Constraint items for capacity units below 1 ("<path>.readCapacityUnits", ...).
void CheckThroughputConstraints(const ProvisionedThroughput& pt, std::string_view path,
                                ConstraintErrors* errors);

// "Given value <n> for ReadCapacityUnits is out of bounds<suffix>" (suffix: "" for the table,
// " for index <name>" for an index), read units first.
absl::Status CheckCapacityBounds(const ProvisionedThroughput& pt, std::string_view suffix);

// HASH first, an optional RANGE second, two distinct names. REQUIRES: 1 or 2 elements.
absl::Status CheckKeySchemaShape(const std::vector<KeySchemaElement>& keys);

// ProjectionType present; NonKeyAttributes exactly with INCLUDE, without duplicates.
absl::Status CheckProjection(const Projection& p);

// Milliseconds since the epoch, for creation times.
int64_t NowMs();

}  // namespace dynarock::ops

#endif  // DYNAROCK_LIB_OPS_TABLE_CHECKS_H_
