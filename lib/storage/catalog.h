// File: lib/storage/catalog.h
//
// The catalog: table name -> TableInfo (schema, numeric id, billing, creation time, ...),
// persisted under 0x00 'c' <name> (key_layout.h) and loaded at open into an immutable snapshot.
//
// Thread safety: all methods may be called concurrently. Readers get an immutable snapshot
// (shared_ptr<const ...>) from an atomic shared_ptr, so the per-request lookup takes no mutex;
// DDL (Create, Drop) is serialised by ddl_mu_ and publishes a new snapshot, so a running
// operation keeps the schema it started with. In ThreadSanitizer builds a std::mutex stands in
// for the atomic shared_ptr: TSan does not model the fences inside libstdc++'s
// atomic<shared_ptr> (GCC 12) and reports its load and store as a race.
#ifndef DYNAROCK_LIB_STORAGE_CATALOG_H_
#define DYNAROCK_LIB_STORAGE_CATALOG_H_

#include <atomic>
#include <mutex>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "dynarock/table_ops.h"
#include "lib/storage/counters.h"
#include "lib/storage/item_locks.h"
#include "lib/storage/rocks.h"

namespace dynarock::storage {

// A flag that copies as false: a copied TableInfo describes a new, live table. Every version of
// one table (Catalog::Update publishes a new TableInfo) shares one flag (ShareWith), so a writer
// still holding an older version sees DeleteTable's mark too.
class DroppedFlag {
 public:
  DroppedFlag() = default;
  DroppedFlag(const DroppedFlag& /*other*/) {}
  DroppedFlag& operator=(const DroppedFlag& /*other*/) { return *this; }
  bool load() const { return v_->load(std::memory_order_acquire); }
  void store(bool v) const { v_->store(v, std::memory_order_release); }
  // Makes this flag the flag of `other` (a new version of the same table).
  void ShareWith(const DroppedFlag& other) { v_ = other.v_; }

 private:
  std::shared_ptr<std::atomic<bool>> v_ = std::make_shared<std::atomic<bool>>(false);
};

// A secondary index of a table (issue 6). Its entries live in the table's key range under its
// own space byte (key_layout.h: IndexEntryKey); its counters under IndexCountersKey.
struct IndexInfo {
  std::string name{};
  bool global = true;  // GSI; false for an LSI
  uint8_t space = 0;   // 1..255, unique within the table and never reused by it
  std::vector<KeySchemaElement> key_schema{};  // HASH first, optional RANGE second
  Projection projection{};                     // projection_type always set
  IndexStatus status = IndexStatus::kActive;   // CREATING while a GSI backfills
  bool backfilling = false;
  int64_t read_capacity_units = 0;  // GSIs of PROVISIONED tables
  int64_t write_capacity_units = 0;
  int64_t creation_time_ms = 0;

  // Derived from key_schema and the table's attribute_definitions (not stored).
  std::string hash_key{};
  ScalarType hash_type = ScalarType::kS;
  std::optional<std::string> range_key{};
  ScalarType range_type = ScalarType::kS;
  std::string counters_key{};  // IndexCountersKey(table id, space)
};

struct TableInfo {
  std::string name{};
  uint32_t id = 0;                             // the key prefix of the table's items; never reused
  std::string table_uuid{};                    // DescribeTable's TableId: a random UUID v4
  std::vector<KeySchemaElement> key_schema{};  // HASH first, optional RANGE second
  std::vector<AttributeDefinition> attribute_definitions{};
  BillingMode billing_mode = BillingMode::kProvisioned;
  int64_t read_capacity_units = 0;  // 0 for PAY_PER_REQUEST
  int64_t write_capacity_units = 0;
  int64_t creation_time_ms = 0;  // epoch milliseconds
  bool deletion_protection = false;
  std::vector<IndexInfo> indexes{};  // GSIs and LSIs, in declaration order
  uint8_t next_index_space = 1;      // the space the next index gets

