// File: lib/server/http_server.cc
//
// Threading: one Worker per thread, each with its own epoll set; a connection lives on the
// worker that accepted it, so nothing about it is shared. Every worker watches the listening
// socket (EPOLLEXCLUSIVE: the kernel wakes one waiting worker per connection, preferring an
// idle one). The database call runs on the worker that read the request: dynarock's Database is
// thread-safe and its calls do not wait on the network.
//
// Why not Boost.Asio/Beast (used until 2026-11): a GetItem at 16 connections cost 15-16 us of
// server CPU, of which Asio's composed operations, type-erased executors and handler
// allocations plus Beast's per-field header allocations were about 10%. Here a request costs
// one recv and one sendmsg (plus a share of an epoll_wait) and no allocation of its own in the
// HTTP layer: the head is parsed in place (http_parser.h) and the buffers are reused.
//
// One Conn per connection, a small state machine driven by epoll events (edge-triggered):
//   kHead   waiting for the request head (idle timeout)
//   kBody   head parsed, waiting for the body (read timeout, body limit)
//   kWrite  an answer (or "100 Continue") did not fit in the socket buffer: waiting for
//           EPOLLOUT (write timeout)
//   kClose  answered for the last time: the send side is shut, and what the client still sends
//           is read and discarded (bounded in bytes and time) so that a refused upload (413)
//           is not answered with a reset that could destroy the response
// Timeouts are deadlines that each worker checks a few times a second. Requests that arrive
// back to back (pipelined) are answered in order.
#include "lib/server/http_server.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <random>
#include <thread>
#include <vector>

#include "dynarock/json_api.h"

#include "lib/server/ascii.h"
#include "lib/server/crc32.h"
#include "lib/server/http_parser.h"
#include "lib/value/json_string.h"

namespace dynarock::server {

using Clock = std::chrono::steady_clock;

namespace {

constexpr std::string_view kTargetPrefix = "DynamoDB_20120810.";
constexpr std::string_view kAmzJson = "application/x-amz-json-1.0";
constexpr std::string_view kJson = "application/json";
constexpr std::string_view kUnknownOperationXml = "<UnknownOperationException/>\n";
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
// CORS, as dynalite answers (built to match DynamoDB): every answer to a request with an
// Origin allows any origin and exposes these headers to the page.
constexpr std::string_view kCorsHeaders =
    "Access-Control-Allow-Origin: *\r\n"
    "Access-Control-Expose-Headers: x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,"
    "x-amz-id-2,x-amzn-ErrorMessage,Date\r\n";

constexpr size_t kInitialBuffer = 8 * 1024;
constexpr size_t kReadChunk = 64 * 1024;          // the most one recv asks for
constexpr size_t kKeepBuffer = 256 * 1024;        // larger buffers are freed between requests
constexpr size_t kMaxDrain = 32 * 1024 * 1024;    // read and discarded after the last answer
constexpr auto kDrainTime = std::chrono::seconds(1);

// Appends the decimal digits of `v`.
void AppendDecimal(uint64_t v, std::string* out) {
  char digits[20];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof(digits), v);
  out->append(digits, static_cast<size_t>(end - digits));
}

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
  }
}

// SplitMix64: request ids need to differ, not to be unpredictable, and this costs a few
// multiplications where mt19937_64 refills a 312-word state.
uint64_t NextRandom() {
  thread_local uint64_t state = (uint64_t{std::random_device{}()} << 32) ^ std::random_device{}();
  uint64_t z = (state += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

// A DynamoDB-style request id: 52 upper-case letters and digits (as AWS's).
void MakeRequestId(char (&out)[52]) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  for (int i = 0; i < 52;) {
    uint64_t r = NextRandom();
    for (int k = 0; k < 12 && i < 52; ++k, ++i) {  // 36^12 < 2^64
      out[i] = kAlphabet[r % 36];
      r /= 36;
    }
  }
}

// The HTTP Date header value, formatted once per second per thread.
std::string_view HttpDate() {
  thread_local std::time_t cached_second = -1;
  thread_local char buf[40];
  thread_local size_t len = 0;
  const std::time_t now = std::time(nullptr);
  if (now != cached_second) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    len = std::strftime(buf, sizeof(buf), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    cached_second = now;
  }
  return {buf, len};
}

// {"__type":"com.amazon.coral.service#<type>"[,"message":"<message>"]}
std::string CoralErrorBody(std::string_view type, std::string_view message) {
  std::string body = "{\"__type\":\"com.amazon.coral.service#";
  body += type;
  body += '"';
  if (!message.empty()) {
    body += ",\"message\":";
    value::AppendJsonString(message, &body);
  }
  body += '}';
  return body;
}

// epoll user data of the two descriptors that are not connections.
char kListenTag;
char kWakeTag;

}  // namespace

