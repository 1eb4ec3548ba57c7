// File: lib/server/sigv4.cc
//
// Texts and check order follow DynamoDB as recorded by dynalite's connection tests (reference
// §8.5). HMAC-SHA256 and SHA-256 come from OpenSSL's one-shot EVP functions.
#include "lib/server/sigv4.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <ctime>
#include <vector>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "dynarock/error.h"

#include "lib/server/ascii.h"

#include "absl/strings/cord.h"

namespace dynarock::server {
namespace {

using Clock = std::chrono::system_clock;

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

absl::Status AuthError(std::string_view type, std::string message) {
  absl::Status status(absl::StatusCode::kUnauthenticated, message);
  status.SetPayload(kPayloadErrorType, absl::Cord(absl::string_view(type.data(), type.size())));
  return status;
}

bool IsDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Parses "yyyymmddThhmmssZ" (ISO-8601 basic format, UTC).
bool ParseBasicDate(std::string_view s, Clock::time_point* out) {
  if (s.size() != 16 || s[8] != 'T' || s[15] != 'Z' || !IsDigits(s.substr(0, 8)) ||
      !IsDigits(s.substr(9, 6))) {
    return false;
  }
  const auto num = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  std::tm tm{};
  tm.tm_year = num(0, 4) - 1900;
  tm.tm_mon = num(4, 2) - 1;
  tm.tm_mday = num(6, 2);
  tm.tm_hour = num(9, 2);
  tm.tm_min = num(11, 2);
  tm.tm_sec = num(13, 2);
  if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
      tm.tm_min > 59 || tm.tm_sec > 60) {
    return false;
  }
  *out = Clock::from_time_t(timegm(&tm));
  return true;
}

std::string FormatBasicDate(Clock::time_point t) {
  const std::time_t tt = Clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

std::string Hex(const unsigned char* data, size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(size * 2, '\0');
  for (size_t i = 0; i < size; ++i) {
    out[2 * i] = kDigits[data[i] >> 4];
    out[2 * i + 1] = kDigits[data[i] & 0xF];
  }
  return out;
}

using Digest = std::array<unsigned char, 32>;

Digest Hmac(std::string_view key, std::string_view data) {
  Digest out{};
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data(), &len);
  return out;
}

std::string_view AsView(const Digest& d) {
  return {reinterpret_cast<const char*>(d.data()), d.size()};
}

// The values of every header named `name` (any case), each trimmed with inner runs of spaces
// collapsed, joined by ','. Returns false if there is none.
bool CanonicalHeaderValue(std::span<const HttpHeader> headers, std::string_view name,
                          std::string* out) {
  bool found = false;
  for (const HttpHeader& h : headers) {
    if (!EqualsIgnoreCase(h.name, name)) continue;
    if (found) out->push_back(',');
    found = true;
    bool space = false;
    for (char c : TrimOws(h.value)) {
      if (c == ' ' || c == '\t') {
        space = true;
        continue;
      }
      if (space) out->push_back(' ');
      space = false;
      out->push_back(c);
    }
  }
  return found;
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  return Hex(md, len);
}

absl::StatusOr<SigV4Header> ParseAuthorization(const std::string_view* authorization,
                                               const std::string_view* date) {
  if (authorization == nullptr || TrimOws(*authorization).substr(0, 5) != "AWS4-") {
    return AuthError("MissingAuthenticationTokenException",
                     "Request is missing Authentication Token");
  }
  SigV4Header h;
  std::string_view rest = TrimOws(*authorization);
  const size_t space = rest.find(' ');
  h.algorithm = rest.substr(0, space);
  rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
  // Parts are separated by commas, spaces or both (SDKs send ", "; DynamoDB also takes spaces,
  // as dynalite, built against it, does).
  while (!rest.empty()) {
    const size_t comma = rest.find_first_of(", ");
    const std::string_view part = TrimOws(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    const size_t eq = part.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view key = TrimOws(part.substr(0, eq));
    const std::string_view value = TrimOws(part.substr(eq + 1));
    if (key == "Credential") h.credential = value;
    if (key == "SignedHeaders") h.signed_headers = value;
    if (key == "Signature") h.signature = value;
  }
  std::string missing;
  if (h.credential.empty()) missing += "Authorization header requires 'Credential' parameter. ";
  if (h.signature.empty()) missing += "Authorization header requires 'Signature' parameter. ";
  if (h.signed_headers.empty()) {
    missing += "Authorization header requires 'SignedHeaders' parameter. ";
  }
  if (date == nullptr) {
    missing +=
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' "
        "header. ";
  }
  if (!missing.empty()) {
    missing += "Authorization=";
    missing += *authorization;
    return AuthError("IncompleteSignatureException", std::move(missing));
  }
  if (h.algorithm != kAlgorithm) {
    return AuthError("IncompleteSignatureException", "Unsupported AWS 'algorithm': '" +
                                                         std::string(h.algorithm) +
                                                         "' (only AWS4-HMAC-SHA256 for now). ");
  }
  // Credential: exactly 5 '/'-separated elements; trailing slashes are ignored.
  std::string_view cred = h.credential;
  while (!cred.empty() && cred.back() == '/') cred.remove_suffix(1);
  std::string_view parts[5];
  size_t n = 0;
  bool too_many = false;
  for (std::string_view r = cred;;) {
    const size_t slash = r.find('/');
    if (n == 5) {
      too_many = true;
      break;
    }
    parts[n++] = r.substr(0, slash);
    if (slash == std::string_view::npos) break;
    r = r.substr(slash + 1);
  }
  if (too_many || n != 5) {
    return AuthError("IncompleteSignatureException",
                     "Credential must have exactly 5 slash-delimited elements, e.g. "
                     "keyid/date/region/service/term, got '" +
                         std::string(h.credential) + "'");
  }
  h.access_key_id = parts[0];
  h.scope_date = parts[1];
  h.region = parts[2];
  h.service = parts[3];
  h.terminator = parts[4];
  return h;
}

void AppendCanonicalPath(std::string_view path, std::string* out) {
  if (path.empty() || path == "/") {  // what every SDK sends to DynamoDB's endpoint
    out->push_back('/');
    return;
  }
  // Dot segments and empty segments removed (RFC 3986 5.2.4; AWS also drops "//").
  std::vector<std::string_view> segments;
  for (std::string_view rest = path; !rest.empty();) {
    const size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
      continue;
    }
    segments.push_back(segment);
  }
  std::string normalized;
  if (path.front() == '/') normalized.push_back('/');
  for (size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) normalized.push_back('/');
    normalized.append(segments[i]);
  }
  if (path.back() == '/' && !segments.empty()) normalized.push_back('/');
  // Then URI-encoded as sent, i.e. a second time: every byte but unreserved ones and '/'.
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const char ch : normalized) {
    const auto u = static_cast<unsigned char>(ch);
    if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' ||
        u == '_' || u == '.' || u == '~' || u == '/') {
      out->push_back(ch);
    } else {
      out->push_back('%');
      out->push_back(kHex[u >> 4]);
      out->push_back(kHex[u & 15]);
    }
  }
}

