#include "lib/storage/item_value.h"

#include "lib/codec/item_codec.h"

namespace dynarock::storage {

void EncodeItemValue(const Item& item, uint32_t item_size, std::string* out) {
  char header[kItemValueHeaderSize] = {
      static_cast<char>(item_size), static_cast<char>(item_size >> 8),
      static_cast<char>(item_size >> 16), static_cast<char>(item_size >> 24)};
  out->append(header, kItemValueHeaderSize);
  codec::EncodeItem(item, out);
}

uint32_t StoredItemSize(std::string_view stored) {
  if (stored.size() < kItemValueHeaderSize) return 0;
  const auto* u = reinterpret_cast<const unsigned char*>(stored.data());
  return uint32_t{u[0]} | (uint32_t{u[1]} << 8) | (uint32_t{u[2]} << 16) | (uint32_t{u[3]} << 24);
}

absl::Status DecodeItemValue(std::string_view stored, Item* out) {
  if (stored.size() < kItemValueHeaderSize) {
    return absl::DataLossError("stored item shorter than its header");
  }
  stored.remove_prefix(kItemValueHeaderSize);
  return codec::DecodeItemInto(stored, out);
}

absl::StatusOr<std::string_view> EncodedItemOf(std::string_view stored) {
  if (stored.size() < kItemValueHeaderSize) {
    return absl::DataLossError("stored item shorter than its header");
  }
  return stored.substr(kItemValueHeaderSize);
}

}  // namespace dynarock::storage