struct Worker;

struct Conn {
  enum class State { kHead, kBody, kWrite, kClose };

  int fd = -1;
  size_t index = 0;  // in Worker::conns
  State state = State::kHead;
  bool readable = true;     // the socket may hold unread bytes (edge-triggered epoll)
  bool peer_eof = false;    // the client's FIN (or an error) is in: the next recv must see it
  bool queued = false;      // in Worker::ready
  bool want_out = false;    // EPOLLOUT is in the epoll set
  bool interim = false;     // the pending write is "100 Continue"
  bool sent_continue = false;
  bool close_after = false; // close once the answer is out
  bool dead = false;
  Clock::time_point deadline = Clock::time_point::max();

  std::string in;     // bytes read: the request (head, then body) and what followed it
  size_t in_len = 0;  // valid bytes of `in`
  size_t scan_from = 0;  // where the search for the head's end resumes
  RequestHead head;
  ChunkedDecoder chunks;
  std::string chunked_body;  // a chunked request's decoded body
  size_t chunk_pos = 0;      // bytes of `in` after the head already decoded (compacted away)

  std::string out_head;  // the answer's status line and headers
  std::string out_body;  // the answer's body
  size_t out_sent = 0;   // bytes of out_head + out_body written
  size_t drained = 0;
  std::vector<HttpHeader> sign_headers;  // reused by signature checks
};

struct Worker {
  HttpServer::State* server = nullptr;
  int epfd = -1;
  int wakefd = -1;
  std::vector<Conn*> conns;
  std::vector<Conn*> graveyard;  // closed during this round of events; freed after it
  std::vector<Conn*> ready;      // used up their turn with work left (Drive's budget)
  Clock::time_point now{};
  Clock::time_point next_sweep{};
  bool stop_seen = false;
  bool listen_paused = false;  // out of descriptors: accepting resumes at the next sweep
  std::thread thread;

  ~Worker() {  // after the thread has ended (or never started)
    for (Conn* c : conns) {
      close(c->fd);
      delete c;
    }
    for (Conn* c : graveyard) delete c;
  }

  void Run();
  void Accept();
  void OnEvent(Conn* c, uint32_t events);
  void Drive(Conn* c);
  bool Fill(Conn* c);
  void Drain(Conn* c);
  bool ParseAndAnswer(Conn* c);
  void Answer(Conn* c);
  void BeginHead(Conn* c, int status, int version, bool keep_alive);
  void SendBare(Conn* c, int status);
  void Finish(Conn* c, int status, std::string body, std::string_view content_type);
  void AnswerPreflight(Conn* c);
  void Write(Conn* c);
  void WriteDone(Conn* c);
  void SetWantOut(Conn* c, bool want);
  void Close(Conn* c);
  void Destroy(Conn* c);
  void Sweep();
};

struct HttpServer::State {
  Database* db = nullptr;
  ServerOptions options;
  std::string host;
  uint16_t port = 0;
  int listen_fd = -1;
  std::atomic<bool> stopping{false};
  std::atomic<Clock::rep> stop_deadline{0};  // set by Stop() before `stopping`
  Clock::duration sweep_interval{};
  std::vector<std::unique_ptr<Worker>> workers;
};

