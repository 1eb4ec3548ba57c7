// File: tests/testing/json_db.h
//
// JsonDb: an in-memory database driven through HandleJsonRequest, for the tests of the JSON
// layer. Header-only because it needs dynarock_json, which `dynarock_testing` does not link;
// every test that includes it links dynarock_json.
//
//   dynarock::testing::JsonDb t;
//   Json r = t.Ok("CreateTable", R"({...})");                   // requires HTTP 200
//   t.Validation("PutItem", R"({...})", "exact message");       // 400 ValidationException body
//
// Fixtures with tables of their own derive from it and call Ok() in their constructor.
#ifndef DYNAROCK_TESTS_TESTING_JSON_DB_H_
#define DYNAROCK_TESTS_TESTING_JSON_DB_H_

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <string_view>

#include "dynarock/database.h"
#include "dynarock/json_api.h"
#include "lib/api/json/request_reader.h"
#include "tests/testing/status_matchers.h"

namespace dynarock::testing {

inline constexpr std::string_view kValidationType =
    "com.amazon.coral.validate#ValidationException";
inline constexpr std::string_view kSerializationType =
    "com.amazon.coral.service#SerializationException";

// Parses `text` as JSON; fails the test (printing the text) if it is not JSON.
inline json::Json ParseText(std::string_view text) {
  json::Json j = json::Json::parse(text.begin(), text.end(), nullptr, false);
  INFO(text);
  REQUIRE_FALSE(j.is_discarded());
  return j;
}

class JsonDb {
 public:
  // Opens an empty in-memory database; requires success.
  JsonDb() : JsonDb(Options{}) {}
  // The same with `options` (e.g. a small item_collection_size_limit_bytes).
  explicit JsonDb(const Options& options) {
    auto db = Database::OpenInMemory(options);
    REQUIRE_OK(db);
    db_ = std::move(*db);
  }

  // Calls `operation` and returns the response as it is, checking nothing.
  JsonResponse Raw(std::string_view operation, std::string_view body) {
    return HandleJsonRequest(*db_, operation, body);
  }

  // Calls `operation`; requires HTTP 200 and returns the parsed body.
  json::Json Ok(std::string_view operation, std::string_view body) {
    JsonResponse r = Raw(operation, body);
    INFO(operation << " " << body << " -> " << r.body);
    REQUIRE(r.http_status == 200);
    return ParseText(r.body);
  }
  json::Json OkJson(std::string_view operation, const json::Json& body) {
    return Ok(operation, body.dump());
  }

  // Calls `operation`; requires HTTP `status` and returns the parsed body.
  json::Json Error(std::string_view operation, std::string_view body, int status) {
    JsonResponse r = Raw(operation, body);
    INFO(operation << " " << body << " -> " << r.body);
    REQUIRE(r.http_status == status);
    return ParseText(r.body);
  }

  // Calls `operation`; checks HTTP `status` and the exact error body `expected` (JSON text).
  void Error(std::string_view operation, std::string_view body, int status,
             std::string_view expected) {
    JsonResponse r = Raw(operation, body);
    INFO(operation << " " << body << " -> " << r.body);
    CHECK(r.http_status == status);
    CHECK(ParseText(r.body) == ParseText(expected));
  }

  // Checks HTTP 400 and the body {"__type": type, "message": message} (the member spelling of
  // every error type but SerializationException).
  void Error(std::string_view operation, std::string_view body, std::string_view type,
             std::string_view message) {
    json::Json expected = {{"__type", std::string(type)}, {"message", std::string(message)}};
    Error(operation, body, 400, expected.dump());
  }

  void Validation(std::string_view operation, std::string_view body, std::string_view message) {
    Error(operation, body, kValidationType, message);
  }

  // SerializationException spells its member "Message".
  void Serialization(std::string_view operation, std::string_view body, std::string_view message) {
    json::Json expected = {{"__type", std::string(kSerializationType)},
                           {"Message", std::string(message)}};
    Error(operation, body, 400, expected.dump());
  }

  Database& db() { return *db_; }

 private:
  std::unique_ptr<Database> db_;
};

}  // namespace dynarock::testing

#endif  // DYNAROCK_TESTS_TESTING_JSON_DB_H_
