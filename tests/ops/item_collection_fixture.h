// File: tests/ops/item_collection_fixture.h
//
// The fixture both item collection test files share: a small collection size limit, a table
// with a sparse LSI, an item that grows its collection by a known size, and the index checker.
#ifndef DYNAROCK_TESTS_OPS_ITEM_COLLECTION_FIXTURE_H_
#define DYNAROCK_TESTS_OPS_ITEM_COLLECTION_FIXTURE_H_

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <string_view>

#include "dynarock/database.h"
#include "tests/testing/index_checker.h"
#include "tests/testing/test_db.h"

namespace dynarock::item_collection_fixture {

inline constexpr int64_t kLimit = 2048;
inline constexpr std::string_view kExceeded = "Collection size exceeded.";

inline Options SmallCollections() {
  Options o;
  o.item_collection_size_limit_bytes = kLimit;
  return o;
}

// pk S, sk S; LSI ByLsk (pk, lsk S; ALL), sparse.
inline CreateTableRequest LsiTable(std::string name) {
  CreateTableRequest r = testing::HashRangeTable(std::move(name));
  r.attribute_definitions.push_back({"lsk", ScalarType::kS});
  r.local_secondary_indexes = {{.index_name = "ByLsk",
                                .key_schema = {{"pk", KeyType::kHash}, {"lsk", KeyType::kRange}},
                                .projection = {.projection_type = ProjectionType::kAll}}};
  return r;
}

// {pk, sk, lsk "x", data}: pk 2+1, sk 2+1, lsk 3+1, data 4+1000 = 1014 bytes; its ALL entry in
// ByLsk is 1014 bytes too, so the collection grows by 2028.
inline Item BigItem(std::string pk, std::string sk) {
  return {{"pk", AttributeValue(std::move(pk))},
          {"sk", AttributeValue(std::move(sk))},
          {"lsk", AttributeValue("x")},
          {"data", AttributeValue(std::string(1000, 'd'))}};
}

inline void RequireConsistent(Database& db, std::string_view table) {
  testing::IndexCheckReport report = testing::CheckIndexes(db, table);
  INFO(report.Summary());
  REQUIRE(report.problems.empty());
}

}  // namespace dynarock::item_collection_fixture

#endif  // DYNAROCK_TESTS_OPS_ITEM_COLLECTION_FIXTURE_H_
