// File: lib/storage/counters.h
//
// Per-table counters (ItemCount, TableSizeBytes) kept exact by a RocksDB merge operator: every
// item write adds a delta operand for its table in the same WriteBatch, so the counters can
// never disagree with the items, and concurrent writers never read-modify-write them.
//
// Value and operand format (on disk: never change): 16 bytes, item count then size bytes, each
// a signed 64-bit integer, little-endian. The operator's name is part of the format too.
#ifndef DYNAROCK_LIB_STORAGE_COUNTERS_H_
#define DYNAROCK_LIB_STORAGE_COUNTERS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "rocksdb/merge_operator.h"

namespace dynarock::storage {

struct TableCounters {
  int64_t item_count = 0;
  int64_t size_bytes = 0;
};

inline constexpr size_t kCountersSize = 16;

// Writes the 16-byte encoding of `counters` into *out (replacing its contents).
void EncodeCounters(const TableCounters& counters, std::string* out);
// Writes the 16-byte encoding into out[0..15] (no allocation, for the write path).
void EncodeCounters(const TableCounters& counters, char* out);
// Decodes; a value of the wrong size (never written by us) decodes as zeros.
TableCounters DecodeCounters(std::string_view bytes);

// The merge operator summing counter operands. Name: "dynarock.TableCounters".
std::shared_ptr<rocksdb::MergeOperator> NewCountersMergeOperator();

}  // namespace dynarock::storage

#endif  // DYNAROCK_LIB_STORAGE_COUNTERS_H_
