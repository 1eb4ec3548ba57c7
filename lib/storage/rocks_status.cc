#include "lib/storage/rocks_status.h"

#include <string>

#include "dynarock/error.h"

namespace dynarock::storage {

absl::Status FromRocks(const rocksdb::Status& status, std::string_view context) {
  if (status.ok()) return absl::OkStatus();
  std::string message(context);
  message += ": ";
  message += status.ToString();
  return MakeError(ErrorType::kInternalServerError, message);
}

}  // namespace dynarock::storage
