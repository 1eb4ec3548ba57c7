// File: lib/codec/item_codec.h
//
// Compact binary encoding of items (and single values), used as the RocksDB value of each item
// and for payloads. Not JSON: a type tag byte per value, varint lengths, numbers as sign,
// exponent and binary coefficient. Format (on disk: never change; a leading format version byte
// allows evolution):
//   item   := version(0x01) map_body
//   map_body := varint(count) { varint(name_len) name value }*   names strictly ascending
//               (unsigned bytes, as AttributeMap iterates); the decoder rejects anything else
//   value  := tag(ValueType as byte, 0..9) body
//   S, B   := varint(len) bytes
//   N      := head [zigzag_varint(exponent) coefficient]
//             head: bit 7 = negative, bits 0..4 = L, the coefficient's length in bytes (0..16),
//             bits 5..6 zero. L = 0 is zero (head 0x00, nothing follows). Otherwise the
//             normalised exponent as a zigzag varint and the coefficient as L little-endian
//             bytes, the last one non-zero. Examples: 5 -> 01 00 05, -19.99 -> 82 03 CF 07.
//   BOOL   := 0x00 | 0x01
//   NULL   := (nothing)
//   M      := map_body
//   L      := varint(count) { value }*
//   SS, BS := varint(count) { varint(len) bytes }*      (elements in the order given)
//   NS     := varint(count) { N }*
// Varints are LEB128 (lib/codec/varint.h). EncodeValue writes `value` (no version byte).
// The decoder accepts at most 64 levels of M/L nesting (DynamoDB allows 32).
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
// Decodes into *out (cleared first), reusing its storage where possible (map nodes, strings,
// vectors of the previous contents): decoding items of one shape into the same map allocates
// nothing. Hot-path variant. On error *out is valid but unspecified.
absl::Status DecodeItemInto(std::string_view bytes, Item* out);

// Receives an encoded item's contents in order (names ascending, as stored) without building
// an Item: the response writers turn stored bytes straight into wire JSON this way. The item
// itself arrives as BeginMap(n) / n x (Name, value) / EndMap(); a value is one scalar call, a
// nested BeginMap/EndMap or BeginList/EndList, or BeginSet(type, n) / n scalar calls / EndSet().
class ItemVisitor {
 public:
  virtual ~ItemVisitor() = default;
  virtual void BeginMap(size_t count) = 0;
  virtual void Name(std::string_view name) = 0;
  virtual void EndMap() = 0;
  virtual void BeginList(size_t count) = 0;
  virtual void EndList() = 0;
  virtual void BeginSet(ValueType type, size_t count) = 0;  // kSS, kNS or kBS
  virtual void EndSet() = 0;
  virtual void String(std::string_view s) = 0;
  virtual void Number(const Decimal& n) = 0;
  virtual void Binary(std::string_view bytes) = 0;
  virtual void Bool(bool b) = 0;
  virtual void Null() = 0;
};

// Walks the encoded item `bytes` through *visitor. Errors: absl::DataLossError on malformed
// bytes, possibly after some calls were made (the caller discards what it wrote).
absl::Status VisitItem(std::string_view bytes, ItemVisitor* visitor);

// A single value (for payloads and index entries).
void EncodeValue(const AttributeValue& value, std::string* out);
absl::StatusOr<AttributeValue> DecodeValue(std::string_view bytes);

}  // namespace dynarock::codec

#endif  // DYNAROCK_LIB_CODEC_ITEM_CODEC_H_
