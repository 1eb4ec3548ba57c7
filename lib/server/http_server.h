// File: lib/server/http_server.h
//
// HttpServer: DynamoDB's HTTP/1.1 JSON protocol in front of a dynarock::Database, so the AWS
// SDKs and CLI can use dynarock through `endpoint_url`. Its own event loop (epoll) and HTTP/1.1
// parser (http_parser.h): N worker threads, each with its own epoll set; each connection lives
// on one worker, with keep-alive and pipelining.
//
// Protocol (reference §8): `POST /` with `X-Amz-Target: DynamoDB_20120810.<Operation>` and
// `Content-Type: application/x-amz-json-1.0` (or application/json). Every answer carries
// `x-amzn-RequestId`; JSON answers carry `x-amz-crc32` (CRC-32 of the body, unsigned decimal)
// and echo the request's content type. In DynamoDB's order:
//   - a method other than POST, or a body with another content type: HTTP 404,
//     `<UnknownOperationException/>` (GET / answers 200 `healthy: dynamodb.<region>...`);
//   - missing or foreign X-Amz-Target: 400 UnknownOperationException (no message);
//   - Authorization missing or malformed: 400 with the SigV4 errors of sigv4.h; signatures
//     are verified only when `credentials` are set (as DynamoDB Local, any well-formed
//     signature is accepted otherwise);
//   - then HandleJsonRequest() answers (json_api.h);
//   - a body over Limits::max_body_bytes: 413 with an empty body, connection closed; a head
//     over Limits::max_header_bytes: 431; a malformed request: 400; an HTTP version other
//     than 1.0 and 1.1: 505 (each with an empty body, connection closed).
//
// Thread safety: Stop() and Wait() may be called from any thread. The Database must outlive
// the server.
#ifndef DYNAROCK_LIB_SERVER_HTTP_SERVER_H_
#define DYNAROCK_LIB_SERVER_HTTP_SERVER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "dynarock/database.h"

#include "lib/server/limits.h"
#include "lib/server/sigv4.h"

#include "absl/status/statusor.h"

namespace dynarock::server {

struct ServerOptions {
  // Address to listen on. Default: loopback only.
  std::string host = "127.0.0.1";
  // TCP port; 0 picks a free one (read it back with port()). Default: 8000, as DynamoDB Local.
  uint16_t port = 8000;
  // Worker threads, each with its own event loop. 0: std::thread::hardware_concurrency().
  int threads = 0;
  // When set, every request's SigV4 signature is verified against these credentials.
  std::optional<Credentials> credentials{};
  // Region named in the GET / health answer.
  std::string region = "us-east-1";
  Limits limits{};
};

class HttpServer {
 public:
  // Binds and listens on options.host:options.port, then starts the worker threads; requests
  // are served as soon as this returns. Errors: kInvalidArgument for an unresolvable host,
  // kUnavailable when the address cannot be bound.
  // REQUIRES: `db` outlives the returned server.
  static absl::StatusOr<std::unique_ptr<HttpServer>> Start(Database& db,
                                                           const ServerOptions& options);

  // Stop() then Wait().
  ~HttpServer();

  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // The bound port (the chosen one when options.port was 0) and address.
  uint16_t port() const;
  const std::string& host() const;

  // Begins a clean stop: no new connections; idle keep-alive connections are closed; requests
  // already received are answered (each connection then closes). After Limits::stop_grace the
  // remaining connections are cut. Returns at once; idempotent.
  void Stop();

  // Blocks until the worker threads have exited (after Stop()).
  void Wait();

  struct State;  // implementation, in http_server.cc

 private:
  explicit HttpServer(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace dynarock::server

#endif  // DYNAROCK_LIB_SERVER_HTTP_SERVER_H_
