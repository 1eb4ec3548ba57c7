// File: lib/base/status_macros.h
//
// DYNAROCK_RETURN_IF_ERROR(expr): returns the status of `expr` from the enclosing function when
// it is not OK. DYNAROCK_ASSIGN_OR_RETURN(lhs, expr): evaluates the StatusOr `expr`; returns its
// status when not OK, else assigns (or declares: `auto x`) `lhs` from its moved value.
// Shaped like absl/status/status_macros.h, which Debian's Abseil 20220623 lacks.
#ifndef DYNAROCK_LIB_BASE_STATUS_MACROS_H_
#define DYNAROCK_LIB_BASE_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define DYNAROCK_RETURN_IF_ERROR(expr)                       \
  do {                                                       \
    ::absl::Status dynarock_status_ = (expr);                \
    if (!dynarock_status_.ok()) return dynarock_status_;     \
  } while (0)

#define DYNAROCK_STATUS_CONCAT_INNER_(a, b) a##b
#define DYNAROCK_STATUS_CONCAT_(a, b) DYNAROCK_STATUS_CONCAT_INNER_(a, b)

#define DYNAROCK_ASSIGN_OR_RETURN(lhs, expr) \
  DYNAROCK_ASSIGN_OR_RETURN_IMPL_(DYNAROCK_STATUS_CONCAT_(dynarock_statusor_, __LINE__), lhs, expr)

#define DYNAROCK_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                                    \
  if (!statusor.ok()) return std::move(statusor).status();   \
  lhs = *std::move(statusor)

#endif  // DYNAROCK_LIB_BASE_STATUS_MACROS_H_
