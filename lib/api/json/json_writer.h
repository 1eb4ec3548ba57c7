// File: lib/api/json/json_writer.h
//
// JsonWriter: appends DynamoDB response JSON to a std::string without building a DOM. The
// response hot path (GetItem, PutItem with ALL_OLD, ...) writes straight into the body.
//
// The writer tracks commas itself: call Key() before every member value inside an object,
// and the value calls in array order. It does not validate nesting (a programming error
// produces malformed JSON); the response writers are covered by tests that parse their output.
//
// Strings are escaped per RFC 8259: '"', '\\' and control characters below 0x20; other bytes,
// including UTF-8 sequences, are copied as they are (the input came from valid JSON or from
// the engine, which stores what JSON gave it).
//
// Thread safety: a JsonWriter is used by one thread; it borrows `out` for its lifetime.
#ifndef DYNAROCK_LIB_API_JSON_JSON_WRITER_H_
#define DYNAROCK_LIB_API_JSON_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "lib/value/json_string.h"

namespace dynarock::json {

// Appends `s` as a quoted, escaped JSON string (one implementation, in lib/value).
using value::AppendJsonString;

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  void BeginObject() {
    Separator();
    out_->push_back('{');
    first_ = true;
  }
  void EndObject() {
    out_->push_back('}');
    first_ = false;
  }
  void BeginArray() {
    Separator();
    out_->push_back('[');
    first_ = true;
  }
  void EndArray() {
    out_->push_back(']');
    first_ = false;
  }

  // An object member name; the next call writes its value.
  void Key(std::string_view name) {
    Separator();
    AppendJsonString(name, out_);
    out_->push_back(':');
    first_ = true;  // the value follows without a comma
  }

  void String(std::string_view s) {
    Separator();
    AppendJsonString(s, out_);
    first_ = false;
  }
  void Bool(bool b) {
    Separator();
    out_->append(b ? "true" : "false");
    first_ = false;
  }
  void Int(int64_t v);
  // A JSON number for a double (timestamps, capacity units): shortest round-trip form.
  void Double(double v);
  // Appends already-encoded JSON text as one value (e.g. a number from Decimal::AppendTo).
  std::string* RawValue() {
    Separator();
    first_ = false;
    return out_;
  }

  std::string* out() { return out_; }

 private:
  void Separator() {
    if (!first_) out_->push_back(',');
    first_ = false;
  }

  std::string* out_;
  bool first_ = true;
};

}  // namespace dynarock::json

#endif  // DYNAROCK_LIB_API_JSON_JSON_WRITER_H_
