#include "lib/storage/engine.h"

#include <utility>

#include "lib/base/status_macros.h"

namespace dynarock::storage {

absl::StatusOr<std::unique_ptr<Engine>> Engine::Open(const EngineOptions& options) {
  std::unique_ptr<Engine> engine(new Engine());
  DYNAROCK_ASSIGN_OR_RETURN(engine->store_, Store::Open(options.store));
  DYNAROCK_ASSIGN_OR_RETURN(engine->catalog_, Catalog::Load(engine->store_.get()));
  engine->locks_ = std::make_unique<ItemLocks>();
  engine->table_arn_prefix_ =
      "arn:aws:dynamodb:" + options.region + ":" + options.account_id + ":table/";
  return engine;
}

}  // namespace dynarock::storage
