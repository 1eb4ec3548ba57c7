// File: lib/value/item_size.h
//
// DynamoDB's item-size calculation (Developer Guide, "Item sizes and formats"): the sum over
// attributes of the UTF-8 length of the name plus the size of the value, where
//   S: UTF-8 bytes; B: raw bytes; N: 1 + ceil(I/2) + ceil(F/2) + (1 if negative), I and F the
//   significant digits before and after the decimal point (zero: 1); BOOL, NULL: 1;
//   SS/NS/BS: the sum of element sizes; L and M: 3 + per element (1 + element size), M elements
//   also counting their names.
// Used for the 400 KB item limit, the key size limits, and later capacity units and paging.
#ifndef DYNAROCK_LIB_VALUE_ITEM_SIZE_H_
#define DYNAROCK_LIB_VALUE_ITEM_SIZE_H_

#include <cstddef>

#include "dynarock/item.h"

namespace dynarock::value {

inline constexpr size_t kMaxItemSize = 409600;  // 400 KB, names included.

size_t NumberSize(const Decimal& n);
size_t ValueSize(const AttributeValue& v);
size_t ItemSize(const Item& item);

}  // namespace dynarock::value

#endif  // DYNAROCK_LIB_VALUE_ITEM_SIZE_H_
