// File: lib/ops/transact_tokens.h
//
// TransactionTokens: the ClientRequestToken idempotency of TransactWriteItems. A token names
// one request (by its fingerprint, a canonical encoding of its TransactItems) for 10 minutes
// after that request succeeded:
//  - the same request again -> success without running it (the stored result is returned);
//  - another request -> IdempotentParameterMismatchException;
//  - while the first call still runs -> TransactionInProgressException "Transaction from
//    previous request is still in progress".
// A request that fails releases its token, so a retry runs again. Tokens live in memory only:
// they do not survive reopening the database.
//
// Thread safety: all methods may be called concurrently.
#ifndef DYNAROCK_LIB_OPS_TRANSACT_TOKENS_H_
#define DYNAROCK_LIB_OPS_TRANSACT_TOKENS_H_

#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "dynarock/batch_ops.h"

namespace dynarock::ops {

class TransactionTokens {
 public:
  using Clock = std::function<absl::Time()>;

  // `now` is the clock (absl::Now by default; tests pass a fake one).
  explicit TransactionTokens(absl::Duration lifetime = absl::Minutes(10), Clock now = {});

  enum class Claim { kRun, kReplay };
  // Claims `token` for a request with `fingerprint`. kRun: the caller runs the request and
  // then calls Finish(). kReplay: an identical request succeeded within the lifetime; *replay
  // holds its result. Errors: IdempotentParameterMismatchException,
  // TransactionInProgressException.
  absl::StatusOr<Claim> Begin(const std::string& token, std::string_view fingerprint,
                              TransactWriteItemsResult* replay);
  // Ends the run claimed by Begin(): keeps the token with `result` when `succeeded`, else
  // releases it.
  void Finish(const std::string& token, bool succeeded, const TransactWriteItemsResult& result)
     ;

 private:
  struct Entry {
    std::string fingerprint;
    bool done = false;
    absl::Time expires;  // set when done
    TransactWriteItemsResult result;
  };
  void ExpireLocked(absl::Time now);  // REQUIRES: mu_ held

  const absl::Duration lifetime_;
  const Clock now_;
  std::mutex mu_;  // a std::mutex so that ThreadSanitizer sees it (Debian's Abseil is not)
  absl::flat_hash_map<std::string, Entry> entries_;  // guarded by mu_
  // (expiry, token) in completion order, so expiry is a pop from the front.
  std::deque<std::pair<absl::Time, std::string>> expiry_;  // guarded by mu_
};

// The fingerprint of a TransactWriteItems request: a canonical encoding of its actions (maps
// are ordered, items use the binary codec), so two requests that mean the same have the same
// fingerprint whatever the order of their JSON members.
std::string TransactFingerprint(const TransactWriteItemsRequest& request);

}  // namespace dynarock::ops

#endif  // DYNAROCK_LIB_OPS_TRANSACT_TOKENS_H_
