// Tests of the response path that writes items straight from their encoded bytes
// (WriteEncodedItem, and the GetItem/Query/Scan sinks): it must give exactly the JSON that
// writing the decoded Item gives.
#include <catch2/catch.hpp>

#include <memory>
#include <random>
#include <string>

#include "dynarock/database.h"
#include "dynarock/json_api.h"
#include "lib/api/json/json_writer.h"
#include "lib/api/json/value_json.h"
#include "lib/codec/item_codec.h"
#include "tests/testing/status_matchers.h"

namespace dynarock {
namespace {

class RandomItems {
 public:
  explicit RandomItems(uint32_t seed) : rng_(seed) {}

  Item Next() {
    Item item;
    const int n = Uniform(1, 8);
    for (int i = 0; i < n; ++i) item.insert_or_assign(Name(), Value(0));
    return item;
  }

 private:
  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

  std::string Text() {
    static const std::string kChars =
        std::string("abcXYZ09 _-#\"\\\n\t\x01\x7f") + "\xc3\xa9\xe2\x82\xac";
    std::string s(static_cast<size_t>(Uniform(0, 20)), ' ');
    for (char& c : s) c = kChars[static_cast<size_t>(Uniform(0, kChars.size() - 1))];
    return s;
  }
  std::string Name() { return "a" + Text(); }
  std::string Bin() {
    std::string s(static_cast<size_t>(Uniform(1, 12)), '\0');
    for (char& c : s) c = static_cast<char>(Uniform(0, 255));
    return s;
  }
  Decimal Num() {
    static const char* const kNumbers[] = {"0", "1", "-1", "12345.678", "-0.000001",
                                           "1E+125", "9.9999999999999999999999999999999999999E+125",
                                           "-1E-130", "42", "3.14"};
    return N(kNumbers[Uniform(0, 9)]).n();
  }

  AttributeValue Value(int depth) {
    switch (Uniform(0, depth < 3 ? 9 : 6)) {
      case 0: return AttributeValue(Text());
      case 1: return AttributeValue(Num());
      case 2: return B(Bin());
      case 3: return AttributeValue(Uniform(0, 1) == 1);
      case 4: return Null();
      case 5: {
        std::vector<std::string> e;
        for (int i = Uniform(1, 4); i > 0; --i) e.push_back(Text() + std::to_string(i));
        return SS(e);
      }
      case 6: {
        std::vector<Decimal> e;
        for (int i = Uniform(1, 4); i > 0; --i) {
          e.push_back(i == 1 ? Num() : Decimal(i * 1000 + 7));
        }
        return NS(e);
      }
      case 7: {
        std::vector<std::string> e;
        for (int i = Uniform(1, 4); i > 0; --i) e.push_back(Bin() + std::to_string(i));
        return BS(e);
      }
      case 8: {
        AttributeList l;
        for (int i = Uniform(0, 4); i > 0; --i) l.push_back(Value(depth + 1));
        return L(std::move(l));
      }
      default: {
        AttributeMap m;
        for (int i = Uniform(0, 4); i > 0; --i) m.insert_or_assign(Name(), Value(depth + 1));
        return M(std::move(m));
      }
    }
  }

  std::mt19937 rng_;
};

std::string ViaItem(const Item& item) {
  std::string out;
  json::JsonWriter w(&out);
  json::WriteItem(item, &w);
  return out;
}

std::string ViaEncoded(const Item& item) {
  const std::string encoded = codec::EncodeItem(item);
  std::string out;
  json::JsonWriter w(&out);
  REQUIRE_OK(json::WriteEncodedItem(encoded, &w));
  return out;
}

// Why: GetItem, Query and Scan answers are written from encoded bytes; any difference from the
// Item writer (a type wrapper, set element, nesting, escape or number form) is a wire bug.
TEST_CASE("WriteEncodedItem: same JSON as WriteItem for random items of every type",
          "[json][value]") {
  RandomItems items(11);
  for (int i = 0; i < 3000; ++i) {
    const Item item = items.Next();
    REQUIRE(ViaEncoded(item) == ViaItem(item));
  }
}

// Why: stored bytes come from disk; corruption must be an error, not a crash or bad JSON.
TEST_CASE("WriteEncodedItem: corrupt bytes are DataLoss", "[json][value]") {
  const Item item{{"pk", "a"}, {"n", 5}, {"m", M({{"x", L({true, Null()})}})}};
  const std::string stored = codec::EncodeItem(item);
  for (size_t cut = 0; cut < stored.size(); ++cut) {
    std::string out;
    json::JsonWriter w(&out);
    INFO("cut at " << cut);
    CHECK(json::WriteEncodedItem(std::string_view(stored).substr(0, cut), &w).code() ==
          absl::StatusCode::kDataLoss);
  }
  std::string bad = stored;
  bad[4] = '\x7f';  // the type tag of the first value (after version, count, "m")
  std::string out;
  json::JsonWriter w(&out);
  CHECK(json::WriteEncodedItem(bad, &w).code() == absl::StatusCode::kDataLoss);
}

// A Database that is not dynarock's own implementation: HandleJsonRequest then takes the typed
// path (decoded Items), which the stored-bytes path must match.
class Forwarding final : public Database {
 public:
  explicit Forwarding(Database* db) : db_(db) {}
#define DYNAROCK_FORWARD(Op) \
  absl::StatusOr<Op##Result> Op(const Op##Request& r) override { return db_->Op(r); }
  DYNAROCK_FORWARD(CreateTable)
  DYNAROCK_FORWARD(DescribeTable)
  DYNAROCK_FORWARD(ListTables)
  DYNAROCK_FORWARD(DeleteTable)
  DYNAROCK_FORWARD(UpdateTable)
  DYNAROCK_FORWARD(PutItem)
  DYNAROCK_FORWARD(GetItem)
  DYNAROCK_FORWARD(DeleteItem)
  DYNAROCK_FORWARD(Query)
  DYNAROCK_FORWARD(Scan)
  DYNAROCK_FORWARD(UpdateItem)
  DYNAROCK_FORWARD(BatchGetItem)
  DYNAROCK_FORWARD(BatchWriteItem)
  DYNAROCK_FORWARD(TransactWriteItems)
  DYNAROCK_FORWARD(TransactGetItems)
#undef DYNAROCK_FORWARD

