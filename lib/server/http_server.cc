// File: lib/server/http_server.cc
//
// Threading: one Worker per thread, each with its own single-threaded io_context, so that a
// connection's handlers need no strand and the reactor no locks. The acceptor (on worker 0)
// hands new connections to the workers round-robin. The database call runs on the worker that
// read the request: dynarock's Database is thread-safe and its calls do not wait on the network.
//
// One Session per connection: read header (idle timeout), read body (read timeout, body
// limit), answer, write (write timeout), and loop while keep-alive. Timeouts are deadlines that
// each worker's sweep timer checks a few times a second, instead of a timer armed and cancelled
// around every read and write. An answer goes out as two buffers in one write: the head,
// assembled by hand, and the body.
#include "lib/server/http_server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>
#include <thread>
#include <unordered_set>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "dynarock/json_api.h"

#include "lib/server/crc32.h"

namespace dynarock::server {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;
using tcp = boost::asio::ip::tcp;
using Clock = std::chrono::steady_clock;

class Session;

// One thread's share of the server. Everything in it is touched only by its own thread (its
// io_context runs on exactly one thread), except `ioc` itself, which others post to.
// Declaration order matters for destruction: `sessions` outlives `ioc` (destroying the
// io_context destroys pending handlers, and with them sessions, which unregister here).
struct Worker {
  std::unordered_set<Session*> sessions;
  net::io_context ioc{1};
  net::steady_timer sweep{ioc};
  std::thread thread;
};

struct HttpServer::State {
  Database* db = nullptr;
  ServerOptions options;
  std::string host;
  uint16_t port = 0;
  std::atomic<bool> stopping{false};
  std::atomic<Clock::rep> stop_deadline{0};  // set by Stop() before `stopping`
  Clock::duration sweep_interval{};

  std::vector<std::unique_ptr<Worker>> workers;
  std::optional<tcp::acceptor> acceptor;  // on workers[0]
  size_t next_worker = 0;                 // touched by workers[0] only

  void DoAccept();
  void Sweep(Worker* worker);
};

namespace {

constexpr std::string_view kTargetPrefix = "DynamoDB_20120810.";
constexpr std::string_view kAmzJson = "application/x-amz-json-1.0";
constexpr std::string_view kJson = "application/json";
constexpr std::string_view kUnknownOperationXml = "<UnknownOperationException/>\n";

std::string_view View(beast::string_view s) { return {s.data(), s.size()}; }

// ASCII only (HTTP tokens), without std::tolower's locale lookup per character.
constexpr char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return AsciiLower(x) == AsciiLower(y);
         });
}

// Appends the decimal digits of `v`.
void AppendDecimal(uint64_t v, std::string* out) {
  char digits[20];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof(digits), v);
  out->append(digits, static_cast<size_t>(end - digits));
}

// A DynamoDB-style request id: 52 upper-case letters and digits (as AWS's).
void MakeRequestId(char (&out)[52]) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  thread_local std::mt19937_64 rng{std::random_device{}()};
  for (int i = 0; i < 52;) {
    uint64_t r = rng();
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

void AppendJsonEscaped(std::string_view s, std::string* out) {
  for (char c : s) {
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      case '\t':
        *out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char esc[8];
          std::snprintf(esc, sizeof(esc), "\\u%04x", static_cast<unsigned char>(c));
          *out += esc;
        } else {
          out->push_back(c);
        }
    }
  }
}

