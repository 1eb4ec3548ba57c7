#include "lib/api/json/dispatch.h"

#include <array>
#include <string>

#include "dynarock/error.h"

#include "lib/api/json/error_json.h"
#include "lib/api/json/operations.h"

namespace dynarock::json {
namespace {

using Handler = absl::Status (*)(Database&, const Json&, std::string*);

struct Operation {
  std::string_view name;
  Handler handler;
};

// Sorted by name; the array size follows the list.
constexpr Operation kOperations[] = {
    {"BatchGetItem", &BatchGetItemJson},
    {"BatchWriteItem", &BatchWriteItemJson},
    {"CreateTable", &CreateTableJson},
    {"DeleteItem", &DeleteItemJson},
    {"DeleteTable", &DeleteTableJson},
    {"DescribeTable", &DescribeTableJson},
    {"GetItem", &GetItemJson},
    {"ListTables", &ListTablesJson},
    {"PutItem", &PutItemJson},
    {"Query", &QueryJson},
    {"Scan", &ScanJson},
    {"TransactGetItems", &TransactGetItemsJson},
    {"TransactWriteItems", &TransactWriteItemsJson},
    {"UpdateItem", &UpdateItemJson},
    {"UpdateTable", &UpdateTableJson},
};

Handler FindHandler(std::string_view operation) {
  for (const Operation& op : kOperations) {
    if (op.name == operation) return op.handler;
  }
  return nullptr;
}

JsonResponse Handle(Database& db, std::string_view operation, std::string_view body) {
  Json parsed;
  if (!body.empty()) {
    parsed = Json::parse(body.begin(), body.end(), /*cb=*/nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) return ErrorResponse(MakeError(ErrorType::kSerialization, ""));
  }
  const Handler handler = FindHandler(operation);
  if (handler == nullptr) return ErrorResponse(MakeError(ErrorType::kUnknownOperation, ""));
  if (!parsed.is_object()) return ErrorResponse(MakeError(ErrorType::kSerialization, ""));
  JsonResponse response;
  if (absl::Status status = handler(db, parsed, &response.body); !status.ok()) {
    return ErrorResponse(status);
  }
  return response;
}

}  // namespace

bool IsKnownOperation(std::string_view operation) { return FindHandler(operation) != nullptr; }

}  // namespace dynarock::json

namespace dynarock {

JsonResponse HandleJsonRequest(Database& db, std::string_view operation, std::string_view body) {
  try {
    return json::Handle(db, operation, body);
  } catch (...) {  // the one backstop: nothing below throws by design
    return json::ErrorResponse(MakeError(ErrorType::kInternalServerError, "Internal server error"));
  }
}

}  // namespace dynarock
