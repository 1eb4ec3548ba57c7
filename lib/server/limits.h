// File: lib/server/limits.h
//
// Limits of dynarock-server's HTTP layer. DynamoDB's own: a request body above 16 MB is
// refused with HTTP 413 and an empty body (reference §8.1). The others protect the server from
// slow or idle clients and are not visible to well-behaved SDKs.
#ifndef DYNAROCK_LIB_SERVER_LIMITS_H_
#define DYNAROCK_LIB_SERVER_LIMITS_H_

#include <chrono>
#include <cstdint>

namespace dynarock::server {

struct Limits {
  // Largest request body accepted; larger ones get HTTP 413 and the connection is closed.
  // Default: 16 MiB, as DynamoDB.
  uint64_t max_body_bytes = 16ull * 1024 * 1024;
  // Largest request line plus header fields; larger ones get HTTP 431 and the connection is
  // closed. Default: 64 KiB (SDK requests use under 2 KiB).
  uint32_t max_header_bytes = 64 * 1024;
  // How long a keep-alive connection may sit between requests (until the request's header has
  // arrived) before the server closes it. Default: 60 s.
  std::chrono::milliseconds idle_timeout = std::chrono::seconds(60);
  // How long the body of a request may take to arrive once its header has (a slow client
  // holding a connection open). Default: 30 s.
  std::chrono::milliseconds read_timeout = std::chrono::seconds(30);
  // How long writing one response may take. Default: 30 s.
  std::chrono::milliseconds write_timeout = std::chrono::seconds(30);
  // On Stop(), how long in-flight requests get to finish before connections are cut.
  // Default: 10 s.
  std::chrono::milliseconds stop_grace = std::chrono::seconds(10);
};

}  // namespace dynarock::server

#endif  // DYNAROCK_LIB_SERVER_LIMITS_H_
