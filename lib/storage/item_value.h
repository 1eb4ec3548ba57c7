// File: lib/storage/item_value.h
//
// The RocksDB value of an item: its DynamoDB size (value::ItemSize, the number TableSizeBytes
// sums) as 4 bytes little-endian, then the item in the binary item codec. Keeping the size in
// front lets an overwrite or delete adjust the table counters without decoding the old item.
// On disk: never change.
#ifndef DYNAROCK_LIB_STORAGE_ITEM_VALUE_H_
#define DYNAROCK_LIB_STORAGE_ITEM_VALUE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "dynarock/item.h"

namespace dynarock::storage {

inline constexpr size_t kItemValueHeaderSize = 4;

// Appends the stored form of `item`, whose DynamoDB size is `item_size`, to *out.
void EncodeItemValue(const Item& item, uint32_t item_size, std::string* out);

// The DynamoDB size recorded in a stored value (0 for a malformed value).
uint32_t StoredItemSize(std::string_view stored);

// Decodes the item of a stored value into *out. Errors: DataLoss on malformed bytes.
absl::Status DecodeItemValue(std::string_view stored, Item* out);

// The encoded item of a stored value (what follows the size header). Errors: DataLoss when
// the value is shorter than its header.
absl::StatusOr<std::string_view> EncodedItemOf(std::string_view stored);

}  // namespace dynarock::storage

#endif  // DYNAROCK_LIB_STORAGE_ITEM_VALUE_H_
