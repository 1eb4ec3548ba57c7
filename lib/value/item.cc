// Typed getters over items and the debug rendering in DynamoDB JSON shape.
#include "dynarock/item.h"

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "lib/value/base64.h"
#include "lib/value/json_string.h"

namespace dynarock {
namespace {

absl::Status Absent(std::string_view name) {
  std::string message = "attribute ";
  message.append(name);
  message += " is absent";
  return absl::NotFoundError(message);
}

absl::Status WrongType(std::string_view name, ValueType actual, ValueType wanted) {
  std::string message = "attribute ";
  message.append(name);
  message += " is ";
  message.append(ValueTypeName(actual));
  message += ", not ";
  message.append(ValueTypeName(wanted));
  return absl::InvalidArgumentError(message);
}

// The value of `name` if it exists with type `wanted`; else the matching error.
absl::StatusOr<const AttributeValue*> Typed(const Item& item, std::string_view name,
                                            ValueType wanted) {
  const AttributeValue* v = Find(item, name);
  if (v == nullptr) return Absent(name);
  if (v->type() != wanted) return WrongType(name, v->type(), wanted);
  return v;
}

void AppendValue(const AttributeValue& v, std::string* out);

void AppendMap(const AttributeMap& m, std::string* out) {
  out->push_back('{');
  bool first = true;
  for (const auto& [name, value] : m) {
    if (!first) out->push_back(',');
    first = false;
    value::AppendJsonString(name, out);
    out->push_back(':');
    AppendValue(value, out);
  }
  out->push_back('}');
}

void AppendValue(const AttributeValue& v, std::string* out) {
  out->append("{\"");
  out->append(ValueTypeName(v.type()));
  out->append("\":");
  switch (v.type()) {
    case ValueType::kS:
      value::AppendJsonString(v.s(), out);
      break;
    case ValueType::kN:
      out->push_back('"');
      v.n().AppendTo(out);
      out->push_back('"');
      break;
    case ValueType::kB:
      out->push_back('"');
      value::AppendBase64(v.b().data, out);
      out->push_back('"');
      break;
    case ValueType::kBool:
      out->append(v.boolean() ? "true" : "false");
      break;
    case ValueType::kNull:
      out->append("true");
      break;
    case ValueType::kM:
      AppendMap(v.m(), out);
      break;
    case ValueType::kL: {
      out->push_back('[');
      bool first = true;
      for (const AttributeValue& e : v.l()) {
        if (!first) out->push_back(',');
        first = false;
        AppendValue(e, out);
      }
      out->push_back(']');
      break;
    }
    case ValueType::kSS: {
      out->push_back('[');
      bool first = true;
      for (const std::string& e : v.ss().elements) {
        if (!first) out->push_back(',');
        first = false;
        value::AppendJsonString(e, out);
      }
      out->push_back(']');
      break;
    }
    case ValueType::kNS: {
      out->push_back('[');
      bool first = true;
      for (const Decimal& e : v.ns().elements) {
        if (!first) out->push_back(',');
        first = false;
        out->push_back('"');
        e.AppendTo(out);
        out->push_back('"');
      }
      out->push_back(']');
      break;
    }
    case ValueType::kBS: {
      out->push_back('[');
      bool first = true;
      for (const Bytes& e : v.bs().elements) {
        if (!first) out->push_back(',');
        first = false;
        out->push_back('"');
        value::AppendBase64(e.data, out);
        out->push_back('"');
      }
      out->push_back(']');
      break;
    }
  }
  out->push_back('}');
}

}  // namespace

const AttributeValue* Find(const Item& item, std::string_view name) {
  auto it = item.find(name);
  return it == item.end() ? nullptr : &it->second;
}

absl::StatusOr<std::string> GetS(const Item& item, std::string_view name) {
  absl::StatusOr<const AttributeValue*> v = Typed(item, name, ValueType::kS);
  if (!v.ok()) return v.status();
  return (*v)->s();
}

absl::StatusOr<Decimal> GetN(const Item& item, std::string_view name) {
  absl::StatusOr<const AttributeValue*> v = Typed(item, name, ValueType::kN);
  if (!v.ok()) return v.status();
  return (*v)->n();
}

absl::StatusOr<int64_t> GetInt(const Item& item, std::string_view name) {
  absl::StatusOr<const AttributeValue*> v = Typed(item, name, ValueType::kN);
  if (!v.ok()) return v.status();
  int64_t out = 0;
  if (!(*v)->n().ToInt64(&out)) {
    std::string message = "attribute ";
    message.append(name);
    message += " is ";
    (*v)->n().AppendTo(&message);
    message += ", not an int64";
    return absl::InvalidArgumentError(message);
  }
  return out;
}

absl::StatusOr<bool> GetBool(const Item& item, std::string_view name) {
  absl::StatusOr<const AttributeValue*> v = Typed(item, name, ValueType::kBool);
  if (!v.ok()) return v.status();
  return (*v)->boolean();
}

absl::StatusOr<Bytes> GetB(const Item& item, std::string_view name) {
  absl::StatusOr<const AttributeValue*> v = Typed(item, name, ValueType::kB);
  if (!v.ok()) return v.status();
  return (*v)->b();
}

absl::StatusOr<AttributeMap> GetM(const Item& item, std::string_view name) {
  absl::StatusOr<const AttributeValue*> v = Typed(item, name, ValueType::kM);
  if (!v.ok()) return v.status();
  return (*v)->m();
}

absl::StatusOr<AttributeList> GetL(const Item& item, std::string_view name) {
  absl::StatusOr<const AttributeValue*> v = Typed(item, name, ValueType::kL);
  if (!v.ok()) return v.status();
  return (*v)->l();
}

std::string ToDebugString(const Item& item) {
  std::string out;
  AppendMap(item, &out);
  return out;
}

std::string ToDebugString(const AttributeValue& value) {
  std::string out;
  AppendValue(value, &out);
  return out;
}

}  // namespace dynarock
