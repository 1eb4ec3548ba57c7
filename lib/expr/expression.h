// File: lib/expr/expression.h
//
// The expression layer's API: parse, bind, validate and evaluate DynamoDB's five expression
// kinds (ConditionExpression, FilterExpression, KeyConditionExpression, ProjectionExpression,
// UpdateExpression) with DynamoDB's semantics and exact error messages.
//
// Life of an expression in one request:
//   1. Parse*() looks the text up in an ExpressionCache (or parses it: lexer + recursive
//      descent, see parser.h) giving an immutable, shareable Ast whose placeholders are slots;
//   2. it binds the slots to the request's ExpressionAttributeNames/Values (undefined ones are
//      errors) and runs the checks that need the bound values (overlapping paths, literal
//      operand types, BETWEEN bounds), marking each placeholder used in the UsageTracker;
//   3. after all expressions of the request are parsed, UsageTracker::CheckAllUsed() reports
//      unused names, then unused values;
//   4. Evaluate/Apply/Project run against items, as often as needed.
//
// Cache: keyed by (kind, text) only; it holds unbound Asts, so placeholders are bound per
// request (a few map lookups) and a cached tree never holds request data.
//
// Lifetime: a Parsed* object borrows the names and values of the ExpressionAttributeNames/
// Values maps it was bound to (pointers to their entries); it must not outlive them, and the
// maps must not be modified while it is used. PathStep names borrow from the Parsed* object.
//
// Errors are ValidationExceptions with DynamoDB's core text (no "1 validation error detected"
// envelope: the ops layer adds it where DynamoDB does).
//
// Thread safety: Parsed* objects are immutable; evaluation functions may run concurrently on
// one object. ExpressionCache is thread-safe.
#ifndef DYNAROCK_LIB_EXPR_EXPRESSION_H_
#define DYNAROCK_LIB_EXPR_EXPRESSION_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "dynarock/item.h"
#include "dynarock/item_ops.h"

