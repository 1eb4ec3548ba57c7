// Tests of lib/server/http_server: the server runs in-process on 127.0.0.1 (port 0) over a real
// in-memory database; the test talks raw HTTP with Beast's synchronous client.
#include "lib/server/http_server.h"

#include <chrono>
#include <ctime>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>

#include "dynarock/database.h"

#include "lib/server/crc32.h"
#include "lib/server/sigv4.h"

namespace dynarock::server {
namespace {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;
using tcp = boost::asio::ip::tcp;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

constexpr char kDummyAuth[] =
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/dynamodb/aws4_request, "
    "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="
    "0000000000000000000000000000000000000000000000000000000000000000";

std::string NowAmzDate() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

// A server on 127.0.0.1 with its own in-memory database.
struct TestServer {
  explicit TestServer(ServerOptions options = {}) {
    auto opened = Database::OpenInMemory();
    REQUIRE(opened.ok());
    db = std::move(*opened);
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 2;
    auto started = HttpServer::Start(*db, options);
    INFO(started.status().ToString());
    REQUIRE(started.ok());
    server = std::move(*started);
  }
  std::unique_ptr<Database> db;
  std::unique_ptr<HttpServer> server;
};

// One keep-alive client connection.
struct Connection {
  explicit Connection(uint16_t port) : stream(ioc) {
    stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  }
  Response Send(Request req) {
    req.prepare_payload();
    http::write(stream, req);
    return Receive();
  }
  Response Receive() {
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 << 20);
    http::read(stream, buffer, parser);
    return parser.release();
  }
  // True when the server has closed the connection (the next read sees end of stream).
  bool ClosedByServer() {
    beast::error_code ec;
    char byte;
    stream.socket().read_some(net::buffer(&byte, 1), ec);
    return ec == net::error::eof || ec == net::error::connection_reset;
  }
  net::io_context ioc;
  beast::tcp_stream stream;
  beast::flat_buffer buffer;
};

Request DynamoRequest(std::string_view operation, std::string body) {
  Request req(http::verb::post, "/", 11);
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::content_type, "application/x-amz-json-1.0");
  req.set("X-Amz-Target", "DynamoDB_20120810." + std::string(operation));
  req.set("X-Amz-Date", NowAmzDate());
  req.set(http::field::authorization, kDummyAuth);
  req.body() = std::move(body);
  return req;
}

std::string Header(const Response& res, std::string_view name) {
  return std::string(res[beast::string_view(name.data(), name.size())]);
}