void Worker::Run() {
  HttpServer::State& s = *server;
  epoll_event events[64];
  next_sweep = Clock::now() + s.sweep_interval;
  for (;;) {
    const bool stopping = s.stopping.load(std::memory_order_acquire);
    if (stopping && !stop_seen) {
      stop_seen = true;
      epoll_ctl(epfd, EPOLL_CTL_DEL, s.listen_fd, nullptr);
      now = Clock::now();
      Sweep();
      next_sweep = now + std::chrono::milliseconds(20);
    }
    if (stop_seen && conns.empty()) break;
    const auto interval = stop_seen ? std::min<Clock::duration>(s.sweep_interval,
                                                                std::chrono::milliseconds(20))
                                    : s.sweep_interval;
    const int timeout_ms = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(interval).count()) + 1;
    const int n = epoll_wait(epfd, events, 64, ready.empty() ? timeout_ms : 0);
    now = Clock::now();
    for (int i = 0; i < n; ++i) {
      void* tag = events[i].data.ptr;
      if (tag == &kListenTag) {
        if (!stop_seen) Accept();
      } else if (tag == &kWakeTag) {
        uint64_t ignored;
        [[maybe_unused]] ssize_t r = read(wakefd, &ignored, sizeof(ignored));
      } else {
        Conn* c = static_cast<Conn*>(tag);
        if (!c->dead) OnEvent(c, events[i].events);
      }
    }
    // Connections that used up their turn get another, after everyone with new events.
    if (!ready.empty()) {
      std::vector<Conn*> turn;
      turn.swap(ready);
      for (Conn* c : turn) {
        c->queued = false;
        if (!c->dead) Drive(c);
      }
    }
    if (now >= next_sweep) {
      Sweep();
      next_sweep = now + interval;
    }
    for (Conn* c : graveyard) delete c;
    graveyard.clear();
  }
  for (Conn* c : graveyard) delete c;
  graveyard.clear();
}

void Worker::Accept() {
  HttpServer::State& s = *server;
  // One connection per wake-up when several workers share the socket, so that the kernel's
  // choice of worker spreads them; a single worker takes all that wait.
  const int batch = s.workers.size() > 1 ? 1 : 64;
  for (int i = 0; i < batch; ++i) {
    const int fd = accept4(s.listen_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      // EAGAIN: another worker took it. Out of descriptors or memory: the socket would stay
      // readable and the loop spin, so stop watching it until the next sweep.
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
        epoll_ctl(epfd, EPOLL_CTL_DEL, s.listen_fd, nullptr);
        listen_paused = true;
      }
      return;
    }
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    auto* c = new Conn;
    c->fd = fd;
    c->in.resize(kInitialBuffer);
    c->deadline = now + s.options.limits.idle_timeout;
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLRDHUP | EPOLLET;
    ev.data.ptr = c;
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) != 0) {
      close(fd);
      delete c;
      continue;
    }
    c->index = conns.size();
    conns.push_back(c);
    Drive(c);  // the request may already be there
  }
}

void Worker::OnEvent(Conn* c, uint32_t events) {
  if (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) c->readable = true;
  // With the FIN in, no further edge will come: reads must go on until recv returns 0.
  if (events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) c->peer_eof = true;
  if (c->state == Conn::State::kWrite && (events & (EPOLLOUT | EPOLLHUP | EPOLLERR))) {
    Write(c);
    if (c->dead || c->state == Conn::State::kWrite) return;
  }
  Drive(c);
}

// Reads and answers until the socket has nothing more or the connection waits on a write. A
// client that keeps the socket full (pipelining) gets a budget of reads per turn, then waits
// in `ready` behind the other connections.
void Worker::Drive(Conn* c) {
  int budget = 16;
  while (!c->dead) {
    switch (c->state) {
      case Conn::State::kWrite:
        return;
      case Conn::State::kClose:
        return Drain(c);
      case Conn::State::kHead:
      case Conn::State::kBody:
        if (ParseAndAnswer(c)) continue;  // progress: an answer went out or is pending
        if (!c->readable) return;
        if (--budget < 0) {
          if (!c->queued) {
            c->queued = true;
            ready.push_back(c);
          }
          return;
        }
        if (!Fill(c)) return;
        break;
    }
  }
}

