// File: dynarock/error.h
//
// Errors are absl::Status values that carry a DynamoDB error type. Every failing call in
// dynarock returns one; no exception crosses the public API.
//
// Each ErrorType maps to one absl::StatusCode (for callers that only check codes) and to
// DynamoDB's wire name, kept as a payload on the status (see GetErrorType()). The message of
// the status is DynamoDB's message text, exactly as DynamoDB writes it.
#ifndef DYNAROCK_ERROR_H_
#define DYNAROCK_ERROR_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace dynarock {

// DynamoDB error types (API version 2012-08-10). On the wire: ErrorTypeName().
enum class ErrorType {
  kNone,                                   // OK
  kValidation,                             // ValidationException            -> kInvalidArgument
  kSerialization,                          // SerializationException         -> kInvalidArgument
  kConditionalCheckFailed,                 // ConditionalCheckFailedException -> kFailedPrecondition
  kResourceNotFound,                       // ResourceNotFoundException      -> kNotFound
  kResourceInUse,                          // ResourceInUseException         -> kAlreadyExists
  kLimitExceeded,                          // LimitExceededException         -> kResourceExhausted
  kItemCollectionSizeLimitExceeded,        // ItemCollectionSizeLimitExceededException
  kTransactionCanceled,                    // TransactionCanceledException   -> kAborted
  kTransactionConflict,                    // TransactionConflictException   -> kAborted
  kTransactionInProgress,                  // TransactionInProgressException -> kAborted
  kIdempotentParameterMismatch,            // IdempotentParameterMismatchException
  kProvisionedThroughputExceeded,          // ProvisionedThroughputExceededException
  kRequestLimitExceeded,                   // RequestLimitExceeded
  kThrottling,                             // ThrottlingException
  kUnknownOperation,                       // UnknownOperationException      -> kUnimplemented
  kMissingAuthenticationToken,             // MissingAuthenticationTokenException
  kUnrecognizedClient,                     // UnrecognizedClientException
  kInvalidSignature,                       // InvalidSignatureException
  kAccessDenied,                           // AccessDeniedException
  kInternalServerError,                    // InternalServerError (HTTP 500)  -> kInternal
  kServiceUnavailable,                     // ServiceUnavailable (HTTP 503)   -> kUnavailable
};

// Returns a non-OK status of `type` with DynamoDB's exact message text.
// REQUIRES: type != ErrorType::kNone.
absl::Status MakeError(ErrorType type, std::string_view message);

// The DynamoDB type carried by `status`: kNone for OK; statuses made elsewhere (not by
// MakeError) are classified by their absl code (kInvalidArgument -> kValidation, else
// kInternalServerError).
ErrorType GetErrorType(const absl::Status& status);

// DynamoDB's wire name, e.g. "ValidationException"; "" for kNone.
std::string_view ErrorTypeName(ErrorType type);

// The HTTP status DynamoDB answers with for `type` (400 for client errors, 500/503 else).
int HttpStatusFor(ErrorType type);

// Convenience: true if `status` carries `type`.
inline bool IsError(const absl::Status& status, ErrorType type) {
  return GetErrorType(status) == type;
}

// Payload type URLs for structured extras that ride on an error status (read by api/json).
// "Item" of a ConditionalCheckFailedException when ReturnValuesOnConditionCheckFailure=ALL_OLD,
// encoded with the binary item codec.
inline constexpr char kPayloadConditionItem[] = "dynarock/condition-item";
// CancellationReasons of a TransactionCanceledException, one per action (read them with
// GetCancellationReasons() of batch_ops.h).
inline constexpr char kPayloadCancellationReasons[] = "dynarock/cancellation-reasons";
// The DynamoDB error type name, always present on statuses made by MakeError.
inline constexpr char kPayloadErrorType[] = "dynarock/error-type";

}  // namespace dynarock

#endif  // DYNAROCK_ERROR_H_
