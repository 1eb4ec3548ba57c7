// File: lib/codec/varint.h
//
// LEB128 varints (as leveldb's util/coding.h and protobuf): 7 bits per byte, least significant
// group first, the high bit set on every byte but the last. A uint64 takes 1 to 10 bytes;
// values below 128 take one byte. Zigzag maps signed to unsigned so that small magnitudes of
// either sign stay short: 0 -> 0, -1 -> 1, 1 -> 2, -2 -> 3, ...
//
// Byte format (on disk: never change). Decoding accepts only what the encoder writes: a
// truncated varint, a non-minimal one (a last byte 0x00 after others), one longer than 10 bytes
// or one that overflows 64 bits is rejected.
#ifndef DYNAROCK_LIB_CODEC_VARINT_H_
#define DYNAROCK_LIB_CODEC_VARINT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace dynarock::codec {

inline constexpr size_t kMaxVarint64Bytes = 10;

// Number of bytes PutVarint64(v) appends.
inline size_t VarintLength(uint64_t v) {
  size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

// Writes the varint of v to dst (at least kMaxVarint64Bytes of room); returns the end.
inline char* EncodeVarint64(char* dst, uint64_t v) {
  auto* p = reinterpret_cast<unsigned char*>(dst);
  while (v >= 0x80) {
    *p++ = static_cast<unsigned char>(v | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<unsigned char>(v);
  return reinterpret_cast<char*>(p);
}

// Appends the varint of v to *out.
inline void PutVarint64(std::string* out, uint64_t v) {
  if (v < 0x80) {  // The common case: one byte, no buffer.
    out->push_back(static_cast<char>(v));
    return;
  }
  char buf[kMaxVarint64Bytes];
  char* end = EncodeVarint64(buf, v);
  out->append(buf, static_cast<size_t>(end - buf));
}

// Reads a varint from the front of *in and advances *in past it. Returns false (and leaves
// *in unspecified) if the bytes are truncated or not a valid 64-bit varint.
inline bool GetVarint64(std::string_view* in, uint64_t* v) {
  const auto* p = reinterpret_cast<const unsigned char*>(in->data());
  const size_t size = in->size();
  if (size > 0 && p[0] < 0x80) {  // The common case: one byte.
    *v = p[0];
    in->remove_prefix(1);
    return true;
  }
  uint64_t result = 0;
  for (size_t i = 0; i < size && i < kMaxVarint64Bytes; ++i) {
    const uint64_t byte = p[i];
    if (i == kMaxVarint64Bytes - 1 && byte > 1) return false;  // More than 64 bits.
    result |= (byte & 0x7F) << (7 * i);
    if (byte < 0x80) {
      if (byte == 0) return false;  // Not minimal (0x80 0x00): the encoder never writes it.
      *v = result;
      in->remove_prefix(i + 1);
      return true;
    }
  }
  return false;
}

inline uint64_t ZigZagEncode(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
inline int64_t ZigZagDecode(uint64_t v) {
  return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
}

}  // namespace dynarock::codec

#endif  // DYNAROCK_LIB_CODEC_VARINT_H_
