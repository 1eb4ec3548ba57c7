// File: lib/codec/item_codec.h
//
// Compact binary encoding of items (and single values), used as the RocksDB value of each item
// and for payloads. Not JSON: a type tag byte per value, varint lengths, numbers as packed
// decimal. Format (on disk: never change; a leading format version byte allows evolution):
//   item   := version(0x01) varint(count) { varint(name_len) name value }*
//   value  := tag(ValueType as byte) body
//   S, B   := varint(len) bytes
//   N      := sign/exponent/coefficient packing (see item_codec.cc)
//   BOOL   := 0x00 | 0x01
//   NULL   := (nothing)
//   M      := varint(count) { varint(name_len) name value }*
//   L      := varint(count) { value }*
//   SS, BS := varint(count) { varint(len) bytes }*
//   NS     := varint(count) { N body }*
#ifndef DYNAROCK_LIB_CODEC_ITEM_CODEC_H_
#define DYNAROCK_LIB_CODEC_ITEM_CODEC_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "dynarock/item.h"

namespace dynarock::codec {

// Appends the encoding of `item` to *out (reserve ahead with ItemSize() for one allocation).
void EncodeItem(const Item& item, std::string* out);
std::string EncodeItem(const Item& item);

// Decodes an item. Errors: absl::DataLossError on malformed bytes.
absl::StatusOr<Item> DecodeItem(std::string_view bytes);
// Decodes into *out (cleared first), reusing its storage where possible. Hot-path variant.
absl::Status DecodeItemInto(std::string_view bytes, Item* out);

// A single value (for payloads and index entries).
void EncodeValue(const AttributeValue& value, std::string* out);
absl::StatusOr<AttributeValue> DecodeValue(std::string_view bytes);

}  // namespace dynarock::codec

#endif  // DYNAROCK_LIB_CODEC_ITEM_CODEC_H_
