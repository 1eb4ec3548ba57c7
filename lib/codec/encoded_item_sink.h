// File: lib/codec/encoded_item_sink.h
//
// EncodedItemSink: takes the items a read returns in their binary encoding (item_codec.h)
// instead of as Items, so that a response writer serialises each one straight from its bytes
// (codec::VisitItem) without building an Item. Reads use a sink only when they return whole
// items: GetItem without a projection; Query and Scan without ProjectionExpression or
// AttributesToGet and not on an LSI that fetches base items (ops/paging.h, SinkTakesItems).
// Otherwise the items go to the result as usual.
#ifndef DYNAROCK_LIB_CODEC_ENCODED_ITEM_SINK_H_
#define DYNAROCK_LIB_CODEC_ENCODED_ITEM_SINK_H_

#include <string_view>

#include "absl/status/status.h"

namespace dynarock::codec {

class EncodedItemSink {
 public:
  virtual ~EncodedItemSink() = default;
  // Called in result order with one encoded item (EncodeItem's bytes), valid only during the
  // call. An error ends the read with that error.
  virtual absl::Status Add(std::string_view encoded) = 0;
};

}  // namespace dynarock::codec

#endif  // DYNAROCK_LIB_CODEC_ENCODED_ITEM_SINK_H_
