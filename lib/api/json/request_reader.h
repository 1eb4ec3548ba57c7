// File: lib/api/json/request_reader.h
//
// Reading request members from a parsed nlohmann::json body the way DynamoDB's deserializer
// does, with its exact error texts (shared/reference/dynamodb-api.md sections 0 and 8.4).
//
// DynamoDB checks a request in three phases, and the first phase with an error wins:
//   1. JSON types (a number where a string is expected, ...) -> SerializationException, at once;
//   2. member constraints (required members, enum values, lengths) -> one ValidationException
//      "<N> validation error(s) detected: <item>; <item>" listing up to 10 items;
//   3. value checks done by the service (empty or multi-typed AttributeValue, number text,
//      NULL false) -> the first such ValidationException.
// The readers here return phase-1 errors as their status and record phase-2 and phase-3
// errors in a RequestContext, so one pass over the body yields DynamoDB's answer.
//
// JSON null members count as absent and unknown members are ignored (as DynamoDB does).
//
// Never throws: only find(), is_*() and get_ref() on checked types are used.
#ifndef DYNAROCK_LIB_API_JSON_REQUEST_READER_H_
#define DYNAROCK_LIB_API_JSON_REQUEST_READER_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/status/status.h"

namespace dynarock::json {

using Json = nlohmann::json;

// String concatenation that takes std::string_view (Debian's absl::StrCat takes only
// absl::string_view, a distinct type).
inline void AppendPart(std::string* s, std::string_view v) { s->append(v); }
template <typename I, std::enable_if_t<std::is_integral_v<I>, int> = 0>
void AppendPart(std::string* s, I v) {
  s->append(std::to_string(v));
}
template <typename... T>
std::string Concat(const T&... parts) {
  std::string s;
  (AppendPart(&s, parts), ...);
  return s;
}

// SerializationException with `message` (empty: the bare body without a message).
absl::Status SerializationError(std::string_view message);

// Phase-2 constraint items, in the order they were found.
class ConstraintErrors {
 public:
  // "Value null at '<path>' failed to satisfy constraint: Member must not be null".
  void AddNull(std::string_view path);
  // "Value '<value>' at '<path>' failed to satisfy constraint: <constraint>".
  void Add(std::string_view value, std::string_view path, std::string_view constraint);
  // "Value at '<path>' failed to satisfy constraint: <constraint>" (DynamoDB leaves the value
  // out in a few places, e.g. Query's Limit).
  void AddWithoutValue(std::string_view path, std::string_view constraint);

  bool empty() const { return items_.empty(); }
  // "1 validation error detected: ..." / "<n> validation errors detected: ...". REQUIRES: !empty().
  absl::Status ToStatus() const;

 private:
  static constexpr size_t kMaxItems = 10;  // DynamoDB reports at most 10
  std::vector<std::string> items_;
};

// "Member must satisfy enum value set: [A, B]" (values in AWS's order).
std::string EnumConstraint(std::initializer_list<std::string_view> values);
std::string MinLengthConstraint(int64_t n);  // "Member must have length greater than or equal to n"
std::string MaxLengthConstraint(int64_t n);  // "Member must have length less than or equal to n"
std::string MinValueConstraint(int64_t n);   // "Member must have value greater than or equal to n"
std::string MaxValueConstraint(int64_t n);   // "Member must have value less than or equal to n"
inline constexpr std::string_view kTableNamePatternConstraint =
    "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+";

// True if `name` matches [a-zA-Z0-9_.-]+.
bool MatchesNamePattern(std::string_view name);

// Per-request state of the phases 2 and 3.
struct RequestContext {
  ConstraintErrors constraints;
  absl::Status deferred;  // first phase-3 error; OK if none

  void Defer(absl::Status status) {
    if (deferred.ok()) deferred = std::move(status);
  }
  // The phase-2 error if any, else the phase-3 error, else OK.
  absl::Status Finish() const { return constraints.empty() ? deferred : constraints.ToStatus(); }
};

// The member `name` of object `obj`, or nullptr when absent or JSON null.
// REQUIRES: obj.is_object().
const Json* FindMember(const Json& obj, std::string_view name);

// Type checks. Each returns OK or the SerializationException DynamoDB gives for `v` where a
// value of that model type is expected.
absl::Status CheckString(const Json& v);
absl::Status CheckBoolean(const Json& v);
absl::Status CheckInteger(const Json& v, std::string_view java_type);  // "Integer" or "Long"
absl::Status CheckBlob(const Json& v);  // type only; base64 text is checked on decode
absl::Status CheckList(const Json& v);  // a list member of a structure
// A structure-valued member of a structure (ProvisionedThroughput, Projection, ...).
absl::Status CheckStructMember(const Json& v, std::string_view shape);
// A structure as a list element or map value (KeySchemaElement, AttributeValue, ...).
absl::Status CheckStructValue(const Json& v, std::string_view shape);
// A map member; `value_class` as Java names it ("java.lang.String",
// "com.amazonaws.dynamodb.v20120810.AttributeValue").
absl::Status CheckMap(const Json& v, std::string_view value_class);

// Reads optional members. Absent (or null) leaves *out unchanged and returns OK.
absl::Status ReadString(const Json& obj, std::string_view name, std::optional<std::string>* out);
absl::Status ReadBool(const Json& obj, std::string_view name, std::optional<bool>* out);
absl::Status ReadLong(const Json& obj, std::string_view name, std::string_view java_type,
                      std::optional<int64_t>* out);
// A list of strings; absent leaves *out empty and sets *present to false.
absl::Status ReadStringList(const Json& obj, std::string_view name, std::vector<std::string>* out,
                            bool* present);
// A map of string to string (ExpressionAttributeNames).
template <typename Map>
absl::Status ReadStringMap(const Json& obj, std::string_view name, Map* out) {
  const Json* m = FindMember(obj, name);
  if (m == nullptr) return absl::OkStatus();
  if (absl::Status s = CheckMap(*m, "java.lang.String"); !s.ok()) return s;
  for (auto it = m->begin(); it != m->end(); ++it) {
    if (it.value().is_null()) continue;
    if (absl::Status s = CheckString(it.value()); !s.ok()) return s;
    out->insert_or_assign(it.key(), it.value().get_ref<const std::string&>());
  }
  return absl::OkStatus();
}

// ExpressionAttributeNames or ExpressionAttributeValues given as an empty object is an error
// in DynamoDB ("<name> must not be empty", reference 3.7), not the same as leaving it out. The
// typed API cannot tell the two apart, so the wire layer checks it: defers that error when
// member `name` of `obj` is an empty object.
void CheckNotEmptyMap(const Json& obj, std::string_view name, RequestContext* ctx);
inline constexpr std::string_view kEmptyNamesMessage = "ExpressionAttributeNames must not be empty";
inline constexpr std::string_view kEmptyValuesMessage =
    "ExpressionAttributeValues must not be empty";

// Renders a list of strings as Java does in constraint messages: "[a, b]".
std::string RenderList(const std::vector<std::string>& values);

// Validates a data-plane TableName (name 1..255 matching [a-zA-Z0-9_.-]+, or a table ARN):
// a missing name is "Member must not be null" at 'tableName'.
void CheckDataPlaneTableName(const std::optional<std::string>& name, RequestContext* ctx);

}  // namespace dynarock::json

#endif  // DYNAROCK_LIB_API_JSON_REQUEST_READER_H_