#include "lib/expr/ast.h"

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace dynarock::expr {

// ---------------------------------------------------------------------------------------------
// ExpressionCache
// ---------------------------------------------------------------------------------------------

// Parsed (unbound) expressions keyed by kind and text. Only successful parses are cached.
// When a kind's table reaches `capacity_per_kind` entries it is cleared (simple and bounded;
// a workload with more distinct expressions than that re-parses).
// Thread safety: all methods may be called concurrently.
class ExpressionCache {
 public:
  explicit ExpressionCache(size_t capacity_per_kind = 4096) : capacity_(capacity_per_kind) {}

  // The process-wide cache used when a Parse* call is given none.
  static ExpressionCache& Default();

  // The parsed tree of `text`, from the cache or freshly parsed (and then inserted).
  absl::StatusOr<std::shared_ptr<const Ast>> GetOrParse(std::string_view text, ExpressionKind kind);

  size_t size() const;
  void Clear();

 private:
  const size_t capacity_;
  // std::shared_mutex rather than absl::Mutex: ThreadSanitizer sees it (Debian's Abseil is not
  // instrumented), so the concurrency tests check the cache's locking too.
  mutable std::shared_mutex mu_;
  absl::flat_hash_map<std::string, std::shared_ptr<const Ast>> tables_[5];  // guarded by mu_
};

// ---------------------------------------------------------------------------------------------
// Placeholders
// ---------------------------------------------------------------------------------------------

// Collects which ExpressionAttributeNames/Values entries the expressions of one request used.
// Not thread-safe (one request, one thread).
class UsageTracker {
 public:
  void MarkUsed(const void* map_key) { used_.insert(map_key); }
  // "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}" (names
  // are checked first), then the same for ExpressionAttributeValues; OK if all were used.
  // REQUIRES: the same map objects the expressions were bound to (entries are tracked by
  // address, so no key is copied or hashed as text).
  absl::Status CheckAllUsed(const ExpressionAttributeNames& names,
                            const ExpressionAttributeValues& values) const;

 private:
  absl::flat_hash_set<const void*> used_;  // addresses of the maps' key strings
};

// Checks the keys of the placeholder maps: "#" or ":" followed by one or more [A-Za-z0-9_].
// Errors: "ExpressionAttributeNames contains invalid key: Syntax error; key: \"<k>\"" (names
// first), then the same for ExpressionAttributeValues.
absl::Status ValidatePlaceholderKeys(const ExpressionAttributeNames& names,
                                     const ExpressionAttributeValues& values);

// The per-request resolution of an Ast's slots.
struct Bindings {
  std::vector<const std::string*> names{};      // name slot -> attribute name
  std::vector<const AttributeValue*> values{};  // value slot -> value
};

// A parsed expression bound to one request's placeholders.
struct BoundExpression {
  std::shared_ptr<const Ast> ast{};
  Bindings bindings{};
};

// One resolved step of a document path.
struct PathStep {
  std::string_view name{};  // map key (when !is_index)
  uint32_t index = 0;       // list index (when is_index)
  bool is_index = false;
};
using ResolvedPath = std::vector<PathStep>;

// "[a, b, [3]]", as DynamoDB renders paths in messages.
std::string PathToString(const ResolvedPath& path);

// ---------------------------------------------------------------------------------------------
// Conditions and filters
// ---------------------------------------------------------------------------------------------

struct ParsedCondition : BoundExpression {};

// `kind` is kCondition or kFilter (it selects the message prefix). `usage` may be null.
absl::StatusOr<ParsedCondition> ParseCondition(std::string_view text, ExpressionKind kind,
                                               const ExpressionAttributeNames& names,
                                               const ExpressionAttributeValues& values,
                                               UsageTracker* usage,
                                               ExpressionCache* cache = nullptr);

// True if `item` satisfies the condition. An absent item is an empty Item (every attribute
// missing). DynamoDB raises no evaluation-time errors for conditions: comparing different types
// or missing attributes is simply false.
bool EvaluateCondition(const ParsedCondition& condition, const Item& item);

// The top-level attribute names a condition reads (e.g. for Query's "Filter Expression can only
// contain non-primary key attributes" check), in text order, duplicates removed.
std::vector<std::string_view> TopLevelNames(const BoundExpression& expression);

// ---------------------------------------------------------------------------------------------
// Updates
// ---------------------------------------------------------------------------------------------

struct ParsedUpdate : BoundExpression {};

absl::StatusOr<ParsedUpdate> ParseUpdate(std::string_view text,
                                         const ExpressionAttributeNames& names,
                                         const ExpressionAttributeValues& values,
                                         UsageTracker* usage, ExpressionCache* cache = nullptr);

// Rejects actions on key attributes (call before ApplyUpdate):
//   "One or more parameter values were invalid: Cannot update attribute <k>. This attribute is
//    part of the key" (a top-level key attribute), or "Key attributes must be scalars; list
//    random access '[]' and map lookup '.' are not allowed: Key: <k>" (a nested path into one).
absl::Status CheckKeyAttributes(const ParsedUpdate& update,
                                absl::Span<const std::string_view> key_names);

// The document paths an update touched, for ReturnValues UPDATED_OLD / UPDATED_NEW: project
// them from the old or the new item with ProjectPaths(). Views borrow from the ParsedUpdate.
struct UpdatedPaths {
  std::vector<ResolvedPath> paths{};
};

// Applies the update to a copy of `old_item` (empty if the item does not exist) in *new_item.
// All operands are evaluated against the old item first, then SET, REMOVE, ADD and DELETE are
// applied (list indexes refer to the old list). Runtime errors (ValidationException):
//   "The provided expression refers to an attribute that does not exist in the item";
//   "An operand in the update expression has an incorrect data type";
//   "The document path provided in the update expression is invalid for update";
//   Decimal's overflow/underflow messages for + and -.
// `touched` may be null. On error *new_item is unspecified.
absl::Status ApplyUpdate(const ParsedUpdate& update, const Item& old_item, Item* new_item,
                         UpdatedPaths* touched);

// True if the update has a SET or ADD action (only those create a missing item).
bool UpdateCreatesItem(const ParsedUpdate& update);

// ---------------------------------------------------------------------------------------------
// Projections
// ---------------------------------------------------------------------------------------------

struct ParsedProjection : BoundExpression {
  std::vector<ResolvedPath> paths{};
};

absl::StatusOr<ParsedProjection> ParseProjection(std::string_view text,
                                                 const ExpressionAttributeNames& names,
                                                 UsageTracker* usage,
                                                 ExpressionCache* cache = nullptr);

// The requested parts of `item`: nested paths keep only the requested branches, several
// indexes of one list come back compacted in ascending index order, missing paths are omitted.
Item Project(const ParsedProjection& projection, const Item& item);
// The same for any non-overlapping paths.
Item ProjectPaths(const Item& item, absl::Span<const ResolvedPath> paths);

// ---------------------------------------------------------------------------------------------
// Key conditions
// ---------------------------------------------------------------------------------------------

enum class SortKeyOp : uint8_t { kEq, kLt, kLe, kGt, kGe, kBetween, kBeginsWith };

struct SortKeyCondition {
  SortKeyOp op = SortKeyOp::kEq;
  const AttributeValue* value = nullptr;  // the operand; the lower bound for kBetween
  const AttributeValue* upper = nullptr;  // kBetween only
};

struct ParsedKeyCondition : BoundExpression {
  const AttributeValue* partition_value = nullptr;  // borrowed from the values map
  std::optional<SortKeyCondition> sort{};
};

// Parses and checks the shape "pk = :v [AND <sort key condition>]" for a key schema
// `hash_key` [+ `range_key`]. Does not check value types against the schema (the caller knows
// the attribute types). Messages as DynamoDB: "Query condition missed key schema element: <k>",
// "Query key condition not supported", "Invalid KeyConditionExpression: ..." (see .cc).
absl::StatusOr<ParsedKeyCondition> ParseKeyCondition(std::string_view text,
                                                     const ExpressionAttributeNames& names,
                                                     const ExpressionAttributeValues& values,
                                                     UsageTracker* usage, std::string_view hash_key,
                                                     std::optional<std::string_view> range_key,
                                                     ExpressionCache* cache = nullptr);

}  // namespace dynarock::expr

#endif  // DYNAROCK_LIB_EXPR_EXPRESSION_H_