// Reads what the socket holds into `in`. False when the connection closed or nothing came.
bool Worker::Fill(Conn* c) {
  const Limits& limits = server->options.limits;
  size_t want = kReadChunk;
  if (c->state == Conn::State::kBody && c->head.content_length) {
    const uint64_t total = c->head.size + *c->head.content_length;
    if (total > c->in_len) want = static_cast<size_t>(std::min<uint64_t>(total - c->in_len, 1u << 20));
  }
  if (c->state == Conn::State::kHead) {
    // Enough for the head limit and a little of the body; the limit check is ParseAndAnswer's.
    const size_t head_room = limits.max_header_bytes + 4096;
    want = c->in_len < head_room ? std::min(want, head_room - c->in_len) : 1;
  }
  if (c->in.size() - c->in_len < want) {
    const char* before = c->in.data();
    c->in.resize(std::max(c->in.size() * 2, c->in_len + want));
    if (c->state == Conn::State::kBody && c->in.data() != before) {
      // The head's views pointed into the old buffer: parse it again where it now is (only
      // bodies larger than the buffer get here).
      ParseRequestHead(std::string_view(c->in.data(), c->in_len), c->head.size, &c->head);
    }
  }
  const size_t space = c->in.size() - c->in_len;
  const ssize_t n = recv(c->fd, c->in.data() + c->in_len, space, 0);
  if (n > 0) {
    c->in_len += static_cast<size_t>(n);
    // A short read drained the socket: a new edge comes with new bytes (but not after the
    // FIN, which must be read).
    if (static_cast<size_t>(n) < space && !c->peer_eof) c->readable = false;
    return true;
  }
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
    c->readable = false;
    return false;
  }
  if (n < 0 && errno == EINTR) return true;
  Destroy(c);  // end of stream or a socket error, mid-request or idle
  return false;
}

// Discards what the client still sends after the last answer; closes at end of stream.
void Worker::Drain(Conn* c) {
  char scratch[16 * 1024];
  while (c->readable) {
    const ssize_t n = recv(c->fd, scratch, sizeof(scratch), 0);
    if (n > 0) {
      c->drained += static_cast<size_t>(n);
      if (c->drained > kMaxDrain) return Destroy(c);
      if (static_cast<size_t>(n) < sizeof(scratch) && !c->peer_eof) c->readable = false;
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      c->readable = false;
      return;
    }
    if (n < 0 && errno == EINTR) continue;
    return Destroy(c);
  }
}

// Parses what `in` holds; when a whole request is there, answers it. True when it made
// progress (the caller loops), false when it needs more bytes.
bool Worker::ParseAndAnswer(Conn* c) {
  const Limits& limits = server->options.limits;
  if (c->state == Conn::State::kHead) {
    // Empty lines before a request line are allowed: drop them as they come, so that the
    // search below never walks them again.
    const size_t skip = EmptyLinesBefore(std::string_view(c->in.data(), c->in_len));
    if (skip > 0) {
      std::memmove(c->in.data(), c->in.data() + skip, c->in_len - skip);
      c->in_len -= skip;
      c->scan_from = 0;
    }
    if (c->in_len == 0) return false;
    const std::string_view data(c->in.data(), c->in_len);
    const size_t end = FindHeadEnd(data, c->scan_from);
    if (end == std::string_view::npos || end > limits.max_header_bytes) {
      if (c->in_len > limits.max_header_bytes) {
        SendBare(c, 431);
        return true;
      }
      c->scan_from = c->in_len >= 3 ? c->in_len - 3 : 0;
      return false;
    }
    switch (ParseRequestHead(data, end, &c->head)) {
      case HeadResult::kDone:
        break;
      case HeadResult::kBadVersion:
        SendBare(c, 505);
        return true;
      default:
        SendBare(c, 400);
        return true;
    }
    if (c->head.content_length && *c->head.content_length > limits.max_body_bytes) {
      SendBare(c, 413);
      return true;
    }
    c->state = Conn::State::kBody;
    c->deadline = now + limits.read_timeout;
    c->sent_continue = false;
    c->chunk_pos = 0;
    if (c->head.chunked) {
      c->chunks.Reset();
      c->chunked_body.clear();
    }
  }

  // kBody
  const size_t head_size = c->head.size;
  bool complete;
  if (c->head.chunked) {
    size_t consumed = 0;
    const auto result = c->chunks.Decode(
        std::string_view(c->in.data() + head_size + c->chunk_pos,
                         c->in_len - head_size - c->chunk_pos),
        limits.max_body_bytes, &c->chunked_body, &consumed);
    c->chunk_pos += consumed;
    if (result == ChunkedDecoder::Result::kTooLarge) {
      SendBare(c, 413);
      return true;
    }
    if (result == ChunkedDecoder::Result::kBad) {
      SendBare(c, 400);
      return true;
    }
    complete = result == ChunkedDecoder::Result::kDone;
    if (!complete && c->chunk_pos > 0) {
      // Decoded bytes are no longer needed: keep only the head (the views point into it) and
      // what is not decoded yet.
      std::memmove(c->in.data() + head_size, c->in.data() + head_size + c->chunk_pos,
                   c->in_len - head_size - c->chunk_pos);
      c->in_len -= c->chunk_pos;
      c->chunk_pos = 0;
    }
  } else {
    complete = c->in_len - head_size >= c->head.content_length.value_or(0);
  }
  if (!complete) {
    // curl (not the SDKs) sends "Expect: 100-continue" with larger bodies and waits for the
    // interim answer before sending the body.
    if (c->head.expect_continue && c->head.version == 11 && !c->sent_continue) {
      c->sent_continue = true;
      c->interim = true;
      c->out_head.assign(kContinue);
      c->out_body.clear();
      Write(c);
      return true;
    }
    return false;
  }
  Answer(c);
  return true;
}

