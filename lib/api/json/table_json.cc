#include "lib/api/json/table_json.h"

#include <string>

#include "lib/base/status_macros.h"

namespace dynarock::json {
namespace {

std::string ElementPath(std::string_view list_path, size_t index, std::string_view member) {
  return Concat(list_path, ".", index + 1, ".member.", member);
}

// Java's toString of a KeySchemaElement list, as DynamoDB renders it in constraint messages:
// [KeySchemaElement(attributeName=pk, keyType=HASH), ...].
std::string RenderKeySchema(const std::vector<std::optional<std::string>>& names,
                            const std::vector<std::optional<std::string>>& types) {
  std::string s = "[";
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) s.append(", ");
    s += Concat("KeySchemaElement(attributeName=", names[i].value_or("null"),
                ", keyType=", types[i].value_or("null"), ")");
  }
  s.push_back(']');
  return s;
}

void WriteKeySchema(const std::vector<KeySchemaElement>& key_schema, JsonWriter* w) {
  w->BeginArray();
  for (const KeySchemaElement& e : key_schema) {
    w->BeginObject();
    w->Key("AttributeName");
    w->String(e.attribute_name);
    w->Key("KeyType");
    w->String(KeyTypeName(e.key_type));
    w->EndObject();
  }
  w->EndArray();
}

void WriteProjection(const Projection& p, JsonWriter* w) {
  w->BeginObject();
  if (p.projection_type.has_value()) {
    w->Key("ProjectionType");
    w->String(ProjectionTypeName(*p.projection_type));
  }
  if (!p.non_key_attributes.empty()) {
    w->Key("NonKeyAttributes");
    w->BeginArray();
    for (const std::string& a : p.non_key_attributes) w->String(a);
    w->EndArray();
  }
  w->EndObject();
}

void WriteThroughput(const ProvisionedThroughputDescription& t, JsonWriter* w) {
  w->BeginObject();
  w->Key("NumberOfDecreasesToday");
  w->Int(t.number_of_decreases_today);
  w->Key("ReadCapacityUnits");
  w->Int(t.read_capacity_units);
  w->Key("WriteCapacityUnits");
  w->Int(t.write_capacity_units);
  w->EndObject();
}

}  // namespace

void CheckResourceName(const std::optional<std::string>& name, std::string_view path,
                       int min_length, RequestContext* ctx) {
  if (!name.has_value()) {
    ctx->constraints.AddNull(path);
    return;
  }
  if (!MatchesNamePattern(*name)) ctx->constraints.Add(*name, path, kTableNamePatternConstraint);
  if (name->size() < static_cast<size_t>(min_length)) {
    ctx->constraints.Add(*name, path, MinLengthConstraint(min_length));
  } else if (name->size() > 255) {
    ctx->constraints.Add(*name, path, MaxLengthConstraint(255));
  }
}

absl::Status ReadKeySchema(const Json& obj, std::string_view path, bool required,
                           RequestContext* ctx, std::vector<KeySchemaElement>* out) {
  const Json* list = FindMember(obj, "KeySchema");
  if (list == nullptr) {
    if (required) ctx->constraints.AddNull(path);
    return absl::OkStatus();
  }
  if (absl::Status s = CheckList(*list); !s.ok()) return s;
  std::vector<std::optional<std::string>> names, types;
  for (const Json& e : *list) {
    if (e.is_null()) continue;
    if (absl::Status s = CheckStructValue(e, "KeySchemaElement"); !s.ok()) return s;
    std::optional<std::string> name, type;
    if (absl::Status s = ReadString(e, "AttributeName", &name); !s.ok()) return s;
    if (absl::Status s = ReadString(e, "KeyType", &type); !s.ok()) return s;
    names.push_back(std::move(name));
    types.push_back(std::move(type));
  }
  if (names.empty()) {
    ctx->constraints.Add("[]", path, MinLengthConstraint(1));
  } else if (names.size() > 2) {
    ctx->constraints.Add(RenderKeySchema(names, types), path, MaxLengthConstraint(2));
  }
  for (size_t i = 0; i < names.size(); ++i) {
    KeySchemaElement element;
    if (!names[i].has_value()) {
      ctx->constraints.AddNull(ElementPath(path, i, "attributeName"));
    } else {
      if (names[i]->empty()) {
        ctx->constraints.Add(*names[i], ElementPath(path, i, "attributeName"),
                             MinLengthConstraint(1));
      } else if (names[i]->size() > 255) {
        ctx->constraints.Add(*names[i], ElementPath(path, i, "attributeName"),
                             MaxLengthConstraint(255));
      }
      element.attribute_name = std::move(*names[i]);
    }
    if (!types[i].has_value()) {
      ctx->constraints.AddNull(ElementPath(path, i, "keyType"));
    } else if (*types[i] == "HASH") {
      element.key_type = KeyType::kHash;
    } else if (*types[i] == "RANGE") {
      element.key_type = KeyType::kRange;
    } else {
      ctx->constraints.Add(*types[i], ElementPath(path, i, "keyType"),
                           EnumConstraint({"HASH", "RANGE"}));
    }
    out->push_back(std::move(element));
  }
  return absl::OkStatus();
}

