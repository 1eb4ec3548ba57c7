// Expression layer benchmarks: parse (with and without the ExpressionCache), evaluate,
// apply and project typical expressions. The "NoCache" variants run the lexer and parser on
// every iteration; the "Cached" variants only look the text up and bind the placeholders, as
// a repeated request does.
#include <string>

#include <benchmark/benchmark.h>

#include "dynarock/item.h"

#include "lib/expr/expression.h"
#include "lib/expr/parser.h"

namespace {

namespace expr = dynarock::expr;
using dynarock::ExpressionAttributeNames;
using dynarock::ExpressionAttributeValues;
using dynarock::Item;

constexpr char kCondition[] =
    "attribute_exists(#pk) AND #st = :active AND (price BETWEEN :lo AND :hi OR "
    "begins_with(sku, :prefix)) AND NOT contains(tags, :banned) AND size(tags) < :max";
constexpr char kUpdate[] =
    "SET #st = :active, price = price + :delta, history = list_append(history, :event), "
    "visits = if_not_exists(visits, :zero) + :one REMOVE obsolete ADD tags :newtags";
constexpr char kProjection[] = "#pk, price, details.dims.w, history[0], history[2], tags";

const ExpressionAttributeNames& Names() {
  static const auto* n = new ExpressionAttributeNames{{"#pk", "pk"}, {"#st", "status"}};
  return *n;
}

const ExpressionAttributeValues& Values() {
  static const auto* v = new ExpressionAttributeValues{{":active", "ACTIVE"},
                                                       {":lo", 10},
                                                       {":hi", dynarock::N("99.95")},
                                                       {":prefix", "SKU-"},
                                                       {":banned", "x"},
                                                       {":max", 10},
                                                       {":delta", dynarock::N("1.5")},
                                                       {":event", dynarock::L({"bought"})},
                                                       {":zero", 0},
                                                       {":one", 1},
                                                       {":newtags", dynarock::SS({"new", "sale"})}};
  return *v;
}

const Item& Doc() {
  static const auto* item = new Item{
      {"pk", "item#42"},
      {"status", "ACTIVE"},
      {"price", dynarock::N("42.50")},
      {"sku", "SKU-0042"},
      {"tags", dynarock::SS({"blue", "cotton", "summer"})},
      {"history", dynarock::L({"created", "listed", "viewed"})},
      {"visits", 1234},
      {"obsolete", true},
      {"details", dynarock::M({{"dims", dynarock::M({{"w", 10}, {"h", 20}})}, {"maker", "acme"}})}};
  return *item;
}

void BM_ParseCondition_NoCache(benchmark::State& state) {
  for (auto _ : state) {
    auto ast = expr::Parse(kCondition, expr::ExpressionKind::kCondition);
    if (!ast.ok()) state.SkipWithError(std::string(ast.status().message()).c_str());
    benchmark::DoNotOptimize(ast);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseCondition_NoCache);

void BM_ParseCondition_Cached(benchmark::State& state) {
  expr::ExpressionCache cache;
  for (auto _ : state) {
    auto c = expr::ParseCondition(kCondition, expr::ExpressionKind::kCondition, Names(), Values(),
                                  nullptr, &cache);
    if (!c.ok()) state.SkipWithError(std::string(c.status().message()).c_str());
    benchmark::DoNotOptimize(c);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseCondition_Cached);

void BM_EvaluateCondition(benchmark::State& state) {
  auto c = expr::ParseCondition(kCondition, expr::ExpressionKind::kCondition, Names(), Values(),
                                nullptr);
  if (!c.ok()) state.SkipWithError(std::string(c.status().message()).c_str());
  for (auto _ : state) benchmark::DoNotOptimize(expr::EvaluateCondition(*c, Doc()));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EvaluateCondition);

void BM_ParseUpdate_NoCache(benchmark::State& state) {
  for (auto _ : state) {
    auto ast = expr::Parse(kUpdate, expr::ExpressionKind::kUpdate);
    if (!ast.ok()) state.SkipWithError(std::string(ast.status().message()).c_str());
    benchmark::DoNotOptimize(ast);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseUpdate_NoCache);

void BM_ParseUpdate_Cached(benchmark::State& state) {
  expr::ExpressionCache cache;
  for (auto _ : state) {
    auto u = expr::ParseUpdate(kUpdate, Names(), Values(), nullptr, &cache);
    if (!u.ok()) state.SkipWithError(std::string(u.status().message()).c_str());
    benchmark::DoNotOptimize(u);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseUpdate_Cached);

void BM_ApplyUpdate(benchmark::State& state) {
  auto u = expr::ParseUpdate(kUpdate, Names(), Values(), nullptr);
  if (!u.ok()) state.SkipWithError(std::string(u.status().message()).c_str());
  Item out;
  for (auto _ : state) {
    absl::Status s = expr::ApplyUpdate(*u, Doc(), &out, nullptr);
    if (!s.ok()) state.SkipWithError(std::string(s.message()).c_str());
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ApplyUpdate);

void BM_Project(benchmark::State& state) {
  auto p = expr::ParseProjection(kProjection, Names(), nullptr);
  if (!p.ok()) state.SkipWithError(std::string(p.status().message()).c_str());
  for (auto _ : state) {
    Item out = expr::Project(*p, Doc());
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Project);

}  // namespace

BENCHMARK_MAIN();
