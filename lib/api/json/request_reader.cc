#include "lib/api/json/request_reader.h"

#include <string>

#include "dynarock/error.h"

namespace dynarock::json {
namespace {

constexpr std::string_view kStartOfStructure = "Start of structure or map found where not expected";
constexpr std::string_view kUnexpectedFieldType = "Unexpected field type";
constexpr std::string_view kUnexpectedValueType = "Unexpected value type in payload";

// The Jackson token name of a scalar, as DynamoDB's messages name it.
std::string_view TokenName(const Json& v) {
  if (v.is_boolean()) return v.get<bool>() ? "TRUE_VALUE" : "FALSE_VALUE";
  if (v.is_number_float()) return "DECIMAL_VALUE";
  if (v.is_number()) return "NUMBER_VALUE";
  return "STRING_VALUE";
}

absl::Status CannotConvert(const Json& v, std::string_view java_type) {
  return SerializationError(Concat(TokenName(v), " cannot be converted to ", java_type));
}

}  // namespace

absl::Status SerializationError(std::string_view message) {
  return MakeError(ErrorType::kSerialization, message);
}

void ConstraintErrors::AddNull(std::string_view path) {
  if (items_.size() >= kMaxItems) return;
  items_.push_back(
      Concat("Value null at '", path, "' failed to satisfy constraint: Member must not be null"));
}

void ConstraintErrors::AddWithoutValue(std::string_view path, std::string_view constraint) {
  if (items_.size() >= kMaxItems) return;
  items_.push_back(Concat("Value at '", path, "' failed to satisfy constraint: ", constraint));
}

void ConstraintErrors::Add(std::string_view value, std::string_view path,
                           std::string_view constraint) {
  if (items_.size() >= kMaxItems) return;
  items_.push_back(
      Concat("Value '", value, "' at '", path, "' failed to satisfy constraint: ", constraint));
}

absl::Status ConstraintErrors::ToStatus() const {
  std::string message =
      Concat(items_.size(), items_.size() == 1 ? " validation error" : " validation errors",
             " detected: ");
  for (size_t i = 0; i < items_.size(); ++i) {
    if (i > 0) message.append("; ");
    message.append(items_[i]);
  }
  return MakeError(ErrorType::kValidation, message);
}

std::string EnumConstraint(std::initializer_list<std::string_view> values) {
  std::string s = "Member must satisfy enum value set: [";
  bool first = true;
  for (std::string_view v : values) {
    if (!first) s.append(", ");
    first = false;
    s.append(v);
  }
  s.push_back(']');
  return s;
}

std::string MinLengthConstraint(int64_t n) {
  return Concat("Member must have length greater than or equal to ", n);
}
std::string MaxLengthConstraint(int64_t n) {
  return Concat("Member must have length less than or equal to ", n);
}
std::string MinValueConstraint(int64_t n) {
  return Concat("Member must have value greater than or equal to ", n);
}
std::string MaxValueConstraint(int64_t n) {
  return Concat("Member must have value less than or equal to ", n);
}

bool MatchesNamePattern(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

const Json* FindMember(const Json& obj, std::string_view name) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

void CheckNotEmptyMap(const Json& obj, std::string_view name, RequestContext* ctx) {
  const Json* m = FindMember(obj, name);
  if (m != nullptr && m->is_object() && m->empty()) {
    ctx->Defer(MakeError(ErrorType::kValidation, name == "ExpressionAttributeNames"
                                                     ? kEmptyNamesMessage
                                                     : kEmptyValuesMessage));
  }
}

absl::Status CheckString(const Json& v) {
  if (v.is_string()) return absl::OkStatus();
  if (v.is_object()) return SerializationError(kStartOfStructure);
  if (v.is_array())
    return SerializationError("Unrecognized collection type class java.lang.String");
  return CannotConvert(v, "String");
}

absl::Status CheckBoolean(const Json& v) {
  if (v.is_boolean()) return absl::OkStatus();
  if (v.is_object()) return SerializationError(kStartOfStructure);
  if (v.is_array())
    return SerializationError("Unrecognized collection type class java.lang.Boolean");
  if (v.is_string()) return SerializationError("Unexpected token received from parser");
  return CannotConvert(v, "Boolean");
}

absl::Status CheckInteger(const Json& v, std::string_view java_type) {
  if (v.is_number()) return absl::OkStatus();
  if (v.is_object()) return SerializationError(kStartOfStructure);
  if (v.is_array()) {
    return SerializationError(Concat("Unrecognized collection type class java.lang.", java_type));
  }
  return CannotConvert(v, java_type);
}

absl::Status CheckBlob(const Json& v) {
  if (v.is_string()) return absl::OkStatus();
  if (v.is_object()) return SerializationError(kStartOfStructure);
  if (v.is_array())
    return SerializationError("Unrecognized collection type class java.nio.ByteBuffer");
  return SerializationError("only base-64-encoded strings are convertible to bytes");
}

absl::Status CheckList(const Json& v) {
  if (v.is_array()) return absl::OkStatus();
  if (v.is_object()) return SerializationError(kStartOfStructure);
  return SerializationError(kUnexpectedFieldType);
}

absl::Status CheckStructMember(const Json& v, std::string_view shape) {
  if (v.is_object()) return absl::OkStatus();
  if (v.is_array()) {
    return SerializationError(
        Concat("Unrecognized collection type class com.amazonaws.dynamodb.v20120810.", shape));
  }
  return SerializationError(kUnexpectedFieldType);
}

absl::Status CheckStructValue(const Json& v, std::string_view shape) {
  if (v.is_object()) return absl::OkStatus();
  if (v.is_array()) {
    return SerializationError(
        Concat("Unrecognized collection type class com.amazonaws.dynamodb.v20120810.", shape));
  }
  return SerializationError(kUnexpectedValueType);
}

absl::Status CheckMap(const Json& v, std::string_view value_class) {
  if (v.is_object()) return absl::OkStatus();
  if (v.is_array()) {
    return SerializationError(
        Concat("Unrecognized collection type java.util.Map<java.lang.String, ", value_class, ">"));
  }
  return SerializationError(kUnexpectedFieldType);
}

absl::Status ReadString(const Json& obj, std::string_view name, std::optional<std::string>* out) {
  const Json* v = FindMember(obj, name);
  if (v == nullptr) return absl::OkStatus();
  if (absl::Status s = CheckString(*v); !s.ok()) return s;
  *out = v->get_ref<const std::string&>();
  return absl::OkStatus();
}

absl::Status ReadBool(const Json& obj, std::string_view name, std::optional<bool>* out) {
  const Json* v = FindMember(obj, name);
  if (v == nullptr) return absl::OkStatus();
  if (absl::Status s = CheckBoolean(*v); !s.ok()) return s;
  *out = v->get<bool>();
  return absl::OkStatus();
}

absl::Status ReadLong(const Json& obj, std::string_view name, std::string_view java_type,
                      std::optional<int64_t>* out) {
  const Json* v = FindMember(obj, name);
  if (v == nullptr) return absl::OkStatus();
  if (absl::Status s = CheckInteger(*v, java_type); !s.ok()) return s;
  if (v->is_number_unsigned()) {
    const uint64_t u = v->get<uint64_t>();
    *out = u > static_cast<uint64_t>(INT64_MAX) ? INT64_MAX : static_cast<int64_t>(u);
  } else if (v->is_number_integer()) {
    *out = v->get<int64_t>();
  } else {
    // A fraction where an integer is expected: Jackson truncates toward zero.
    const double d = v->get<double>();
    *out = d >= 9.2e18 ? INT64_MAX : d <= -9.2e18 ? INT64_MIN : static_cast<int64_t>(d);
  }
  return absl::OkStatus();
}

absl::Status ReadStringList(const Json& obj, std::string_view name, std::vector<std::string>* out,
                            bool* present) {
  *present = false;
  const Json* v = FindMember(obj, name);
  if (v == nullptr) return absl::OkStatus();
  if (absl::Status s = CheckList(*v); !s.ok()) return s;
  *present = true;
  out->reserve(v->size());
  for (const Json& e : *v) {
    if (e.is_null()) continue;
    if (absl::Status s = CheckString(e); !s.ok()) return s;
    out->push_back(e.get_ref<const std::string&>());
  }
  return absl::OkStatus();
}

std::string RenderList(const std::vector<std::string>& values) {
  std::string s = "[";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) s.append(", ");
    s.append(values[i]);
  }
  s.push_back(']');
  return s;
}

void CheckDataPlaneTableName(const std::optional<std::string>& name, RequestContext* ctx) {
  if (!name.has_value()) {
    ctx->constraints.AddNull("tableName");
    return;
  }
  const std::string& n = *name;
  if (n.empty()) {
    ctx->constraints.Add(n, "tableName", MinLengthConstraint(1));
  } else if (n.rfind("arn:", 0) == 0) {
    if (n.size() > 1024) ctx->constraints.Add(n, "tableName", MaxLengthConstraint(1024));
  } else if (n.size() > 255) {
    ctx->constraints.Add(n, "tableName", MaxLengthConstraint(255));
  } else if (!MatchesNamePattern(n)) {
    ctx->constraints.Add(n, "tableName", kTableNamePatternConstraint);
  }
}

}  // namespace dynarock::json
