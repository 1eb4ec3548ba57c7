// Tests of lib/server/crc32: the x-amz-crc32 header botocore and the Java/Go SDKs check.
#include "lib/server/crc32.h"

#include <random>
#include <string>

#include <catch2/catch.hpp>

#include <zlib.h>

namespace dynarock::server {
namespace {

// Why: the published CRC-32 check values pin the polynomial, reflection and final xor.
TEST_CASE("Crc32: known vectors", "[server][crc32]") {
  CHECK(Crc32("") == 0u);
  CHECK(Crc32("a") == 0xE8B7BE43u);
  CHECK(Crc32("123456789") == 0xCBF43926u);
  CHECK(Crc32("The quick brown fox jumps over the lazy dog") == 0x414FA339u);
  // The value dynalite sends with DynamoDB's 404 body (its header is hard-coded).
  CHECK(Crc32("<UnknownOperationException/>\n") == 3552371480u);
}

// Why: the slicing-by-8 path, the alignment prologue and the tail must all agree with zlib for
// every length and start offset.
TEST_CASE("Crc32: matches zlib for all lengths and alignments", "[server][crc32]") {
  std::mt19937 rng(12345);
  std::string data(1100, '\0');
  for (char& c : data) c = static_cast<char>(rng());
  for (size_t offset = 0; offset < 8; ++offset) {
    for (size_t len = 0; len + offset <= data.size(); len += (len < 80 ? 1 : 37)) {
      const auto* p = reinterpret_cast<const Bytef*>(data.data() + offset);
      const uint32_t expected = static_cast<uint32_t>(crc32(0L, p, static_cast<uInt>(len)));
      INFO("offset " << offset << " length " << len);
      REQUIRE(Crc32(0, data.data() + offset, len) == expected);
    }
  }
}

// Why: Crc32(crc, ...) continues a running CRC, as zlib's crc32() does.
TEST_CASE("Crc32: continues across pieces", "[server][crc32]") {
  const std::string text = "{\"TableNames\":[\"a\",\"b\",\"c\"],\"LastEvaluatedTableName\":\"c\"}";
  for (size_t split = 0; split <= text.size(); ++split) {
    const uint32_t first = Crc32(0, text.data(), split);
    CHECK(Crc32(first, text.data() + split, text.size() - split) == Crc32(text));
  }
}

}  // namespace
}  // namespace dynarock::server
