// File: lib/ops/errors.h
//
// DynamoDB's validation messages, built in one place:
//  - ConstraintErrors: the generic "<N> validation error(s) detected: Value '<v>' at '<path>'
//    failed to satisfy constraint: <c>; ..." shape (reference section 0);
//  - the 2026 envelope policy: DynamoDB now prefixes some PutItem/UpdateItem/DeleteItem
//    messages with "1 validation error detected: " and leaves others bare. Ops build the core
//    text and call ValidationError(operation, family, core); UsesEnvelope() alone decides.
#ifndef DYNAROCK_LIB_OPS_ERRORS_H_
#define DYNAROCK_LIB_OPS_ERRORS_H_

#include <string>
#include <string_view>
#include <type_traits>

#include "absl/status/status.h"

namespace dynarock::ops {

// Message building. (absl::StrCat takes absl::string_view, which Debian's Abseil does not
// unify with std::string_view, so ops concatenates with these.)
inline void AppendPiece(std::string* out, std::string_view s) { out->append(s); }
template <typename I, std::enable_if_t<std::is_integral_v<I>, int> = 0>
void AppendPiece(std::string* out, I v) {
  out->append(std::to_string(v));
}
template <typename... T>
void Append(std::string* out, const T&... parts) {
  (AppendPiece(out, parts), ...);
}
template <typename... T>
std::string Cat(const T&... parts) {
  std::string out;
  (AppendPiece(&out, parts), ...);
  return out;
}

enum class Operation {
  kCreateTable,
  kDescribeTable,
  kListTables,
  kDeleteTable,
  kPutItem,
  kGetItem,
  kDeleteItem,
  kUpdateItem,
  kBatchGetItem,
  kBatchWriteItem,
  kTransactWriteItems,
  kTransactGetItems,
  kQuery,
  kScan,
};

// Families of request-validation messages that DynamoDB treats alike for the envelope
// (shared/reference/dynamodb-api.md, "Important 2026 change").
enum class MessageFamily {
  kSetValue,             // empty and duplicate sets             enveloped on writes
  kNullValue,            // {"NULL": false}                      enveloped on writes
  kExpression,           // expression syntax / size errors      enveloped on writes
  kExpressionParameter,  // EAN/EAV misuse, legacy + expression  enveloped on writes
  kReturnValues,         // invalid ReturnValues                 enveloped on writes
  kBare,                 // keys, sizes, nesting, not found, ... never enveloped
};

inline constexpr std::string_view kEnvelopePrefix = "1 validation error detected: ";

// True if DynamoDB wraps messages of `family` on `operation` in the envelope: the write
// operations PutItem, UpdateItem, DeleteItem for every family but kBare.
bool UsesEnvelope(Operation operation, MessageFamily family);

// A ValidationException with `core`, enveloped per UsesEnvelope().
absl::Status ValidationError(Operation operation, MessageFamily family, std::string_view core);

// Applies the envelope policy to a ValidationException returned by value::ValidateItemValues /
// ValidateValue (set messages are kSetValue, the nesting message is kBare). Other statuses
// pass through unchanged.
absl::Status WrapValueError(Operation operation, const absl::Status& status);

// The family of a ValidationException message of value::ValidateItemValues / ValidateValue:
// kBare for the nesting limit, kSetValue for the rest (empty and duplicate sets).
MessageFamily ValueErrorFamily(std::string_view message);

// Collects constraint violations and renders them in DynamoDB's generic shape (at most 10
// items reported, in the order added).
class ConstraintErrors {
 public:
  // Value '<value>' at '<path>' failed to satisfy constraint: <constraint>
  void Add(std::string_view value, std::string_view path, std::string_view constraint);
  // Value null at '<path>' failed to satisfy constraint: Member must not be null
  void AddNull(std::string_view path);
  // Value at '<path>' failed to satisfy constraint: <constraint> (DynamoDB leaves the value out
  // in a few places, e.g. Query's Limit)
  void AddWithoutValue(std::string_view path, std::string_view constraint);

  bool empty() const { return count_ == 0; }
  // OK when empty; else a ValidationException "1 validation error detected: ..." or
  // "<N> validation errors detected: ...".
  absl::Status ToStatus() const;

 private:
  int count_ = 0;
  std::string items_;
};

// The constraint texts.
std::string MinLengthConstraint(size_t n);  // Member must have length greater than or equal to n
std::string MaxLengthConstraint(size_t n);  // Member must have length less than or equal to n
std::string MinValueConstraint(int64_t n);  // Member must have value greater than or equal to n
std::string MaxValueConstraint(int64_t n);  // Member must have value less than or equal to n
inline constexpr std::string_view kTableNamePatternConstraint =
    "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+";

// A ValidationException with `message` as it is (no envelope).
absl::Status Invalid(std::string_view message);

// ResourceNotFoundException texts: data plane, and control plane naming the table.
inline constexpr std::string_view kResourceNotFound = "Requested resource not found";
absl::Status DataPlaneTableNotFound();
absl::Status ControlPlaneTableNotFound(std::string_view table_name);

// A ValidationException for a request parameter dynarock does not implement yet
// ("<Parameter> is not supported yet"); see docs/compatibility.md.
absl::Status NotSupportedYet(std::string_view parameter);

}  // namespace dynarock::ops

#endif  // DYNAROCK_LIB_OPS_ERRORS_H_
