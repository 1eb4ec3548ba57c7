#include "lib/api/json/item_json.h"

#include <string>

#include "dynarock/error.h"

#include "lib/api/json/value_json.h"
#include "lib/base/status_macros.h"

namespace dynarock::json {
namespace {

void WriteCapacity(const Capacity& c, JsonWriter* w) {
  w->BeginObject();
  w->Key("CapacityUnits");
  w->Double(c.capacity_units);
  if (c.read_capacity_units != 0) {
    w->Key("ReadCapacityUnits");
    w->Double(c.read_capacity_units);
  }
  if (c.write_capacity_units != 0) {
    w->Key("WriteCapacityUnits");
    w->Double(c.write_capacity_units);
  }
  w->EndObject();
}

void WriteCapacityMap(std::string_view name, const std::map<std::string, Capacity>& m,
                      JsonWriter* w) {
  if (m.empty()) return;
  w->Key(name);
  w->BeginObject();
  for (const auto& [index, c] : m) {
    w->Key(index);
    WriteCapacity(c, w);
  }
  w->EndObject();
}

}  // namespace

absl::Status ReadReturnConsumedCapacity(const Json& body, RequestContext* ctx,
                                        std::optional<ReturnConsumedCapacity>* out) {
  std::optional<std::string> v;
  DYNAROCK_RETURN_IF_ERROR(ReadString(body, "ReturnConsumedCapacity", &v));
  if (!v.has_value()) return absl::OkStatus();
  if (*v == "INDEXES") {
    *out = ReturnConsumedCapacity::kIndexes;
  } else if (*v == "TOTAL") {
    *out = ReturnConsumedCapacity::kTotal;
  } else if (*v == "NONE") {
    *out = ReturnConsumedCapacity::kNone;
  } else {
    ctx->constraints.Add(*v, "returnConsumedCapacity",
                         EnumConstraint({"INDEXES", "TOTAL", "NONE"}));
  }
  return absl::OkStatus();
}

absl::Status ReadReturnItemCollectionMetrics(const Json& body, RequestContext* ctx,
                                             std::optional<ReturnItemCollectionMetrics>* out) {
  std::optional<std::string> v;
  DYNAROCK_RETURN_IF_ERROR(ReadString(body, "ReturnItemCollectionMetrics", &v));
  if (!v.has_value()) return absl::OkStatus();
  if (*v == "SIZE") {
    *out = ReturnItemCollectionMetrics::kSize;
  } else if (*v == "NONE") {
    *out = ReturnItemCollectionMetrics::kNone;
  } else {
    ctx->constraints.Add(*v, "returnItemCollectionMetrics", EnumConstraint({"SIZE", "NONE"}));
  }
  return absl::OkStatus();
}

absl::Status ReadReturnValues(const Json& body, RequestContext* ctx,
                              std::optional<ReturnValues>* out) {
  std::optional<std::string> v;
  DYNAROCK_RETURN_IF_ERROR(ReadString(body, "ReturnValues", &v));
  if (!v.has_value()) return absl::OkStatus();
  if (*v == "NONE") {
    *out = ReturnValues::kNone;
  } else if (*v == "ALL_OLD") {
    *out = ReturnValues::kAllOld;
  } else if (*v == "UPDATED_OLD") {
    *out = ReturnValues::kUpdatedOld;
  } else if (*v == "ALL_NEW") {
    *out = ReturnValues::kAllNew;
  } else if (*v == "UPDATED_NEW") {
    *out = ReturnValues::kUpdatedNew;
  } else {
    ctx->constraints.Add(
        *v, "returnValues",
        EnumConstraint({"ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW"}));
  }
  return absl::OkStatus();
}

absl::Status ReadReturnValuesOnConditionCheckFailure(
    const Json& body, RequestContext* ctx,
    std::optional<ReturnValuesOnConditionCheckFailure>* out) {
  std::optional<std::string> v;
  DYNAROCK_RETURN_IF_ERROR(ReadString(body, "ReturnValuesOnConditionCheckFailure", &v));
  if (!v.has_value()) return absl::OkStatus();
  if (*v == "ALL_OLD") {
    *out = ReturnValuesOnConditionCheckFailure::kAllOld;
  } else if (*v == "NONE") {
    *out = ReturnValuesOnConditionCheckFailure::kNone;
  } else {
    ctx->constraints.Add(*v, "returnValuesOnConditionCheckFailure",
                         EnumConstraint({"ALL_OLD", "NONE"}));
  }
  return absl::OkStatus();
}

absl::Status ReadRequiredItem(const Json& body, std::string_view name, std::string_view path,
                              RequestContext* ctx, Item* out) {
  const Json* v = FindMember(body, name);
  if (v == nullptr) {
    ctx->constraints.AddNull(path);
    return absl::OkStatus();
  }
  return ParseItem(*v, ValueContext::kPlain, ctx, out);
}

void WriteConsumedCapacity(const std::optional<ConsumedCapacity>& cc, JsonWriter* w) {
  if (!cc.has_value()) return;
  w->Key("ConsumedCapacity");
  WriteConsumedCapacityObject(*cc, w);
}

void WriteConsumedCapacityList(const std::vector<ConsumedCapacity>& list, JsonWriter* w) {
  if (list.empty()) return;
  w->Key("ConsumedCapacity");
  w->BeginArray();
  for (const ConsumedCapacity& cc : list) WriteConsumedCapacityObject(cc, w);
  w->EndArray();
}

void WriteConsumedCapacityObject(const ConsumedCapacity& cc, JsonWriter* w) {
  w->BeginObject();
  w->Key("TableName");
  w->String(cc.table_name);
  w->Key("CapacityUnits");
  w->Double(cc.capacity_units);
  if (cc.read_capacity_units != 0) {
    w->Key("ReadCapacityUnits");
    w->Double(cc.read_capacity_units);
  }
  if (cc.write_capacity_units != 0) {
    w->Key("WriteCapacityUnits");
    w->Double(cc.write_capacity_units);
  }
  if (cc.table.has_value()) {
    w->Key("Table");
    WriteCapacity(*cc.table, w);
  }
  WriteCapacityMap("LocalSecondaryIndexes", cc.local_secondary_indexes, w);
  WriteCapacityMap("GlobalSecondaryIndexes", cc.global_secondary_indexes, w);
  w->EndObject();
}

namespace {

void WriteItemCollectionMetricsObject(const ItemCollectionMetrics& metrics, JsonWriter* w) {
  w->BeginObject();
  w->Key("ItemCollectionKey");
  WriteItem(metrics.item_collection_key, w);
  w->Key("SizeEstimateRangeGB");
  w->BeginArray();
  for (double gb : metrics.size_estimate_range_gb) w->Double(gb);
  w->EndArray();
  w->EndObject();
}

}  // namespace

void WriteItemCollectionMetrics(const std::optional<ItemCollectionMetrics>& metrics,
                                JsonWriter* w) {
  if (!metrics.has_value()) return;
  w->Key("ItemCollectionMetrics");
  WriteItemCollectionMetricsObject(*metrics, w);
}

void WriteItemCollectionMetrics(
    const std::map<std::string, std::vector<ItemCollectionMetrics>>& metrics, JsonWriter* w) {
  if (metrics.empty()) return;
  w->Key("ItemCollectionMetrics");
  w->BeginObject();
  for (const auto& [table, list] : metrics) {
    w->Key(table);
    w->BeginArray();
    for (const ItemCollectionMetrics& m : list) WriteItemCollectionMetricsObject(m, w);
    w->EndArray();
  }
  w->EndObject();
}

absl::Status EnvelopeWriteErrors(absl::Status status) {
  if (status.ok()) return status;
  const std::string_view message(status.message().data(), status.message().size());
  constexpr std::string_view kInEav = "ExpressionAttributeValues contains invalid value: ";
  const bool null_false_in_eav =
      message.starts_with(kInEav) && message.substr(kInEav.size()).starts_with(kNullFalseMessage);
  if (message == kNullFalseMessage || null_false_in_eav || message == kEmptyNamesMessage ||
      message == kEmptyValuesMessage) {
    return MakeError(ErrorType::kValidation, Concat("1 validation error detected: ", message));
  }
  return status;
}

}  // namespace dynarock::json