// {"__type":"com.amazon.coral.service#<type>"[,"message":"<message>"]}
std::string CoralErrorBody(std::string_view type, std::string_view message) {
  std::string body = "{\"__type\":\"com.amazon.coral.service#";
  body += type;
  body += '"';
  if (!message.empty()) {
    body += ",\"message\":\"";
    AppendJsonEscaped(message, &body);
    body += '"';
  }
  body += '}';
  return body;
}

}  // namespace

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, HttpServer::State* server, Worker* worker)
      : socket_(std::move(socket)), server_(server), worker_(worker) {}
  ~Session() { worker_->sessions.erase(this); }

  // On the worker's thread.
  void Start() {
    if (server_->stopping.load(std::memory_order_acquire)) {
      beast::error_code ignored;
      socket_.close(ignored);  // accepted as the server stopped: not served
      return;
    }
    worker_->sessions.insert(this);
    DoRead();
  }

  // Called by the worker's sweep: cuts an operation that passed its deadline (the pending
  // handler then sees an error and the session closes), or the connection itself when it is
  // already closing or the server's stop grace has run out.
  void CheckDeadline(Clock::time_point now, bool stopping, bool cut_all) {
    if (cut_all || (closing_ && now >= deadline_)) {
      beast::error_code ignored;
      socket_.close(ignored);
      return;
    }
    if (now >= deadline_ || (stopping && idle_)) {
      deadline_ = Clock::time_point::max();
      beast::error_code ignored;
      socket_.cancel(ignored);
    }
  }

 private:
  void Expire(std::chrono::milliseconds after) { deadline_ = Clock::now() + after; }

  void DoRead() {
    if (server_->stopping.load(std::memory_order_acquire)) return DoClose();
    const Limits& limits = server_->options.limits;
    parser_.emplace();
    parser_->header_limit(limits.max_header_bytes);
    parser_->body_limit(limits.max_body_bytes);
    idle_ = true;
    Expire(limits.idle_timeout);
    http::async_read_header(socket_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, size_t) {
    idle_ = false;
    if (ec == http::error::header_limit) {
      return SendBare(http::status::request_header_fields_too_large);
    }
    if (ec == http::error::body_limit) {  // a declared Content-Length over the limit
      return SendBare(http::status::payload_too_large);
    }
    if (ec) return DoClose();  // end of stream, timeout, cancelled by Stop(), malformed
    const auto length = parser_->content_length();
    if (length.has_value() && *length > server_->options.limits.max_body_bytes) {
      return SendBare(http::status::payload_too_large);
    }
    Expire(server_->options.limits.read_timeout);
    if (parser_->is_done()) return Handle();  // the whole request came with the header
    // curl (not the SDKs) sends "Expect: 100-continue" with larger bodies and waits for the
    // interim answer before sending the body.
    if (EqualsIgnoreCase(View(parser_->get()[http::field::expect]), "100-continue")) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      return net::async_write(socket_, net::buffer(kContinue.data(), kContinue.size()),
                              [self = shared_from_this()](beast::error_code ec, size_t) {
                                if (ec) return self->DoClose();
                                self->DoReadBody();
                              });
    }
    DoReadBody();
  }

  void DoReadBody() {
    http::async_read(socket_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::OnBody, shared_from_this()));
  }

  void OnBody(beast::error_code ec, size_t) {
    if (ec == http::error::body_limit) return SendBare(http::status::payload_too_large);
    if (ec) return DoClose();
    Handle();
  }

  // The status line and the headers every answer has; the caller adds its own and "\r\n".
  void BeginHead(unsigned status, unsigned version, bool keep_alive) {
    head_.clear();
    head_.append(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
    const unsigned code = status % 1000;
    head_.push_back(static_cast<char>('0' + code / 100));
    head_.push_back(static_cast<char>('0' + code / 10 % 10));
    head_.push_back(static_cast<char>('0' + code % 10));
    head_.push_back(' ');
    const beast::string_view reason = http::obsolete_reason(http::int_to_status(status));
    head_.append(reason.data(), reason.size());
    head_.append("\r\nx-amzn-RequestId: ");
    char id[52];
    MakeRequestId(id);
    head_.append(id, sizeof(id));
    head_.append("\r\nDate: ");
    head_.append(HttpDate());
    head_.append("\r\n");
    if (!keep_alive) {
      head_.append("Connection: close\r\n");
    } else if (version == 10) {
      head_.append("Connection: keep-alive\r\n");
    }
  }

  // Answers without a body (413, 431), then closes.
  void SendBare(http::status status) {
    BeginHead(static_cast<unsigned>(status), 11, /*keep_alive=*/false);
    head_.append("Content-Length: 0\r\n\r\n");
    body_.clear();
    DoWrite(/*close=*/true);
  }

  void Finish(unsigned status, std::string body, std::string_view content_type) {
    const http::request<http::string_body>& req = parser_->get();
    const bool keep_alive = req.keep_alive();
    BeginHead(status, req.version(), keep_alive);
    head_.append("x-amz-crc32: ");
    AppendDecimal(Crc32(body), &head_);
    head_.append("\r\n");
    if (!content_type.empty()) {
      head_.append("Content-Type: ");
      head_.append(content_type);
      head_.append("\r\n");
    }
    head_.append("Content-Length: ");
    AppendDecimal(body.size(), &head_);
    head_.append("\r\n\r\n");
    body_ = std::move(body);
    DoWrite(!keep_alive);
  }

  void Handle() {
    deadline_ = Clock::time_point::max();  // the operation itself is not timed out
    http::request<http::string_body>& req = parser_->get();

    if (req.method() != http::verb::post) {
      if (req.method() == http::verb::get && req.target() == "/") {
        return Finish(200, "healthy: dynamodb." + server_->options.region + ".amazonaws.com ",
                      "text/plain");
      }
      return Finish(404, std::string(kUnknownOperationXml), {});
    }
    // Content type: base media type, parameters (";charset=...") ignored.
    std::string_view content_type = View(req[http::field::content_type]);
    content_type = content_type.substr(0, content_type.find(';'));
    while (!content_type.empty() && content_type.back() == ' ') content_type.remove_suffix(1);
    const bool amz_json = EqualsIgnoreCase(content_type, kAmzJson);
    if (!amz_json && !EqualsIgnoreCase(content_type, kJson) && !req.body().empty()) {
      return Finish(404, std::string(kUnknownOperationXml), {});
    }
    const std::string_view response_type = amz_json ? kAmzJson : kJson;

    const std::string_view target = View(req["X-Amz-Target"]);
    if (target.size() <= kTargetPrefix.size() ||
        target.substr(0, kTargetPrefix.size()) != kTargetPrefix) {
      return Finish(400, CoralErrorBody("UnknownOperationException", {}), response_type);
    }
    const std::string_view operation = target.substr(kTargetPrefix.size());

    // Authentication: parse always, verify when the server holds credentials.
    const auto auth_it = req.find(http::field::authorization);
    std::string_view auth_value, date_value;
    if (auth_it != req.end()) auth_value = View(auth_it->value());
    auto date_it = req.find("X-Amz-Date");
    if (date_it == req.end()) date_it = req.find(http::field::date);
    if (date_it != req.end()) date_value = View(date_it->value());
    absl::StatusOr<SigV4Header> auth = ParseAuthorization(
        auth_it != req.end() ? &auth_value : nullptr, date_it != req.end() ? &date_value : nullptr);
    absl::Status auth_status = auth.status();
    if (auth.ok() && server_->options.credentials.has_value()) {
      headers_.clear();
      for (const auto& field : req) {
        headers_.push_back({View(field.name_string()), View(field.value())});
      }
      const SigV4Request signed_request{.method = View(req.method_string()),
                                        .target = View(req.target()),
                                        .headers = headers_,
                                        .body = req.body()};
      auth_status =
          VerifySignature(*auth, date_value, signed_request, *server_->options.credentials,
                          std::chrono::system_clock::now());
    }
    if (!auth_status.ok()) {
      return Finish(400,
                    CoralErrorBody(AuthErrorTypeName(auth_status),
                                   std::string_view(auth_status.message().data(),
                                                    auth_status.message().size())),
                    response_type);
    }

    JsonResponse answer = HandleJsonRequest(*server_->db, operation, req.body());
    Finish(static_cast<unsigned>(answer.http_status), std::move(answer.body), response_type);
  }

  void DoWrite(bool close) {
    Expire(server_->options.limits.write_timeout);
    const std::array<net::const_buffer, 2> buffers{net::buffer(head_), net::buffer(body_)};
    net::async_write(socket_, buffers,
                     beast::bind_front_handler(&Session::OnWrite, shared_from_this(), close));
  }

  void OnWrite(bool close, beast::error_code ec, size_t) {
    if (ec) return DoClose();
    if (close || server_->stopping.load(std::memory_order_acquire)) return DoClose();
    DoRead();
  }

  // Half-closes, then reads and discards what the client still sends (briefly, bounded), so
  // that a refused upload (413) is not answered with a reset that could destroy the response.
  void DoClose() {
    if (closing_) return;
    closing_ = true;
    idle_ = false;
    beast::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return;
    drained_ = 0;
    Expire(std::chrono::seconds(1));
    DoDrain();
  }

  void DoDrain() {
    buffer_.consume(buffer_.size());
    socket_.async_read_some(buffer_.prepare(64 * 1024),
                            beast::bind_front_handler(&Session::OnDrain, shared_from_this()));
  }

  void OnDrain(beast::error_code ec, size_t n) {
    drained_ += n;
    if (ec || drained_ > 32 * 1024 * 1024) return;  // the socket closes with the session
    DoDrain();
  }

  tcp::socket socket_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string head_;                 // the answer's status line and headers
  std::string body_;                 // the answer's body
  std::vector<HttpHeader> headers_;  // reused by signature checks
  HttpServer::State* server_;
  Worker* worker_;
  Clock::time_point deadline_ = Clock::time_point::max();
  bool idle_ = false;
  bool closing_ = false;
  size_t drained_ = 0;
};

