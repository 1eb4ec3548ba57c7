// Tests of lib/api/json/value_json: AttributeValue <-> DynamoDB JSON, exact number text, and
// DynamoDB's exact errors for malformed values.
#include "lib/api/json/value_json.h"

#include <string>

#include <catch2/catch.hpp>

#include "dynarock/error.h"

#include "tests/testing/json_db.h"
#include "tests/testing/status_matchers.h"

namespace dynarock::json {
namespace {

using testing::ParseText;

// Parses one value; returns the phase-1 status, or else the deferred (phase-3) status.
absl::Status ParseValueStatus(std::string_view text, AttributeValue* out = nullptr,
                              ValueContext context = ValueContext::kPlain,
                              std::string_view key = {}) {
  RequestContext ctx;
  AttributeValue v;
  absl::Status s = ParseAttributeValue(ParseText(text), context, key, &ctx, &v);
  if (!s.ok()) return s;
  if (out != nullptr) *out = v;
  return ctx.Finish();
}

// Parses `in` and writes it back; the result as parsed JSON.
Json RoundTrip(std::string_view in) {
  AttributeValue v;
  absl::Status s = ParseValueStatus(in, &v);
  INFO(in << " -> " << s.ToString());
  REQUIRE(s.ok());
  return ParseText(AttributeValueToJson(v));
}

// Why: every one of the ten types must survive request -> value -> response unchanged.
TEST_CASE("ValueJson: all ten types round trip", "[json][value]") {
  const char* cases[] = {
      R"({"S":"hello"})",
      R"({"S":""})",
      R"({"N":"123.45"})",
      R"({"B":"AAEC/w=="})",
      R"({"BOOL":true})",
      R"({"BOOL":false})",
      R"({"NULL":true})",
      R"({"M":{"a":{"S":"x"},"b":{"L":[{"N":"1"},{"NULL":true}]}}})",
      R"({"M":{}})",
      R"({"L":[]})",
      R"({"L":[{"S":"a"},{"M":{"n":{"BOOL":false}}},{"SS":["x"]}]})",
      R"({"SS":["b","a",""]})",
      R"({"NS":["2","1.5","-3"]})",
      R"({"BS":["AQ==","","AgM="]})",
  };
  for (const char* c : cases) {
    INFO(c);
    CHECK(RoundTrip(c) == ParseText(c));
  }
}

// Why: DynamoDB returns numbers normalised (reference 1.4); the text must never go via double.
TEST_CASE("ValueJson: numbers come back in DynamoDB's normal form", "[json][value][number]") {
  auto n = [](std::string_view text) {
    return RoundTrip(Concat(R"({"N":")", text, R"("})"))["N"].get<std::string>();
  };
  CHECK(n("1.10") == "1.1");
  CHECK(n("1e3") == "1000");
  CHECK(n("1E+3") == "1000");
  CHECK(n("-0") == "0");
  CHECK(n(".5") == "0.5");
  CHECK(n("007") == "7");
  CHECK(n("1.23e-1") == "0.123");
  CHECK(n("12345678901234567890123456789012345678") == "12345678901234567890123456789012345678");
  CHECK(n("-1e-130") == "-0." + std::string(129, '0') + "1");
  CHECK(RoundTrip(R"({"NS":["1.10","1e2"]})") == ParseText(R"({"NS":["1.1","100"]})"));
}

// Why: sets are kept in the given order so validation can report duplicates as given.
TEST_CASE("ValueJson: sets keep the given order and duplicates", "[json][value][set]") {
  AttributeValue v;
  REQUIRE_OK(ParseValueStatus(R"({"SS":["b","a","b"]})", &v));
  CHECK(v.ss().elements == std::vector<std::string>{"b", "a", "b"});
  REQUIRE_OK(ParseValueStatus(R"({"NS":["1","1.0"]})", &v));
  CHECK(v.ns().elements.size() == 2);
  REQUIRE_OK(ParseValueStatus(R"({"BS":["YQ==","YQ=="]})", &v));
  CHECK(v.bs().elements.size() == 2);
  CHECK(v.bs().elements[0].data == "a");
}

// Why: JSON null members count as absent and unknown members are dropped, as in DynamoDB.
TEST_CASE("ValueJson: null and unknown members are ignored", "[json][value]") {
  AttributeValue v;
  REQUIRE_OK(ParseValueStatus(R"({"S":"x","N":null,"Foo":1})", &v));
  CHECK(v == AttributeValue("x"));
}

// Why: the empty and multi-typed AttributeValue messages are exact DynamoDB texts.
TEST_CASE("ValueJson: empty and multi-typed values", "[json][value][errors]") {
  const std::string empty =
      "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";
  REQUIRE_ERROR(ParseValueStatus("{}"), ErrorType::kValidation, empty);
  REQUIRE_ERROR(ParseValueStatus(R"({"X":"a"})"), ErrorType::kValidation, empty);
  REQUIRE_ERROR(ParseValueStatus(R"({"S":null})"), ErrorType::kValidation, empty);
  REQUIRE_ERROR(ParseValueStatus(R"({"S":"a","N":"1"})"), ErrorType::kValidation,
                "Supplied AttributeValue has more than one datatypes set, must contain exactly "
                "one of the supported datatypes");
  REQUIRE_ERROR(ParseValueStatus(R"({"M":{"a":{}}})"), ErrorType::kValidation, empty);
  REQUIRE_ERROR(ParseValueStatus(R"({"NULL":false})"), ErrorType::kValidation,
                "One or more parameter values were invalid: Null attribute value types must have "
                "the value of true");
}

// Why: number text errors come from Decimal::Parse with DynamoDB's messages.
TEST_CASE("ValueJson: bad number text", "[json][value][errors]") {
  REQUIRE_ERROR(ParseValueStatus(R"({"N":""})"), ErrorType::kValidation,
                "The parameter cannot be converted to a numeric value");
  REQUIRE_ERROR(ParseValueStatus(R"({"N":"abc"})"), ErrorType::kValidation,
                "The parameter cannot be converted to a numeric value: abc");
  REQUIRE_ERROR(ParseValueStatus(R"({"NS":["1","b"]})"), ErrorType::kValidation,
                "The parameter cannot be converted to a numeric value: b");
  REQUIRE_ERROR(ParseValueStatus(R"({"N":"1e126"})"), ErrorType::kValidation,
                "Number overflow. Attempting to store a number with magnitude larger than "
                "supported range");
}

// Why: wrong JSON types are SerializationExceptions with the deserializer's texts (8.4).
TEST_CASE("ValueJson: wrong JSON types", "[json][value][serialization]") {
  struct Case {
    const char* json;
    const char* message;
  };
  const Case cases[] = {
      {R"({"N":123})", "NUMBER_VALUE cannot be converted to String"},
      {R"({"S":1.5})", "DECIMAL_VALUE cannot be converted to String"},
      {R"({"S":true})", "TRUE_VALUE cannot be converted to String"},
      {R"({"S":false})", "FALSE_VALUE cannot be converted to String"},
      {R"({"S":[]})", "Unrecognized collection type class java.lang.String"},
      {R"({"S":{}})", "Start of structure or map found where not expected"},
      {R"({"BOOL":"true"})", "Unexpected token received from parser"},
      {R"({"NULL":1})", "NUMBER_VALUE cannot be converted to Boolean"},
      {R"({"BOOL":[]})", "Unrecognized collection type class java.lang.Boolean"},
      {R"({"B":5})", "only base-64-encoded strings are convertible to bytes"},
      {R"({"B":[]})", "Unrecognized collection type class java.nio.ByteBuffer"},
      {R"({"SS":"a"})", "Unexpected field type"},
      {R"({"SS":{}})", "Start of structure or map found where not expected"},
      {R"({"SS":[1]})", "NUMBER_VALUE cannot be converted to String"},
      {R"({"L":[1]})", "Unexpected value type in payload"},
      {R"({"L":[[]]})",
       "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue"},
      {R"({"M":"a"})", "Unexpected field type"},
      {R"({"M":[]})",
       "Unrecognized collection type java.util.Map<java.lang.String, "
       "com.amazonaws.dynamodb.v20120810.AttributeValue>"},
      {R"({"M":{"a":"x"}})", "Unexpected value type in payload"},
      {R"("abc")", "Unexpected value type in payload"},
      {R"([])",
       "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue"},
  };
  for (const Case& c : cases) {
    INFO(c.json);
    REQUIRE_ERROR(ParseValueStatus(c.json), ErrorType::kSerialization, c.message);
  }
}

// Why: malformed base64 is a SerializationException (reference 1.5), not a validation error.
TEST_CASE("ValueJson: malformed base64", "[json][value][serialization]") {
  REQUIRE_ERROR(ParseValueStatus(R"({"B":"23456"})"), ErrorType::kSerialization,
                "Base64 encoded length is expected a multiple of 4 bytes but found: 5");
  REQUIRE_ERROR(ParseValueStatus(R"({"B":"+/+="})"), ErrorType::kSerialization,
                "Invalid last non-pad Base64 character dectected");
  REQUIRE_ERROR(ParseValueStatus(R"({"BS":["AA==","=+/="]})"), ErrorType::kSerialization,
                "Invalid last non-pad Base64 character dectected");
}

// Why: a type error anywhere beats a value error anywhere (DynamoDB deserialises first).
TEST_CASE("ValueJson: serialization errors win over value errors", "[json][value][errors]") {
  RequestContext ctx;
  Item item;
  absl::Status s =
      ParseItem(ParseText(R"({"a":{},"b":{"N":5}})"), ValueContext::kPlain, &ctx, &item);
  REQUIRE_ERROR(s, ErrorType::kSerialization, "NUMBER_VALUE cannot be converted to String");
}

// Why: DynamoDB names the placeholder or the starting key around a bad value (reference 1.2).
TEST_CASE("ValueJson: context prefixes", "[json][value][errors]") {
  SECTION("ExpressionAttributeValues") {
    RequestContext ctx;
    ExpressionAttributeValues eav;
    REQUIRE_OK(
        ParseExpressionAttributeValues(ParseText(R"({":ok":{"S":"a"},":v":{}})"), &ctx, &eav));
    REQUIRE_ERROR(ctx.Finish(), ErrorType::kValidation,
                  "ExpressionAttributeValues contains invalid value: Supplied AttributeValue is "
                  "empty, must contain exactly one of the supported datatypes for key :v");
    CHECK(eav.at(":ok") == AttributeValue("a"));
  }
  SECTION("ExpressionAttributeValues number") {
    REQUIRE_ERROR(
        ParseValueStatus(R"({"N":"x"})", nullptr, ValueContext::kExpressionAttributeValues, ":n"),
        ErrorType::kValidation,
        "ExpressionAttributeValues contains invalid value: The parameter cannot be "
        "converted to a numeric value: x for key :n");
  }
  SECTION("ExclusiveStartKey") {
    REQUIRE_ERROR(ParseValueStatus("{}", nullptr, ValueContext::kExclusiveStartKey),
                  ErrorType::kValidation,
                  "The provided starting key is invalid: Supplied AttributeValue is empty, must "
                  "contain exactly one of the supported datatypes");
    // Number messages are not prefixed there (dynalite's observation).
    REQUIRE_ERROR(ParseValueStatus(R"({"N":"x"})", nullptr, ValueContext::kExclusiveStartKey),
                  ErrorType::kValidation,
                  "The parameter cannot be converted to a numeric value: x");
  }
}

// Why: a hostile body must not exhaust the stack; DynamoDB's nesting message is reported.
TEST_CASE("ValueJson: very deep nesting is bounded", "[json][value][errors]") {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += R"({"L":[)";
  text += R"({"NULL":true})";
  for (int i = 0; i < 2000; ++i) text += "]}";
  REQUIRE_ERROR(ParseValueStatus(text), ErrorType::kValidation,
                "Nesting Levels have exceeded supported limits: Attributes in the item have "
                "nested levels beyond supported limit");
}

// Why: the hand-written writer must escape exactly what JSON requires.
TEST_CASE("ValueJson: strings are escaped", "[json][value][writer]") {
  const std::string s = std::string("q\"b\\n\nt\tc\x01 \xc3\xa9/") + '\0' + "z";
  const std::string out = AttributeValueToJson(AttributeValue(s));
  CHECK(out == "{\"S\":\"q\\\"b\\\\n\\nt\\tc\\u0001 \xc3\xa9/\\u0000z\"}");
  CHECK(ParseText(out)["S"].get<std::string>() == s);
}

// Why: items are written as one object of name -> value, names escaped too.
TEST_CASE("ValueJson: items", "[json][value][writer]") {
  Item item{{"id", "a"}, {"n", N("1.50")}, {"q\"", true}, {"nul", Null()}};
  CHECK(ParseText(ItemToJson(item)) ==
        ParseText(R"({"id":{"S":"a"},"n":{"N":"1.5"},"q\"":{"BOOL":true},"nul":{"NULL":true}})"));
  CHECK(ItemToJson({}) == "{}");
}

}  // namespace
}  // namespace dynarock::json
