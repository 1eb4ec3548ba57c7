// File: lib/server/http_parser.cc
#include "lib/server/http_parser.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "lib/server/ascii.h"

namespace dynarock::server {
namespace {

constexpr std::array<bool, 256> MakeTokenTable() {
  std::array<bool, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = true;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = true;
  for (char c : std::string_view("!#$%&'*+-.^_`|~")) t[static_cast<unsigned char>(c)] = true;
  return t;
}
constexpr std::array<bool, 256> kToken = MakeTokenTable();

bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!kToken[static_cast<unsigned char>(c)]) return false;
  }
  return true;
}

// A field value or chunk extension: no control characters other than tab (obs-text allowed).
// Branch-free, so that the compiler vectorizes it (an Authorization value is ~200 bytes).
bool IsFieldText(std::string_view s) {
  unsigned bad = 0;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    bad |= static_cast<unsigned>((u < 0x20) & (u != '\t')) | static_cast<unsigned>(u == 0x7f);
  }
  return bad == 0;
}

// Calls f(token) for each trimmed, non-empty element of a comma-separated list.
template <typename F>
void ForEachListElement(std::string_view list, F f) {
  while (!list.empty()) {
    const size_t comma = list.find(',');
    const std::string_view element = TrimOws(list.substr(0, comma));
    if (!element.empty()) f(element);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
}

}  // namespace

size_t EmptyLinesBefore(std::string_view data) {
  size_t n = 0;
  while (data.size() - n >= 2 && data[n] == '\r' && data[n + 1] == '\n') n += 2;
  return n;
}

size_t FindHeadEnd(std::string_view data, size_t from) {
  // The CRLFs of empty lines before the request line do not end the head.
  const size_t start = EmptyLinesBefore(data);
  from = std::max(from, start);
  const char* const begin = data.data();
  const char* const end = begin + data.size();
  // The request line, once complete, must end in " HTTP/x.y\r\n"; anything else (HTTP/0.9,
  // a bare LF) is malformed and ends the head here.
  const auto* first = static_cast<const char*>(
      std::memchr(begin + start, '\n', data.size() - start));
  if (first != nullptr) {
    const std::string_view line(begin + start, static_cast<size_t>(first - (begin + start)));
    if (line.size() < 10 || line.back() != '\r' || line.substr(line.size() - 9, 5) != "HTTP/") {
      return static_cast<size_t>(first - begin) + 1;
    }
  }
  if (data.size() < 4 || from > data.size() - 4) return std::string_view::npos;
  // Each '\n' found ends a line; the head ends at the first one that closes an empty line.
  // (memchr per line measured cheaper than memmem for "\r\n\r\n" on SDK-sized heads.)
  const char* p = begin + from + 3;  // the '\n' of a match starting at `from` or later
  while (p < end) {
    const auto* lf = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
    if (lf == nullptr) return std::string_view::npos;
    if (lf[-1] != '\r') return static_cast<size_t>(lf - begin) + 1;  // a bare LF: malformed
    if (lf[-2] == '\n' && lf[-3] == '\r') return static_cast<size_t>(lf - begin) + 1;
    p = lf + 1;
  }
  return std::string_view::npos;
}

HeadResult ParseRequestHead(std::string_view data, size_t head_end, RequestHead* head) {
  std::vector<HttpHeader> headers = std::move(head->headers);
  headers.clear();
  *head = RequestHead{};
  head->size = head_end;
  const std::string_view text = data.substr(0, head_end);
  size_t pos = EmptyLinesBefore(text);

  size_t eol = text.find("\r\n", pos);
  if (eol == std::string_view::npos) return HeadResult::kBad;
  std::string_view line = text.substr(pos, eol - pos);
  pos = eol + 2;
  const size_t sp1 = line.find(' ');
  if (sp1 == std::string_view::npos) return HeadResult::kBad;
  const size_t sp2 = line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos) return HeadResult::kBad;
  head->method = line.substr(0, sp1);
  head->target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string_view version = line.substr(sp2 + 1);
  if (!IsToken(head->method) || head->target.empty()) return HeadResult::kBad;
  for (char c : head->target) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return HeadResult::kBad;
  }
  if (version == "HTTP/1.1") {
    head->version = 11;
  } else if (version == "HTTP/1.0") {
    head->version = 10;
  } else if (version.size() == 8 && version.substr(0, 5) == "HTTP/" && version[5] >= '0' &&
             version[5] <= '9' && version[6] == '.' && version[7] >= '0' && version[7] <= '9') {
    return HeadResult::kBadVersion;
  } else {
    return HeadResult::kBad;
  }

  bool close = false, keep_alive = false, transfer_encoding = false;
  while (pos < text.size()) {
    eol = text.find("\r\n", pos);
    if (eol == std::string_view::npos) return HeadResult::kBad;
    line = text.substr(pos, eol - pos);
    pos = eol + 2;
    if (line.empty()) break;  // the empty line ending the head
    if (line.front() == ' ' || line.front() == '\t') return HeadResult::kBad;  // obs-fold
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) return HeadResult::kBad;
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = TrimOws(line.substr(colon + 1));
    if (!IsToken(name) || !IsFieldText(value)) return HeadResult::kBad;
    headers.push_back({name, value});
    switch (name.size()) {
      case 4:
        if (!head->date && EqualsIgnoreCase(name, "date")) head->date = value;
        break;
      case 6:
        if (EqualsIgnoreCase(name, "expect") && EqualsIgnoreCase(value, "100-continue")) {
          head->expect_continue = true;
        } else if (!head->origin && EqualsIgnoreCase(name, "origin")) {
          head->origin = value;
        }
        break;
      case 10:
        if (EqualsIgnoreCase(name, "connection")) {
          ForEachListElement(value, [&](std::string_view option) {
            if (EqualsIgnoreCase(option, "close")) close = true;
            if (EqualsIgnoreCase(option, "keep-alive")) keep_alive = true;
          });
        } else if (!head->amz_date && EqualsIgnoreCase(name, "x-amz-date")) {
          head->amz_date = value;
        }
        break;
      case 12:
        if (head->amz_target.empty() && EqualsIgnoreCase(name, "x-amz-target")) {
          head->amz_target = value;
        } else if (head->content_type.empty() && EqualsIgnoreCase(name, "content-type")) {
          head->content_type = value;
        }
        break;
      case 13:
        if (!head->authorization && EqualsIgnoreCase(name, "authorization")) {
          head->authorization = value;
        }
        break;
      case 14:
        if (EqualsIgnoreCase(name, "content-length")) {
          if (value.empty() || value.size() > 18) return HeadResult::kBad;
          uint64_t n = 0;
          for (char c : value) {
            if (c < '0' || c > '9') return HeadResult::kBad;
            n = n * 10 + static_cast<uint64_t>(c - '0');
          }
          if (head->content_length && *head->content_length != n) return HeadResult::kBad;
          head->content_length = n;
        }
        break;
      case 17:
        if (EqualsIgnoreCase(name, "transfer-encoding")) {
          // Only "chunked", once: other codings are not supported, and a repeated chunked is
          // malformed (RFC 9112 6.1).
          bool ok = true;
          ForEachListElement(value, [&](std::string_view coding) {
            if (!EqualsIgnoreCase(coding, "chunked") || head->chunked) ok = false;
            head->chunked = true;
          });
          if (!ok || !head->chunked) return HeadResult::kBad;
          transfer_encoding = true;
        }
        break;
      default:
        break;
    }
  }
  if (pos != text.size()) return HeadResult::kBad;
  if (transfer_encoding && head->content_length) return HeadResult::kBad;
  // RFC 9112 6.1: Transfer-Encoding in an HTTP/1.0 message means faulty framing.
  if (transfer_encoding && head->version == 10) return HeadResult::kBad;
  head->keep_alive = head->version == 11 ? !close : keep_alive && !close;
  head->headers = std::move(headers);
  return HeadResult::kDone;
}

