// Benchmarks of lib/codec: encoding and decoding a ~200-byte item and single key parts.
// BM_CopyItemBytes is the baseline: copying the encoded bytes, the least any decode can cost.
// Keep runs short (shared 2-core machine): --benchmark_min_time=0.05 is plenty.
#include <string>
#include <string_view>

#include <benchmark/benchmark.h>

#include "dynarock/item.h"
#include "dynarock/value.h"

#include "lib/codec/item_codec.h"
#include "lib/codec/key_codec.h"

namespace dynarock::codec {
namespace {

// A typical order item: keys, a few scalars, a small set, map and list; ~200 bytes encoded.
Item SampleItem() {
  return Item{
      {"customer", "customer#000123456"},
      {"order_id", "order#2026-11-27T09:16:14Z#0001"},
      {"status", "SHIPPED"},
      {"total", N("1999.99")},
      {"qty", N("3")},
      {"gift", true},
      {"coupon", Null()},
      {"tags", SS({"express", "fragile", "gift"})},
      {"address", M({{"street", "1 Main Street"}, {"city", "Springfield"}, {"zip", "12345"}})},
      {"lines",
       L({M({{"sku", "A-1"}, {"price", N("9.99")}}), M({{"sku", "B-22"}, {"price", N("1990")}})})},
  };
}

void BM_EncodeItem(benchmark::State& state) {
  const Item item = SampleItem();
  std::string out;
  for (auto _ : state) {
    out.clear();  // Keeps the capacity: the storage layer reuses its buffer the same way.
    EncodeItem(item, &out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(out.size()));
  state.counters["item_bytes"] = static_cast<double>(out.size());
}
BENCHMARK(BM_EncodeItem);

void BM_EncodeItemNewString(benchmark::State& state) {
  const Item item = SampleItem();
  for (auto _ : state) {
    std::string out = EncodeItem(item);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EncodeItemNewString);

void BM_DecodeItem(benchmark::State& state) {
  const std::string bytes = EncodeItem(SampleItem());
  for (auto _ : state) {
    absl::StatusOr<Item> item = DecodeItem(bytes);
    benchmark::DoNotOptimize(item);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes.size()));
}
BENCHMARK(BM_DecodeItem);

void BM_DecodeItemInto(benchmark::State& state) {
  const std::string bytes = EncodeItem(SampleItem());
  Item item;
  for (auto _ : state) {
    absl::Status st = DecodeItemInto(bytes, &item);
    benchmark::DoNotOptimize(st);
    benchmark::DoNotOptimize(item);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes.size()));
}
BENCHMARK(BM_DecodeItemInto);

void BM_CopyItemBytes(benchmark::State& state) {
  const std::string bytes = EncodeItem(SampleItem());
  std::string copy;
  for (auto _ : state) {
    copy.assign(bytes);
    benchmark::DoNotOptimize(copy.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes.size()));
}
BENCHMARK(BM_CopyItemBytes);

// Key parts: a pk S and an sk N appended into one reused buffer, as the storage layer does.
void BM_EncodeKey_S_N(benchmark::State& state) {
  const AttributeValue pk("customer#000123456");
  const AttributeValue sk = N("-12345.6789");
  std::string out;
  for (auto _ : state) {
    out.clear();
    AppendKeyPart(pk, &out);
    AppendKeyPart(sk, &out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EncodeKey_S_N);

void BM_EncodeKeyPart_N38(benchmark::State& state) {
  const AttributeValue n = N("-1234567890123456789012345678.9012345678");
  std::string out;
  for (auto _ : state) {
    out.clear();
    AppendKeyPart(n, &out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EncodeKeyPart_N38);

void BM_DecodeKey_S_N(benchmark::State& state) {
  std::string key;
  AppendKeyPart(AttributeValue("customer#000123456"), &key);
  AppendKeyPart(N("-12345.6789"), &key);
  for (auto _ : state) {
    std::string_view in = key;
    absl::StatusOr<AttributeValue> pk = DecodeKeyPart(ScalarType::kS, &in);
    absl::StatusOr<AttributeValue> sk = DecodeKeyPart(ScalarType::kN, &in);
    benchmark::DoNotOptimize(pk);
    benchmark::DoNotOptimize(sk);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecodeKey_S_N);

}  // namespace
}  // namespace dynarock::codec

BENCHMARK_MAIN();