// Why: botocore checks x-amz-crc32 against the body; every SDK expects the request id and the
// echoed content type.
TEST_CASE("HttpServer: answers carry DynamoDB's headers", "[server][http]") {
  TestServer ts;
  Connection c(ts.server->port());
  Response res = c.Send(DynamoRequest("ListTables", "{}"));
  CHECK(res.result_int() == 200);
  CHECK(res.body() == "{\"TableNames\":[]}");
  CHECK(Header(res, "x-amz-crc32") == std::to_string(Crc32(res.body())));
  CHECK(Header(res, "Content-Type") == "application/x-amz-json-1.0");
  const std::string id = Header(res, "x-amzn-RequestId");
  REQUIRE(id.size() == 52);
  for (char ch : id) CHECK(((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')));
  CHECK(Header(c.Send(DynamoRequest("ListTables", "{}")), "x-amzn-RequestId") != id);

  SECTION("application/json is echoed") {
    Request req = DynamoRequest("ListTables", "{}");
    req.set(http::field::content_type, "application/json; charset=utf-8");
    Response json = c.Send(std::move(req));
    CHECK(json.result_int() == 200);
    CHECK(Header(json, "Content-Type") == "application/json");
  }
}

// Why: the errors the HTTP layer answers itself, before any operation runs, with DynamoDB's
// status codes and bodies (reference §8.1, §8.5).
TEST_CASE("HttpServer: protocol errors", "[server][http]") {
  TestServer ts;
  Connection c(ts.server->port());

  SECTION("no Authorization header") {
    Request req = DynamoRequest("ListTables", "{}");
    req.erase(http::field::authorization);
    Response res = c.Send(std::move(req));
    CHECK(res.result_int() == 400);
    CHECK(res.body() ==
          "{\"__type\":\"com.amazon.coral.service#MissingAuthenticationTokenException\","
          "\"message\":\"Request is missing Authentication Token\"}");
    CHECK(Header(res, "x-amz-crc32") == std::to_string(Crc32(res.body())));
  }
  SECTION("incomplete Authorization header") {
    Request req = DynamoRequest("ListTables", "{}");
    req.set(http::field::authorization, "AWS4-HMAC-SHA256 Credential=a/b/c/d/e");
    Response res = c.Send(std::move(req));
    CHECK(res.result_int() == 400);
    CHECK(res.body() ==
          "{\"__type\":\"com.amazon.coral.service#IncompleteSignatureException\","
          "\"message\":\"Authorization header requires 'Signature' parameter. Authorization "
          "header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256 "
          "Credential=a/b/c/d/e\"}");
  }
  SECTION("no X-Amz-Target") {
    Request req = DynamoRequest("ListTables", "{}");
    req.erase("X-Amz-Target");
    Response res = c.Send(std::move(req));
    CHECK(res.result_int() == 400);
    CHECK(res.body() == "{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}");
  }
  SECTION("a target of another service") {
    Request req = DynamoRequest("ListTables", "{}");
    req.set("X-Amz-Target", "DynamoDB_20111205.ListTables");
    Response res = c.Send(std::move(req));
    CHECK(res.result_int() == 400);
    CHECK(res.body() == "{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}");
  }
  SECTION("an unknown operation") {
    Response res = c.Send(DynamoRequest("FlyToTheMoon", "{}"));
    CHECK(res.result_int() == 400);
    CHECK(res.body().find("#UnknownOperationException\"") != std::string::npos);
  }
  SECTION("a body of another content type") {
    Request req = DynamoRequest("ListTables", "{}");
    req.set(http::field::content_type, "text/plain");
    Response res = c.Send(std::move(req));
    CHECK(res.result_int() == 404);
    CHECK(res.body() == "<UnknownOperationException/>\n");
    CHECK(Header(res, "x-amz-crc32") == "3552371480");
  }
  SECTION("methods other than POST") {
    Request get(http::verb::get, "/", 11);
    get.set(http::field::host, "127.0.0.1");
    Response health = c.Send(get);
    CHECK(health.result_int() == 200);
    CHECK(health.body() == "healthy: dynamodb.us-east-1.amazonaws.com ");
    Request put(http::verb::put, "/", 11);
    put.set(http::field::host, "127.0.0.1");
    Response res = c.Send(put);
    CHECK(res.result_int() == 404);
    CHECK(res.body() == "<UnknownOperationException/>\n");
    // Every GET is the health check (dynalite's rule).
    Request get_other(http::verb::get, "/tables?x=1", 11);
    CHECK(c.Send(get_other).body() == "healthy: dynamodb.us-east-1.amazonaws.com ");
  }
}

// Sends `raw` and reads until the server closes the connection (at most 5 s).
std::string ExchangeRaw(uint16_t port, std::string_view raw) {
  Connection c(port);
  c.stream.expires_after(std::chrono::seconds(5));
  net::write(c.stream.socket(), net::buffer(raw));
  std::string out;
  beast::error_code ec;
  char buf[4096];
  for (;;) {
    const size_t n = c.stream.read_some(net::buffer(buf), ec);
    out.append(buf, n);
    if (ec) break;
  }
  CHECK((ec == net::error::eof || ec == net::error::connection_reset));
  return out;
}

size_t Count(std::string_view text, std::string_view what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

// Why: HEAD must not be answered with content (RFC 9110 9.3.2): a client that keeps its
// connection would read those bytes as the start of the next answer.
TEST_CASE("HttpServer: HEAD gets the head only", "[server][http]") {
  TestServer ts;
  const std::string out = ExchangeRaw(
      ts.server->port(),
      "HEAD / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  CHECK(Count(out, "HTTP/1.1 200 OK\r\n") == 2);
  CHECK(Count(out, "Content-Length: 42\r\n") == 2);
  CHECK(Count(out, "healthy: dynamodb.us-east-1.amazonaws.com ") == 1);  // the GET's only
  CHECK(out.substr(out.size() - 42) == "healthy: dynamodb.us-east-1.amazonaws.com ");
}

// Why: browser SDKs need CORS: a preflight answered 200 with the requested method and headers
// allowed, and every answer to a request with an Origin readable by the page (dynalite's
// answers, built to match DynamoDB's).
TEST_CASE("HttpServer: CORS", "[server][http]") {
  TestServer ts;
  const std::string preflight = ExchangeRaw(
      ts.server->port(),
      "OPTIONS / HTTP/1.1\r\nHost: x\r\nOrigin: http://example.com\r\n"
      "Access-Control-Request-Method: POST\r\n"
      "Access-Control-Request-Headers: content-type,x-amz-target\r\nConnection: close\r\n\r\n");
  CHECK(preflight.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
  CHECK(Count(preflight, "Access-Control-Allow-Origin: *\r\n") == 1);
  CHECK(Count(preflight, "Access-Control-Allow-Methods: POST\r\n") == 1);
  CHECK(Count(preflight, "Access-Control-Allow-Headers: content-type,x-amz-target\r\n") == 1);
  CHECK(Count(preflight, "Access-Control-Max-Age: 172800\r\n") == 1);
  CHECK(Count(preflight, "Content-Length: 0\r\n") == 1);
  // Without an Origin, OPTIONS is just another method DynamoDB does not serve.
  const std::string bare =
      ExchangeRaw(ts.server->port(), "OPTIONS / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  CHECK(bare.rfind("HTTP/1.1 404 ", 0) == 0);
  CHECK(Count(bare, "Access-Control-") == 0);

  Connection c(ts.server->port());
  Request req = DynamoRequest("ListTables", "{}");
  req.set(http::field::origin, "http://example.com");
  Response res = c.Send(req);
  CHECK(res.result_int() == 200);
  CHECK(Header(res, "Access-Control-Allow-Origin") == "*");
  CHECK(Header(res, "Access-Control-Expose-Headers").find("x-amzn-RequestId") == 0);
  Response plain = c.Send(DynamoRequest("ListTables", "{}"));
  CHECK(Header(plain, "Access-Control-Allow-Origin").empty());
}

// Why: DynamoDB refuses bodies over 16 MB with 413; a declared Content-Length is refused before
// the body is read, and the connection is closed (the rest of the upload is not read).
TEST_CASE("HttpServer: body over the limit gets 413", "[server][http][limits]") {
  SECTION("declared length, default 16 MiB limit") {
    TestServer ts;
    Connection c(ts.server->port());
    const std::string head =
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n"
        "X-Amz-Target: DynamoDB_20120810.PutItem\r\nContent-Length: " +
        std::to_string((16u << 20) + 1) + "\r\n\r\n";
    net::write(c.stream.socket(), net::buffer(head));
    Response res = c.Receive();
    CHECK(res.result_int() == 413);
    CHECK(res.body().empty());
    CHECK(Header(res, "x-amzn-RequestId").size() == 52);
    CHECK(c.ClosedByServer());
  }
  SECTION("chunked body over a small limit") {
    ServerOptions options;
    options.limits.max_body_bytes = 1000;
    TestServer ts(options);
    Connection c(ts.server->port());
    Request req = DynamoRequest("PutItem", std::string(2000, ' '));
    req.chunked(true);
    http::write(c.stream, req);
    CHECK(c.Receive().result_int() == 413);
    CHECK(c.ClosedByServer());
  }
  SECTION("headers over the limit") {
    ServerOptions options;
    options.limits.max_header_bytes = 1024;
    TestServer ts(options);
    Connection c(ts.server->port());
    Request req = DynamoRequest("ListTables", "{}");
    req.set("X-Padding", std::string(2000, 'p'));
    CHECK(c.Send(std::move(req)).result_int() == 431);
    CHECK(c.ClosedByServer());
  }
}

// Why: curl sends "Expect: 100-continue" with bodies over 1 KiB and waits for the interim
// answer; without it every such request would stall.
TEST_CASE("HttpServer: answers Expect 100-continue", "[server][http]") {
  TestServer ts;
  Connection c(ts.server->port());
  const std::string body = "{\"Limit\":5" + std::string(2000, ' ') + "}";
  const std::string head =
      "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n"
      "X-Amz-Target: DynamoDB_20120810.ListTables\r\nX-Amz-Date: 20260101T000000Z\r\n"
      "Authorization: " +
      std::string(kDummyAuth) +
      "\r\nExpect: 100-continue\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n";
  net::write(c.stream.socket(), net::buffer(head));
  std::string interim;
  net::read_until(c.stream.socket(), net::dynamic_buffer(interim), "\r\n\r\n");
  CHECK(interim == "HTTP/1.1 100 Continue\r\n\r\n");
  net::write(c.stream.socket(), net::buffer(body));
  Response res = c.Receive();
  CHECK(res.result_int() == 200);
  CHECK(res.body() == "{\"TableNames\":[]}");
}

// Why: a client may send its next request before reading the answer (pipelining); answers
// come back in order, each whole.
TEST_CASE("HttpServer: pipelined requests are answered in order", "[server][http]") {
  TestServer ts;
  Connection c(ts.server->port());
  std::string both;
  for (int i = 0; i < 3; ++i) {
    Request req = DynamoRequest(i == 1 ? "FlyToTheMoon" : "ListTables", "{}");
    req.prepare_payload();
    std::ostringstream out;
    out << req;
    both += out.str();
  }
  net::write(c.stream.socket(), net::buffer(both));
  CHECK(c.Receive().body() == "{\"TableNames\":[]}");
  CHECK(c.Receive().result_int() == 400);
  CHECK(c.Receive().body() == "{\"TableNames\":[]}");
}

// Why: a client that pipelines far more than one read holds must get every answer, in order,
// while it reads them (the server answers in turns, so other connections are not starved).
TEST_CASE("HttpServer: a long pipelined stream", "[server][http]") {
  TestServer ts;
  Connection c(ts.server->port());
  constexpr int kRequests = 2000;
  std::string stream;
  for (int i = 0; i < kRequests; ++i) {
    Request req = DynamoRequest("ListTables", "{\"Limit\":" + std::to_string(1 + i % 100) + "}");
    req.prepare_payload();
    std::ostringstream out;
    out << req;
    stream += out.str();
  }
  std::thread writer([&] {
    beast::error_code ec;
    net::write(c.stream.socket(), net::buffer(stream), ec);
  });
  int ok = 0;
  for (int i = 0; i < kRequests; ++i) {
    Response res = c.Receive();
    if (res.result_int() == 200 && res.body() == "{\"TableNames\":[]}" &&
        Header(res, "x-amz-crc32") == std::to_string(Crc32(res.body()))) {
      ++ok;
    }
  }
  writer.join();
  CHECK(ok == kRequests);
  // Meanwhile-style check: another connection is served at once.
  Connection other(ts.server->port());
  CHECK(other.Send(DynamoRequest("ListTables", "{}")).result_int() == 200);
}

// Why: a client that half-closes after its request (nc -N, some scripts) gets its answer, and
// the connection is closed at once rather than after the idle timeout.
TEST_CASE("HttpServer: a half-closed client", "[server][http]") {
  ServerOptions options;
  options.limits.idle_timeout = std::chrono::seconds(30);
  TestServer ts(options);
  Connection c(ts.server->port());
  // A first exchange, so that the server waits on this connection; then a request and the FIN
  // right behind it. The FIN may reach the server with the request or after it (timing): both
  // must end in the answer and a prompt close.
  CHECK(c.Send(DynamoRequest("ListTables", "{}")).result_int() == 200);
  Request req = DynamoRequest("ListTables", "{}");
  req.prepare_payload();
  http::write(c.stream, req);
  c.stream.socket().shutdown(tcp::socket::shutdown_send);
  const auto start = std::chrono::steady_clock::now();
  CHECK(c.Receive().result_int() == 200);
  CHECK(c.ClosedByServer());
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
}

// Why: a chunked body is decoded before the operation sees it.
TEST_CASE("HttpServer: a chunked body", "[server][http]") {
  TestServer ts;
  Connection c(ts.server->port());
  Request req = DynamoRequest("ListTables", "{\"Limit\":5}");
  req.chunked(true);
  http::write(c.stream, req);
  Response res = c.Receive();
  CHECK(res.result_int() == 200);
  CHECK(res.body() == "{\"TableNames\":[]}");
  CHECK(c.Send(DynamoRequest("ListTables", "{}")).result_int() == 200);  // still in step
}

// Why: what is not HTTP/1.x gets an error status and a closed connection, never a hang.
TEST_CASE("HttpServer: malformed requests", "[server][http]") {
  TestServer ts;
  SECTION("malformed head: 400") {
    Connection c(ts.server->port());
    net::write(c.stream.socket(), net::buffer(std::string("POST / HTTP/1.1\r\nNo colon\r\n\r\n")));
    Response res = c.Receive();
    CHECK(res.result_int() == 400);
    CHECK(res.body().empty());
    CHECK(c.ClosedByServer());
  }
  SECTION("request smuggling shape: 400") {
    Connection c(ts.server->port());
    net::write(c.stream.socket(),
               net::buffer(std::string("POST / HTTP/1.1\r\nContent-Length: 3\r\n"
                                       "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")));
    CHECK(c.Receive().result_int() == 400);
    CHECK(c.ClosedByServer());
  }
  SECTION("bare LF line endings: 400 at once, not a hang") {
    const std::string out =
        ExchangeRaw(ts.server->port(), "GET / HTTP/1.1\nHost: x\n\n");
    CHECK(out.rfind("HTTP/1.1 400 ", 0) == 0);
  }
  SECTION("an HTTP/0.9 request line: 400 at once") {
    CHECK(ExchangeRaw(ts.server->port(), "GET /\r\n").rfind("HTTP/1.1 400 ", 0) == 0);
  }
  SECTION("another HTTP version: 505") {
    Connection c(ts.server->port());
    net::write(c.stream.socket(), net::buffer(std::string("POST / HTTP/2.0\r\n\r\n")));
    CHECK(c.Receive().result_int() == 505);
    CHECK(c.ClosedByServer());
  }
  SECTION("HTTP/1.0 without keep-alive: answered, then closed") {
    Connection c(ts.server->port());
    Request req = DynamoRequest("ListTables", "{}");
    req.version(10);
    Response res = c.Send(std::move(req));
    CHECK(res.result_int() == 200);
    CHECK(res.version() == 10);
    CHECK(c.ClosedByServer());
  }
}

// Why: an answer larger than the socket buffer is written in pieces as the client reads; a
// slow reader must still get every byte.
TEST_CASE("HttpServer: a large answer to a slow reader", "[server][http]") {
  TestServer ts;
  Connection setup(ts.server->port());
  REQUIRE(setup.Send(DynamoRequest(
                         "CreateTable",
                         R"({"TableName":"Big","AttributeDefinitions":[{"AttributeName":"pk",)"
                         R"("AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":)"
                         R"("HASH"}],"BillingMode":"PAY_PER_REQUEST"})"))
              .result_int() == 200);
  // 16 items of 350 KB: a BatchGetItem answer of 5.6 MB, more than Linux lets a socket's send
  // buffer grow to (net.ipv4.tcp_wmem, 4 MiB by default).
  const std::string blob(350 * 1024, 'b');
  std::string keys;
  for (int i = 0; i < 16; ++i) {
    REQUIRE(setup.Send(DynamoRequest("PutItem", R"({"TableName":"Big","Item":{"pk":{"S":"k)" +
                                                    std::to_string(i) + R"("},"v":{"S":")" +
                                                    blob + R"("}}})"))
                .result_int() == 200);
    keys += std::string(i ? "," : "") + R"({"pk":{"S":"k)" + std::to_string(i) + R"("}})";
  }
  // A small receive buffer, and no reading for a while: the server's send buffer fills up.
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.socket().open(tcp::v4());
  stream.socket().set_option(net::socket_base::receive_buffer_size(4096));
  stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), ts.server->port()));
  Request batch =
      DynamoRequest("BatchGetItem", R"({"RequestItems":{"Big":{"Keys":[)" + keys + "]}}}");
  batch.prepare_payload();
  http::write(stream, batch);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 << 20);
  http::read(stream, buffer, parser);
  Response res = parser.release();
  CHECK(res.result_int() == 200);
  CHECK(res.body().size() > 16 * blob.size());
  CHECK(Header(res, "x-amz-crc32") == std::to_string(Crc32(res.body())));
  CHECK(res.body().find(R"("UnprocessedKeys":{})") != std::string::npos);
  // The connection carries on.
  Request list = DynamoRequest("ListTables", "{}");
  list.prepare_payload();
  http::write(stream, list);
  http::response_parser<http::string_body> next;
  http::read(stream, buffer, next);
  CHECK(next.get().body() == R"({"TableNames":["Big"]})");
}

