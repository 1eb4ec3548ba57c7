// File: lib/storage/rocks_status.h
//
// The one place a rocksdb::Status becomes an absl::Status. RocksDB failures are not the
// caller's fault, so they surface as DynamoDB's InternalServerError, keeping RocksDB's text
// for the logs.
#ifndef DYNAROCK_LIB_STORAGE_ROCKS_STATUS_H_
#define DYNAROCK_LIB_STORAGE_ROCKS_STATUS_H_

#include <string_view>

#include "absl/status/status.h"
#include "rocksdb/status.h"

namespace dynarock::storage {

// OK for ok(); InternalServerError "<context>: <rocksdb text>" otherwise.
absl::Status FromRocks(const rocksdb::Status& status, std::string_view context);

}  // namespace dynarock::storage

#endif  // DYNAROCK_LIB_STORAGE_ROCKS_STATUS_H_