  // Derived from key_schema and attribute_definitions (not stored).
  std::string hash_key{};
  ScalarType hash_type = ScalarType::kS;
  std::optional<std::string> range_key{};
  ScalarType range_type = ScalarType::kS;
  std::string counters_key{};  // CountersKey(id), kept to spare writes an allocation

  // Set by DeleteTable before it waits for in-flight writes; writers check it under their
  // item lock (see Catalog::Drop).
  DroppedFlag dropped{};

  // Fills the derived members (of the table and of each index). REQUIRES: a validated key
  // schema with defined attributes, and the id assigned.
  void Derive();

  // The index named `name`, or nullptr.
  const IndexInfo* FindIndex(std::string_view name) const;
};

// Binary form of a TableInfo (on disk: never change; a leading version byte allows evolution).
std::string EncodeTableInfo(const TableInfo& info);
absl::StatusOr<TableInfo> DecodeTableInfo(std::string_view bytes);

class Catalog {
 public:
  using TableMap = std::map<std::string, std::shared_ptr<const TableInfo>, std::less<>>;

  // Loads every catalog entry of `store`. `store` must outlive the catalog.
  static absl::StatusOr<std::unique_ptr<Catalog>> Load(Store* store);

  // The table `name`, or nullptr.
  std::shared_ptr<const TableInfo> Find(std::string_view name) const;
  // All tables, sorted by name.
  std::shared_ptr<const TableMap> Snapshot() const;

  // Assigns the next table id to `info`, persists it and publishes it.
  // Errors: ResourceInUseException "Table already exists: <name>"; InternalServerError.
  absl::StatusOr<std::shared_ptr<const TableInfo>> Create(TableInfo info)
      ABSL_LOCKS_EXCLUDED(ddl_mu_);

  // Deletes table `name`: runs `precheck` (its error is returned and nothing changes), marks the
  // table dropped, waits for in-flight writes (locks->Barrier()), then commits one WriteBatch
  // removing the catalog entry, the counters and (DeleteRange) every item key of the table, and
  // unpublishes it. *counters receives the counters just before deletion.
  // Errors: ResourceNotFoundException "Requested resource not found: Table: <name> not found";
  // precheck's; InternalServerError.
  absl::StatusOr<std::shared_ptr<const TableInfo>> Drop(
      std::string_view name, absl::FunctionRef<absl::Status(const TableInfo&)> precheck,
      ItemLocks* locks, TableCounters* counters) ABSL_LOCKS_EXCLUDED(ddl_mu_);

  // Applies `mutate` to a copy of table `name`'s TableInfo (derived members are recomputed
  // after), persists the result and publishes it; the copy shares the table's dropped flag.
  // `mutate`'s error is returned and nothing changes. Returns the new version; *previous (if
  // not null) receives the version it replaced. Serialised with Create and Drop.
  // Errors: ResourceNotFoundException "Requested resource not found: Table: <name> not found";
  // mutate's; InternalServerError.
  absl::StatusOr<std::shared_ptr<const TableInfo>> Update(
      std::string_view name, absl::FunctionRef<absl::Status(TableInfo&)> mutate,
      std::shared_ptr<const TableInfo>* previous = nullptr) ABSL_LOCKS_EXCLUDED(ddl_mu_);

  // The exact counters of table `id`.
  absl::StatusOr<TableCounters> ReadCounters(uint32_t id) const;

 private:
  explicit Catalog(Store* store) : store_(store) {}

  void Publish(std::shared_ptr<const TableMap> tables);
  std::shared_ptr<const TableMap> Load() const;

  Store* const store_;
  absl::Mutex ddl_mu_;  // serialises Create and Drop
  uint32_t next_id_ ABSL_GUARDED_BY(ddl_mu_) = 1;
#if defined(__SANITIZE_THREAD__)
  mutable std::mutex tables_mu_;
  std::shared_ptr<const TableMap> tables_;
#else
  std::atomic<std::shared_ptr<const TableMap>> tables_;
#endif
};

}  // namespace dynarock::storage

#endif  // DYNAROCK_LIB_STORAGE_CATALOG_H_
