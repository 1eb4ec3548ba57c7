#include "lib/ops/transact_tokens.h"

#include "dynarock/error.h"
#include "lib/codec/item_codec.h"
#include "lib/codec/varint.h"

namespace dynarock::ops {

TransactionTokens::TransactionTokens(absl::Duration lifetime, Clock now)
    : lifetime_(lifetime), now_(now ? std::move(now) : Clock([] { return absl::Now(); })) {}

void TransactionTokens::ExpireLocked(absl::Time now) {
  while (!expiry_.empty() && expiry_.front().first <= now) {
    auto it = entries_.find(expiry_.front().second);
    // The token may have been released and claimed again since; drop only the expired one.
    if (it != entries_.end() && it->second.done && it->second.expires <= now) entries_.erase(it);
    expiry_.pop_front();
  }
}

absl::StatusOr<TransactionTokens::Claim> TransactionTokens::Begin(
    const std::string& token, std::string_view fingerprint, TransactWriteItemsResult* replay) {
  std::lock_guard<std::mutex> lock(mu_);
  ExpireLocked(now_());
  auto [it, inserted] = entries_.try_emplace(token);
  Entry& entry = it->second;
  if (inserted) {
    entry.fingerprint = std::string(fingerprint);
    return Claim::kRun;
  }
  if (entry.fingerprint != fingerprint) {
    return MakeError(ErrorType::kIdempotentParameterMismatch,
                     "The request uses the same client token as a previous, but non-identical "
                     "request.");
  }
  if (!entry.done) {
    return MakeError(ErrorType::kTransactionInProgress,
                     "Transaction from previous request is still in progress");
  }
  *replay = entry.result;
  return Claim::kReplay;
}

void TransactionTokens::Finish(const std::string& token, bool succeeded,
                               const TransactWriteItemsResult& result) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(token);
  if (it == entries_.end()) return;
  if (!succeeded) {
    entries_.erase(it);
    return;
  }
  const absl::Time expires = now_() + lifetime_;
  it->second.done = true;
  it->second.expires = expires;
  it->second.result = result;
  expiry_.emplace_back(expires, token);
}

namespace {

void PutString(std::string_view s, std::string* out) {
  codec::PutVarint64(out, s.size());
  out->append(s);
}

void PutOptional(const std::optional<std::string>& s, std::string* out) {
  out->push_back(s.has_value() ? '1' : '0');
  if (s.has_value()) PutString(*s, out);
}

void PutCommon(const std::string& table_name, const Item& item,
               const std::optional<std::string>& condition, const ExpressionAttributeNames& names,
               const ExpressionAttributeValues& values,
               const std::optional<ReturnValuesOnConditionCheckFailure>& on_failure,
               std::string* out) {
  PutString(table_name, out);
  std::string encoded;
  codec::EncodeItem(item, &encoded);
  PutString(encoded, out);
  PutOptional(condition, out);
  codec::PutVarint64(out, names.size());
  for (const auto& [k, v] : names) {
    PutString(k, out);
    PutString(v, out);
  }
  encoded.clear();
  codec::EncodeItem(values, &encoded);  // ExpressionAttributeValues is an attribute map
  PutString(encoded, out);
  out->push_back(static_cast<char>(
      on_failure.has_value() ? 1 + static_cast<int>(*on_failure) : 0));
}

}  // namespace

std::string TransactFingerprint(const TransactWriteItemsRequest& request) {
  std::string out;
  for (const TransactWriteItem& action : request.transact_items) {
    if (action.condition_check.has_value()) {
      const TransactConditionCheck& a = *action.condition_check;
      out.push_back('C');
      PutCommon(a.table_name, a.key, a.condition_expression, a.expression_attribute_names,
                a.expression_attribute_values, a.return_values_on_condition_check_failure, &out);
    }
    if (action.put.has_value()) {
      const TransactPut& a = *action.put;
      out.push_back('P');
      PutCommon(a.table_name, a.item, a.condition_expression, a.expression_attribute_names,
                a.expression_attribute_values, a.return_values_on_condition_check_failure, &out);
    }
    if (action.del.has_value()) {
      const TransactDelete& a = *action.del;
      out.push_back('D');
      PutCommon(a.table_name, a.key, a.condition_expression, a.expression_attribute_names,
                a.expression_attribute_values, a.return_values_on_condition_check_failure, &out);
    }
    if (action.update.has_value()) {
      const TransactUpdate& a = *action.update;
      out.push_back('U');
      PutString(a.update_expression, &out);
      PutCommon(a.table_name, a.key, a.condition_expression, a.expression_attribute_names,
                a.expression_attribute_values, a.return_values_on_condition_check_failure, &out);
    }
    out.push_back(';');
  }
  return out;
}

}  // namespace dynarock::ops
