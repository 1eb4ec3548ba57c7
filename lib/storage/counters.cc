#include "lib/storage/counters.h"

#include <cstring>

namespace dynarock::storage {
namespace {

void PutFixed64(uint64_t v, char* p) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<char>(v >> (8 * i));
}

uint64_t GetFixed64(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
  return v;
}

class CountersMergeOperator : public rocksdb::AssociativeMergeOperator {
 public:
  bool Merge(const rocksdb::Slice& /*key*/, const rocksdb::Slice* existing_value,
             const rocksdb::Slice& value, std::string* new_value,
             rocksdb::Logger* /*logger*/) const override {
    TableCounters sum;
    if (existing_value != nullptr) {
      sum = DecodeCounters(std::string_view(existing_value->data(), existing_value->size()));
    }
    TableCounters delta = DecodeCounters(std::string_view(value.data(), value.size()));
    // Wrap-around arithmetic on unsigned values: well defined, and never reached in practice.
    sum.item_count = static_cast<int64_t>(static_cast<uint64_t>(sum.item_count) +
                                          static_cast<uint64_t>(delta.item_count));
    sum.size_bytes = static_cast<int64_t>(static_cast<uint64_t>(sum.size_bytes) +
                                          static_cast<uint64_t>(delta.size_bytes));
    EncodeCounters(sum, new_value);
    return true;
  }
  const char* Name() const override { return "dynarock.TableCounters"; }
};

}  // namespace

void EncodeCounters(const TableCounters& counters, char* out) {
  PutFixed64(static_cast<uint64_t>(counters.item_count), out);
  PutFixed64(static_cast<uint64_t>(counters.size_bytes), out + 8);
}

void EncodeCounters(const TableCounters& counters, std::string* out) {
  out->resize(kCountersSize);
  EncodeCounters(counters, out->data());
}

TableCounters DecodeCounters(std::string_view bytes) {
  if (bytes.size() != kCountersSize) return {};
  return {static_cast<int64_t>(GetFixed64(bytes.data())),
          static_cast<int64_t>(GetFixed64(bytes.data() + 8))};
}

std::shared_ptr<rocksdb::MergeOperator> NewCountersMergeOperator() {
  return std::make_shared<CountersMergeOperator>();
}

}  // namespace dynarock::storage