// The status line and the headers every answer has; the caller adds its own and "\r\n".
void Worker::BeginHead(Conn* c, int status, int version, bool keep_alive) {
  std::string& h = c->out_head;
  h.clear();
  h.append(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
  const int code = status % 1000;
  h.push_back(static_cast<char>('0' + code / 100));
  h.push_back(static_cast<char>('0' + code / 10 % 10));
  h.push_back(static_cast<char>('0' + code % 10));
  h.push_back(' ');
  h.append(ReasonPhrase(status));
  h.append("\r\nx-amzn-RequestId: ");
  char id[52];
  MakeRequestId(id);
  h.append(id, sizeof(id));
  h.append("\r\nDate: ");
  h.append(HttpDate());
  h.append("\r\n");
  if (!keep_alive) {
    h.append("Connection: close\r\n");
  } else if (version == 10) {
    h.append("Connection: keep-alive\r\n");
  }
}

// Answers without a body (400, 413, 431, 505), then closes.
void Worker::SendBare(Conn* c, int status) {
  BeginHead(c, status, 11, /*keep_alive=*/false);
  c->out_head.append("Content-Length: 0\r\n\r\n");
  c->out_body.clear();
  c->close_after = true;
  c->interim = false;
  Write(c);
}

void Worker::Finish(Conn* c, int status, std::string body, std::string_view content_type) {
  const bool keep_alive = c->head.keep_alive;
  BeginHead(c, status, c->head.version, keep_alive);
  std::string& h = c->out_head;
  if (c->head.origin) h.append(kCorsHeaders);
  h.append("x-amz-crc32: ");
  AppendDecimal(Crc32(body), &h);
  h.append("\r\n");
  if (!content_type.empty()) {
    h.append("Content-Type: ");
    h.append(content_type);
    h.append("\r\n");
  }
  h.append("Content-Length: ");
  AppendDecimal(body.size(), &h);
  h.append("\r\n\r\n");
  // A HEAD request gets the head a GET would get, and no content (RFC 9110 9.3.2).
  if (c->head.method == "HEAD") body.clear();
  c->out_body = std::move(body);
  c->close_after = !keep_alive;
  c->interim = false;
  Write(c);
}

// A CORS preflight (OPTIONS with an Origin): 200, no content, the requested method and
// headers allowed for two days, as dynalite answers.
void Worker::AnswerPreflight(Conn* c) {
  const bool keep_alive = c->head.keep_alive;
  BeginHead(c, 200, c->head.version, keep_alive);
  std::string& h = c->out_head;
  h.append("Access-Control-Allow-Origin: *\r\n");
  for (const HttpHeader& field : c->head.headers) {
    if (EqualsIgnoreCase(field.name, "access-control-request-headers")) {
      h.append("Access-Control-Allow-Headers: ");
      h.append(field.value);
      h.append("\r\n");
    } else if (EqualsIgnoreCase(field.name, "access-control-request-method")) {
      h.append("Access-Control-Allow-Methods: ");
      h.append(field.value);
      h.append("\r\n");
    }
  }
  h.append("Access-Control-Max-Age: 172800\r\nContent-Length: 0\r\n\r\n");
  c->out_body.clear();
  c->close_after = !keep_alive;
  c->interim = false;
  Write(c);
}

void Worker::Answer(Conn* c) {
  c->deadline = Clock::time_point::max();  // the operation itself is not timed out
  const RequestHead& req = c->head;
  const std::string_view body =
      req.chunked ? std::string_view(c->chunked_body)
                  : std::string_view(c->in.data() + req.size,
                                     static_cast<size_t>(req.content_length.value_or(0)));
  const ServerOptions& options = server->options;

  if (req.method != "POST") {
    // A health check: any GET (dynalite answers every GET so; reference 8), or HEAD.
    if (req.method == "GET" || req.method == "HEAD") {
      return Finish(c, 200, "healthy: dynamodb." + options.region + ".amazonaws.com ", {});
    }
    if (req.method == "OPTIONS" && req.origin) return AnswerPreflight(c);
    return Finish(c, 404, std::string(kUnknownOperationXml), {});
  }
  // Content type: base media type, parameters (";charset=...") ignored.
  std::string_view content_type = req.content_type;
  content_type = content_type.substr(0, content_type.find(';'));
  while (!content_type.empty() && content_type.back() == ' ') content_type.remove_suffix(1);
  const bool amz_json = EqualsIgnoreCase(content_type, kAmzJson);
  if (!amz_json && !EqualsIgnoreCase(content_type, kJson) && !body.empty()) {
    return Finish(c, 404, std::string(kUnknownOperationXml), {});
  }
  const std::string_view response_type = amz_json ? kAmzJson : kJson;

  const std::string_view target = req.amz_target;
  if (target.size() <= kTargetPrefix.size() ||
      target.substr(0, kTargetPrefix.size()) != kTargetPrefix) {
    return Finish(c, 400, CoralErrorBody("UnknownOperationException", {}), response_type);
  }
  const std::string_view operation = target.substr(kTargetPrefix.size());

  // Authentication: parse always, verify when the server holds credentials.
  const std::optional<std::string_view>& date = req.amz_date ? req.amz_date : req.date;
  absl::StatusOr<SigV4Header> auth =
      ParseAuthorization(req.authorization ? &*req.authorization : nullptr,
                         date ? &*date : nullptr);
  absl::Status auth_status = auth.status();
  if (auth.ok() && options.credentials.has_value()) {
    const SigV4Request signed_request{
        .method = req.method, .target = req.target, .headers = req.headers, .body = body};
    auth_status = VerifySignature(*auth, date.value_or(std::string_view()), signed_request,
                                  *options.credentials, std::chrono::system_clock::now());
  }
  if (!auth_status.ok()) {
    return Finish(c, 400,
                  CoralErrorBody(AuthErrorTypeName(auth_status),
                                 std::string_view(auth_status.message().data(),
                                                  auth_status.message().size())),
                  response_type);
  }

  JsonResponse answer = HandleJsonRequest(*server->db, operation, body);
  Finish(c, answer.http_status, std::move(answer.body), response_type);
}

// Writes what is left of out_head + out_body; on EAGAIN waits for EPOLLOUT.
void Worker::Write(Conn* c) {
  for (;;) {
    iovec iov[2];
    int count = 0;
    const size_t head_size = c->out_head.size();
    if (c->out_sent < head_size) {
      iov[count++] = {c->out_head.data() + c->out_sent, head_size - c->out_sent};
    }
    const size_t body_sent = c->out_sent > head_size ? c->out_sent - head_size : 0;
    if (body_sent < c->out_body.size()) {
      iov[count++] = {c->out_body.data() + body_sent, c->out_body.size() - body_sent};
    }
    if (count == 0) return WriteDone(c);
    msghdr msg{};
    msg.msg_iov = iov;
    msg.msg_iovlen = static_cast<size_t>(count);
    const ssize_t n = sendmsg(c->fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n >= 0) {
      c->out_sent += static_cast<size_t>(n);
      continue;
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      if (c->state != Conn::State::kWrite) {
        c->state = Conn::State::kWrite;
        c->deadline = now + server->options.limits.write_timeout;
      }
      if (!c->want_out) SetWantOut(c, true);
      return;
    }
    return Destroy(c);  // the client went away
  }
}

void Worker::WriteDone(Conn* c) {
  c->out_sent = 0;
  if (c->want_out) SetWantOut(c, false);
  if (c->interim) {  // "100 Continue" is out: now the body
    c->interim = false;
    c->state = Conn::State::kBody;
    c->deadline = now + server->options.limits.read_timeout;
    return;
  }
  if (c->close_after || server->stopping.load(std::memory_order_acquire)) return Close(c);
  // The request is answered: drop its bytes, keep what followed (a pipelined request).
  const size_t used = c->head.size + (c->head.chunked
                                          ? c->chunk_pos
                                          : static_cast<size_t>(c->head.content_length.value_or(0)));
  const size_t rest = c->in_len - used;
  if (rest > 0) std::memmove(c->in.data(), c->in.data() + used, rest);
  c->in_len = rest;
  c->scan_from = 0;
  c->state = Conn::State::kHead;
  c->deadline = now + server->options.limits.idle_timeout;
  if (c->in.size() > kKeepBuffer && rest < kInitialBuffer) {
    c->in.resize(kInitialBuffer);
    c->in.shrink_to_fit();
  }
  if (c->out_body.capacity() > kKeepBuffer) std::string().swap(c->out_body);
  if (c->chunked_body.capacity() > kKeepBuffer) std::string().swap(c->chunked_body);
}

void Worker::SetWantOut(Conn* c, bool want) {
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLRDHUP | EPOLLET | (want ? uint32_t{EPOLLOUT} : 0u);
  ev.data.ptr = c;
  epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
  c->want_out = want;
}

// After the last answer: half-closes, then drains (Drain) until the client closes or the
// drain's deadline passes.
void Worker::Close(Conn* c) {
  if (shutdown(c->fd, SHUT_WR) != 0) return Destroy(c);
  c->state = Conn::State::kClose;
  c->drained = 0;
  c->deadline = now + kDrainTime;
  c->readable = true;
  Drain(c);
}

void Worker::Destroy(Conn* c) {
  if (c->dead) return;
  c->dead = true;
  if (c->queued) ready.erase(std::find(ready.begin(), ready.end(), c));
  // Leave the epoll set explicitly: close() alone would not if a forked child still held a
  // copy of the descriptor, and a later event would then name a freed Conn.
  epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, nullptr);
  close(c->fd);
  Conn* last = conns.back();
  conns[c->index] = last;
  last->index = c->index;
  conns.pop_back();
  graveyard.push_back(c);
}

