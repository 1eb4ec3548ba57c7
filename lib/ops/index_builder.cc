#include "lib/ops/index_builder.h"

#include <algorithm>
#include <chrono>
#include <utility>
#include <vector>

#include "dynarock/error.h"

#include "lib/base/status_macros.h"
#include "lib/ops/index_entries.h"
#include "lib/ops/paging.h"
#include "lib/storage/counters.h"
#include "lib/storage/item_value.h"
#include "lib/storage/key_layout.h"
#include "lib/storage/rocks_status.h"

#include "rocksdb/iterator.h"
#include "rocksdb/write_batch.h"

namespace dynarock::ops {

void PruneAttributeDefinitions(storage::TableInfo* table,
                               const std::vector<AttributeDefinition>& extra) {
  std::vector<AttributeDefinition> out;
  auto add = [&](const std::string& name) {
    for (const AttributeDefinition& d : out) {
      if (d.attribute_name == name) return;
    }
    for (const AttributeDefinition& d : table->attribute_definitions) {
      if (d.attribute_name == name) {
        out.push_back(d);
        return;
      }
    }
    for (const AttributeDefinition& d : extra) {
      if (d.attribute_name == name) {
        out.push_back(d);
        return;
      }
    }
  };
  for (const KeySchemaElement& k : table->key_schema) add(k.attribute_name);
  for (const storage::IndexInfo& index : table->indexes) {
    for (const KeySchemaElement& k : index.key_schema) add(k.attribute_name);
  }
  table->attribute_definitions = std::move(out);
}

namespace {

// The index `name` of the live table `table_name` with id `table_id` in status `status`, and
// that table version; {nullptr, nullptr} when the table was dropped (or re-created) or the
// index is gone or in another status.
std::pair<std::shared_ptr<const storage::TableInfo>, const storage::IndexInfo*> FindLive(
    const storage::Engine& engine, const std::string& table_name, uint32_t table_id,
    const std::string& name, IndexStatus status) {
  std::shared_ptr<const storage::TableInfo> table = engine.catalog().Find(table_name);
  if (table == nullptr || table->id != table_id || table->dropped.load()) return {};
  const storage::IndexInfo* index = table->FindIndex(name);
  if (index == nullptr || index->status != status) return {};
  return {std::move(table), index};
}

// Locks the given stripes (sorted, distinct) in ascending order; unlocks on destruction.
class StripeLocks {
 public:
  StripeLocks(storage::ItemLocks* locks, const std::vector<size_t>& stripes)
      : locks_(locks), stripes_(stripes) {
    for (size_t s : stripes_) locks_->MutexAt(s).Lock();
  }
  ~StripeLocks() {
    for (auto s = stripes_.rbegin(); s != stripes_.rend(); ++s) locks_->MutexAt(*s).Unlock();
  }
  StripeLocks(const StripeLocks&) = delete;
  StripeLocks& operator=(const StripeLocks&) = delete;

 private:
  storage::ItemLocks* locks_;
  const std::vector<size_t>& stripes_;
};

}  // namespace

struct IndexBuilder::Work {
  std::shared_ptr<const storage::TableInfo> table;
  std::string index_name;
  std::shared_ptr<const storage::TableInfo> previous;
  std::thread thread;
  bool done = false;
};

IndexBuilder::IndexBuilder(storage::Engine* engine) : engine_(engine) {}

IndexBuilder::~IndexBuilder() { Stop(); }

void IndexBuilder::ResumeAll() {
  std::shared_ptr<const storage::Catalog::TableMap> tables = engine_->catalog().Snapshot();
  for (const auto& [name, table] : *tables) {
    for (const storage::IndexInfo& index : table->indexes) {
      if (index.status == IndexStatus::kCreating || index.status == IndexStatus::kDeleting) {
        Start(table, index.name, nullptr);
      }
    }
  }
}

void IndexBuilder::Start(std::shared_ptr<const storage::TableInfo> table, std::string index_name,
                         std::shared_ptr<const storage::TableInfo> previous) {
  absl::MutexLock lock(&mu_);
  if (stopping_.load()) return;
  for (auto it = works_.begin(); it != works_.end();) {  // reap finished work
    if ((*it)->done) {
      (*it)->thread.join();
      it = works_.erase(it);
    } else {
      ++it;
    }
  }
  auto work = std::make_unique<Work>();
  work->table = std::move(table);
  work->index_name = std::move(index_name);
  work->previous = std::move(previous);
  Work* w = work.get();
  works_.push_back(std::move(work));
  ++running_;
  // Run() marks the work done under mu_, so it cannot finish before `thread` is assigned.
  w->thread = std::thread([this, w] { Run(w); });
}

void IndexBuilder::Stop() {
  std::list<std::unique_ptr<Work>> works;
  {
    absl::MutexLock lock(&mu_);
    stopping_.store(true);
    works.swap(works_);
  }
  for (std::unique_ptr<Work>& w : works) w->thread.join();
}

void IndexBuilder::WaitIdle() {
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(
      +[](size_t* running) { return *running == 0; }, &running_));
}