// Why: SDKs pool connections; one connection must carry a table's whole life.
TEST_CASE("HttpServer: keep-alive carries many requests", "[server][http]") {
  TestServer ts;
  Connection c(ts.server->port());
  Response created = c.Send(DynamoRequest(
      "CreateTable",
      R"({"TableName":"Tbl","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],)"
      R"("KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"})"));
  INFO(created.body());
  REQUIRE(created.result_int() == 200);
  CHECK(created.keep_alive());
  Response put = c.Send(
      DynamoRequest("PutItem", R"({"TableName":"Tbl","Item":{"pk":{"S":"a"},"n":{"N":"7"}}})"));
  INFO(put.body());
  REQUIRE(put.result_int() == 200);
  Response got = c.Send(DynamoRequest("GetItem", R"({"TableName":"Tbl","Key":{"pk":{"S":"a"}}})"));
  INFO(got.body());
  REQUIRE(got.result_int() == 200);
  CHECK(got.body().find(R"("n":{"N":"7"})") != std::string::npos);
  Response missing =
      c.Send(DynamoRequest("GetItem", R"({"TableName":"Nope","Key":{"pk":{"S":"a"}}})"));
  CHECK(missing.result_int() == 400);
  CHECK(missing.body().find("#ResourceNotFoundException\"") != std::string::npos);
  CHECK(c.Send(DynamoRequest("ListTables", "{}")).body() == R"({"TableNames":["Tbl"]})");
}

