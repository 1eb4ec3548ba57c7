// Scan (reference sections 2, 4.12): one bounded key range per call. The table's base items are
// ordered by (partition hash, partition key, sort key), so segment s of T -- the hashes
// [floor(s * 2^32 / T), floor((s + 1) * 2^32 / T)) -- is one contiguous key range
// (docs/design.md, "Parallel Scan splits by hash"). Each page is its own iterator: no snapshot
// is held between pages, as DynamoDB's Scan is not a snapshot either.
#include <memory>
#include <string>

#include "dynarock/error.h"

#include "lib/base/status_macros.h"
#include "lib/ops/errors.h"
#include "lib/ops/index_read.h"
#include "lib/ops/item_common.h"
#include "lib/ops/key_validation.h"
#include "lib/ops/ops.h"
#include "lib/ops/paging.h"
#include "lib/storage/key_layout.h"
#include "lib/value/validate.h"

namespace dynarock::ops {
namespace {

constexpr int64_t kMaxTotalSegments = 1000000;

absl::Status CheckSegments(const ScanRequest& request) {
  ConstraintErrors errors;
  if (request.segment.has_value()) {
    if (*request.segment < 0) {
      errors.Add(std::to_string(*request.segment), "segment", MinValueConstraint(0));
    } else if (*request.segment > kMaxTotalSegments - 1) {
      errors.Add(std::to_string(*request.segment), "segment",
                 MaxValueConstraint(kMaxTotalSegments - 1));
    }
  }
  if (request.total_segments.has_value()) {
    if (*request.total_segments < 1) {
      errors.Add(std::to_string(*request.total_segments), "totalSegments", MinValueConstraint(1));
    } else if (*request.total_segments > kMaxTotalSegments) {
      errors.Add(std::to_string(*request.total_segments), "totalSegments",
                 MaxValueConstraint(kMaxTotalSegments));
    }
  }
  if (!errors.empty()) return errors.ToStatus();
  if (request.segment.has_value() && !request.total_segments.has_value()) {
    return Invalid(
        "The TotalSegments parameter is required but was not present in the request when Segment "
        "parameter is present");
  }
  if (!request.segment.has_value() && request.total_segments.has_value()) {
    return Invalid(
        "The Segment parameter is required but was not present in the request when parameter "
        "TotalSegments is present");
  }
  if (request.segment.has_value() && *request.segment >= *request.total_segments) {
    return Invalid(
        Cat("The Segment parameter is zero-based and must be less than parameter "
            "TotalSegments: Segment: ",
            *request.segment, " is not less than TotalSegments: ", *request.total_segments));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ScanResult> Scan(storage::Engine& engine, const ScanRequest& request,
                                codec::EncodedItemSink* sink) {
  DYNAROCK_RETURN_IF_ERROR(CheckDataPlaneTableName(request.table_name));
  const ReadParameters params{
      .is_query = false,
      .attributes_to_get = &request.attributes_to_get,
      .filter_expression = &request.filter_expression,
      .key_condition_expression = nullptr,
      .projection_expression = &request.projection_expression,
      .select = &request.select,
      .limit = &request.limit,
      .names = &request.expression_attribute_names,
      .values = &request.expression_attribute_values,
      .has_index = request.index_name.has_value(),
      .filter = &request.scan_filter,
      .filter_name = "ScanFilter",
      .conditional_operator = &request.conditional_operator,
  };
  DYNAROCK_RETURN_IF_ERROR(CheckReadParameters(params));
  DYNAROCK_RETURN_IF_ERROR(CheckSegments(request));
  if (request.exclusive_start_key.has_value()) {
    DYNAROCK_RETURN_IF_ERROR(value::ValidateItemValues(*request.exclusive_start_key));
  }
  DYNAROCK_ASSIGN_OR_RETURN(std::shared_ptr<const storage::TableInfo> table,
                            FindTable(engine, request.table_name));
  DYNAROCK_ASSIGN_OR_RETURN(ReadTarget target,
                            ResolveReadTarget(*table, request.index_name, request.consistent_read,
                                              request.select));
  expr::UsageTracker usage;
  ReadShape shape;
  DYNAROCK_RETURN_IF_ERROR(PrepareReadShape(params, &usage, &shape));
  DYNAROCK_RETURN_IF_ERROR(CheckIndexShape(*table, shape, request.select, &target));
  DYNAROCK_RETURN_IF_ERROR(
      usage.CheckAllUsed(request.expression_attribute_names, request.expression_attribute_values));

  // The segment's hash range [lo, hi) as a key range of the base table or the index.
  const uint64_t total = static_cast<uint64_t>(request.total_segments.value_or(1));
  const uint64_t segment = static_cast<uint64_t>(request.segment.value_or(0));
  const uint64_t lo = (segment << 32) / total;
  const uint64_t hi = ((segment + 1) << 32) / total;
  PageSpec spec;
  spec.table = table.get();
  spec.index = target.index;
  spec.fetch_base = target.fetch_base;
  AppendTargetKeyHeader(*table, target, static_cast<uint32_t>(lo), &spec.lower);
  if (hi >= (uint64_t{1} << 32)) {
    // The end of the space: the successor of 0x01 <id> <space>.
    spec.upper = PrefixSuccessor(spec.lower.substr(0, storage::kItemKeyHeaderSize - 4));
  } else {
    AppendTargetKeyHeader(*table, target, static_cast<uint32_t>(hi), &spec.upper);
  }

  if (request.exclusive_start_key.has_value()) {
    const Item& esk = *request.exclusive_start_key;
    std::string start;
    DYNAROCK_RETURN_IF_ERROR(AppendStartKey(*table, target, esk, &start));
    const uint32_t hash = storage::ReadBigEndian32(start.data() + storage::kItemKeyHeaderSize - 4);
    if (hash < lo || hash >= hi) {
      return Invalid(
          Cat("The provided starting key is invalid: Invalid ExclusiveStartKey. Please "
              "use ExclusiveStartKey with correct Segment. TotalSegments: ",
              total, " Segment: ", segment));
    }
    start.push_back('\0');  // strictly after the start key
    spec.lower = std::move(start);
  }

  spec.forward = true;
  spec.limit = request.limit.value_or(0);
  spec.shape = &shape;
  spec.consistent = request.consistent_read.value_or(false);
  spec.return_consumed_capacity = request.return_consumed_capacity;
  spec.sink = sink;
  ScanResult result;
  DYNAROCK_RETURN_IF_ERROR(ReadPage(engine, spec, &result));
  return result;
}

}  // namespace dynarock::ops
