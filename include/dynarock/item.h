// File: dynarock/item.h
//
// Item: a DynamoDB item (or key), a map from attribute name to AttributeValue. Items are built
// from initializer lists of names and C++ values:
//
//   dynarock::Item order{{"customer", "c#7"}, {"order_id", "o#1"}, {"total", dynarock::N("19.99")}};
//
// and read with typed getters that return an error instead of throwing:
//
//   absl::StatusOr<std::string> c = dynarock::GetS(order, "customer");
//   absl::StatusOr<int64_t> qty = dynarock::GetInt(order, "qty");
#ifndef DYNAROCK_ITEM_H_
#define DYNAROCK_ITEM_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "dynarock/value.h"

namespace dynarock {

using Item = AttributeMap;

// Typed getters. Errors: kNotFound-coded ValidationException-free statuses are not used here:
// a missing attribute is absl::NotFoundError("attribute <name> is absent"), a type mismatch is
// absl::InvalidArgumentError("attribute <name> is <T>, not <U>"). These are API-usage errors,
// not DynamoDB errors, so they carry no DynamoDB type.
absl::StatusOr<std::string> GetS(const Item& item, std::string_view name);
absl::StatusOr<Decimal> GetN(const Item& item, std::string_view name);
// An N that must be an integer within int64.
absl::StatusOr<int64_t> GetInt(const Item& item, std::string_view name);
absl::StatusOr<bool> GetBool(const Item& item, std::string_view name);
absl::StatusOr<Bytes> GetB(const Item& item, std::string_view name);
absl::StatusOr<AttributeMap> GetM(const Item& item, std::string_view name);
absl::StatusOr<AttributeList> GetL(const Item& item, std::string_view name);

// Borrowing lookup: nullptr when absent. The pointer lives as long as `item` is unchanged.
const AttributeValue* Find(const Item& item, std::string_view name);

// A compact, human-readable rendering in DynamoDB JSON shape, for logs and the demo:
// {"id":{"S":"a"},"n":{"N":"1"}}. Binary values are base64.
std::string ToDebugString(const Item& item);
std::string ToDebugString(const AttributeValue& value);

}  // namespace dynarock

#endif  // DYNAROCK_ITEM_H_