// Why: worker threads share one io_context; concurrent connections must each get their own
// answers, intact (checked by CRC), with no cross-talk between sessions.
TEST_CASE("HttpServer: concurrent connections", "[server][http]") {
  TestServer ts;
  {
    Connection c(ts.server->port());
    REQUIRE(c.Send(DynamoRequest("CreateTable",
                                 R"({"TableName":"Conc","AttributeDefinitions":[{"AttributeName":)"
                                 R"("pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk",)"
                                 R"("KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"})"))
                .result_int() == 200);
  }
  constexpr int kClients = 6;
  constexpr int kRequests = 40;
  std::vector<std::string> failures(kClients);
  std::vector<std::thread> clients;
  for (int t = 0; t < kClients; ++t) {
    clients.emplace_back([&, t] {
      try {
        Connection c(ts.server->port());
        for (int i = 0; i < kRequests; ++i) {
          const std::string key = "k" + std::to_string(t) + "-" + std::to_string(i);
          Response put = c.Send(DynamoRequest(
              "PutItem", R"({"TableName":"Conc","Item":{"pk":{"S":")" + key + R"("}}})"));
          Response got = c.Send(DynamoRequest(
              "GetItem", R"({"TableName":"Conc","Key":{"pk":{"S":")" + key + R"("}}})"));
          if (put.result_int() != 200 || got.result_int() != 200 ||
              got.body() != R"({"Item":{"pk":{"S":")" + key + R"("}}})" ||
              Header(got, "x-amz-crc32") != std::to_string(Crc32(got.body()))) {
            failures[t] = key + ": " + put.body() + " / " + got.body();
            return;
          }
        }
      } catch (const std::exception& e) {
        failures[t] = e.what();
      }
    });
  }
  for (std::thread& c : clients) c.join();
  for (const std::string& f : failures) CHECK(f == "");
}

