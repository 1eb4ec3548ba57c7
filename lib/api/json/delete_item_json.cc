// DeleteItem: reference section 4.10. Response {} plus "Attributes" (ReturnValues ALL_OLD and
// an item existed) and "ConsumedCapacity" when asked for (single_write_json.h).
#include <string>

#include "lib/api/json/operations.h"
#include "lib/api/json/single_write_json.h"
#include "lib/base/status_macros.h"

namespace dynarock::json {

absl::Status DeleteItemJson(Database& db, const Json& body, std::string* out) {
  DeleteItemRequest req;
  DYNAROCK_RETURN_IF_ERROR(ParseSingleWrite(body, &req));
  DYNAROCK_ASSIGN_OR_RETURN(DeleteItemResult result, db.DeleteItem(req));
  WriteSingleWriteResult(result, out);
  return absl::OkStatus();
}

}  // namespace dynarock::json
