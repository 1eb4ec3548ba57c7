// json_bench: the cost of the wire-JSON layer that dynarock-server puts in front of every
// request. GetItem, PutItem and a 10-item Query through HandleJsonRequest (parse the body,
// run the operation, write the response body), next to the same calls through the typed API
// and to raw RocksDB Get/Put/Seek+10 Next of the same bytes, all in memory (the server's
// --in-memory mode) in the same binary. The closing lines print each figure as a ratio to
// raw RocksDB (time per op: lower is better); JSON / typed is the JSON layer's own share.
#include <benchmark/benchmark.h>
#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/options.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "dynarock/database.h"
#include "dynarock/json_api.h"
#include "lib/codec/item_codec.h"

namespace dr = dynarock;

namespace {

constexpr int kKeys = 1000;

// The items of bench/http/prepare.py: pk "k000123" and ~200 bytes of attributes.
std::string Pk(int i) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "k%06d", i);
  return buf;
}

dr::Item BenchItem(int i) {
  return dr::Item{{"pk", Pk(i)},
                  {"name", "Ada Lovelace the " + std::to_string(i)},
                  {"email", "ada" + std::to_string(i) + "@example.com"},
                  {"age", 36},
                  {"balance", dr::N("12345.678")},
                  {"active", true},
                  {"bio", std::string(90, 'x')}};
}

std::string ItemJson(int i) {
  return "{\"pk\":{\"S\":\"" + Pk(i) + "\"},\"name\":{\"S\":\"Ada Lovelace the " +
         std::to_string(i) + "\"},\"email\":{\"S\":\"ada" + std::to_string(i) +
         "@example.com\"},\"age\":{\"N\":\"36\"},\"balance\":{\"N\":\"12345.678\"}," +
         "\"active\":{\"BOOL\":true},\"bio\":{\"S\":\"" + std::string(90, 'x') + "\"}}";
}

// Tables "bench" (pk S) with kKeys items and "bench_q" (pk S, sk N) with kKeys / 10
// partitions of 10 items, as prepare.py makes them.
struct JsonFixture {
  JsonFixture() {
    auto opened = dr::Database::OpenInMemory();
    if (!opened.ok()) std::abort();
    db = std::move(*opened);
    Must("CreateTable",
         R"({"TableName":"bench","BillingMode":"PAY_PER_REQUEST",
             "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
             "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]})");
    Must("CreateTable",
         R"({"TableName":"bench_q","BillingMode":"PAY_PER_REQUEST",
             "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},
                                     {"AttributeName":"sk","AttributeType":"N"}],
             "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
                          {"AttributeName":"sk","KeyType":"RANGE"}]})");
    for (int i = 0; i < kKeys; ++i) {
      Must("PutItem", "{\"TableName\":\"bench\",\"Item\":" + ItemJson(i) + "}");
      dr::Item q = BenchItem(i);
      q["pk"] = dr::AttributeValue("p" + Pk(i / 10).substr(3));
      q["sk"] = dr::N(std::to_string(i % 10));
      if (!db->PutItem({.table_name = "bench_q", .item = q}).ok()) std::abort();
    }
  }
  void Must(std::string_view op, const std::string& body) {
    if (dr::HandleJsonRequest(*db, op, body).http_status != 200) std::abort();
  }
  std::unique_ptr<dr::Database> db;
};

std::string QueryPk(int i) { return "p" + Pk(i % (kKeys / 10)).substr(3); }