// Signs `req` as an SDK would (host, content-type, x-amz-date, x-amz-target).
void SignRequest(Request* req, std::string_view key_id, std::string_view secret) {
  const std::string date = NowAmzDate();
  req->set("X-Amz-Date", date);
  std::vector<HttpHeader> headers;
  for (const auto& f : *req) {
    headers.push_back({std::string_view(f.name_string().data(), f.name_string().size()),
                       std::string_view(f.value().data(), f.value().size())});
  }
  const std::string_view signed_headers = "content-type;host;x-amz-date;x-amz-target";
  const SigV4Request sr{.method = "POST", .target = "/", .headers = headers, .body = req->body()};
  const std::string signature =
      ComputeSignature(secret, date, std::string_view(date).substr(0, 8), "us-east-1", "dynamodb",
                       CanonicalRequest(sr, signed_headers));
  req->set(http::field::authorization,
           "AWS4-HMAC-SHA256 Credential=" + std::string(key_id) + "/" + date.substr(0, 8) +
               "/us-east-1/dynamodb/aws4_request, SignedHeaders=" + std::string(signed_headers) +
               ", Signature=" + signature);
}

// Why: with --access-key/--secret-key the server must refuse what was not signed with them.
TEST_CASE("HttpServer: verifies signatures when it holds credentials", "[server][http][sigv4]") {
  ServerOptions options;
  options.credentials = Credentials{.access_key_id = "AKIDLOCAL", .secret_access_key = "hush"};
  TestServer ts(options);
  Connection c(ts.server->port());

  Request good = DynamoRequest("ListTables", "{}");
  SignRequest(&good, "AKIDLOCAL", "hush");
  CHECK(c.Send(good).result_int() == 200);

  Request bad = DynamoRequest("ListTables", "{}");
  SignRequest(&bad, "AKIDLOCAL", "wrong");
  Response refused = c.Send(bad);
  CHECK(refused.result_int() == 400);
  CHECK(refused.body().find("\"__type\":\"com.amazon.coral.service#InvalidSignatureException\"") !=
        std::string::npos);

  Request stranger = DynamoRequest("ListTables", "{}");
  SignRequest(&stranger, "AKIDOTHER", "hush");
  CHECK(c.Send(stranger).body() ==
        "{\"__type\":\"com.amazon.coral.service#UnrecognizedClientException\","
        "\"message\":\"The security token included in the request is invalid.\"}");

  Request dummy = DynamoRequest("ListTables", "{}");  // well formed, not verifiable
  CHECK(c.Send(dummy).result_int() == 400);
}

