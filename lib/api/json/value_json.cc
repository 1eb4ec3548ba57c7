#include "lib/api/json/value_json.h"

#include <string>
#include <utility>

#include "dynarock/error.h"

#include "lib/codec/item_codec.h"
#include "lib/value/base64.h"

namespace dynarock::json {
namespace {

constexpr std::string_view kEmptyValue =
    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";
constexpr std::string_view kManyTypes =
    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
    "supported datatypes";
constexpr std::string_view kNesting =
    "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels "
    "beyond supported limit";
constexpr std::string_view kAttributeValueClass = "com.amazonaws.dynamodb.v20120810.AttributeValue";

// Deeper than DynamoDB's 32 levels (so value validation reports those with its own check) but
// bounded, so a hostile body cannot exhaust the stack.
constexpr int kMaxParseDepth = 64;

struct Parser {
  ValueContext context;
  std::string_view key;
  RequestContext* ctx;

  // Records a phase-3 error with the context prefix. Number errors are not prefixed in an
  // ExclusiveStartKey (DynamoDB quirk, reference section 1.2).
  void Defer(std::string_view message, bool number_error) {
    switch (context) {
      case ValueContext::kPlain:
        ctx->Defer(MakeError(ErrorType::kValidation, message));
        break;
      case ValueContext::kExpressionAttributeValues:
        ctx->Defer(MakeError(ErrorType::kValidation,
                             Concat("ExpressionAttributeValues contains invalid value: ", message,
                                    " for key ", key)));
        break;
      case ValueContext::kExclusiveStartKey:
        ctx->Defer(MakeError(ErrorType::kValidation,
                             number_error
                                 ? std::string(message)
                                 : Concat("The provided starting key is invalid: ", message)));
        break;
    }
  }

  absl::Status Number(const Json& v, Decimal* out) {
    if (absl::Status s = CheckString(v); !s.ok()) return s;
    absl::StatusOr<Decimal> d = Decimal::Parse(v.get_ref<const std::string&>());
    if (d.ok()) {
      *out = *d;
    } else {
      Defer(std::string(d.status().message()), /*number_error=*/true);
    }
    return absl::OkStatus();
  }

  static absl::Status Blob(const Json& v, Bytes* out) {
    if (absl::Status s = CheckBlob(v); !s.ok()) return s;
    return DecodeBlob(v.get_ref<const std::string&>(), &out->data);
  }

  // Base64 errors (length, padding, stray bits) are SerializationExceptions with DynamoDB's
  // texts, produced by the decoder.
  static absl::Status DecodeBlob(std::string_view text, std::string* out) {
    absl::StatusOr<std::string> bytes = value::Base64Decode(text);
    if (!bytes.ok()) return bytes.status();
    *out = *std::move(bytes);
    return absl::OkStatus();
  }

