#include "lib/api/json/error_json.h"

#include <string>
#include <string_view>
#include <vector>

#include "dynarock/batch_ops.h"
#include "dynarock/error.h"

#include "lib/api/json/json_writer.h"
#include "lib/api/json/value_json.h"
#include "lib/codec/item_codec.h"

#include "absl/strings/cord.h"

namespace dynarock::json {
namespace {

constexpr std::string_view kCoralService = "com.amazon.coral.service#";
constexpr std::string_view kCoralValidate = "com.amazon.coral.validate#";
constexpr std::string_view kDynamoDb = "com.amazonaws.dynamodb.v20120810#";

enum class MessageMember { kLower, kUpper, kNone };

struct Shape {
  std::string_view ns;
  MessageMember member;
};

Shape ShapeOf(ErrorType type) {
  switch (type) {
    case ErrorType::kValidation:
      return {kCoralValidate, MessageMember::kLower};
    case ErrorType::kSerialization:
      return {kCoralService, MessageMember::kUpper};
    case ErrorType::kUnknownOperation:
      return {kCoralService, MessageMember::kNone};
    case ErrorType::kMissingAuthenticationToken:
    case ErrorType::kUnrecognizedClient:
    case ErrorType::kInvalidSignature:
      return {kCoralService, MessageMember::kLower};
    case ErrorType::kAccessDenied:
      return {kCoralService, MessageMember::kUpper};
    case ErrorType::kTransactionCanceled:
    case ErrorType::kIdempotentParameterMismatch:
    case ErrorType::kTransactionInProgress:
      return {kDynamoDb, MessageMember::kUpper};
    default:
      return {kDynamoDb, MessageMember::kLower};
  }
}

}  // namespace

JsonResponse ErrorResponse(const absl::Status& status) {
  ErrorType type = GetErrorType(status);
  if (type == ErrorType::kNone) type = ErrorType::kInternalServerError;  // not an error: a bug
  const Shape shape = ShapeOf(type);
  const std::string_view name = ErrorTypeName(type);

  JsonResponse response;
  response.http_status = HttpStatusFor(type);
  std::string& body = response.body;
  body.reserve(64 + shape.ns.size() + name.size() + status.message().size());
  JsonWriter w(&body);
  w.BeginObject();
  w.Key("__type");
  std::string type_text;
  type_text.reserve(shape.ns.size() + name.size());
  type_text.append(shape.ns).append(name);
  w.String(type_text);
  const absl::string_view message = status.message();
  if (shape.member != MessageMember::kNone && !message.empty()) {
    w.Key(shape.member == MessageMember::kUpper ? "Message" : "message");
    w.String(std::string_view(message.data(), message.size()));
  }
  if (type == ErrorType::kConditionalCheckFailed) {
    if (absl::optional<absl::Cord> payload = status.GetPayload(kPayloadConditionItem)) {
      absl::StatusOr<Item> item = codec::DecodeItem(std::string(*payload));
      if (item.ok()) {
        w.Key("Item");
        WriteItem(*item, &w);
      }
    }
  }
  if (type == ErrorType::kTransactionCanceled) {
    const std::vector<CancellationReason> reasons = GetCancellationReasons(status);
    if (!reasons.empty()) {
      w.Key("CancellationReasons");
      w.BeginArray();
      for (const CancellationReason& reason : reasons) {
        w.BeginObject();
        w.Key("Code");
        w.String(reason.code);
        if (reason.item.has_value()) {
          w.Key("Item");
          WriteItem(*reason.item, &w);
        }
        if (reason.message.has_value()) {
          w.Key("Message");
          w.String(*reason.message);
        }
        w.EndObject();
      }
      w.EndArray();
    }
  }
  w.EndObject();
  return response;
}

}  // namespace dynarock::json
