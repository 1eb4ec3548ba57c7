// File: lib/ops/paging.h
//
// The parts Query and Scan share: the Select / ProjectionExpression / AttributesToGet rules,
// the filter and projection of a read, and ReadPage(), which reads one page of items from one
// bounded key range.
//
// A page (reference sections 4.11, 4.12): items are read in key order (or reverse) from
// [lower, upper); reading stops after `limit` items were evaluated or once the item sizes read
// (the stored 4-byte size header, no decode) reach 1 MB -- the item that crosses the limit is
// included, as dynalite does. Then the filter decides Count and the projection shapes Items.
// When the page stopped early, LastEvaluatedKey is the key of the last item evaluated, even if
// no item follows (DynamoDB does the same); it is decoded from the RocksDB key, not the item.
//
// Bounded work: one iterator with both bounds set, at most one page per call, released before
// ReadPage returns (a Scan holds no snapshot between pages).
#ifndef DYNAROCK_LIB_OPS_PAGING_H_
#define DYNAROCK_LIB_OPS_PAGING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dynarock/query.h"

#include "lib/expr/expression.h"
#include "lib/codec/encoded_item_sink.h"
#include "lib/storage/catalog.h"
#include "lib/storage/engine.h"

#include "absl/status/status.h"

namespace dynarock::ops {

// DynamoDB's page size limit on data read.
inline constexpr size_t kMaxPageBytes = 1 << 20;

// How a read shapes its result.
struct ReadShape {
  std::optional<expr::ParsedCondition> filter{};
  std::optional<expr::ParsedProjection> projection{};
  std::vector<std::string_view> attributes_to_get{};  // legacy; sorted, borrowed from the request
  bool count_only = false;                            // Select COUNT
};

// The request parameters that Query and Scan share, borrowed.
struct ReadParameters {
  bool is_query = false;
  const std::vector<std::string>* attributes_to_get = nullptr;
  const std::optional<std::string>* filter_expression = nullptr;
  const std::optional<std::string>* key_condition_expression = nullptr;  // Query only
  const std::optional<std::string>* projection_expression = nullptr;
  const std::optional<Select>* select = nullptr;
  const std::optional<int64_t>* limit = nullptr;
  const ExpressionAttributeNames* names = nullptr;
  const ExpressionAttributeValues* values = nullptr;
  bool has_index = false;
  // Legacy parameters (may stay null): KeyConditions (Query only), QueryFilter or ScanFilter
  // (`filter_name` says which), ConditionalOperator.
  const Conditions* key_conditions = nullptr;
  const Conditions* filter = nullptr;
  std::string_view filter_name = "ScanFilter";
  const std::optional<ConditionalOperator>* conditional_operator = nullptr;
};

// Request-level checks before the table lookup: Limit >= 1 (the generic constraint message),
// legacy and expression parameters mixed, ConditionalOperator without a filter, the filter's
// legacy conditions (CheckConditions), the Select rules, EAN/EAV without expressions, duplicate
// AttributesToGet, placeholder keys, attribute values.
absl::Status CheckReadParameters(const ReadParameters& p);

// Parses FilterExpression (or translates the legacy QueryFilter/ScanFilter) and
// ProjectionExpression (in that order, after the key condition) and fills *shape. `usage`
// collects the placeholders used.
absl::Status PrepareReadShape(const ReadParameters& p, expr::UsageTracker* usage, ReadShape* shape);

struct PageSpec {
  const storage::TableInfo* table = nullptr;
  // The index read (index_read.h); null for the base table. Its entries' keys decode into
  // LastEvaluatedKey with the index keys and the table keys.
  const storage::IndexInfo* index = nullptr;
  bool fetch_base = false;  // an LSI read: replace each entry with its base item
  std::string lower{};  // first key of the range (inclusive)
  std::string upper{};  // end of the range (exclusive)
  bool forward = true;
  int64_t limit = 0;  // 0: no limit
  const ReadShape* shape = nullptr;
  bool consistent = false;
  std::optional<ReturnConsumedCapacity> return_consumed_capacity{};
  codec::EncodedItemSink* sink = nullptr;  // optional; see codec/encoded_item_sink.h
};

// True when ReadPage hands this read's items to a sink (whole items).
bool SinkTakesItems(const PageSpec& spec);

// Reads one page into *out (which must be empty).
absl::Status ReadPage(const storage::Engine& engine, const PageSpec& spec, QueryResult* out);

// The key attributes of the item stored under RocksDB key `key` (the table's item key).
absl::Status DecodeItemKey(const storage::TableInfo& table, std::string_view key, Item* out);

// Decodes the table's key parts (partition key, then sort key) from the front of *rest into
// *out and advances *rest past them.
absl::Status DecodeTableKeyParts(const storage::TableInfo& table, std::string_view* rest,
                                 Item* out);

// The smallest key greater than every key starting with `prefix` (the prefix with its last
// non-0xFF byte incremented and the rest dropped). REQUIRES: prefix has a byte below 0xFF.
std::string PrefixSuccessor(std::string_view prefix);

}  // namespace dynarock::ops

#endif  // DYNAROCK_LIB_OPS_PAGING_H_