bool IndexBuilder::WaitForPrevious(std::shared_ptr<const storage::TableInfo>* previous) {
  // Every operation holds the TableInfo it looked up until it returns; once ours is the only
  // reference, no write that could miss the changed index is in flight any more.
  while (previous->use_count() > 1) {
    if (stopping_.load()) return false;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  std::atomic_thread_fence(std::memory_order_acquire);
  previous->reset();
  return true;
}

void IndexBuilder::Run(Work* work) {
  const std::string table_name = work->table->name;
  const uint32_t table_id = work->table->id;
  const std::string index_name = work->index_name;
  const storage::IndexInfo* index = work->table->FindIndex(index_name);
  const IndexStatus status = index != nullptr ? index->status : IndexStatus::kActive;
  const uint8_t space = index != nullptr ? index->space : 0;
  work->table.reset();  // later UpdateTables must not wait for this thread
  std::shared_ptr<const storage::TableInfo> previous = std::move(work->previous);
  bool go = previous == nullptr || WaitForPrevious(&previous);
  // Failures (I/O errors only) leave the index as it is; the next open resumes the work.
  if (go && status == IndexStatus::kCreating) {
    if (Backfill(table_name, table_id, index_name).ok() && !stopping_.load()) {
      Activate(table_name, table_id, index_name).IgnoreError();
    }
  } else if (go && status == IndexStatus::kDeleting) {
    Remove(table_name, table_id, index_name, space).IgnoreError();
  }
  absl::MutexLock lock(&mu_);
  work->done = true;
  --running_;
}

absl::Status IndexBuilder::Backfill(const std::string& table_name, uint32_t table_id,
                                    const std::string& index_name) {
  storage::Store& store = engine_->store();
  storage::ItemLocks& locks = engine_->locks();
  // The base table's keys: [0x01 <id> 0x00, 0x01 <id> 0x01).
  std::string resume;
  storage::AppendItemKeyHeader(table_id, 0, &resume);
  const std::string end = PrefixSuccessor(resume.substr(0, storage::kItemKeyHeaderSize - 4));
  std::vector<std::string> keys;
  std::vector<size_t> stripes;
  std::string entry_key;
  std::string entry_value;
  Item item;
  while (!stopping_.load()) {
    auto [table, index] =
        FindLive(*engine_, table_name, table_id, index_name, IndexStatus::kCreating);
    if (table == nullptr) return absl::CancelledError("index or table gone");
    keys.clear();
    {
      std::unique_ptr<rocksdb::Iterator> it = store.NewIterator(&resume, &end);
      for (it->SeekToFirst(); it->Valid() && keys.size() < kBackfillChunk; it->Next()) {
        keys.emplace_back(it->key().data(), it->key().size());
      }
      DYNAROCK_RETURN_IF_ERROR(storage::FromRocks(it->status(), "backfilling an index"));
    }
    if (keys.empty()) return absl::OkStatus();
    stripes.clear();
    for (const std::string& k : keys) stripes.push_back(storage::ItemLocks::StripeOf(k));
    std::sort(stripes.begin(), stripes.end());
    stripes.erase(std::unique(stripes.begin(), stripes.end()), stripes.end());
    {
      StripeLocks held(&locks, stripes);
      // Under the locks: a DeleteTable that marked the table dropped waits for us
      // (Barrier), and an UpdateTable that changed the table makes us redo the chunk.
      if (engine_->catalog().Find(table_name) != table || table->dropped.load()) continue;
      rocksdb::WriteBatch batch;
      for (const std::string& k : keys) {
        rocksdb::PinnableSlice value;
        DYNAROCK_ASSIGN_OR_RETURN(bool found, store.Get(k, &value));
        if (!found) continue;  // deleted since the iterator saw it (its writer did the index)
        const std::string_view stored(value.data(), value.size());
        item.clear();
        DYNAROCK_RETURN_IF_ERROR(storage::DecodeItemValue(stored, &item));
        if (!HasIndexEntry(*index, item)) continue;  // sparse, or a wrong-typed key: skipped
        entry_key.clear();
        AppendIndexEntryKey(*table, *index, item, k, &entry_key);
        rocksdb::Status s;
        if (index->projection.projection_type.value_or(ProjectionType::kAll) ==
            ProjectionType::kAll) {
          s = batch.Put(entry_key, rocksdb::Slice(stored.data(), stored.size()));
        } else {
          entry_value.clear();
          AppendIndexEntryValue(*table, *index, item, &entry_value);
          s = batch.Put(entry_key, entry_value);
        }
        DYNAROCK_RETURN_IF_ERROR(storage::FromRocks(s, "backfilling an index"));
      }
      if (batch.Count() > 0) DYNAROCK_RETURN_IF_ERROR(store.Write(&batch));
    }
    resume = keys.back();
    resume.push_back('\0');  // strictly after the last key of the chunk
  }
  return absl::CancelledError("stopped");
}

absl::Status IndexBuilder::Activate(const std::string& table_name, uint32_t table_id,
                                    const std::string& index_name) {
  {
    // With every stripe held no write is in flight: count the entries and set the counters
    // (writes during the backfill adjusted them for entries that did not exist yet).
    std::vector<size_t> all(storage::ItemLocks::kStripes);
    for (size_t i = 0; i < all.size(); ++i) all[i] = i;
    StripeLocks held(&engine_->locks(), all);
    auto [table, index] =
        FindLive(*engine_, table_name, table_id, index_name, IndexStatus::kCreating);
    if (table == nullptr) return absl::OkStatus();
    const std::string lower = storage::IndexSpacePrefix(table_id, index->space);
    const std::string upper = PrefixSuccessor(lower);
    storage::TableCounters counters;
    std::unique_ptr<rocksdb::Iterator> it = engine_->store().NewIterator(&lower, &upper);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      ++counters.item_count;
      counters.size_bytes +=
          storage::StoredItemSize(std::string_view(it->value().data(), it->value().size()));
    }
    DYNAROCK_RETURN_IF_ERROR(storage::FromRocks(it->status(), "counting an index"));
    std::string encoded;
    storage::EncodeCounters(counters, &encoded);
    rocksdb::WriteBatch batch;
    DYNAROCK_RETURN_IF_ERROR(
        storage::FromRocks(batch.Put(index->counters_key, encoded), "counting an index"));
    DYNAROCK_RETURN_IF_ERROR(engine_->store().Write(&batch));
  }
  // Outside the stripes: Catalog::Update takes the DDL mutex, which DeleteTable holds while it
  // takes every stripe. Writes in between keep the (now exact) counters exact.
  return engine_->catalog()
      .Update(table_name,
              [&](storage::TableInfo& t) -> absl::Status {
                if (t.id != table_id) return absl::CancelledError("table re-created");
                for (storage::IndexInfo& index : t.indexes) {
                  if (index.name == index_name && index.status == IndexStatus::kCreating) {
                    index.status = IndexStatus::kActive;
                    index.backfilling = false;
                    return absl::OkStatus();
                  }
                }
                return absl::CancelledError("index gone");
              })
      .status();
}