// Why: SIGTERM must not drop answered work or hang on idle keep-alive connections.
TEST_CASE("HttpServer: Stop closes idle connections and ends", "[server][http]") {
  TestServer ts;
  Connection c(ts.server->port());
  CHECK(c.Send(DynamoRequest("ListTables", "{}")).result_int() == 200);
  ts.server->Stop();
  ts.server->Wait();  // returns although the connection was left open
  CHECK(c.ClosedByServer());
  net::io_context ioc;
  tcp::socket s(ioc);
  beast::error_code ec;
  s.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), ts.server->port()), ec);
  CHECK(ec);  // no longer listening
}

// Why: an idle keep-alive connection is closed by the server after the idle timeout.
TEST_CASE("HttpServer: idle connections time out", "[server][http][limits]") {
  ServerOptions options;
  options.limits.idle_timeout = std::chrono::milliseconds(200);
  TestServer ts(options);
  Connection c(ts.server->port());
  CHECK(c.Send(DynamoRequest("ListTables", "{}")).result_int() == 200);
  CHECK(c.ClosedByServer());  // blocks until the server closes
}

// Why: a client that sends a header and then stalls in the body must not hold a connection
// (and its buffers) forever: the read timeout closes it.
TEST_CASE("HttpServer: a stalled body times out", "[server][http][limits]") {
  ServerOptions options;
  options.limits.read_timeout = std::chrono::milliseconds(200);
  TestServer ts(options);
  Connection c(ts.server->port());
  const std::string head =
      "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n"
      "X-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Length: 100\r\n\r\n{\"Li";
  net::write(c.stream.socket(), net::buffer(head));
  CHECK(c.ClosedByServer());  // blocks until the server closes
}

// Why: connections are spread over the workers; each must keep its own keep-alive session and
// the server must still stop cleanly with connections open on every worker.
TEST_CASE("HttpServer: many connections across workers, then Stop", "[server][http]") {
  TestServer ts;
  std::vector<std::unique_ptr<Connection>> connections;
  for (int i = 0; i < 8; ++i) {
    connections.push_back(std::make_unique<Connection>(ts.server->port()));
  }
  for (int round = 0; round < 3; ++round) {
    for (auto& c : connections) {
      Response res = c->Send(DynamoRequest("ListTables", "{}"));
      CHECK(res.result_int() == 200);
      CHECK(res.body() == "{\"TableNames\":[]}");
    }
  }
  ts.server->Stop();
  ts.server->Wait();
  for (auto& c : connections) CHECK(c->ClosedByServer());
}

}  // namespace
}  // namespace dynarock::server
