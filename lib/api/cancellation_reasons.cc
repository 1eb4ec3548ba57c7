// GetCancellationReasons (batch_ops.h): decodes the kPayloadCancellationReasons payload that
// ops::TransactionCanceled() attaches, an item {"r": [{"Code", "Message"?, "Item"?}, ...]} in
// the binary item codec.
#include <string>

#include "absl/strings/cord.h"
#include "dynarock/batch_ops.h"
#include "dynarock/error.h"
#include "lib/codec/item_codec.h"

namespace dynarock {

std::vector<CancellationReason> GetCancellationReasons(const absl::Status& status) {
  std::vector<CancellationReason> out;
  if (GetErrorType(status) != ErrorType::kTransactionCanceled) return out;
  absl::optional<absl::Cord> payload = status.GetPayload(kPayloadCancellationReasons);
  if (!payload.has_value()) return out;
  absl::StatusOr<Item> decoded = codec::DecodeItem(std::string(*payload));
  if (!decoded.ok()) return out;
  auto list = decoded->find("r");
  if (list == decoded->end() || !list->second.is_l()) return out;
  out.reserve(list->second.l().size());
  for (const AttributeValue& entry : list->second.l()) {
    if (!entry.is_m()) continue;
    const AttributeMap& m = entry.m();
    CancellationReason& reason = out.emplace_back();
    if (auto it = m.find("Code"); it != m.end() && it->second.is_s()) reason.code = it->second.s();
    if (auto it = m.find("Message"); it != m.end() && it->second.is_s()) {
      reason.message = it->second.s();
    }
    if (auto it = m.find("Item"); it != m.end() && it->second.is_m()) reason.item = it->second.m();
  }
  return out;
}

}  // namespace dynarock