absl::Status IndexBuilder::Remove(const std::string& table_name, uint32_t table_id,
                                  const std::string& index_name, uint8_t space) {
  {
    auto [table, index] =
        FindLive(*engine_, table_name, table_id, index_name, IndexStatus::kDeleting);
    if (table == nullptr) return absl::OkStatus();
    const std::string lower = storage::IndexSpacePrefix(table_id, space);
    rocksdb::WriteBatch batch;
    rocksdb::Status s = batch.DeleteRange(lower, PrefixSuccessor(lower));
    if (s.ok()) s = batch.Delete(storage::IndexCountersKey(table_id, space));
    DYNAROCK_RETURN_IF_ERROR(storage::FromRocks(s, "deleting an index"));
    DYNAROCK_RETURN_IF_ERROR(engine_->store().Write(&batch));
  }
  return engine_->catalog()
      .Update(table_name,
              [&](storage::TableInfo& t) -> absl::Status {
                if (t.id != table_id) return absl::CancelledError("table re-created");
                for (auto it = t.indexes.begin(); it != t.indexes.end(); ++it) {
                  if (it->name == index_name && it->space == space) {
                    t.indexes.erase(it);
                    // AttributeDefinitions lists key attributes only: the index's leave with
                    // it unless another key schema uses them (reference 4.5).
                    PruneAttributeDefinitions(&t, {});
                    return absl::OkStatus();
                  }
                }
                return absl::CancelledError("index gone");
              })
      .status();
}

}  // namespace dynarock::ops
