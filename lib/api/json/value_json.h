// File: lib/api/json/value_json.h
//
// AttributeValues and items <-> DynamoDB wire JSON:
//   {"S":"x"} {"N":"1.5"} {"B":"<base64>"} {"BOOL":true} {"NULL":true} {"M":{...}} {"L":[...]}
//   {"SS":[...]} {"NS":[...]} {"BS":[...]}
// Numbers stay exact: N text is parsed with Decimal::Parse and written with Decimal::AppendTo
// (so "1.10" comes back as "1.1" and "1e3" as "1000", as DynamoDB returns them).
//
// Parsing follows the phases of request_reader.h: JSON type errors and malformed base64 are
// returned as SerializationException; value errors (empty or multi-typed AttributeValue, bad
// number text, {"NULL": false}, nesting too deep) are recorded in the RequestContext with
// DynamoDB's text, prefixed by the context of the value (ValueContext). Sets are built in the
// order given (validation later reports duplicates as given).
//
// Writing appends to a JsonWriter without a DOM.
#ifndef DYNAROCK_LIB_API_JSON_VALUE_JSON_H_
#define DYNAROCK_LIB_API_JSON_VALUE_JSON_H_

#include <string>
#include <string_view>

#include "dynarock/item.h"
#include "dynarock/item_ops.h"

#include "lib/api/json/json_writer.h"
#include "lib/api/json/request_reader.h"

#include "absl/status/status.h"

namespace dynarock::json {

// Where a value sits; selects the message prefix DynamoDB uses (reference section 1.2).
enum class ValueContext {
  kPlain,                      // Item, Key, Expected values: the core text
  kExpressionAttributeValues,  // "ExpressionAttributeValues contains invalid value: <m> for key
                               // <k>"
  kExclusiveStartKey,          // "The provided starting key is invalid: <m>" (number errors bare)
};

// Message of {"NULL": false} (core text; PutItem/UpdateItem/DeleteItem envelope it).
inline constexpr std::string_view kNullFalseMessage =
    "One or more parameter values were invalid: Null attribute value types must have the value of "
    "true";

// Parses one AttributeValue. `v` may be any JSON value (type errors are reported). `key` is the
// map key the value belongs to (used by kExpressionAttributeValues). On a deferred error *out
// holds some value and ctx->deferred is set.
absl::Status ParseAttributeValue(const Json& v, ValueContext context, std::string_view key,
                                 RequestContext* ctx, AttributeValue* out);

// Parses an attribute map (Item, Key, ExclusiveStartKey). `v` must be a JSON object (type
// errors reported as for a Map<String, AttributeValue> member).
absl::Status ParseItem(const Json& v, ValueContext context, RequestContext* ctx, Item* out);

// Parses ExpressionAttributeValues (the values prefixed with their placeholder on errors).
absl::Status ParseExpressionAttributeValues(const Json& v, RequestContext* ctx,
                                            ExpressionAttributeValues* out);

// Writers.
void WriteAttributeValue(const AttributeValue& value, JsonWriter* w);
void WriteItem(const Item& item, JsonWriter* w);  // {"name":{"S":"x"},...}
// Writes an encoded item (codec::EncodeItem's bytes) as WriteItem writes the decoded Item,
// byte for byte, without decoding it. Errors: DataLoss on corrupt bytes (with part written).
absl::Status WriteEncodedItem(std::string_view encoded, JsonWriter* w);

// Convenience for tests and tools: the JSON text of a value / item.
std::string AttributeValueToJson(const AttributeValue& value);
std::string ItemToJson(const Item& item);

}  // namespace dynarock::json

#endif  // DYNAROCK_LIB_API_JSON_VALUE_JSON_H_