  absl::Status Value(const Json& v, int depth, AttributeValue* out) {
    if (absl::Status s = CheckStructValue(v, "AttributeValue"); !s.ok()) return s;
    if (depth > kMaxParseDepth) {
      ctx->Defer(MakeError(ErrorType::kValidation, kNesting));
      *out = Null();
      return absl::OkStatus();
    }
    int types = 0;
    for (auto it = v.begin(); it != v.end(); ++it) {
      const Json& m = it.value();
      if (m.is_null()) continue;  // null members count as absent
      const std::string& name = it.key();
      AttributeValue parsed;
      absl::Status s;
      if (name == "S") {
        s = CheckString(m);
        if (s.ok()) parsed = AttributeValue(m.get_ref<const std::string&>());
      } else if (name == "N") {
        Decimal d;
        s = Number(m, &d);
        parsed = AttributeValue(d);
      } else if (name == "B") {
        Bytes b;
        s = Blob(m, &b);
        parsed = AttributeValue(std::move(b));
      } else if (name == "BOOL") {
        s = CheckBoolean(m);
        if (s.ok()) parsed = AttributeValue(m.get<bool>());
      } else if (name == "NULL") {
        s = CheckBoolean(m);
        if (s.ok() && !m.get<bool>()) Defer(kNullFalseMessage, false);
      } else if (name == "M") {
        s = CheckMap(m, kAttributeValueClass);
        if (s.ok()) {
          AttributeMap map;
          s = Map(m, depth, &map);
          parsed = AttributeValue(std::move(map));
        }
      } else if (name == "L") {
        s = CheckList(m);
        if (s.ok()) {
          AttributeList list;
          list.reserve(m.size());
          for (const Json& e : m) {
            if (e.is_null()) continue;
            s = Value(e, depth + 1, &list.emplace_back());
            if (!s.ok()) break;
          }
          parsed = AttributeValue(std::move(list));
        }
      } else if (name == "SS") {
        s = CheckList(m);
        StringSet set;
        for (auto e = m.begin(); s.ok() && e != m.end(); ++e) {
          if (e->is_null()) continue;
          s = CheckString(*e);
          if (s.ok()) set.elements.push_back(e->get_ref<const std::string&>());
        }
        parsed = AttributeValue(std::move(set));
      } else if (name == "NS") {
        s = CheckList(m);
        NumberSet set;
        for (auto e = m.begin(); s.ok() && e != m.end(); ++e) {
          if (e->is_null()) continue;
          s = Number(*e, &set.elements.emplace_back());
        }
        parsed = AttributeValue(std::move(set));
      } else if (name == "BS") {
        s = CheckList(m);
        BinarySet set;
        for (auto e = m.begin(); s.ok() && e != m.end(); ++e) {
          if (e->is_null()) continue;
          s = Blob(*e, &set.elements.emplace_back());
        }
        parsed = AttributeValue(std::move(set));
      } else {
        continue;  // unknown members are dropped, as DynamoDB does
      }
      if (!s.ok()) return s;
      if (++types == 1) *out = std::move(parsed);
    }
    if (types == 0) Defer(kEmptyValue, false);
    if (types > 1) Defer(kManyTypes, false);
    return absl::OkStatus();
  }

  // REQUIRES: v.is_object().
  absl::Status Map(const Json& v, int depth, AttributeMap* out) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (it.value().is_null()) continue;
      AttributeValue value;
      if (absl::Status s = Value(it.value(), depth + 1, &value); !s.ok()) return s;
      out->insert_or_assign(it.key(), std::move(value));
    }
    return absl::OkStatus();
  }
};

void WriteBase64(std::string_view bytes, JsonWriter* w) {
  std::string* out = w->RawValue();
  out->push_back('"');
  value::AppendBase64(bytes, out);  // the alphabet needs no JSON escaping
  out->push_back('"');
}

}  // namespace

absl::Status ParseAttributeValue(const Json& v, ValueContext context, std::string_view key,
                                 RequestContext* ctx, AttributeValue* out) {
  Parser p{context, key, ctx};
  return p.Value(v, /*depth=*/1, out);
}

absl::Status ParseItem(const Json& v, ValueContext context, RequestContext* ctx, Item* out) {
  if (absl::Status s = CheckMap(v, kAttributeValueClass); !s.ok()) return s;
  Parser p{context, {}, ctx};
  return p.Map(v, /*depth=*/0, out);
}

absl::Status ParseExpressionAttributeValues(const Json& v, RequestContext* ctx,
                                            ExpressionAttributeValues* out) {
  if (absl::Status s = CheckMap(v, kAttributeValueClass); !s.ok()) return s;
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (it.value().is_null()) continue;
    AttributeValue value;
    Parser p{ValueContext::kExpressionAttributeValues, it.key(), ctx};
    if (absl::Status s = p.Value(it.value(), /*depth=*/1, &value); !s.ok()) return s;
    out->insert_or_assign(it.key(), std::move(value));
  }
  return absl::OkStatus();
}

