// Tests of lib/server/http_parser: the request head and chunked bodies, including the malformed
// inputs the server must refuse (RFC 9112).
#include "lib/server/http_parser.h"

#include <string>
#include <string_view>

#include <catch2/catch.hpp>

namespace dynarock::server {
namespace {

// Parses `text`, which must hold a whole head.
HeadResult Parse(std::string_view text, RequestHead* head) {
  const size_t end = FindHeadEnd(text, 0);
  REQUIRE(end != std::string_view::npos);
  return ParseRequestHead(text, end, head);
}

// Why: the server reads these fields from every SDK request; views must point into the buffer.
TEST_CASE("HttpParser: an SDK request head", "[server][http_parser]") {
  const std::string text =
      "POST / HTTP/1.1\r\n"
      "Host: 127.0.0.1:8000\r\n"
      "Accept-Encoding: identity\r\n"
      "X-Amz-Target: DynamoDB_20120810.GetItem\r\n"
      "Content-Type: application/x-amz-json-1.0\r\n"
      "X-Amz-Date: 20260101T000000Z\r\n"
      "Authorization:   AWS4-HMAC-SHA256 Credential=a/b/c/d/e \t\r\n"
      "Content-Length: 42\r\n"
      "\r\n"
      "{\"TableName\":";
  RequestHead head;
  REQUIRE(Parse(text, &head) == HeadResult::kDone);
  CHECK(head.method == "POST");
  CHECK(head.target == "/");
  CHECK(head.version == 11);
  CHECK(head.amz_target == "DynamoDB_20120810.GetItem");
  CHECK(head.content_type == "application/x-amz-json-1.0");
  REQUIRE(head.amz_date);
  CHECK(*head.amz_date == "20260101T000000Z");
  REQUIRE(head.authorization);
  CHECK(*head.authorization == "AWS4-HMAC-SHA256 Credential=a/b/c/d/e");
  CHECK_FALSE(head.date);
  REQUIRE(head.content_length);
  CHECK(*head.content_length == 42);
  CHECK_FALSE(head.chunked);
  CHECK(head.keep_alive);
  CHECK_FALSE(head.expect_continue);
  CHECK(head.size == text.find("{"));
  REQUIRE(head.headers.size() == 7);
  CHECK(head.headers[0].name == "Host");
  CHECK(head.headers[0].value == "127.0.0.1:8000");
  CHECK(head.headers[0].value.data() == text.data() + text.find("127.0.0.1"));
}

// Why: header names are case-insensitive; the first of a repeated field wins (as Beast did).
TEST_CASE("HttpParser: field names in any case", "[server][http_parser]") {
  RequestHead head;
  REQUIRE(Parse("POST / HTTP/1.1\r\nx-amz-target: A\r\nX-AMZ-TARGET: B\r\nCONTENT-TYPE: t\r\n"
                "date: d\r\nEXPECT: 100-Continue\r\ncontent-length: 3\r\n"
                "Content-Length: 3\r\n\r\n",
                &head) == HeadResult::kDone);
  CHECK(head.amz_target == "A");
  CHECK(head.content_type == "t");
  REQUIRE(head.date);
  CHECK(*head.date == "d");
  CHECK(head.expect_continue);
  CHECK(*head.content_length == 3);
}

// Why: keep-alive decides whether the connection survives the answer.
TEST_CASE("HttpParser: keep-alive by version and Connection", "[server][http_parser]") {
  RequestHead head;
  REQUIRE(Parse("GET / HTTP/1.1\r\n\r\n", &head) == HeadResult::kDone);
  CHECK(head.keep_alive);
  REQUIRE(Parse("GET / HTTP/1.1\r\nConnection: Upgrade, close\r\n\r\n", &head) ==
          HeadResult::kDone);
  CHECK_FALSE(head.keep_alive);
  REQUIRE(Parse("GET / HTTP/1.0\r\n\r\n", &head) == HeadResult::kDone);
  CHECK(head.version == 10);
  CHECK_FALSE(head.keep_alive);
  REQUIRE(Parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", &head) == HeadResult::kDone);
  CHECK(head.keep_alive);
}

// Why: RFC 9112 2.2 asks servers to skip empty lines before a request line.
TEST_CASE("HttpParser: empty lines before the request line", "[server][http_parser]") {
  RequestHead head;
  REQUIRE(Parse("\r\n\r\nPOST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n", &head) ==
          HeadResult::kDone);
  CHECK(head.method == "POST");
}

// Why: each of these is malformed or ambiguous (request smuggling): the server answers 400.
TEST_CASE("HttpParser: malformed heads", "[server][http_parser]") {
  RequestHead head;
  const char* bad[] = {
      "POST /\r\n\r\n",                                        // no version
      "POST  / HTTP/1.1\r\n\r\n",                              // empty target
      "PO ST / HTTP/1.1\r\n\r\n",                              // space in the method
      "POST / HTTP/1.1 \r\n\r\n",                              // junk after the version
      "POST / HTTX/1.1\r\n\r\n",                               // not HTTP
      "POST / HTTP/1.1\r\nNo colon\r\n\r\n",                   // field without a colon
      "POST / HTTP/1.1\r\n: empty name\r\n\r\n",               // empty field name
      "POST / HTTP/1.1\r\nBad Name: v\r\n\r\n",                // space in the name
      "POST / HTTP/1.1\r\nName : v\r\n\r\n",                   // space before the colon
      "POST / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n",            // obsolete line folding
      "POST / HTTP/1.1\r\nA: b\nC: d\r\n\r\n",                 // bare LF
      "POST / HTTP/1.1\r\nA: b\rc\r\n\r\n",                    // bare CR
      "POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n",         // not a number
      "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",         // negative
      "POST / HTTP/1.1\r\nContent-Length: \r\n\r\n",           // empty
      "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n",  // overflow
      "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",  // conflicting
      "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",    // unsupported coding
      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked, chunked\r\n\r\n",
      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n",
      "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n",  // RFC 9112 6.1
  };
  for (const char* text : bad) {
    INFO(text);
    CHECK(Parse(text, &head) == HeadResult::kBad);
  }
  CHECK(Parse("POST / HTTP/2.0\r\n\r\n", &head) == HeadResult::kBadVersion);
  CHECK(Parse("POST / HTTP/1.2\r\n\r\n", &head) == HeadResult::kBadVersion);
}

// Why: the server resumes the search for the head's end as bytes arrive.
TEST_CASE("HttpParser: FindHeadEnd", "[server][http_parser]") {
  const std::string text = "GET / HTTP/1.1\r\nA: b\r\n\r\nrest";
  CHECK(FindHeadEnd(text, 0) == text.size() - 4);
  CHECK(FindHeadEnd(text, 20) == text.size() - 4);
  CHECK(FindHeadEnd("GET / HTTP/1.1\r\nA: b\r\n\r", 0) == std::string_view::npos);
  CHECK(FindHeadEnd("ab", 0) == std::string_view::npos);
  CHECK(FindHeadEnd("GET / HTTP/1.1\r", 0) == std::string_view::npos);  // line not ended yet
}

// Why: a head that is already malformed must end where that shows, so that the server answers
// 400 at once; waiting for "\r\n\r\n" that never comes left such clients hanging until the
// idle timeout (bare LF line endings, an HTTP/0.9 request line).
TEST_CASE("HttpParser: FindHeadEnd stops at a malformed line", "[server][http_parser]") {
  RequestHead head;
  for (const std::string_view text :
       {std::string_view("GET / HTTP/1.1\nHost: x\n\n"), std::string_view("GET /\r\n"),
        std::string_view("POST / HTTP/1.1\r\nHost: x\nA: b\r\n"),
        std::string_view("\r\nGET / HTTP/1.1\n")}) {
    INFO(text);
    const size_t end = FindHeadEnd(text, 0);
    REQUIRE(end != std::string_view::npos);
    CHECK(text[end - 1] == '\n');
    CHECK(ParseRequestHead(text, end, &head) == HeadResult::kBad);
  }
  // A good request line still waits for the rest of the head.
  CHECK(FindHeadEnd("GET / HTTP/1.1\r\nHost: x\r\n", 0) == std::string_view::npos);
  CHECK(FindHeadEnd("GET / HTTP/2.0\r\n\r\n", 0) == 18);
}

// Decodes `data` fed in pieces of `step` bytes, as the server does with what each read brings.
ChunkedDecoder::Result DecodeInSteps(std::string_view data, size_t step, uint64_t max_body,
                                     std::string* body, size_t* rest) {
  ChunkedDecoder decoder;
  std::string pending;
  size_t fed = 0;
  for (;;) {
    const size_t n = std::min(step, data.size() - fed);
    pending.append(data.substr(fed, n));
    fed += n;
    size_t consumed = 0;
    const auto result = decoder.Decode(pending, max_body, body, &consumed);
    pending.erase(0, consumed);
    if (result != ChunkedDecoder::Result::kIncomplete || fed == data.size()) {
      *rest = pending.size() + (data.size() - fed);
      return result;
    }
  }
}

// Why: curl and some HTTP libraries send chunked bodies; any split across reads must decode.
TEST_CASE("HttpParser: chunked bodies", "[server][http_parser]") {
  const std::string data =
      "5\r\nhello\r\n1;ext=\"x y\"\r\n \r\nA \r\n0123456789\r\n0\r\nTrailer: t\r\n\r\nNEXT";
  for (size_t step : {1, 2, 3, 7, 1000}) {
    INFO("step " << step);
    std::string body;
    size_t rest = 0;
    CHECK(DecodeInSteps(data, step, 1000, &body, &rest) == ChunkedDecoder::Result::kDone);
    CHECK(body == "hello 0123456789");
    CHECK(rest == 4);  // "NEXT" belongs to the next request
  }
  std::string body;
  size_t rest = 0;
  CHECK(DecodeInSteps("0\r\n\r\n", 1, 10, &body, &rest) == ChunkedDecoder::Result::kDone);
  CHECK(body.empty());
  CHECK(DecodeInSteps("5\r\nhel", 100, 10, &body, &rest) == ChunkedDecoder::Result::kIncomplete);
}

// Why: the body limit applies to the decoded size; malformed framing is refused.
TEST_CASE("HttpParser: chunked errors", "[server][http_parser]") {
  std::string body;
  size_t rest = 0;
  CHECK(DecodeInSteps("6\r\nabcdef\r\n0\r\n\r\n", 100, 5, &body, &rest) ==
        ChunkedDecoder::Result::kTooLarge);
  body.clear();
  CHECK(DecodeInSteps("3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n", 100, 5, &body, &rest) ==
        ChunkedDecoder::Result::kTooLarge);
  const char* bad[] = {
      "x\r\n",                          // not hex
      "\r\n",                           // no size
      "3\r\nabcX\r\n",                  // data longer than declared
      "3 junk\r\nabc\r\n",              // junk after the size
      "fffffffffffffffff\r\n",          // 17 hex digits
      "0\r\nno colon\r\n\r\n",          // a trailer line that is not a field
      "0\r\nA: b\nGET /x HTTP/1.1\r\n\r\n",  // a bare LF in a trailer (smuggling)
  };
  for (const char* text : bad) {
    INFO(text);
    body.clear();
    CHECK(DecodeInSteps(text, 100, 1u << 30, &body, &rest) == ChunkedDecoder::Result::kBad);
  }
  body.clear();
  CHECK(DecodeInSteps(std::string(5000, '1'), 100, 1u << 30, &body, &rest) ==
        ChunkedDecoder::Result::kBad);  // a size line without end
}

}  // namespace
}  // namespace dynarock::server
