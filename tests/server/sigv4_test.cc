// Tests of lib/server/sigv4: parsing errors with DynamoDB's texts, and verification.
#include "lib/server/sigv4.h"

#include <chrono>
#include <ctime>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

namespace dynarock::server {
namespace {

using Clock = std::chrono::system_clock;

Clock::time_point At(int year, int mon, int day, int h, int m, int s) {
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = mon - 1;
  tm.tm_mday = day;
  tm.tm_hour = h;
  tm.tm_min = m;
  tm.tm_sec = s;
  return Clock::from_time_t(timegm(&tm));
}

void CheckAuthError(const absl::Status& status, std::string_view type, std::string_view message) {
  INFO(status.ToString());
  REQUIRE_FALSE(status.ok());
  CHECK(AuthErrorTypeName(status) == type);
  CHECK(std::string(status.message()) == message);
}

// Why: AWS's published SigV4 example (IAM ListUsers, 2015-08-30) pins the canonical request
// layout and the key derivation against an independent implementation.
TEST_CASE("SigV4: AWS documentation example", "[server][sigv4]") {
  const std::vector<HttpHeader> headers = {
      {"Host", "iam.amazonaws.com"},
      {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
      {"X-Amz-Date", "20150830T123600Z"}};
  const SigV4Request request{.method = "GET",
                             .target = "/?Version=2010-05-08&Action=ListUsers",
                             .headers = headers,
                             .body = ""};
  const std::string canonical = CanonicalRequest(request, "content-type;host;x-amz-date");
  CHECK(canonical ==
        "GET\n/\nAction=ListUsers&Version=2010-05-08\n"
        "content-type:application/x-www-form-urlencoded; charset=utf-8\n"
        "host:iam.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
        "content-type;host;x-amz-date\n"
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(ComputeSignature("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830T123600Z", "20150830",
                         "us-east-1", "iam", canonical) ==
        "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
}

// Why: header values are trimmed, inner spaces collapsed and repeated headers joined by ','.
TEST_CASE("SigV4: canonical header values", "[server][sigv4]") {
  const std::vector<HttpHeader> headers = {
      {"host", "localhost:8000"}, {"X-Custom", "  a   b  "}, {"x-custom", "c"}};
  const SigV4Request request{.method = "POST", .target = "/", .headers = headers, .body = "{}"};
  CHECK(CanonicalRequest(request, "host;x-custom") ==
        "POST\n/\n\nhost:localhost:8000\nx-custom:a b,c\n\nhost;x-custom\n" + Sha256Hex("{}"));
}

// Why: SigV4 signs the path URI-encoded twice after removing dot segments (every service but
// S3; botocore and the JS SDK do so); signing it as sent refused real clients whose endpoint
// URL has a path with '+', '%' or '~'.
TEST_CASE("SigV4: canonical path", "[server][sigv4]") {
  auto canonical = [](std::string_view path) {
    std::string out;
    AppendCanonicalPath(path, &out);
    return out;
  };
  CHECK(canonical("") == "/");
  CHECK(canonical("/") == "/");
  CHECK(canonical("/a+b") == "/a%2Bb");
  CHECK(canonical("/a%20b/") == "/a%2520b/");
  CHECK(canonical("/x/./y/../z") == "/x/z");
  CHECK(canonical("//a//b") == "/a/b");
  CHECK(canonical("/%7Euser/~me") == "/%257Euser/~me");
  CHECK(canonical("/..") == "/");
}

// Why: DynamoDB's parse errors, in its order, with its exact texts (reference §8.5).
TEST_CASE("SigV4: malformed Authorization headers", "[server][sigv4]") {
  const std::string_view date = "20260101T000000Z";
  SECTION("absent") {
    CheckAuthError(ParseAuthorization(nullptr, &date).status(),
                   "MissingAuthenticationTokenException",
                   "Request is missing Authentication Token");
  }
  SECTION("not AWS4-") {
    const std::string_view auth = "Basic dXNlcjpwYXNz";
    CheckAuthError(ParseAuthorization(&auth, &date).status(), "MissingAuthenticationTokenException",
                   "Request is missing Authentication Token");
  }
  SECTION("every part missing") {
    const std::string_view auth = "AWS4-HMAC-SHA256 ";
    CheckAuthError(ParseAuthorization(&auth, nullptr).status(), "IncompleteSignatureException",
                   "Authorization header requires 'Credential' parameter. Authorization header "
                   "requires 'Signature' parameter. Authorization header requires "
                   "'SignedHeaders' parameter. Authorization header requires existence of "
                   "either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256 ");
  }
  SECTION("signature missing") {
    const std::string_view auth = "AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host";
    CheckAuthError(ParseAuthorization(&auth, &date).status(), "IncompleteSignatureException",
                   "Authorization header requires 'Signature' parameter. "
                   "Authorization=AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host");
  }
  SECTION("other algorithm") {
    const std::string_view auth =
        "AWS4-HMAC-SHA25 Credential=a/b/c/d/e, SignedHeaders=host, Signature=00";
    CheckAuthError(ParseAuthorization(&auth, &date).status(), "IncompleteSignatureException",
                   "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA25' (only AWS4-HMAC-SHA256 for "
                   "now). ");
  }
  SECTION("credential with 4 elements") {
    const std::string_view auth =
        "AWS4-HMAC-SHA256 Credential=a/b/c/d, SignedHeaders=host, Signature=00";
    CheckAuthError(ParseAuthorization(&auth, &date).status(), "IncompleteSignatureException",
                   "Credential must have exactly 5 slash-delimited elements, e.g. "
                   "keyid/date/region/service/term, got 'a/b/c/d'");
  }
  SECTION("parts separated by spaces only") {
    // As dynalite (built against DynamoDB) reads them: ',' and ' ' both separate parts.
    const std::string_view auth = "AWS4- Signature=b Credential=a";
    CheckAuthError(ParseAuthorization(&auth, &date).status(), "IncompleteSignatureException",
                   "Authorization header requires 'SignedHeaders' parameter. "
                   "Authorization=AWS4- Signature=b Credential=a");
    const std::string_view spaced =
        "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/dynamodb/aws4_request "
        "SignedHeaders=host;x-amz-date Signature=abcd";
    absl::StatusOr<SigV4Header> h = ParseAuthorization(&spaced, &date);
    REQUIRE(h.ok());
    CHECK(h->signed_headers == "host;x-amz-date");
    CHECK(h->signature == "abcd");
  }
  SECTION("well formed") {
    const std::string_view auth =
        "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/dynamodb/aws4_request/, "
        "SignedHeaders=host;x-amz-date, Signature=abcd";
    absl::StatusOr<SigV4Header> h = ParseAuthorization(&auth, &date);
    REQUIRE(h.ok());
    CHECK(h->access_key_id == "AKID");
    CHECK(h->scope_date == "20260101");
    CHECK(h->region == "us-east-1");
    CHECK(h->service == "dynamodb");
    CHECK(h->terminator == "aws4_request");
    CHECK(h->signed_headers == "host;x-amz-date");
    CHECK(h->signature == "abcd");
  }
}

// A DynamoDB request signed here, the way the SDKs sign it.
struct Signed {
  std::vector<HttpHeader> headers;
  std::string authorization;
  SigV4Request request;
};

Signed Sign(std::string_view key_id, std::string_view secret, std::string_view amz_date,
            std::string_view body) {
  Signed s;
  s.headers = {{"Host", "127.0.0.1:8000"},
               {"Content-Type", "application/x-amz-json-1.0"},
               {"X-Amz-Date", amz_date},
               {"X-Amz-Target", "DynamoDB_20120810.ListTables"}};
  s.request = {.method = "POST", .target = "/", .headers = s.headers, .body = body};
  const std::string_view signed_headers = "content-type;host;x-amz-date;x-amz-target";
  const std::string sig = ComputeSignature(secret, amz_date, amz_date.substr(0, 8), "us-east-1",
                                           "dynamodb", CanonicalRequest(s.request, signed_headers));
  s.authorization =
      "AWS4-HMAC-SHA256 Credential=" + std::string(key_id) + "/" +
      std::string(amz_date.substr(0, 8)) +
      "/us-east-1/dynamodb/aws4_request, SignedHeaders=" + std::string(signed_headers) +
      ", Signature=" + sig;
  return s;
}

absl::Status ParseAndVerify(const Signed& s, std::string_view date, const Credentials& creds,
                            Clock::time_point now) {
  const std::string_view auth = s.authorization;
  absl::StatusOr<SigV4Header> h = ParseAuthorization(&auth, &date);
  if (!h.ok()) return h.status();
  return VerifySignature(*h, date, s.request, creds, now);
}

// Why: with credentials configured, only requests signed with the right secret, key id, scope
// and time get through, each refusal with DynamoDB's error.
TEST_CASE("SigV4: verification", "[server][sigv4]") {
  const Credentials creds{.access_key_id = "AKIDTEST", .secret_access_key = "s3cr3t"};
  const std::string_view date = "20260315T101500Z";
  const Clock::time_point now = At(2026, 3, 15, 10, 20, 0);
  const std::string body = "{\"Limit\":5}";

  SECTION("correctly signed") {
    CHECK(ParseAndVerify(Sign("AKIDTEST", "s3cr3t", date, body), date, creds, now).ok());
  }
  SECTION("wrong secret") {
    CheckAuthError(ParseAndVerify(Sign("AKIDTEST", "other", date, body), date, creds, now),
                   "InvalidSignatureException",
                   "The request signature we calculated does not match the signature you "
                   "provided. Check your AWS Secret Access Key and signing method. Consult the "
                   "service documentation for details.");
  }
  SECTION("body changed after signing") {
    Signed s = Sign("AKIDTEST", "s3cr3t", date, body);
    s.request.body = "{\"Limit\":6}";
    CheckAuthError(ParseAndVerify(s, date, creds, now), "InvalidSignatureException",
                   "The request signature we calculated does not match the signature you "
                   "provided. Check your AWS Secret Access Key and signing method. Consult the "
                   "service documentation for details.");
  }
  SECTION("unknown key id") {
    CheckAuthError(ParseAndVerify(Sign("AKIDOTHER", "s3cr3t", date, body), date, creds, now),
                   "UnrecognizedClientException",
                   "The security token included in the request is invalid.");
  }
  SECTION("expired") {
    CheckAuthError(ParseAndVerify(Sign("AKIDTEST", "s3cr3t", date, body), date, creds,
                                  At(2026, 3, 15, 10, 45, 0)),
                   "InvalidSignatureException",
                   "Signature expired: 20260315T101500Z is now earlier than 20260315T103000Z "
                   "(20260315T104500Z - 15 min.)");
  }
  SECTION("date not in basic format") {
    const std::string_view bad = "2026-03-15";
    CheckAuthError(ParseAndVerify(Sign("AKIDTEST", "s3cr3t", date, body), bad, creds, now),
                   "IncompleteSignatureException",
                   "Date must be in ISO-8601 'basic format'. Got '2026-03-15'. See "
                   "http://en.wikipedia.org/wiki/ISO_8601");
  }
  SECTION("host not signed") {
    Signed s = Sign("AKIDTEST", "s3cr3t", date, body);
    s.authorization.replace(s.authorization.find("host;"), 5, "");
    CheckAuthError(ParseAndVerify(s, date, creds, now), "InvalidSignatureException",
                   "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  }
  SECTION("scope for another service") {
    Signed s = Sign("AKIDTEST", "s3cr3t", date, body);
    s.authorization.replace(s.authorization.find("/dynamodb/"), 10, "/s3/");
    CheckAuthError(ParseAndVerify(s, date, creds, now), "InvalidSignatureException",
                   "Credential should be scoped to correct service: 'dynamodb'.");
  }
}

}  // namespace
}  // namespace dynarock::server
