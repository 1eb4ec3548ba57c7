// UpdateItem: reference section 4.9. Response {} plus "Attributes" (per ReturnValues, when
// there is something to return) and "ConsumedCapacity" when asked for (single_write_json.h).
#include <string>

#include "lib/api/json/operations.h"
#include "lib/api/json/single_write_json.h"
#include "lib/base/status_macros.h"

namespace dynarock::json {

absl::Status UpdateItemJson(Database& db, const Json& body, std::string* out) {
  UpdateItemRequest req;
  DYNAROCK_RETURN_IF_ERROR(ParseSingleWrite(body, &req));
  DYNAROCK_ASSIGN_OR_RETURN(UpdateItemResult result, db.UpdateItem(req));
  WriteSingleWriteResult(result, out);
  return absl::OkStatus();
}

}  // namespace dynarock::json
