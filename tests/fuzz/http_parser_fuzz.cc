// libFuzzer target for lib/server/http_parser: every input is treated as what a client sent on
// a connection (a request head, then a chunked body). Never a crash or a sanitizer report, and:
//   - a parsed head's views all lie inside the head;
//   - finding the head's end resumably (as the server does, read by read) agrees with finding
//     it at once;
//   - decoding the chunked body in one piece and byte by byte agree (result, body, bytes used).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "lib/server/http_parser.h"

namespace {

using dynarock::server::ChunkedDecoder;
using dynarock::server::FindHeadEnd;
using dynarock::server::HeadResult;
using dynarock::server::ParseRequestHead;
using dynarock::server::RequestHead;

void Require(bool ok) {
  if (!ok) std::abort();
}

bool Inside(std::string_view view, std::string_view whole) {
  return view.empty() ||
         (view.data() >= whole.data() && view.data() + view.size() <= whole.data() + whole.size());
}

size_t FindResumably(std::string_view in) {
  size_t scan_from = 0;
  for (size_t len = 1; len <= in.size(); ++len) {
    const size_t end = FindHeadEnd(in.substr(0, len), scan_from);
    if (end != std::string_view::npos) return end;
    scan_from = len >= 3 ? len - 3 : 0;
  }
  return std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const size_t end = FindHeadEnd(in, 0);
  Require(FindResumably(in) == end);
  if (end == std::string_view::npos) return 0;
  Require(end >= 1 && end <= in.size() && in[end - 1] == '\n');

  RequestHead head;
  const std::string_view text = in.substr(0, end);
  const HeadResult parsed = ParseRequestHead(in, end, &head);
  // A head that does not end in "\r\n\r\n" was ended early because it is malformed (400, or
  // 505 when the version is the first thing wrong).
  if (end < 4 || in.substr(end - 4, 4) != "\r\n\r\n") Require(parsed != HeadResult::kDone);
  if (parsed == HeadResult::kDone) {
    Require(head.size == end);
    Require(Inside(head.method, text) && Inside(head.target, text));
    Require(Inside(head.content_type, text) && Inside(head.amz_target, text));
    for (const auto* v : {&head.authorization, &head.amz_date, &head.date}) {
      if (*v) Require(Inside(**v, text));
    }
    for (const auto& h : head.headers) Require(Inside(h.name, text) && Inside(h.value, text));
    Require(head.version == 10 || head.version == 11);
    Require(!(head.chunked && head.content_length));
  }

  const std::string_view rest = in.substr(end);
  constexpr uint64_t kMaxBody = 1 << 16;
  ChunkedDecoder whole;
  std::string whole_body;
  size_t whole_used = 0;
  const auto whole_result = whole.Decode(rest, kMaxBody, &whole_body, &whole_used);
  Require(whole_body.size() <= kMaxBody && whole_used <= rest.size());

  ChunkedDecoder stepped;
  std::string stepped_body, pending;
  size_t fed = 0, used = 0;
  auto stepped_result = ChunkedDecoder::Result::kIncomplete;
  while (fed < rest.size()) {
    pending.push_back(rest[fed++]);
    size_t consumed = 0;
    stepped_result = stepped.Decode(pending, kMaxBody, &stepped_body, &consumed);
    Require(consumed <= pending.size());
    pending.erase(0, consumed);
    used += consumed;
    if (stepped_result != ChunkedDecoder::Result::kIncomplete) break;
  }
  if (whole_result == ChunkedDecoder::Result::kDone) {
    Require(stepped_result == ChunkedDecoder::Result::kDone);
    Require(stepped_body == whole_body && used == whole_used);
  }
  if (stepped_result == ChunkedDecoder::Result::kDone) {
    Require(whole_result == ChunkedDecoder::Result::kDone);
  }
  return 0;
}
