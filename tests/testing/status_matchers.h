// File: tests/testing/status_matchers.h
//
// REQUIRE_OK(expr) / CHECK_OK(expr): the absl::Status or StatusOr is OK; on failure the status
// text is printed. REQUIRE_ERROR(expr, type, message): fails unless `expr` is an error of the
// DynamoDB type `type` with exactly `message`.
#ifndef DYNAROCK_TESTS_TESTING_STATUS_MATCHERS_H_
#define DYNAROCK_TESTS_TESTING_STATUS_MATCHERS_H_

#include <catch2/catch.hpp>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "dynarock/error.h"

namespace dynarock::testing {

inline const absl::Status& ToStatus(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& ToStatus(const absl::StatusOr<T>& s) {
  return s.status();
}

}  // namespace dynarock::testing

#define DYNAROCK_STATUS_TEXT_(expr) (::dynarock::testing::ToStatus(expr).ToString())

#define REQUIRE_OK(expr)                                             \
  do {                                                               \
    const auto& dynarock_req_ok_ = (expr);                           \
    INFO(DYNAROCK_STATUS_TEXT_(dynarock_req_ok_));                   \
    REQUIRE(::dynarock::testing::ToStatus(dynarock_req_ok_).ok());   \
  } while (0)

#define CHECK_OK(expr)                                               \
  do {                                                               \
    const auto& dynarock_chk_ok_ = (expr);                           \
    INFO(DYNAROCK_STATUS_TEXT_(dynarock_chk_ok_));                   \
    CHECK(::dynarock::testing::ToStatus(dynarock_chk_ok_).ok());     \
  } while (0)

#define REQUIRE_ERROR(expr, type, expected_message)                                     \
  do {                                                                                  \
    const auto& dynarock_req_err_ = (expr);                                             \
    const absl::Status& dynarock_st_ = ::dynarock::testing::ToStatus(dynarock_req_err_); \
    INFO(dynarock_st_.ToString());                                                      \
    REQUIRE_FALSE(dynarock_st_.ok());                                                   \
    CHECK(::dynarock::ErrorTypeName(::dynarock::GetErrorType(dynarock_st_)) ==          \
          ::dynarock::ErrorTypeName(type));                                             \
    CHECK(std::string(dynarock_st_.message()) == std::string(expected_message));        \
  } while (0)

#endif  // DYNAROCK_TESTS_TESTING_STATUS_MATCHERS_H_