absl::Status ReadAttributeDefinitions(const Json& obj, RequestContext* ctx,
                                      std::vector<AttributeDefinition>* out) {
  constexpr std::string_view kPath = "attributeDefinitions";
  const Json* list = FindMember(obj, "AttributeDefinitions");
  if (list == nullptr) {
    ctx->constraints.AddNull(kPath);
    return absl::OkStatus();
  }
  if (absl::Status s = CheckList(*list); !s.ok()) return s;
  size_t i = 0;
  for (const Json& e : *list) {
    if (e.is_null()) continue;
    if (absl::Status s = CheckStructValue(e, "AttributeDefinition"); !s.ok()) return s;
    std::optional<std::string> name, type;
    if (absl::Status s = ReadString(e, "AttributeName", &name); !s.ok()) return s;
    if (absl::Status s = ReadString(e, "AttributeType", &type); !s.ok()) return s;
    AttributeDefinition def;
    if (!name.has_value()) {
      ctx->constraints.AddNull(ElementPath(kPath, i, "attributeName"));
    } else {
      if (name->empty()) {
        ctx->constraints.Add(*name, ElementPath(kPath, i, "attributeName"), MinLengthConstraint(1));
      } else if (name->size() > 255) {
        ctx->constraints.Add(*name, ElementPath(kPath, i, "attributeName"),
                             MaxLengthConstraint(255));
      }
      def.attribute_name = std::move(*name);
    }
    if (!type.has_value()) {
      ctx->constraints.AddNull(ElementPath(kPath, i, "attributeType"));
    } else if (*type == "S") {
      def.attribute_type = ScalarType::kS;
    } else if (*type == "N") {
      def.attribute_type = ScalarType::kN;
    } else if (*type == "B") {
      def.attribute_type = ScalarType::kB;
    } else {
      ctx->constraints.Add(*type, ElementPath(kPath, i, "attributeType"),
                           EnumConstraint({"B", "N", "S"}));
    }
    out->push_back(std::move(def));
    ++i;
  }
  return absl::OkStatus();
}

absl::Status ReadProvisionedThroughput(const Json& obj, std::string_view path, RequestContext* ctx,
                                       std::optional<ProvisionedThroughput>* out) {
  const Json* pt = FindMember(obj, "ProvisionedThroughput");
  if (pt == nullptr) return absl::OkStatus();
  if (absl::Status s = CheckStructMember(*pt, "ProvisionedThroughput"); !s.ok()) return s;
  std::optional<int64_t> read, write;
  if (absl::Status s = ReadLong(*pt, "ReadCapacityUnits", "Long", &read); !s.ok()) return s;
  if (absl::Status s = ReadLong(*pt, "WriteCapacityUnits", "Long", &write); !s.ok()) return s;
  // DynamoDB lists writeCapacityUnits before readCapacityUnits.
  const std::string write_path = Concat(path, ".writeCapacityUnits");
  const std::string read_path = Concat(path, ".readCapacityUnits");
  if (!write.has_value()) {
    ctx->constraints.AddNull(write_path);
  } else if (*write < 1) {
    ctx->constraints.Add(Concat(*write), write_path, MinValueConstraint(1));
  }
  if (!read.has_value()) {
    ctx->constraints.AddNull(read_path);
  } else if (*read < 1) {
    ctx->constraints.Add(Concat(*read), read_path, MinValueConstraint(1));
  }
  *out = ProvisionedThroughput{.read_capacity_units = read.value_or(0),
                               .write_capacity_units = write.value_or(0)};
  return absl::OkStatus();
}

