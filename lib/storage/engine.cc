#include "lib/storage/engine.h"

#include <utility>

#include "absl/synchronization/mutex.h"
#include "lib/base/status_macros.h"

namespace dynarock::storage {

absl::StatusOr<std::unique_ptr<Engine>> Engine::Open(const EngineOptions& options) {
  // Debian's Abseil is built with absl::Mutex deadlock detection on: every Lock() then goes
  // through a process-wide graph behind a global spinlock, which serialises all writers (and,
  // being uninstrumented, shows up as races under ThreadSanitizer). dynarock's lock order is
  // deadlock-free by construction (item_locks.h), so the detector only costs time.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  std::unique_ptr<Engine> engine(new Engine());
  DYNAROCK_ASSIGN_OR_RETURN(engine->store_, Store::Open(options.store));
  DYNAROCK_ASSIGN_OR_RETURN(engine->catalog_, Catalog::Load(engine->store_.get()));
  engine->locks_ = std::make_unique<ItemLocks>();
  engine->table_arn_prefix_ =
      "arn:aws:dynamodb:" + options.region + ":" + options.account_id + ":table/";
  engine->item_collection_size_limit_bytes_ = options.item_collection_size_limit_bytes;
  return engine;
}

}  // namespace dynarock::storage