 private:
  Database* db_;
};

// Why: the sinks decide per request whether items go out as bytes (whole items) or as Items
// (projections, COUNT); every combination must answer exactly as the typed path does.
TEST_CASE("HandleJsonRequest: reads answer the same through stored bytes and through Items",
          "[json][query]") {
  auto db = Database::OpenInMemory();
  REQUIRE_OK(db.status());
  Forwarding typed(db->get());
  auto call = [](Database& d, std::string_view op, const std::string& body) {
    JsonResponse r = HandleJsonRequest(d, op, body);
    INFO(op << " " << body << " -> " << r.body);
    REQUIRE(r.http_status == 200);
    return r.body;
  };
  call(**db, "CreateTable",
       R"({"TableName":"things","BillingMode":"PAY_PER_REQUEST",
           "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},
                                   {"AttributeName":"sk","AttributeType":"N"}],
           "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
                        {"AttributeName":"sk","KeyType":"RANGE"}]})");
  RandomItems items(5);
  for (int i = 0; i < 60; ++i) {
    Item item = items.Next();
    item["pk"] = AttributeValue(std::string(i % 3 == 0 ? "p0" : "p1"));
    item["sk"] = AttributeValue(i);
    item["v"] = AttributeValue(i % 7);
    REQUIRE_OK(db->get()->PutItem({.table_name = "things", .item = item}).status());
  }
  const std::string requests[][2] = {
      {"GetItem", R"({"TableName":"things","Key":{"pk":{"S":"p1"},"sk":{"N":"4"}}})"},
      {"GetItem", R"({"TableName":"things","Key":{"pk":{"S":"p1"},"sk":{"N":"999"}}})"},
      {"GetItem", R"({"TableName":"things","Key":{"pk":{"S":"p1"},"sk":{"N":"4"}},
                      "ProjectionExpression":"v, sk","ReturnConsumedCapacity":"TOTAL"})"},
      {"Query", R"({"TableName":"things","KeyConditionExpression":"pk = :p",
                    "ExpressionAttributeValues":{":p":{"S":"p1"}}})"},
      {"Query", R"({"TableName":"things","KeyConditionExpression":"pk = :p","Limit":5,
                    "ScanIndexForward":false,"ReturnConsumedCapacity":"TOTAL",
                    "ExpressionAttributeValues":{":p":{"S":"p1"}}})"},
      {"Query", R"({"TableName":"things","KeyConditionExpression":"pk = :p",
                    "FilterExpression":"v > :v",
                    "ExpressionAttributeValues":{":p":{"S":"p0"},":v":{"N":"3"}}})"},
      {"Query", R"({"TableName":"things","KeyConditionExpression":"pk = :p",
                    "ProjectionExpression":"sk, v",
                    "ExpressionAttributeValues":{":p":{"S":"p0"}}})"},
      {"Query", R"({"TableName":"things","KeyConditionExpression":"pk = :p","Select":"COUNT",
                    "ExpressionAttributeValues":{":p":{"S":"p0"}}})"},
      {"Scan", R"({"TableName":"things"})"},
      {"Scan", R"({"TableName":"things","Limit":7,"FilterExpression":"v = :v",
                   "ExpressionAttributeValues":{":v":{"N":"2"}}})"},
      {"Scan", R"({"TableName":"things","AttributesToGet":["pk","v"]})"},
  };
  for (const auto& [op, body] : requests) {
    const std::string encoded_path = call(**db, op, body);
    const std::string typed_path = call(typed, op, body);
    REQUIRE(encoded_path == typed_path);
  }
  // The first Query returns items, so the comparison above compared real item lists.
  CHECK(call(**db, "Query", requests[3][1]).find("\"Items\":[{") != std::string::npos);
}

}  // namespace
}  // namespace dynarock