void WriteAttributeValue(const AttributeValue& value, JsonWriter* w) {
  w->BeginObject();
  switch (value.type()) {
    case ValueType::kS:
      w->Key("S");
      w->String(value.s());
      break;
    case ValueType::kN: {
      w->Key("N");
      std::string* out = w->RawValue();
      out->push_back('"');
      value.n().AppendTo(out);
      out->push_back('"');
      break;
    }
    case ValueType::kB:
      w->Key("B");
      WriteBase64(value.b().data, w);
      break;
    case ValueType::kBool:
      w->Key("BOOL");
      w->Bool(value.boolean());
      break;
    case ValueType::kNull:
      w->Key("NULL");
      w->Bool(true);
      break;
    case ValueType::kM:
      w->Key("M");
      WriteItem(value.m(), w);
      break;
    case ValueType::kL:
      w->Key("L");
      w->BeginArray();
      for (const AttributeValue& e : value.l()) WriteAttributeValue(e, w);
      w->EndArray();
      break;
    case ValueType::kSS:
      w->Key("SS");
      w->BeginArray();
      for (const std::string& e : value.ss().elements) w->String(e);
      w->EndArray();
      break;
    case ValueType::kNS:
      w->Key("NS");
      w->BeginArray();
      for (const Decimal& e : value.ns().elements) {
        std::string* out = w->RawValue();
        out->push_back('"');
        e.AppendTo(out);
        out->push_back('"');
      }
      w->EndArray();
      break;
    case ValueType::kBS:
      w->Key("BS");
      w->BeginArray();
      for (const Bytes& e : value.bs().elements) WriteBase64(e.data, w);
      w->EndArray();
      break;
  }
  w->EndObject();
}

void WriteItem(const Item& item, JsonWriter* w) {
  w->BeginObject();
  for (const auto& [name, value] : item) {
    w->Key(name);
    WriteAttributeValue(value, w);
  }
  w->EndObject();
}

namespace {

// Wire JSON from the encoded bytes: scalars inside a set are bare, elsewhere wrapped in their
// type ({"S":...}); the item's own map has no {"M":...} wrapper.
class EncodedItemWriter final : public codec::ItemVisitor {
 public:
  explicit EncodedItemWriter(JsonWriter* w) : w_(w) {}

  void BeginMap(size_t) override {
    if (map_depth_++ > 0) Open("M");
    w_->BeginObject();
  }
  void Name(std::string_view name) override { w_->Key(name); }
  void EndMap() override {
    w_->EndObject();
    if (--map_depth_ > 0) w_->EndObject();
  }
  void BeginList(size_t) override {
    Open("L");
    w_->BeginArray();
  }
  void EndList() override {
    w_->EndArray();
    w_->EndObject();
  }
  void BeginSet(ValueType type, size_t) override {
    Open(type == ValueType::kSS ? "SS" : type == ValueType::kNS ? "NS" : "BS");
    w_->BeginArray();
    in_set_ = true;
  }
  void EndSet() override {
    in_set_ = false;
    w_->EndArray();
    w_->EndObject();
  }
  void String(std::string_view s) override {
    if (!in_set_) Open("S");
    w_->String(s);
    if (!in_set_) w_->EndObject();
  }
  void Number(const Decimal& n) override {
    if (!in_set_) Open("N");
    std::string* out = w_->RawValue();
    out->push_back('"');
    n.AppendTo(out);
    out->push_back('"');
    if (!in_set_) w_->EndObject();
  }
  void Binary(std::string_view bytes) override {
    if (!in_set_) Open("B");
    WriteBase64(bytes, w_);
    if (!in_set_) w_->EndObject();
  }
  void Bool(bool b) override {
    Open("BOOL");
    w_->Bool(b);
    w_->EndObject();
  }
  void Null() override {
    Open("NULL");
    w_->Bool(true);
    w_->EndObject();
  }

 private:
  void Open(std::string_view type) {
    w_->BeginObject();
    w_->Key(type);
  }

  JsonWriter* w_;
  int map_depth_ = 0;
  bool in_set_ = false;  // sets hold scalars only, so one flag suffices
};

}  // namespace

absl::Status WriteEncodedItem(std::string_view encoded, JsonWriter* w) {
  EncodedItemWriter writer(w);
  return codec::VisitItem(encoded, &writer);
}

std::string AttributeValueToJson(const AttributeValue& value) {
  std::string out;
  JsonWriter w(&out);
  WriteAttributeValue(value, &w);
  return out;
}

std::string ItemToJson(const Item& item) {
  std::string out;
  JsonWriter w(&out);
  WriteItem(item, &w);
  return out;
}

}  // namespace dynarock::json