std::string CanonicalRequest(const SigV4Request& request, std::string_view signed_headers) {
  std::string out;
  out.reserve(256 + request.target.size());
  out += request.method;
  out += '\n';
  const size_t q = request.target.find('?');
  AppendCanonicalPath(request.target.substr(0, q), &out);
  out += '\n';
  if (q != std::string_view::npos) {
    // Query parameters sorted by name, then value (kept encoded as sent).
    std::vector<std::string> params;
    std::string_view query = request.target.substr(q + 1);
    while (!query.empty()) {
      const size_t amp = query.find('&');
      std::string param(query.substr(0, amp));
      query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
      if (param.empty()) continue;
      if (param.find('=') == std::string::npos) param += '=';
      params.push_back(std::move(param));
    }
    std::sort(params.begin(), params.end());
    for (size_t i = 0; i < params.size(); ++i) {
      if (i > 0) out += '&';
      out += params[i];
    }
  }
  out += '\n';
  for (std::string_view rest = signed_headers; !rest.empty();) {
    const size_t semi = rest.find(';');
    const std::string_view name = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    out += name;
    out += ':';
    CanonicalHeaderValue(request.headers, name, &out);
    out += '\n';
  }
  out += '\n';
  out += signed_headers;
  out += '\n';
  std::string content_sha;
  if (CanonicalHeaderValue(request.headers, "x-amz-content-sha256", &content_sha) &&
      content_sha == "UNSIGNED-PAYLOAD") {
    out += content_sha;
  } else {
    out += Sha256Hex(request.body);
  }
  return out;
}