void ChunkedDecoder::Reset() {
  state_ = State::kSize;
  left_ = 0;
  trailer_bytes_ = 0;
}

ChunkedDecoder::Result ChunkedDecoder::Decode(std::string_view data, uint64_t max_body,
                                              std::string* body, size_t* consumed) {
  size_t pos = 0;
  for (;;) {
    switch (state_) {
      case State::kSize: {
        const size_t eol = data.find("\r\n", pos);
        if (eol == std::string_view::npos) {
          if (data.size() - pos > kMaxLine + 1) return Result::kBad;  // + its CR
          *consumed = pos;
          return Result::kIncomplete;
        }
        const std::string_view line = data.substr(pos, eol - pos);
        if (line.size() > kMaxLine) return Result::kBad;
        size_t i = 0;
        uint64_t size = 0;
        for (; i < line.size() && i < 16; ++i) {
          const char c = line[i];
          int digit;
          if (c >= '0' && c <= '9') {
            digit = c - '0';
          } else if (c >= 'a' && c <= 'f') {
            digit = c - 'a' + 10;
          } else if (c >= 'A' && c <= 'F') {
            digit = c - 'A' + 10;
          } else {
            break;
          }
          size = size * 16 + static_cast<uint64_t>(digit);
        }
        if (i == 0 || i == 16) return Result::kBad;  // no digits, or too many
        std::string_view rest = line.substr(i);
        while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
        if (!rest.empty() && (rest.front() != ';' || !IsFieldText(rest))) return Result::kBad;
        pos = eol + 2;
        if (size == 0) {
          state_ = State::kTrailer;
        } else {
          if (size > max_body || body->size() + size > max_body) return Result::kTooLarge;
          left_ = size;
          state_ = State::kData;
        }
        break;
      }
      case State::kData: {
        const size_t take = static_cast<size_t>(std::min<uint64_t>(left_, data.size() - pos));
        body->append(data.data() + pos, take);
        pos += take;
        left_ -= take;
        if (left_ > 0) {
          *consumed = pos;
          return Result::kIncomplete;
        }
        state_ = State::kDataEnd;
        break;
      }
      case State::kDataEnd:
        if (data.size() - pos < 2) {
          *consumed = pos;
          return Result::kIncomplete;
        }
        if (data[pos] != '\r' || data[pos + 1] != '\n') return Result::kBad;
        pos += 2;
        state_ = State::kSize;
        break;
      case State::kTrailer: {
        const size_t eol = data.find("\r\n", pos);
        if (eol == std::string_view::npos) {
          if (data.size() - pos > kMaxLine + 1) return Result::kBad;  // + its CR
          *consumed = pos;
          return Result::kIncomplete;
        }
        const size_t length = eol - pos;
        trailer_bytes_ += length + 2;
        if (length > kMaxLine || trailer_bytes_ > kMaxTrailer) return Result::kBad;
        const std::string_view field = data.substr(pos, length);
        pos = eol + 2;
        if (length == 0) {  // the end of the body
          *consumed = pos;
          return Result::kDone;
        }
        // A trailer field is checked as a header field would be, then ignored.
        const size_t colon = field.find(':');
        if (colon == std::string_view::npos || !IsToken(field.substr(0, colon)) ||
            !IsFieldText(field.substr(colon + 1))) {
          return Result::kBad;
        }
        break;
      }
    }
  }
}

}  // namespace dynarock::server
