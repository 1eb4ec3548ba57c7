// Tests of lib/api/json/request_reader and error_json: the generic constraint message shape and
// DynamoDB's error bodies.
#include "lib/api/json/request_reader.h"

#include <string>

#include <catch2/catch.hpp>

#include "dynarock/error.h"

#include "lib/api/json/error_json.h"
#include "lib/codec/item_codec.h"
#include "tests/testing/json_db.h"
#include "tests/testing/status_matchers.h"

#include "absl/strings/cord.h"

namespace dynarock::json {
namespace {

using testing::ParseText;

// Why: the "<N> validation error(s) detected" prefix is singular for one item (reference 0).
TEST_CASE("RequestReader: constraint messages", "[json][reader]") {
  ConstraintErrors errors;
  errors.AddNull("tableName");
  REQUIRE_ERROR(errors.ToStatus(), ErrorType::kValidation,
                "1 validation error detected: Value null at 'tableName' failed to satisfy "
                "constraint: Member must not be null");
  errors.Add("hi", "returnValues",
             EnumConstraint({"ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW"}));
  REQUIRE_ERROR(errors.ToStatus(), ErrorType::kValidation,
                "2 validation errors detected: Value null at 'tableName' failed to satisfy "
                "constraint: Member must not be null; Value 'hi' at 'returnValues' failed to "
                "satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, "
                "ALL_OLD, NONE, UPDATED_NEW]");
}

// Why: DynamoDB reports at most 10 constraint items.
TEST_CASE("RequestReader: at most ten constraint items", "[json][reader]") {
  ConstraintErrors errors;
  for (int i = 0; i < 12; ++i) errors.AddNull(Concat("m", i));
  const std::string message(errors.ToStatus().message());
  CHECK(message.rfind("10 validation errors detected: ", 0) == 0);
  CHECK(message.find("'m9'") != std::string::npos);
  CHECK(message.find("'m10'") == std::string::npos);
}

// Why: integer members accept numbers only, with Jackson's texts otherwise (reference 8.4).
TEST_CASE("RequestReader: integer members", "[json][reader][serialization]") {
  std::optional<int64_t> v;
  REQUIRE_ERROR(ReadLong(ParseText(R"({"Limit":"23"})"), "Limit", "Integer", &v),
                ErrorType::kSerialization, "STRING_VALUE cannot be converted to Integer");
  REQUIRE_ERROR(ReadLong(ParseText(R"({"Limit":true})"), "Limit", "Integer", &v),
                ErrorType::kSerialization, "TRUE_VALUE cannot be converted to Integer");
  REQUIRE_ERROR(ReadLong(ParseText(R"({"Limit":[]})"), "Limit", "Long", &v),
                ErrorType::kSerialization, "Unrecognized collection type class java.lang.Long");
  REQUIRE_ERROR(ReadLong(ParseText(R"({"Limit":{}})"), "Limit", "Long", &v),
                ErrorType::kSerialization, "Start of structure or map found where not expected");
  REQUIRE_OK(ReadLong(ParseText(R"({"Limit":null})"), "Limit", "Integer", &v));
  CHECK_FALSE(v.has_value());
  REQUIRE_OK(ReadLong(ParseText(R"({"Limit":7})"), "Limit", "Integer", &v));
  CHECK(v == 7);
}

// Why: each error type has its own namespace and message member spelling (reference 8.3).
TEST_CASE("ErrorJson: body shapes", "[json][errors]") {
  struct Case {
    ErrorType type;
    const char* message;
    int http;
    const char* body;
  };
  const Case cases[] = {
      {ErrorType::kValidation, "bad", 400,
       R"({"__type":"com.amazon.coral.validate#ValidationException","message":"bad"})"},
      {ErrorType::kSerialization, "x", 400,
       R"({"__type":"com.amazon.coral.service#SerializationException","Message":"x"})"},
      {ErrorType::kSerialization, "", 400,
       R"({"__type":"com.amazon.coral.service#SerializationException"})"},
      {ErrorType::kUnknownOperation, "", 400,
       R"({"__type":"com.amazon.coral.service#UnknownOperationException"})"},
      {ErrorType::kResourceNotFound, "Requested resource not found", 400,
       R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"})"},
      {ErrorType::kTransactionCanceled, "t", 400,
       R"({"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException","Message":"t"})"},
      {ErrorType::kAccessDenied, "Access denied.", 400,
       R"({"__type":"com.amazon.coral.service#AccessDeniedException","Message":"Access denied."})"},
      {ErrorType::kMissingAuthenticationToken, "Request is missing Authentication Token", 400,
       R"({"__type":"com.amazon.coral.service#MissingAuthenticationTokenException","message":"Request is missing Authentication Token"})"},
      {ErrorType::kInternalServerError, "boom", 500,
       R"({"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"boom"})"},
  };
  for (const Case& c : cases) {
    INFO(c.body);
    JsonResponse r = ErrorResponse(MakeError(c.type, c.message));
    CHECK(r.http_status == c.http);
    CHECK(ParseText(r.body) == ParseText(c.body));
  }
}

// Why: a failed condition with ReturnValuesOnConditionCheckFailure=ALL_OLD returns the old
// item in "Item", read from the status payload.
TEST_CASE("ErrorJson: conditional check failure carries the item", "[json][errors]") {
  absl::Status s = MakeError(ErrorType::kConditionalCheckFailed, "The conditional request failed");
  SECTION("without payload") {
    CHECK(
        ParseText(ErrorResponse(s).body) ==
        ParseText(
            R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"})"));
  }
  SECTION("with payload") {
    s.SetPayload(kPayloadConditionItem,
                 absl::Cord(codec::EncodeItem(Item{{"id", "a"}, {"n", N("2.50")}})));
    JsonResponse r = ErrorResponse(s);
    CHECK(r.http_status == 400);
    CHECK(
        ParseText(r.body) ==
        ParseText(
            R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed","Item":{"id":{"S":"a"},"n":{"N":"2.5"}}})"));
  }
}

// Why: messages are escaped in the body like any JSON string.
TEST_CASE("ErrorJson: message escaping", "[json][errors]") {
  JsonResponse r = ErrorResponse(MakeError(ErrorType::kValidation, "a \"q\" \\ \n"));
  CHECK(ParseText(r.body)["message"] == "a \"q\" \\ \n");
}

}  // namespace
}  // namespace dynarock::json
