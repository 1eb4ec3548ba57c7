#include "lib/api/json/json_writer.h"

#include <charconv>
#include <cmath>

namespace dynarock::json {

void JsonWriter::Int(int64_t v) {
  Separator();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  out_->append(buf, end);
  first_ = false;
}

void JsonWriter::Double(double v) {
  Separator();
  if (!std::isfinite(v)) v = 0;  // JSON has no NaN/Inf; never produced by the engine
  // Fixed notation (epoch seconds read better as 1700000000.123 than 1.700000000123e+09),
  // shortest digits that round-trip.
  char buf[400];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::fixed);
  out_->append(buf, end);
  first_ = false;
}

}  // namespace dynarock::json