std::string ComputeSignature(std::string_view secret, std::string_view amz_date,
                             std::string_view scope_date, std::string_view region,
                             std::string_view service, std::string_view canonical_request) {
  std::string string_to_sign;
  string_to_sign.reserve(160);
  string_to_sign += kAlgorithm;
  string_to_sign += '\n';
  string_to_sign += amz_date;
  string_to_sign += '\n';
  string_to_sign += scope_date;
  string_to_sign += '/';
  string_to_sign += region;
  string_to_sign += '/';
  string_to_sign += service;
  string_to_sign += "/aws4_request\n";
  string_to_sign += Sha256Hex(canonical_request);

  // The signing key depends only on (secret, date, region, service): cache the last one per
  // thread, which saves four HMACs on nearly every request.
  struct KeyCache {
    std::string secret, date, region, service;
    Digest key{};
  };
  thread_local KeyCache cache;
  if (cache.secret != secret || cache.date != scope_date || cache.region != region ||
      cache.service != service) {
    const Digest k_date = Hmac("AWS4" + std::string(secret), scope_date);
    const Digest k_region = Hmac(AsView(k_date), region);
    const Digest k_service = Hmac(AsView(k_region), service);
    cache.key = Hmac(AsView(k_service), "aws4_request");
    cache.secret = secret;
    cache.date = scope_date;
    cache.region = region;
    cache.service = service;
  }
  const Digest sig = Hmac(AsView(cache.key), string_to_sign);
  return Hex(sig.data(), sig.size());
}

absl::Status VerifySignature(const SigV4Header& header, std::string_view date,
                             const SigV4Request& request, const Credentials& credentials,
                             Clock::time_point now) {
  Clock::time_point signed_at;
  if (!ParseBasicDate(date, &signed_at)) {
    return AuthError("IncompleteSignatureException",
                     "Date must be in ISO-8601 'basic format'. Got '" + std::string(date) +
                         "'. See http://en.wikipedia.org/wiki/ISO_8601");
  }
  constexpr auto kSkew = std::chrono::minutes(15);
  if (signed_at < now - kSkew) {
    return AuthError("InvalidSignatureException", "Signature expired: " + std::string(date) +
                                                      " is now earlier than " +
                                                      FormatBasicDate(now - kSkew) + " (" +
                                                      FormatBasicDate(now) + " - 15 min.)");
  }
  if (signed_at > now + kSkew) {
    return AuthError("InvalidSignatureException",
                     "Signature not yet current: " + std::string(date) + " is still later than " +
                         FormatBasicDate(now + kSkew) + " (" + FormatBasicDate(now) +
                         " + 15 min.)");
  }
  bool host_signed = false;
  for (std::string_view rest = header.signed_headers; !rest.empty();) {
    const size_t semi = rest.find(';');
    if (EqualsIgnoreCase(rest.substr(0, semi), "host")) host_signed = true;
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
  }
  if (!host_signed) {
    return AuthError("InvalidSignatureException",
                     "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  }
  std::string scope_errors;
  if (header.service != "dynamodb") {
    scope_errors += "Credential should be scoped to correct service: 'dynamodb'. ";
  }
  if (header.terminator != "aws4_request") {
    scope_errors += "Credential should be scoped with a valid terminator: 'aws4_request', not '" +
                    std::string(header.terminator) + "'. ";
  }
  if (header.scope_date != date.substr(0, 8)) {
    scope_errors +=
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of "
        "date from HTTP: '" +
        std::string(header.scope_date) + "' != '" + std::string(date.substr(0, 8)) + "', from '" +
        std::string(date) + "'. ";
  }
  if (!scope_errors.empty()) {
    scope_errors.pop_back();  // the trailing space
    return AuthError("InvalidSignatureException", std::move(scope_errors));
  }
  if (header.access_key_id != credentials.access_key_id) {
    return AuthError("UnrecognizedClientException",
                     "The security token included in the request is invalid.");
  }
  const std::string expected =
      ComputeSignature(credentials.secret_access_key, date, header.scope_date, header.region,
                       header.service, CanonicalRequest(request, header.signed_headers));
  if (header.signature.size() != expected.size() ||
      CRYPTO_memcmp(header.signature.data(), expected.data(), expected.size()) != 0) {
    return AuthError("InvalidSignatureException",
                     "The request signature we calculated does not match the signature you "
                     "provided. Check your AWS Secret Access Key and signing method. Consult "
                     "the service documentation for details.");
  }
  return absl::OkStatus();
}

std::string AuthErrorTypeName(const absl::Status& status) {
  absl::optional<absl::Cord> type = status.GetPayload(kPayloadErrorType);
  return type.has_value() ? std::string(*type) : std::string();
}

}  // namespace dynarock::server
