// File: tests/testing/index_checker.h
//
// The secondary-index consistency checker (issue 6): reads a table's base items and every
// entry of each of its indexes straight from RocksDB and reports every disagreement:
//  - a base item that should have an entry (it has the index key attributes as non-empty values
//    of the declared types) but has none, or whose entry holds other content than the item's
//    projection (KEYS_ONLY: table and index keys; INCLUDE: plus NonKeyAttributes; ALL: the item);
//  - an entry for no base item, or a key no base item produces;
//  - a stored entry size (value header) that is not the projection's DynamoDB size;
//  - index counters (ItemCount, IndexSizeBytes) that differ from the real number and size sum,
//    and table counters that differ from the base items;
//  - for a table with an LSI, item collection counters (key_layout.h 0x00 'p') that differ from
//    the sum of the partition key's item sizes and LSI entry sizes.
// It derives the expected entries with its own code (key layout and projection rules from
// docs/design.md), not with lib/ops/index_entries, so a bug there cannot hide itself.
//
// Usage:
//   dynarock::testing::IndexCheckReport r = dynarock::testing::CheckIndexes(t.db(), "Tbl");
//   INFO(r.Summary());
//   REQUIRE(r.problems.empty());
#ifndef DYNAROCK_TESTS_TESTING_INDEX_CHECKER_H_
#define DYNAROCK_TESTS_TESTING_INDEX_CHECKER_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "dynarock/database.h"

namespace dynarock::testing {

struct IndexCheckReport {
  std::vector<std::string> problems;              // empty when table and indexes agree
  int64_t base_items = 0;                         // items read from the table
  std::map<std::string, int64_t> index_entries;  // index name -> entries read
  std::map<std::string, int64_t> index_bytes;    // index name -> sum of entry sizes

  // The first problems (at most 20) and the counts, for INFO().
  std::string Summary() const;
};

// Checks table `table_name` of `db` (a Database opened by Database::Open/OpenInMemory). Indexes
// that are CREATING (backfill in progress) are checked too; call it when no write or backfill
// runs.
IndexCheckReport CheckIndexes(Database& db, std::string_view table_name);

// Deletes the first entry of index `index_name` straight from RocksDB, leaving the counters
// alone (to test that CheckIndexes notices). Returns false if there was none.
bool EraseFirstIndexEntry(Database& db, std::string_view table_name, std::string_view index_name);

}  // namespace dynarock::testing

#endif  // DYNAROCK_TESTS_TESTING_INDEX_CHECKER_H_
