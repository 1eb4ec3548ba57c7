// File: lib/server/http_server.cc
//
// One Session per connection, serialised on its own strand: read header (idle timeout), read
// body (read timeout, body limit), answer, write (write timeout), and loop while keep-alive.
// The database call runs on the worker thread that completed the read: dynarock's Database is
// thread-safe and its calls do not wait on the network.
#include "lib/server/http_server.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_set>
#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
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

class Session;

struct HttpServer::State {
  // Declared before io_context: sessions destroyed with the io_context's pending handlers
  // still unregister here.
  std::mutex mu;
  std::unordered_set<Session*> sessions;  // guarded by mu

  Database* db = nullptr;
  ServerOptions options;
  std::string host;
  uint16_t port = 0;
  std::atomic<bool> stopping{false};

  net::io_context ioc;
  std::optional<tcp::acceptor> acceptor;
  std::optional<net::steady_timer> stop_timer;
  std::chrono::steady_clock::time_point stop_deadline;
  std::vector<std::thread> threads;

  explicit State(int concurrency) : ioc(concurrency) {}
  void DoAccept();
  void OnAccept(beast::error_code ec, tcp::socket socket);
  void WatchStop();
};

namespace {

constexpr std::string_view kTargetPrefix = "DynamoDB_20120810.";
constexpr std::string_view kAmzJson = "application/x-amz-json-1.0";
constexpr std::string_view kJson = "application/json";
constexpr std::string_view kUnknownOperationXml = "<UnknownOperationException/>\n";

std::string_view View(beast::string_view s) { return {s.data(), s.size()}; }
beast::string_view BeastView(std::string_view s) { return {s.data(), s.size()}; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
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
  Session(tcp::socket&& socket, HttpServer::State* server)
      : stream_(std::move(socket)), server_(server) {
    std::lock_guard<std::mutex> lock(server_->mu);
    server_->sessions.insert(this);
  }
  ~Session() {
    std::lock_guard<std::mutex> lock(server_->mu);
    server_->sessions.erase(this);
  }

  void Start() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Session::DoRead, shared_from_this()));
  }

  // Runs on the session's strand after Stop(): an idle connection closes now; a busy one
  // closes after its answer (OnWrite checks `stopping`).
  void OnServerStop() {
    if (idle_) stream_.cancel();
  }

  auto executor() { return stream_.get_executor(); }

 private:
  void DoRead() {
    if (server_->stopping.load(std::memory_order_acquire)) return DoClose();
    const Limits& limits = server_->options.limits;
    parser_.emplace();
    parser_->header_limit(limits.max_header_bytes);
    parser_->body_limit(limits.max_body_bytes);
    idle_ = true;
    stream_.expires_after(limits.idle_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, size_t) {
    idle_ = false;
    if (ec == http::error::header_limit) {
      return SendBare(http::status::request_header_fields_too_large, /*close=*/true);
    }
    if (ec == http::error::body_limit) {  // a declared Content-Length over the limit
      return SendBare(http::status::payload_too_large, /*close=*/true);
    }
    if (ec) return DoClose();  // end of stream, timeout, cancelled by Stop(), malformed
    const auto length = parser_->content_length();
    if (length.has_value() && *length > server_->options.limits.max_body_bytes) {
      return SendBare(http::status::payload_too_large, /*close=*/true);
    }
    stream_.expires_after(server_->options.limits.read_timeout);
    // curl (not the SDKs) sends "Expect: 100-continue" with larger bodies and waits for the
    // interim answer before sending the body.
    if (EqualsIgnoreCase(View(parser_->get()[http::field::expect]), "100-continue") &&
        !parser_->is_done()) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      return net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                              [self = shared_from_this()](beast::error_code ec, size_t) {
                                if (ec) return self->DoClose();
                                self->DoReadBody();
                              });
    }
    DoReadBody();
  }

  void DoReadBody() {
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::OnBody, shared_from_this()));
  }

  void OnBody(beast::error_code ec, size_t) {
    if (ec == http::error::body_limit) {
      return SendBare(http::status::payload_too_large, /*close=*/true);
    }
    if (ec) return DoClose();
    Handle();
  }

  // Answers without a body (413, 431): headers, then close.
  void SendBare(http::status status, bool close) {
    res_ = {};
    res_.version(11);
    res_.result(status);
    SetRequestId();
    res_.set(http::field::date, BeastView(HttpDate()));
    res_.keep_alive(!close);
    res_.content_length(0);
    DoWrite(close);
  }

  void SetRequestId() {
    char id[52];
    MakeRequestId(id);
    res_.set("x-amzn-RequestId", beast::string_view(id, sizeof(id)));
  }

  void Finish(unsigned status, std::string body, std::string_view content_type) {
    char crc[16];
    const int crc_len = std::snprintf(crc, sizeof(crc), "%u", Crc32(body));
    res_.result(status);
    res_.set("x-amz-crc32", beast::string_view(crc, static_cast<size_t>(crc_len)));
    if (!content_type.empty()) res_.set(http::field::content_type, BeastView(content_type));
    res_.set(http::field::date, BeastView(HttpDate()));
    res_.body() = std::move(body);
    res_.prepare_payload();
    DoWrite(!res_.keep_alive());
  }

  void Handle() {
    http::request<http::string_body>& req = parser_->get();
    res_ = {};
    res_.version(req.version());
    res_.keep_alive(req.keep_alive());
    SetRequestId();

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
    stream_.expires_after(server_->options.limits.write_timeout);
    http::async_write(stream_, res_,
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
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return;
    drained_ = 0;
    stream_.expires_after(std::chrono::seconds(1));
    DoDrain();
  }

  void DoDrain() {
    buffer_.consume(buffer_.size());
    stream_.async_read_some(buffer_.prepare(64 * 1024),
                            beast::bind_front_handler(&Session::OnDrain, shared_from_this()));
  }

  void OnDrain(beast::error_code ec, size_t n) {
    drained_ += n;
    if (ec || drained_ > 32 * 1024 * 1024) return;  // the socket closes with the session
    DoDrain();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> res_;
  std::vector<HttpHeader> headers_;  // reused by signature checks
  HttpServer::State* server_;
  bool idle_ = false;
  size_t drained_ = 0;
};

void HttpServer::State::DoAccept() {
  acceptor->async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket s) {
    OnAccept(ec, std::move(s));
  });
}

