// File: lib/server/http_parser.h
//
// The HTTP/1.1 request parsing dynarock-server needs (RFC 9112), without allocating per
// request: the request head is parsed in place (every field a view into the caller's buffer)
// and a chunked body is decoded incrementally into a caller-owned string.
//
// What it accepts: "METHOD SP target SP HTTP/1.0|1.1 CRLF", optional empty lines before it,
// header fields "name: value" (name a token, value trimmed of spaces and tabs), a Content-Length
// (digits, repeated only with the same value) or "Transfer-Encoding: chunked" (chunked as the
// last coding). What it refuses as malformed (kBad): anything else, including obsolete line
// folding, a bare LF, both Content-Length and Transfer-Encoding (request smuggling), and a
// transfer coding other than chunked. Another HTTP version is kBadVersion.
#ifndef DYNAROCK_LIB_SERVER_HTTP_PARSER_H_
#define DYNAROCK_LIB_SERVER_HTTP_PARSER_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/server/sigv4.h"

namespace dynarock::server {

// A parsed request head. Views point into the buffer given to ParseRequestHead.
struct RequestHead {
  std::string_view method{};
  std::string_view target{};
  int version = 11;                 // 10 or 11
  std::vector<HttpHeader> headers;  // every field, in order (for SigV4)
  // The fields the server reads (the first of each, empty when absent), found while parsing.
  std::string_view content_type{};
  std::string_view amz_target{};
  std::optional<std::string_view> authorization{};
  std::optional<std::string_view> amz_date{};
  std::optional<std::string_view> date{};
  std::optional<std::string_view> origin{};  // CORS
  bool expect_continue = false;  // "Expect: 100-continue"
  std::optional<uint64_t> content_length{};
  bool chunked = false;
  bool keep_alive = true;  // HTTP/1.1 unless "Connection: close"; 1.0 only with "keep-alive"
  size_t size = 0;         // bytes of the head, through the empty line
};

enum class HeadResult { kIncomplete, kDone, kBad, kBadVersion };

// Bytes of empty lines ("\r\n" each) at the start of `data`: RFC 9112 2.2 asks a server to
// ignore them before a request line. FindHeadEnd and ParseRequestHead skip them; a caller that
// keeps a buffer may drop them as they arrive, so that they are not walked again.
size_t EmptyLinesBefore(std::string_view data);

// Where the head in `data` ends (the index just past "\r\n\r\n"), searching from `from` (the
// previous data size minus 3 lets a caller resume) and past any empty lines that precede the
// request line. npos when not there yet. A head that can already be seen to be malformed ends
// early, at the line that shows it, so that ParseRequestHead rejects it at once instead of the
// server waiting for an empty line that will not come: a line ended by a bare LF, or a first
// line that does not end in an HTTP version (an HTTP/0.9 request).
size_t FindHeadEnd(std::string_view data, size_t from);

// Parses data[0, head_end) (head_end from FindHeadEnd) into *head, reusing its vector.
HeadResult ParseRequestHead(std::string_view data, size_t head_end, RequestHead* head);

// Decodes a chunked body as its bytes arrive.
class ChunkedDecoder {
 public:
  enum class Result { kIncomplete, kDone, kBad, kTooLarge };

  void Reset();

  // Decodes what it can of `data` (the bytes after those already consumed), appending chunk
  // data to *body; *consumed is set to the bytes of `data` used. kTooLarge when the body would
  // exceed `max_body`; kDone once the last chunk and the trailer section are in.
  Result Decode(std::string_view data, uint64_t max_body, std::string* body, size_t* consumed);

 private:
  enum class State { kSize, kData, kDataEnd, kTrailer };
  static constexpr size_t kMaxLine = 4096;      // a chunk-size line or a trailer field
  static constexpr size_t kMaxTrailer = 16384;  // all trailer fields together
  State state_ = State::kSize;
  uint64_t left_ = 0;         // bytes of the current chunk still to come
  size_t trailer_bytes_ = 0;  // of the trailer section so far
};

}  // namespace dynarock::server

#endif  // DYNAROCK_LIB_SERVER_HTTP_PARSER_H_