// Expires connections past their deadline. After Stop(): closes idle connections, lets busy
// ones finish, and cuts everything at the grace deadline.
void Worker::Sweep() {
  HttpServer::State& s = *server;
  const bool stopping = stop_seen;
  const bool cut_all =
      stopping && now.time_since_epoch().count() >= s.stop_deadline.load(std::memory_order_acquire);
  if (listen_paused && !stopping) {
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLEXCLUSIVE;
    ev.data.ptr = &kListenTag;
    epoll_ctl(epfd, EPOLL_CTL_ADD, s.listen_fd, &ev);
    listen_paused = false;
  }
  for (size_t i = conns.size(); i-- > 0;) {  // Destroy moves the last one into a freed slot
    Conn* c = conns[i];
    if (cut_all || (c->state == Conn::State::kClose && now >= c->deadline)) {
      Destroy(c);
    } else if (now >= c->deadline || (stopping && c->state == Conn::State::kHead)) {
      Close(c);  // timed out, or waiting for a request when the server stops
    }
  }
}

HttpServer::HttpServer(std::unique_ptr<State> state) : state_(std::move(state)) {}

HttpServer::~HttpServer() {
  Stop();
  Wait();
  for (auto& worker : state_->workers) {
    if (worker->epfd >= 0) close(worker->epfd);
    if (worker->wakefd >= 0) close(worker->wakefd);
  }
  // Closed only here, after every worker has ended: Stop() may still be using it until then.
  if (state_->listen_fd >= 0) close(state_->listen_fd);
}