void BM_GetItem_Json(benchmark::State& state) {
  JsonFixture f;
  std::vector<std::string> bodies;
  for (int i = 0; i < kKeys; ++i) {
    bodies.push_back("{\"TableName\":\"bench\",\"Key\":{\"pk\":{\"S\":\"" + Pk(i) + "\"}}}");
  }
  size_t i = 0;
  for (auto _ : state) {
    dr::JsonResponse r = dr::HandleJsonRequest(*f.db, "GetItem", bodies[i++ % kKeys]);
    if (r.http_status != 200 || r.body.size() < 100) state.SkipWithError("bad answer");
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_GetItem_Typed(benchmark::State& state) {
  JsonFixture f;
  std::vector<dr::GetItemRequest> requests;
  for (int i = 0; i < kKeys; ++i) {
    requests.push_back({.table_name = "bench", .key = {{"pk", Pk(i)}}});
  }
  size_t i = 0;
  for (auto _ : state) {
    auto r = f.db->GetItem(requests[i++ % kKeys]);
    if (!r.ok() || !r->item) state.SkipWithError("missing item");
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_PutItem_Json(benchmark::State& state) {
  JsonFixture f;
  std::vector<std::string> bodies;
  for (int i = 0; i < kKeys; ++i) {
    bodies.push_back("{\"TableName\":\"bench\",\"Item\":" + ItemJson(i) + "}");
  }
  size_t i = 0;
  for (auto _ : state) {
    dr::JsonResponse r = dr::HandleJsonRequest(*f.db, "PutItem", bodies[i++ % kKeys]);
    if (r.http_status != 200) state.SkipWithError("bad answer");
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_PutItem_Typed(benchmark::State& state) {
  JsonFixture f;
  std::vector<dr::PutItemRequest> requests;
  for (int i = 0; i < kKeys; ++i) requests.push_back({.table_name = "bench", .item = BenchItem(i)});
  size_t i = 0;
  for (auto _ : state) {
    auto r = f.db->PutItem(requests[i++ % kKeys]);
    if (!r.ok()) state.SkipWithError("put failed");
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Query10_Json(benchmark::State& state) {
  JsonFixture f;
  std::vector<std::string> bodies;
  for (int i = 0; i < kKeys / 10; ++i) {
    bodies.push_back(
        "{\"TableName\":\"bench_q\",\"KeyConditionExpression\":\"pk = :p\","
        "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"" +
        QueryPk(i) + "\"}}}");
  }
  size_t i = 0;
  for (auto _ : state) {
    dr::JsonResponse r = dr::HandleJsonRequest(*f.db, "Query", bodies[i++ % bodies.size()]);
    // The body ends with "Count":10,"ScannedCount":10}.
    if (r.http_status != 200 || r.body.size() < 40 ||
        std::string_view(r.body).substr(r.body.size() - 40).find("\"Count\":10,") ==
            std::string_view::npos) {
      state.SkipWithError("bad answer");
    }
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Query10_Typed(benchmark::State& state) {
  JsonFixture f;
  std::vector<dr::QueryRequest> requests;
  for (int i = 0; i < kKeys / 10; ++i) {
    dr::QueryRequest q;
    q.table_name = "bench_q";
    q.key_condition_expression = "pk = :p";
    q.expression_attribute_values = {{":p", dr::AttributeValue(QueryPk(i))}};
    requests.push_back(std::move(q));
  }
  size_t i = 0;
  for (auto _ : state) {
    auto r = f.db->Query(requests[i++ % requests.size()]);
    if (!r.ok() || r->items.size() != 10) state.SkipWithError("bad answer");
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

// Raw RocksDB in memory: keys of the storage key's shape, values the encoded items.
struct RawFixture {
  RawFixture() : env(rocksdb::NewMemEnv(rocksdb::Env::Default())) {
    rocksdb::Options options;
    options.create_if_missing = true;
    options.env = env.get();
    rocksdb::DB* raw = nullptr;
    if (!rocksdb::DB::Open(options, "/raw", &raw).ok()) std::abort();
    db.reset(raw);
    for (int i = 0; i < kKeys; ++i) {
      if (!db->Put({}, Key(i), Value(i)).ok()) std::abort();
      if (!db->Put({}, QueryKey(i / 10, i % 10), Value(i)).ok()) std::abort();
    }
  }
  static std::string Key(int i) {
    std::string k("\x01\x00\x00\x00\x01\x00\x12\x34\x56", 9);
    k += Pk(i);
    k.append("\x00\x01", 2);
    return k;
  }
  static std::string QueryPrefix(int p) {
    std::string k("\x01\x00\x00\x00\x02\x00\x12\x34\x56", 9);
    k += QueryPk(p);
    k.append("\x00\x01", 2);
    return k;
  }
  static std::string QueryKey(int p, int s) { return QueryPrefix(p) + static_cast<char>('0' + s); }
  static std::string Value(int i) { return dr::codec::EncodeItem(BenchItem(i)); }
  std::unique_ptr<rocksdb::Env> env;
  std::unique_ptr<rocksdb::DB> db;
};

void BM_Get_RawRocks(benchmark::State& state) {
  RawFixture f;
  std::vector<std::string> keys;
  for (int i = 0; i < kKeys; ++i) keys.push_back(RawFixture::Key(i));
  std::string value;
  size_t i = 0;
  for (auto _ : state) {
    auto s = f.db->Get(rocksdb::ReadOptions(), keys[i++ % kKeys], &value);
    if (!s.ok()) state.SkipWithError("missing key");
    benchmark::DoNotOptimize(value);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Put_RawRocks(benchmark::State& state) {
  RawFixture f;
  std::vector<std::pair<std::string, std::string>> kvs;
  for (int i = 0; i < kKeys; ++i) kvs.emplace_back(RawFixture::Key(i), RawFixture::Value(i));
  size_t i = 0;
  for (auto _ : state) {
    const auto& kv = kvs[i++ % kKeys];
    auto s = f.db->Put(rocksdb::WriteOptions(), kv.first, kv.second);
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Seek10_RawRocks(benchmark::State& state) {
  RawFixture f;
  std::vector<std::string> prefixes;
  for (int p = 0; p < kKeys / 10; ++p) prefixes.push_back(RawFixture::QueryPrefix(p));
  size_t i = 0;
  for (auto _ : state) {
    const std::string& prefix = prefixes[i++ % prefixes.size()];
    std::unique_ptr<rocksdb::Iterator> it(f.db->NewIterator(rocksdb::ReadOptions()));
    int n = 0;
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix) && n < 10; it->Next()) {
      benchmark::DoNotOptimize(it->value().data());
      ++n;
    }
    if (n != 10) state.SkipWithError("bad scan");
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_GetItem_Json)->MinTime(0.5);
BENCHMARK(BM_GetItem_Typed)->MinTime(0.5);
BENCHMARK(BM_Get_RawRocks)->MinTime(0.5);
BENCHMARK(BM_PutItem_Json)->MinTime(0.5);
BENCHMARK(BM_PutItem_Typed)->MinTime(0.5);
BENCHMARK(BM_Put_RawRocks)->MinTime(0.5);
BENCHMARK(BM_Query10_Json)->MinTime(0.5);
BENCHMARK(BM_Query10_Typed)->MinTime(0.5);
BENCHMARK(BM_Seek10_RawRocks)->MinTime(0.5);

}  // namespace

int main(int argc, char** argv) {
  return bench::RunWithRatios(argc, argv,
                              {{"BM_GetItem_Json", "BM_Get_RawRocks"},
                               {"BM_GetItem_Typed", "BM_Get_RawRocks"},
                               {"BM_GetItem_Json", "BM_GetItem_Typed"},
                               {"BM_PutItem_Json", "BM_Put_RawRocks"},
                               {"BM_PutItem_Typed", "BM_Put_RawRocks"},
                               {"BM_PutItem_Json", "BM_PutItem_Typed"},
                               {"BM_Query10_Json", "BM_Seek10_RawRocks"},
                               {"BM_Query10_Typed", "BM_Seek10_RawRocks"},
                               {"BM_Query10_Json", "BM_Query10_Typed"}});
}
