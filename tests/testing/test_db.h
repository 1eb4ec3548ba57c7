// File: tests/testing/test_db.h
//
// TestDb: a database of its own for one test, in memory or on disk in a fresh temporary
// directory under /tmp (removed with its contents when the TestDb is destroyed). Run a case on
// both kinds with
//
//   auto kind = GENERATE(dynarock::testing::DbKind::kInMemory, dynarock::testing::DbKind::kOnDisk);
//   dynarock::testing::TestDb t(kind);
//   t->CreateTable(...);
//
// Reopen() closes the on-disk database and opens the same directory again.
#ifndef DYNAROCK_TESTS_TESTING_TEST_DB_H_
#define DYNAROCK_TESTS_TESTING_TEST_DB_H_

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include "dynarock/database.h"

namespace dynarock::testing {

enum class DbKind { kInMemory, kOnDisk };

inline const char* DbKindName(DbKind kind) {
  return kind == DbKind::kInMemory ? "in memory" : "on disk";
}

// A fresh directory under /tmp, removed recursively at destruction.
class TempDir {
 public:
  TempDir() {
    std::string pattern = "/tmp/dynarock-test-XXXXXX";
    char* made = mkdtemp(pattern.data());
    REQUIRE(made != nullptr);
    path_ = made;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

class TestDb {
 public:
  explicit TestDb(DbKind kind = DbKind::kInMemory, const Options& options = {})
      : kind_(kind), options_(options) {
    INFO("opening a database " << DbKindName(kind));
    if (kind == DbKind::kOnDisk) dir_ = std::make_unique<TempDir>();
    Open();
  }

  DbKind kind() const { return kind_; }
  Database& db() { return *db_; }
  Database* operator->() { return db_.get(); }
  // The directory of an on-disk database ("" in memory).
  std::string path() const { return dir_ ? dir_->path() + "/db" : std::string(); }

  // Closes and reopens the on-disk database. REQUIRES: kind() == kOnDisk.
  void Reopen() {
    REQUIRE(kind_ == DbKind::kOnDisk);
    db_.reset();
    Open();
  }

 private:
  void Open() {
    absl::StatusOr<std::unique_ptr<Database>> db = kind_ == DbKind::kInMemory
                                                       ? Database::OpenInMemory(options_)
                                                       : Database::Open(path(), options_);
    INFO(db.status().ToString());
    REQUIRE(db.ok());
    db_ = std::move(*db);
  }

  DbKind kind_;
  Options options_;
  std::unique_ptr<TempDir> dir_;  // destroyed after db_
  std::unique_ptr<Database> db_;
};

// CreateTable requests for the common shapes: PAY_PER_REQUEST with a partition key `pk` of
// type `pk_type` and, if given, a sort key `sk` of type `sk_type`.
inline CreateTableRequest HashTable(std::string name, ScalarType pk_type = ScalarType::kS) {
  return {.table_name = std::move(name),
          .attribute_definitions = {{"pk", pk_type}},
          .key_schema = {{"pk", KeyType::kHash}},
          .billing_mode = BillingMode::kPayPerRequest};
}
inline CreateTableRequest HashRangeTable(std::string name, ScalarType pk_type = ScalarType::kS,
                                         ScalarType sk_type = ScalarType::kS) {
  return {.table_name = std::move(name),
          .attribute_definitions = {{"pk", pk_type}, {"sk", sk_type}},
          .key_schema = {{"pk", KeyType::kHash}, {"sk", KeyType::kRange}},
          .billing_mode = BillingMode::kPayPerRequest};
}

}  // namespace dynarock::testing

#endif  // DYNAROCK_TESTS_TESTING_TEST_DB_H_