absl::StatusOr<std::unique_ptr<HttpServer>> HttpServer::Start(Database& db,
                                                              const ServerOptions& options) {
  int threads =
      options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::max(threads, 1);
  auto state = std::make_unique<State>();
  state->db = &db;
  state->options = options;
  // A quarter of the shortest timeout, between 10 ms and 250 ms.
  const auto shortest = std::min({options.limits.idle_timeout, options.limits.read_timeout,
                                  options.limits.write_timeout});
  state->sweep_interval = std::clamp<Clock::duration>(shortest / 4, std::chrono::milliseconds(10),
                                                      std::chrono::milliseconds(250));

  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string port_text = std::to_string(options.port);
  if (const int rc = getaddrinfo(options.host.c_str(), port_text.c_str(), &hints, &found);
      rc != 0 || found == nullptr) {
    return absl::InvalidArgumentError("cannot resolve host '" + options.host +
                                      "': " + gai_strerror(rc));
  }
  const auto cannot_listen = [&](int err) {
    return absl::UnavailableError("cannot listen on " + options.host + ":" + port_text + ": " +
                                  std::strerror(err));
  };
  const int fd = socket(found->ai_family, found->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                        found->ai_protocol);
  if (fd < 0) {
    freeaddrinfo(found);
    return cannot_listen(errno);
  }
  const int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  if (bind(fd, found->ai_addr, found->ai_addrlen) != 0 || listen(fd, SOMAXCONN) != 0) {
    const int err = errno;
    close(fd);
    freeaddrinfo(found);
    return cannot_listen(err);
  }
  freeaddrinfo(found);
  state->listen_fd = fd;
  sockaddr_storage bound{};
  socklen_t bound_len = sizeof(bound);
  getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &bound_len);
  char address[INET6_ADDRSTRLEN] = "";
  if (bound.ss_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&bound);
    inet_ntop(AF_INET6, &a->sin6_addr, address, sizeof(address));
    state->port = ntohs(a->sin6_port);
  } else {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&bound);
    inet_ntop(AF_INET, &a->sin_addr, address, sizeof(address));
    state->port = ntohs(a->sin_port);
  }
  state->host = address;

  auto server = std::unique_ptr<HttpServer>(new HttpServer(std::move(state)));
  State* s = server->state_.get();
  for (int i = 0; i < threads; ++i) {
    auto worker = std::make_unique<Worker>();
    worker->server = s;
    worker->epfd = epoll_create1(EPOLL_CLOEXEC);
    worker->wakefd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (worker->epfd < 0 || worker->wakefd < 0) {
      const int err = errno;
      if (worker->epfd >= 0) close(worker->epfd);
      if (worker->wakefd >= 0) close(worker->wakefd);
      return absl::UnavailableError(std::string("cannot create the event loop: ") +
                                    std::strerror(err));  // ~HttpServer cleans up the rest
    }
    s->workers.push_back(std::move(worker));
    Worker* w = s->workers.back().get();
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLEXCLUSIVE;
    ev.data.ptr = &kListenTag;
    bool ok = epoll_ctl(w->epfd, EPOLL_CTL_ADD, s->listen_fd, &ev) == 0;
    ev.events = EPOLLIN;
    ev.data.ptr = &kWakeTag;
    ok = ok && epoll_ctl(w->epfd, EPOLL_CTL_ADD, w->wakefd, &ev) == 0;
    if (!ok) {
      return absl::UnavailableError(std::string("cannot set up the event loop: ") +
                                    std::strerror(errno));  // ~HttpServer cleans up
    }
  }
  for (auto& worker : s->workers) {
    Worker* w = worker.get();
    w->thread = std::thread([w] {
      try {
        w->Run();
      } catch (const std::exception& e) {  // never expected: nothing in the loop throws
        std::fprintf(stderr, "dynarock-server: worker error: %s\n", e.what());
        std::abort();
      }
    });
  }
  return server;
}

uint16_t HttpServer::port() const { return state_->port; }
const std::string& HttpServer::host() const { return state_->host; }

void HttpServer::Stop() {
  State* s = state_.get();
  if (s->stopping.load(std::memory_order_acquire)) return;
  s->stop_deadline.store((Clock::now() + s->options.limits.stop_grace).time_since_epoch().count(),
                         std::memory_order_release);
  if (s->stopping.exchange(true, std::memory_order_acq_rel)) return;
  // No new connections from here on: the listening socket stops accepting at once (connects
  // are refused); it is closed by the destructor.
  if (s->listen_fd >= 0) shutdown(s->listen_fd, SHUT_RDWR);
  for (auto& worker : s->workers) {
    const uint64_t one = 1;
    [[maybe_unused]] ssize_t r = write(worker->wakefd, &one, sizeof(one));
  }
}

void HttpServer::Wait() {
  for (auto& worker : state_->workers) {
    if (worker->thread.joinable()) worker->thread.join();
  }
}

}  // namespace dynarock::server