void HttpServer::State::DoAccept() {
  Worker* target = workers[next_worker].get();
  next_worker = (next_worker + 1) % workers.size();
  acceptor->async_accept(target->ioc, [this, target](beast::error_code ec, tcp::socket socket) {
    if (stopping.load(std::memory_order_acquire) || ec == net::error::operation_aborted) return;
    if (!ec) {
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      auto session = std::make_shared<Session>(std::move(socket), this, target);
      net::post(target->ioc, [session = std::move(session)] { session->Start(); });
    }
    DoAccept();
  });
}

// Every sweep_interval on each worker: expires sessions past their deadline. After Stop():
// closes idle sessions, lets busy ones finish, cuts everything at the grace deadline, and ends
// (no new sweep) once the worker has no session left, so that its io_context.run() returns.
void HttpServer::State::Sweep(Worker* worker) {
  const bool stop = stopping.load(std::memory_order_acquire);
  const Clock::time_point now = Clock::now();
  const bool cut_all =
      stop && now.time_since_epoch().count() >= stop_deadline.load(std::memory_order_acquire);
  // CheckDeadline never destroys a session (handlers still hold it), so iterating is safe.
  for (Session* session : worker->sessions) session->CheckDeadline(now, stop, cut_all);
  if (stop && worker->sessions.empty()) return;
  worker->sweep.expires_after(stop ? std::min<Clock::duration>(sweep_interval,
                                                               std::chrono::milliseconds(20))
                                   : sweep_interval);
  worker->sweep.async_wait([this, worker](beast::error_code ec) {
    if (!ec) Sweep(worker);
  });
}

