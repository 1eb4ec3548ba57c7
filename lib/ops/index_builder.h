// File: lib/ops/index_builder.h
//
// IndexBuilder: the background work of UpdateTable's index changes (docs/design.md, "Index reads
// and UpdateTable backfill"), one thread per index change:
//
//  - Create: the index is published CREATING (Backfilling), so every write from then on
//    maintains it (StageItemWrite). The builder first waits until no operation still holds the
//    table's previous catalog version (a writer that looked the table up before the index
//    existed would not maintain it), then scans the base table in chunks of kBackfillChunk
//    keys; each chunk locks its items' stripes (ascending, as transactions do), re-reads the
//    items and Puts their entries (the same bytes StageItemWrite writes, index_entries.h), so
//    a concurrent write of the same item either happened before (and the Put rewrites the same
//    entry) or waits and happens after. Items whose index key has the wrong type are skipped,
//    as DynamoDB does. Last, with every stripe held, it recounts the index's entries (writers
//    adjust the counters of a CREATING index as if every item were already indexed) and makes
//    the index ACTIVE.
//  - Delete: the index is published DELETING (writers stop maintaining it); after the same
//    wait for the previous version, one WriteBatch removes its entries (DeleteRange over its
//    space) and counters, then the index leaves the catalog.
//
// Work survives a restart: the catalog says which indexes are CREATING or DELETING, and
// ResumeAll() (called at open) starts their work again from the beginning (both are
// idempotent). A dropped table, a deleted index and Stop() end the work between chunks.
//
// Thread safety: all methods may be called concurrently. The destructor stops and joins.
#ifndef DYNAROCK_LIB_OPS_INDEX_BUILDER_H_
#define DYNAROCK_LIB_OPS_INDEX_BUILDER_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "lib/storage/catalog.h"
#include "lib/storage/engine.h"

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace dynarock::ops {

// Keeps in table->attribute_definitions only the attributes of the table's and its indexes' key
// schemas (DescribeTable lists key attributes only), typed as the table defines them, else as
// `extra` does (the definitions an UpdateTable brings for a new index).
void PruneAttributeDefinitions(storage::TableInfo* table,
                               const std::vector<AttributeDefinition>& extra);

// Base items read per backfill chunk (and so stripes held at once, at most).
inline constexpr size_t kBackfillChunk = 256;

class IndexBuilder {
 public:
  // `engine` must outlive the builder.
  explicit IndexBuilder(storage::Engine* engine);
  ~IndexBuilder();
  IndexBuilder(const IndexBuilder&) = delete;
  IndexBuilder& operator=(const IndexBuilder&) = delete;

  // Starts the work of every CREATING or DELETING index in the catalog (at open).
  void ResumeAll();

  // Starts the work of index `index_name` of `table` (the version UpdateTable published).
  // `previous` is the version it replaced (null at open): the work waits until nothing else
  // holds it.
  void Start(std::shared_ptr<const storage::TableInfo> table, std::string index_name,
             std::shared_ptr<const storage::TableInfo> previous);

  // Stops every running work item between two chunks and joins its thread. Later Start()
  // calls do nothing. Idempotent.
  void Stop();

  // Blocks until no work is running (for tests and orderly shutdown).
  void WaitIdle();

 private:
  struct Work;
  void Run(Work* work);
  // Waits until `previous` is referenced only by the caller; false if stopped meanwhile.
  bool WaitForPrevious(std::shared_ptr<const storage::TableInfo>* previous);
  // One index's backfill, from the first base key; returns when done, stopped or obsolete.
  absl::Status Backfill(const std::string& table_name, uint32_t table_id,
                        const std::string& index_name);
  absl::Status Activate(const std::string& table_name, uint32_t table_id,
                        const std::string& index_name);
  absl::Status Remove(const std::string& table_name, uint32_t table_id,
                      const std::string& index_name, uint8_t space);

  storage::Engine* const engine_;
  std::atomic<bool> stopping_{false};
  absl::Mutex mu_;
  std::list<std::unique_ptr<Work>> works_ ABSL_GUARDED_BY(mu_);
  size_t running_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace dynarock::ops

#endif  // DYNAROCK_LIB_OPS_INDEX_BUILDER_H_