void HttpServer::State::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (stopping.load(std::memory_order_acquire) || ec == net::error::operation_aborted) return;
  if (!ec) {
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    std::make_shared<Session>(std::move(socket), this)->Start();
  }
  DoAccept();
}

// After Stop(): polls until every session has ended, or cuts them at the grace deadline.
void HttpServer::State::WatchStop() {
  {
    std::lock_guard<std::mutex> lock(mu);
    if (sessions.empty()) return;  // nothing left: io_context.run() returns
  }
  if (std::chrono::steady_clock::now() >= stop_deadline) {
    ioc.stop();
    return;
  }
  stop_timer->expires_after(std::chrono::milliseconds(20));
  stop_timer->async_wait([this](beast::error_code) { WatchStop(); });
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
  auto state = std::make_unique<State>(threads);
  state->db = &db;
  state->options = options;

  beast::error_code ec;
  tcp::resolver resolver(state->ioc);
  const auto results =
      resolver.resolve(options.host, std::to_string(options.port),
                       tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || results.empty()) {
    return absl::InvalidArgumentError("cannot resolve host '" + options.host +
                                      "': " + ec.message());
  }
  const tcp::endpoint endpoint = results.begin()->endpoint();
  tcp::acceptor& acceptor = state->acceptor.emplace(net::make_strand(state->ioc));
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
  state->stop_timer.emplace(state->ioc);

  state->DoAccept();
  State* s = state.get();
  for (int i = 0; i < threads; ++i) {
    state->threads.emplace_back([s] {
      for (;;) {
        try {
          s->ioc.run();
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
  if (s->stopping.exchange(true, std::memory_order_acq_rel)) return;
  net::post(s->acceptor->get_executor(), [s] {
    beast::error_code ignored;
    s->acceptor->close(ignored);
  });
  // Collected under mu, notified outside it: the last reference to a session may be dropped
  // here, and its destructor takes mu.
  std::vector<std::shared_ptr<Session>> alive;
  {
    std::lock_guard<std::mutex> lock(s->mu);
    alive.reserve(s->sessions.size());
    for (Session* session : s->sessions) {
      if (std::shared_ptr<Session> p = session->weak_from_this().lock()) {
        alive.push_back(std::move(p));
      }
    }
  }
  for (std::shared_ptr<Session>& session : alive) {
    net::post(session->executor(), [session] { session->OnServerStop(); });
  }
  alive.clear();
  s->stop_deadline = std::chrono::steady_clock::now() + s->options.limits.stop_grace;
  net::post(s->ioc, [s] { s->WatchStop(); });
}

void HttpServer::Wait() {
  for (std::thread& t : state_->threads) {
    if (t.joinable()) t.join();
  }
}

}  // namespace dynarock::server
