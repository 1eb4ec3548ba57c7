// Tests of AttributeValue (set semantics, conversions, canonical order), the item getters, the
// debug rendering and base64.
#include "dynarock/value.h"

#include <catch2/catch.hpp>
#include <string>

#include "dynarock/error.h"
#include "dynarock/item.h"
#include "lib/value/base64.h"
#include "tests/testing/status_matchers.h"

namespace dynarock {
namespace {

// Why: DynamoDB sets are unordered and NS members compare by value.
TEST_CASE("AttributeValue: set equality ignores order", "[value][sets]") {
  CHECK(SS({"a", "b", "c"}) == SS({"c", "a", "b"}));
  CHECK(SS({"a", "b"}) != SS({"a", "b", "c"}));
  CHECK(SS({"a", "b"}) != SS({"a", "B"}));
  CHECK(NS({N("1").n(), N("2.5").n()}) == NS({N("2.50").n(), N("1.0").n()}));
  CHECK(NS({Decimal(1)}) == NS({N("1.0").n()}));
  CHECK(NS({Decimal(1)}) != NS({Decimal(-1)}));
  CHECK(BS({"\x01", "\xff"}) == BS({"\xff", "\x01"}));
  CHECK(BS({"a"}) != SS({"a"}));
  // Multiset semantics for (invalid) duplicate-holding sets.
  CHECK(SS({"a", "a", "b"}) != SS({"a", "b", "b"}));
}

// Why: the implicit conversions decide the type of every literal in user code.
TEST_CASE("AttributeValue: conversions pick the intended type", "[value]") {
  CHECK(AttributeValue("abc").type() == ValueType::kS);
  CHECK(AttributeValue(std::string("abc")).type() == ValueType::kS);
  CHECK(AttributeValue(std::string_view("abc")).type() == ValueType::kS);
  CHECK(AttributeValue(42).type() == ValueType::kN);
  CHECK(AttributeValue(uint8_t{7}).n() == Decimal(7));
  CHECK(AttributeValue(UINT64_MAX).n().ToString() == "18446744073709551615");
  CHECK(AttributeValue(uint64_t{10}).n() == Decimal(10));
  CHECK(AttributeValue(INT64_MIN).n().ToString() == "-9223372036854775808");
  CHECK(AttributeValue(true).type() == ValueType::kBool);
  CHECK(AttributeValue().type() == ValueType::kNull);
  CHECK(B("x").type() == ValueType::kB);
  CHECK(N("1e3").n() == Decimal(1000));
  CHECK(N("garbage").n().is_zero());
  CHECK(AttributeValue(42) == N("42.0"));
  CHECK(AttributeValue("1") != N("1"));
}

// Why: maps and lists compare element-wise, with nested sets still unordered.
TEST_CASE("AttributeValue: nested equality", "[value]") {
  AttributeValue a = M({{"x", L({1, "two", SS({"p", "q"})})}, {"y", Null()}});
  AttributeValue b = M({{"y", Null()}, {"x", L({N("1.0"), "two", SS({"q", "p"})})}});
  CHECK(a == b);
  AttributeValue c = M({{"x", L({"two", 1, SS({"q", "p"})})}, {"y", Null()}});
  CHECK(a != c);  // list order matters
}

// Why: wire names are what the JSON layer and error messages print.
TEST_CASE("AttributeValue: type names", "[value]") {
  CHECK(ValueTypeName(ValueType::kS) == "S");
  CHECK(ValueTypeName(ValueType::kN) == "N");
  CHECK(ValueTypeName(ValueType::kB) == "B");
  CHECK(ValueTypeName(ValueType::kBool) == "BOOL");
  CHECK(ValueTypeName(ValueType::kNull) == "NULL");
  CHECK(ValueTypeName(ValueType::kM) == "M");
  CHECK(ValueTypeName(ValueType::kL) == "L");
  CHECK(ValueTypeName(ValueType::kSS) == "SS");
  CHECK(ValueTypeName(ValueType::kNS) == "NS");
  CHECK(ValueTypeName(ValueType::kBS) == "BS");
  CHECK(ScalarTypeName(ScalarType::kS) == "S");
  CHECK(ScalarTypeName(ScalarType::kN) == "N");
  CHECK(ScalarTypeName(ScalarType::kB) == "B");
}

// Why: DynamoDB compares binary as unsigned bytes; 0xff sorts after 0x01.
TEST_CASE("Bytes: unsigned order", "[value][order]") {
  CHECK(Bytes{"\x01"} < Bytes{"\xff"});
  CHECK(Bytes{"\x7f"} < Bytes{"\x80"});
  CHECK(Bytes{""} < Bytes{std::string(1, '\0')});
  CHECK(Bytes{"ab"} < Bytes{"abc"});
  CHECK((Bytes{"abc"} <=> Bytes{"abc"}) == std::strong_ordering::equal);
}

// Why: stored sets are canonical so that encodings and outputs are deterministic.
TEST_CASE("AttributeValue: CanonicalizeSet sorts, keeping duplicates", "[value][sets]") {
  AttributeValue ss = SS({"b", "\xff", "a", "b"});
  CanonicalizeSet(&ss);
  CHECK(ss.ss().elements == std::vector<std::string>{"a", "b", "b", "\xff"});
  AttributeValue ns = NS({Decimal(10), Decimal(-2), N("9.5").n(), Decimal(0)});
  CanonicalizeSet(&ns);
  CHECK(ns.ns().elements ==
        std::vector<Decimal>{Decimal(-2), Decimal(0), N("9.5").n(), Decimal(10)});
  AttributeValue bs = BS({"\x80", "\x01", ""});
  CanonicalizeSet(&bs);
  CHECK(bs.bs().elements == std::vector<Bytes>{Bytes{""}, Bytes{"\x01"}, Bytes{"\x80"}});
  AttributeValue s = "not a set";
  CanonicalizeSet(&s);
  CHECK(s == AttributeValue("not a set"));
}

// Why: the typed getters are the documented way to read items without exceptions.
TEST_CASE("Item: typed getters", "[value][item]") {
  Item item{{"s", "text"}, {"n", N("19.99")}, {"i", -7},      {"t", true},
            {"b", B("\x01")}, {"m", M({{"k", 1}})}, {"l", L({1, 2})}, {"big", N("1e30")}};
  REQUIRE_OK(GetS(item, "s"));
  CHECK(*GetS(item, "s") == "text");
  CHECK(*GetN(item, "n") == Decimal(1999, -2));
  CHECK(*GetInt(item, "i") == -7);
  CHECK(*GetBool(item, "t"));
  CHECK(GetB(item, "b")->data == "\x01");
  CHECK(GetM(item, "m")->size() == 1);
  CHECK(GetL(item, "l")->size() == 2);
  CHECK(Find(item, "s") == &item.at("s"));
  CHECK(Find(item, "zz") == nullptr);

  absl::StatusOr<std::string> absent = GetS(item, "zz");
  CHECK(absent.status().code() == absl::StatusCode::kNotFound);
  CHECK(std::string(absent.status().message()) == "attribute zz is absent");
  absl::StatusOr<std::string> mismatch = GetS(item, "n");
  CHECK(mismatch.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(mismatch.status().message()) == "attribute n is N, not S");
  CHECK(GetInt(item, "n").status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(GetInt(item, "n").status().message()) == "attribute n is 19.99, not an int64");
  CHECK_FALSE(GetInt(item, "big").ok());
  CHECK(GetBool(item, "s").status().code() == absl::StatusCode::kInvalidArgument);
}

// Why: logs and the demo print items in DynamoDB JSON shape.
TEST_CASE("Item: ToDebugString renders DynamoDB JSON", "[value][item]") {
  Item item{{"id", "a\"b"}, {"n", N("1e3")}, {"bin", B("hi")}};
  CHECK(ToDebugString(item) == R"({"bin":{"B":"aGk="},"id":{"S":"a\"b"},"n":{"N":"1000"}})");
  CHECK(ToDebugString(AttributeValue()) == R"({"NULL":true})");
  CHECK(ToDebugString(AttributeValue(false)) == R"({"BOOL":false})");
  CHECK(ToDebugString(L({1, M({{"k", SS({"x", "y"})}})})) ==
        R"({"L":[{"N":"1"},{"M":{"k":{"SS":["x","y"]}}}]})");
  CHECK(ToDebugString(NS({N("-0.5").n()})) == R"({"NS":["-0.5"]})");
  CHECK(ToDebugString(BS({"a", ""})) == R"({"BS":["YQ==",""]})");
  CHECK(ToDebugString(AttributeValue("\x01\n")) == R"({"S":"\u0001\n"})");
}