absl::Status ReadProjection(const Json& obj, std::string_view path, RequestContext* ctx,
                            Projection* out) {
  const Json* p = FindMember(obj, "Projection");
  if (p == nullptr) {
    ctx->constraints.AddNull(path);
    return absl::OkStatus();
  }
  if (absl::Status s = CheckStructMember(*p, "Projection"); !s.ok()) return s;
  std::optional<std::string> type;
  if (absl::Status s = ReadString(*p, "ProjectionType", &type); !s.ok()) return s;
  bool has_non_key = false;
  if (absl::Status s =
          ReadStringList(*p, "NonKeyAttributes", &out->non_key_attributes, &has_non_key);
      !s.ok()) {
    return s;
  }
  if (type.has_value()) {
    if (*type == "ALL") {
      out->projection_type = ProjectionType::kAll;
    } else if (*type == "KEYS_ONLY") {
      out->projection_type = ProjectionType::kKeysOnly;
    } else if (*type == "INCLUDE") {
      out->projection_type = ProjectionType::kInclude;
    } else {
      ctx->constraints.Add(*type, Concat(path, ".projectionType"),
                           EnumConstraint({"ALL", "INCLUDE", "KEYS_ONLY"}));
    }
  }
  if (has_non_key) {
    const std::string list_path = Concat(path, ".nonKeyAttributes");
    const size_t n = out->non_key_attributes.size();
    if (n == 0) {
      ctx->constraints.Add("[]", list_path, MinLengthConstraint(1));
    } else if (n > 20) {
      ctx->constraints.Add(RenderList(out->non_key_attributes), list_path, MaxLengthConstraint(20));
    }
  }
  return absl::OkStatus();
}

absl::Status ReadIndexName(const Json& index, std::string_view path, RequestContext* ctx,
                           std::string* out) {
  std::optional<std::string> name;
  DYNAROCK_RETURN_IF_ERROR(ReadString(index, "IndexName", &name));
  CheckResourceName(name, Concat(path, ".indexName"), 3, ctx);
  if (name.has_value()) *out = std::move(*name);
  return absl::OkStatus();
}

absl::Status CheckTableClass(const Json& body, RequestContext* ctx) {
  std::optional<std::string> table_class;
  DYNAROCK_RETURN_IF_ERROR(ReadString(body, "TableClass", &table_class));
  if (table_class.has_value() && *table_class != "STANDARD" &&
      *table_class != "STANDARD_INFREQUENT_ACCESS") {
    ctx->constraints.Add(*table_class, "tableClass",
                         EnumConstraint({"STANDARD", "STANDARD_INFREQUENT_ACCESS"}));
  }
  return absl::OkStatus();
}

absl::Status ReadStreamSpecification(const Json& body, RequestContext* ctx,
                                     StreamSpecificationMembers* out) {
  const Json* stream = FindMember(body, "StreamSpecification");
  if (stream == nullptr) return absl::OkStatus();
  out->present = true;
  DYNAROCK_RETURN_IF_ERROR(CheckStructMember(*stream, "StreamSpecification"));
  std::optional<std::string> view_type;
  DYNAROCK_RETURN_IF_ERROR(ReadBool(*stream, "StreamEnabled", &out->enabled));
  DYNAROCK_RETURN_IF_ERROR(ReadString(*stream, "StreamViewType", &view_type));
  out->view_type = view_type.has_value();
  if (!out->enabled.has_value()) ctx->constraints.AddNull("streamSpecification.streamEnabled");
  if (view_type.has_value() && *view_type != "NEW_IMAGE" && *view_type != "OLD_IMAGE" &&
      *view_type != "NEW_AND_OLD_IMAGES" && *view_type != "KEYS_ONLY") {
    ctx->constraints.Add(*view_type, "streamSpecification.streamViewType",
                         EnumConstraint({"OLD_IMAGE", "KEYS_ONLY", "NEW_AND_OLD_IMAGES",
                                         "NEW_IMAGE"}));
  }
  return absl::OkStatus();
}