HttpServer::HttpServer(std::unique_ptr<State> state) : state_(std::move(state)) {}

HttpServer::~HttpServer() {
  Stop();
  Wait();
}

absl::StatusOr<std::unique_ptr<HttpServer>> HttpServer::Start(Database& db,
                                                              const ServerOptions& options) {
  int threads =
      options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::max(threads, 1);
  auto state = std::make_unique<State>();
  state->db = &db;
  state->options = options;
  for (int i = 0; i < threads; ++i) state->workers.push_back(std::make_unique<Worker>());
  // A quarter of the shortest timeout, between 10 ms and 250 ms.
  const auto shortest = std::min({options.limits.idle_timeout, options.limits.read_timeout,
                                  options.limits.write_timeout});
  state->sweep_interval = std::clamp<Clock::duration>(shortest / 4, std::chrono::milliseconds(10),
                                                      std::chrono::milliseconds(250));

  net::io_context& accept_ioc = state->workers[0]->ioc;
  beast::error_code ec;
  tcp::resolver resolver(accept_ioc);
  const auto results =
      resolver.resolve(options.host, std::to_string(options.port),
                       tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || results.empty()) {
    return absl::InvalidArgumentError("cannot resolve host '" + options.host +
                                      "': " + ec.message());
  }
  const tcp::endpoint endpoint = results.begin()->endpoint();
  tcp::acceptor& acceptor = state->acceptor.emplace(accept_ioc);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return absl::UnavailableError("cannot listen on " + options.host + ":" +
                                  std::to_string(options.port) + ": " + ec.message());
  }
  const tcp::endpoint bound = acceptor.local_endpoint(ec);
  state->host = bound.address().to_string();
  state->port = bound.port();

  State* s = state.get();
  s->DoAccept();
  for (auto& worker : s->workers) {
    Worker* w = worker.get();
    s->Sweep(w);
    w->thread = std::thread([w] {
      for (;;) {
        try {
          w->ioc.run();
          return;
        } catch (const std::exception& e) {  // never expected: handlers use error codes
          std::fprintf(stderr, "dynarock-server: worker error: %s\n", e.what());
        }
      }
    });
  }
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(state)));
}

uint16_t HttpServer::port() const { return state_->port; }
const std::string& HttpServer::host() const { return state_->host; }

void HttpServer::Stop() {
  State* s = state_.get();
  if (s->stopping.load(std::memory_order_acquire)) return;
  s->stop_deadline.store((Clock::now() + s->options.limits.stop_grace).time_since_epoch().count(),
                         std::memory_order_release);
  if (s->stopping.exchange(true, std::memory_order_acq_rel)) return;
  net::post(s->workers[0]->ioc, [s] {
    beast::error_code ignored;
    s->acceptor->close(ignored);
  });
  // Each worker's sweep closes its idle sessions and ends once none is left; run one now (its
  // expires_after cancels the pending wait, so the sweeps stay one chain per worker).
  for (auto& worker : s->workers) {
    Worker* w = worker.get();
    net::post(w->ioc, [s, w] { s->Sweep(w); });
  }
}

void HttpServer::Wait() {
  for (auto& worker : state_->workers) {
    if (worker->thread.joinable()) worker->thread.join();
  }
}

}  // namespace dynarock::server