// Why: base64 carries every B value on the wire; RFC 4648 test vectors plus DynamoDB's errors.
TEST_CASE("Base64: encode and decode", "[value][base64]") {
  const std::pair<std::string, std::string> vectors[] = {
      {"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},          {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
      {std::string("\x00\xff\xfe", 3), "AP/+"}};
  for (const auto& [raw, encoded] : vectors) {
    CHECK(value::Base64Encode(raw) == encoded);
    absl::StatusOr<std::string> decoded = value::Base64Decode(encoded);
    REQUIRE_OK(decoded);
    CHECK(*decoded == raw);
  }
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  CHECK(*value::Base64Decode(value::Base64Encode(all)) == all);
}

// Why: malformed base64 must be a SerializationException with DynamoDB's text.
TEST_CASE("Base64: malformed input", "[value][base64][errors]") {
  REQUIRE_ERROR(value::Base64Decode("23456"), ErrorType::kSerialization,
                "Base64 encoded length is expected a multiple of 4 bytes but found: 5");
  REQUIRE_ERROR(value::Base64Decode("=+/="), ErrorType::kSerialization,
                "Invalid last non-pad Base64 character dectected");
  REQUIRE_ERROR(value::Base64Decode("+/+="), ErrorType::kSerialization,
                "Invalid last non-pad Base64 character dectected");
  REQUIRE_ERROR(value::Base64Decode("Zg=a"), ErrorType::kSerialization,
                "Invalid last non-pad Base64 character dectected");
  REQUIRE_ERROR(value::Base64Decode("A==="), ErrorType::kSerialization,
                "Invalid last non-pad Base64 character dectected");
  REQUIRE_ERROR(value::Base64Decode("Zh=="), ErrorType::kSerialization,
                "Invalid last non-pad Base64 character dectected");
  REQUIRE_ERROR(value::Base64Decode("ab!d"), ErrorType::kSerialization,
                "Invalid Base64 character: '!'");
}

}  // namespace
}  // namespace dynarock
