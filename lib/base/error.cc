// ErrorType <-> absl::StatusCode and wire names. The DynamoDB type rides on the status as a
// payload (kPayloadErrorType) so that two types sharing one absl code stay distinct.
#include "dynarock/error.h"

#include <array>

#include "absl/strings/cord.h"

namespace dynarock {
namespace {

struct TypeInfo {
  ErrorType type;
  std::string_view name;
  absl::StatusCode code;
  int http_status;
};

constexpr std::array<TypeInfo, 22> kTypes = {{
    {ErrorType::kNone, "", absl::StatusCode::kOk, 200},
    {ErrorType::kValidation, "ValidationException", absl::StatusCode::kInvalidArgument, 400},
    {ErrorType::kSerialization, "SerializationException", absl::StatusCode::kInvalidArgument, 400},
    {ErrorType::kConditionalCheckFailed, "ConditionalCheckFailedException",
     absl::StatusCode::kFailedPrecondition, 400},
    {ErrorType::kResourceNotFound, "ResourceNotFoundException", absl::StatusCode::kNotFound, 400},
    {ErrorType::kResourceInUse, "ResourceInUseException", absl::StatusCode::kAlreadyExists, 400},
    {ErrorType::kLimitExceeded, "LimitExceededException", absl::StatusCode::kResourceExhausted,
     400},
    {ErrorType::kItemCollectionSizeLimitExceeded, "ItemCollectionSizeLimitExceededException",
     absl::StatusCode::kResourceExhausted, 400},
    {ErrorType::kTransactionCanceled, "TransactionCanceledException", absl::StatusCode::kAborted,
     400},
    {ErrorType::kTransactionConflict, "TransactionConflictException", absl::StatusCode::kAborted,
     400},
    {ErrorType::kTransactionInProgress, "TransactionInProgressException",
     absl::StatusCode::kAborted, 400},
    {ErrorType::kIdempotentParameterMismatch, "IdempotentParameterMismatchException",
     absl::StatusCode::kInvalidArgument, 400},
    {ErrorType::kProvisionedThroughputExceeded, "ProvisionedThroughputExceededException",
     absl::StatusCode::kResourceExhausted, 400},
    {ErrorType::kRequestLimitExceeded, "RequestLimitExceeded",
     absl::StatusCode::kResourceExhausted, 400},
    {ErrorType::kThrottling, "ThrottlingException", absl::StatusCode::kResourceExhausted, 400},
    {ErrorType::kUnknownOperation, "UnknownOperationException", absl::StatusCode::kUnimplemented,
     400},
    {ErrorType::kMissingAuthenticationToken, "MissingAuthenticationTokenException",
     absl::StatusCode::kUnauthenticated, 400},
    {ErrorType::kUnrecognizedClient, "UnrecognizedClientException",
     absl::StatusCode::kUnauthenticated, 400},
    {ErrorType::kInvalidSignature, "InvalidSignatureException", absl::StatusCode::kUnauthenticated,
     400},
    {ErrorType::kAccessDenied, "AccessDeniedException", absl::StatusCode::kPermissionDenied, 400},
    {ErrorType::kInternalServerError, "InternalServerError", absl::StatusCode::kInternal, 500},
    {ErrorType::kServiceUnavailable, "ServiceUnavailable", absl::StatusCode::kUnavailable, 503},
}};

const TypeInfo& Info(ErrorType type) {
  for (const TypeInfo& info : kTypes) {
    if (info.type == type) return info;
  }
  return kTypes[static_cast<size_t>(ErrorType::kInternalServerError)];
}

}  // namespace

absl::Status MakeError(ErrorType type, std::string_view message) {
  const TypeInfo& info = Info(type);
  absl::Status status(info.code, absl::string_view(message.data(), message.size()));
  status.SetPayload(kPayloadErrorType, absl::Cord(absl::string_view(info.name.data(), info.name.size())));
  return status;
}

ErrorType GetErrorType(const absl::Status& status) {
  if (status.ok()) return ErrorType::kNone;
  if (auto payload = status.GetPayload(kPayloadErrorType); payload.has_value()) {
    std::string name(*payload);
    for (const TypeInfo& info : kTypes) {
      if (info.name == name) return info.type;
    }
  }
  return status.code() == absl::StatusCode::kInvalidArgument ? ErrorType::kValidation
                                                             : ErrorType::kInternalServerError;
}

std::string_view ErrorTypeName(ErrorType type) { return Info(type).name; }

int HttpStatusFor(ErrorType type) { return Info(type).http_status; }

}  // namespace dynarock