absl::Status ReadBillingMode(const Json& body, RequestContext* ctx,
                             std::optional<BillingMode>* out) {
  std::optional<std::string> billing_mode;
  DYNAROCK_RETURN_IF_ERROR(ReadString(body, "BillingMode", &billing_mode));
  if (!billing_mode.has_value()) return absl::OkStatus();
  if (*billing_mode == "PROVISIONED") {
    *out = BillingMode::kProvisioned;
  } else if (*billing_mode == "PAY_PER_REQUEST") {
    *out = BillingMode::kPayPerRequest;
  } else {
    ctx->constraints.Add(*billing_mode, "billingMode",
                         EnumConstraint({"PROVISIONED", "PAY_PER_REQUEST"}));
  }
  return absl::OkStatus();
}

void WriteTableDescription(const TableDescription& d, JsonWriter* w) {
  w->BeginObject();
  w->Key("AttributeDefinitions");
  w->BeginArray();
  for (const AttributeDefinition& a : d.attribute_definitions) {
    w->BeginObject();
    w->Key("AttributeName");
    w->String(a.attribute_name);
    w->Key("AttributeType");
    w->String(ScalarTypeName(a.attribute_type));
    w->EndObject();
  }
  w->EndArray();
  w->Key("TableName");
  w->String(d.table_name);
  w->Key("KeySchema");
  WriteKeySchema(d.key_schema, w);
  w->Key("TableStatus");
  w->String(TableStatusName(d.table_status));
  w->Key("CreationDateTime");
  w->Double(d.creation_date_time);
  w->Key("ProvisionedThroughput");
  WriteThroughput(d.provisioned_throughput, w);
  w->Key("TableSizeBytes");
  w->Int(d.table_size_bytes);
  w->Key("ItemCount");
  w->Int(d.item_count);
  w->Key("TableArn");
  w->String(d.table_arn);
  w->Key("TableId");
  w->String(d.table_id);
  if (d.billing_mode_summary.has_value()) {
    w->Key("BillingModeSummary");
    w->BeginObject();
    w->Key("BillingMode");
    w->String(BillingModeName(d.billing_mode_summary->billing_mode));
    if (d.billing_mode_summary->last_update_to_pay_per_request_date_time != 0) {
      w->Key("LastUpdateToPayPerRequestDateTime");
      w->Double(d.billing_mode_summary->last_update_to_pay_per_request_date_time);
    }
    w->EndObject();
  }
  if (!d.local_secondary_indexes.empty()) {
    w->Key("LocalSecondaryIndexes");
    w->BeginArray();
    for (const LocalSecondaryIndexDescription& i : d.local_secondary_indexes) {
      w->BeginObject();
      w->Key("IndexName");
      w->String(i.index_name);
      w->Key("KeySchema");
      WriteKeySchema(i.key_schema, w);
      w->Key("Projection");
      WriteProjection(i.projection, w);
      w->Key("IndexSizeBytes");
      w->Int(i.index_size_bytes);
      w->Key("ItemCount");
      w->Int(i.item_count);
      w->Key("IndexArn");
      w->String(i.index_arn);
      w->EndObject();
    }
    w->EndArray();
  }
  if (!d.global_secondary_indexes.empty()) {
    w->Key("GlobalSecondaryIndexes");
    w->BeginArray();
    for (const GlobalSecondaryIndexDescription& i : d.global_secondary_indexes) {
      w->BeginObject();
      w->Key("IndexName");
      w->String(i.index_name);
      w->Key("KeySchema");
      WriteKeySchema(i.key_schema, w);
      w->Key("Projection");
      WriteProjection(i.projection, w);
      w->Key("IndexStatus");
      w->String(IndexStatusName(i.index_status));
      if (i.backfilling.has_value()) {
        w->Key("Backfilling");
        w->Bool(*i.backfilling);
      }
      w->Key("ProvisionedThroughput");
      WriteThroughput(i.provisioned_throughput, w);
      w->Key("IndexSizeBytes");
      w->Int(i.index_size_bytes);
      w->Key("ItemCount");
      w->Int(i.item_count);
      w->Key("IndexArn");
      w->String(i.index_arn);
      w->EndObject();
    }
    w->EndArray();
  }
  if (d.deletion_protection_enabled.has_value()) {
    w->Key("DeletionProtectionEnabled");
    w->Bool(*d.deletion_protection_enabled);
  }
  w->EndObject();
}

void WriteTableDescriptionResponse(const TableDescription& d, std::string* out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Key("TableDescription");
  WriteTableDescription(d, &w);
  w.EndObject();
}

}  // namespace dynarock::json
