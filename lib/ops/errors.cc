#include "lib/ops/errors.h"

#include "dynarock/error.h"

namespace dynarock::ops {
namespace {

constexpr int kMaxReportedConstraintErrors = 10;
constexpr std::string_view kNestingMessage =
    "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels "
    "beyond supported limit";

}  // namespace

bool UsesEnvelope(Operation operation, MessageFamily family) {
  if (family == MessageFamily::kBare) return false;
  switch (operation) {
    case Operation::kPutItem:
    case Operation::kUpdateItem:
    case Operation::kDeleteItem:
      return true;
    default:
      return false;
  }
}

absl::Status ValidationError(Operation operation, MessageFamily family, std::string_view core) {
  if (!UsesEnvelope(operation, family)) return MakeError(ErrorType::kValidation, core);
  return MakeError(ErrorType::kValidation, Cat(kEnvelopePrefix, core));
}

MessageFamily ValueErrorFamily(std::string_view message) {
  return message == kNestingMessage ? MessageFamily::kBare : MessageFamily::kSetValue;
}

absl::Status WrapValueError(Operation operation, const absl::Status& status) {
  if (status.ok() || GetErrorType(status) != ErrorType::kValidation) return status;
  std::string core(status.message());
  const MessageFamily family = ValueErrorFamily(core);
  if (!UsesEnvelope(operation, family)) return status;
  return ValidationError(operation, family, core);
}

void ConstraintErrors::Add(std::string_view value, std::string_view path,
                           std::string_view constraint) {
  ++count_;
  if (count_ > kMaxReportedConstraintErrors) return;
  if (!items_.empty()) items_ += "; ";
  Append(&items_, "Value '", value, "' at '", path, "' failed to satisfy constraint: ", constraint);
}

void ConstraintErrors::AddNull(std::string_view path) {
  ++count_;
  if (count_ > kMaxReportedConstraintErrors) return;
  if (!items_.empty()) items_ += "; ";
  Append(&items_, "Value null at '", path,
         "' failed to satisfy constraint: Member must not be null");
}

void ConstraintErrors::AddWithoutValue(std::string_view path, std::string_view constraint) {
  ++count_;
  if (count_ > kMaxReportedConstraintErrors) return;
  if (!items_.empty()) items_ += "; ";
  Append(&items_, "Value at '", path, "' failed to satisfy constraint: ", constraint);
}

absl::Status ConstraintErrors::ToStatus() const {
  if (count_ == 0) return absl::OkStatus();
  std::string message = count_ == 1 ? std::string("1 validation error detected: ")
                                    : Cat(count_, " validation errors detected: ");
  message += items_;
  return MakeError(ErrorType::kValidation, message);
}

std::string MinLengthConstraint(size_t n) {
  return Cat("Member must have length greater than or equal to ", n);
}
std::string MaxLengthConstraint(size_t n) {
  return Cat("Member must have length less than or equal to ", n);
}
std::string MinValueConstraint(int64_t n) {
  return Cat("Member must have value greater than or equal to ", n);
}
std::string MaxValueConstraint(int64_t n) {
  return Cat("Member must have value less than or equal to ", n);
}

absl::Status DataPlaneTableNotFound() {
  return MakeError(ErrorType::kResourceNotFound, kResourceNotFound);
}

absl::Status ControlPlaneTableNotFound(std::string_view table_name) {
  return MakeError(ErrorType::kResourceNotFound,
                   Cat("Requested resource not found: Table: ", table_name, " not found"));
}

absl::Status NotSupportedYet(std::string_view parameter) {
  return MakeError(ErrorType::kValidation, Cat(parameter, " is not supported yet by dynarock"));
}

absl::Status Invalid(std::string_view message) {
  return MakeError(ErrorType::kValidation, message);
}

}  // namespace dynarock::ops
