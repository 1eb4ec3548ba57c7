// File: dynarock/table_ops.h
//
// Request and response structs of the table (control-plane) operations: CreateTable,
// DescribeTable, ListTables, DeleteTable. They mirror DynamoDB's API field for field, in C++
// naming (TableName -> table_name), so the typed API, the JSON layer and the server share one
// shape. Fields start with table_name, then required members, then the rest alphabetically, and
// all have a default so designated initializers may skip them. An unset optional means the
// member is absent on the wire.
#ifndef DYNAROCK_TABLE_OPS_H_
#define DYNAROCK_TABLE_OPS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dynarock/value.h"

namespace dynarock {

enum class KeyType : uint8_t { kHash = 0, kRange = 1 };  // On disk: never renumber.
enum class BillingMode : uint8_t { kProvisioned = 0, kPayPerRequest = 1 };
enum class TableStatus : uint8_t { kCreating = 0, kUpdating, kDeleting, kActive };
enum class ProjectionType : uint8_t { kAll = 0, kKeysOnly = 1, kInclude = 2 };
enum class IndexStatus : uint8_t { kCreating = 0, kUpdating, kDeleting, kActive };

std::string_view KeyTypeName(KeyType t);          // "HASH", "RANGE"
std::string_view BillingModeName(BillingMode m);  // "PROVISIONED", "PAY_PER_REQUEST"
std::string_view TableStatusName(TableStatus s);  // "ACTIVE", ...
std::string_view ProjectionTypeName(ProjectionType p);
std::string_view IndexStatusName(IndexStatus s);

struct AttributeDefinition {
  std::string attribute_name{};
  ScalarType attribute_type = ScalarType::kS;
  bool operator==(const AttributeDefinition&) const = default;
};

struct KeySchemaElement {
  std::string attribute_name{};
  KeyType key_type = KeyType::kHash;
  bool operator==(const KeySchemaElement&) const = default;
};

struct ProvisionedThroughput {
  int64_t read_capacity_units = 0;
  int64_t write_capacity_units = 0;
  bool operator==(const ProvisionedThroughput&) const = default;
};

struct Projection {
  std::vector<std::string> non_key_attributes{};
  std::optional<ProjectionType> projection_type{};
  bool operator==(const Projection&) const = default;
};

struct GlobalSecondaryIndex {
  std::string index_name{};
  std::vector<KeySchemaElement> key_schema{};
  Projection projection{};
  std::optional<ProvisionedThroughput> provisioned_throughput{};
};

struct LocalSecondaryIndex {
  std::string index_name{};
  std::vector<KeySchemaElement> key_schema{};
  Projection projection{};
};

struct Tag {
  std::string key{};
  std::string value{};
};

struct CreateTableRequest {
  std::string table_name{};
  std::vector<AttributeDefinition> attribute_definitions{};
  std::vector<KeySchemaElement> key_schema{};
  std::optional<BillingMode> billing_mode{};
  std::optional<bool> deletion_protection_enabled{};
  std::vector<GlobalSecondaryIndex> global_secondary_indexes{};
  std::vector<LocalSecondaryIndex> local_secondary_indexes{};
  std::optional<ProvisionedThroughput> provisioned_throughput{};
  std::vector<Tag> tags{};
};

// ProvisionedThroughput as described: on-demand tables report zeros.
struct ProvisionedThroughputDescription {
  int64_t number_of_decreases_today = 0;
  int64_t read_capacity_units = 0;
  int64_t write_capacity_units = 0;
};

struct BillingModeSummary {
  BillingMode billing_mode = BillingMode::kProvisioned;
  double last_update_to_pay_per_request_date_time = 0;  // epoch seconds; 0 = absent
};

struct GlobalSecondaryIndexDescription {
  std::string index_name{};
  std::vector<KeySchemaElement> key_schema{};
  Projection projection{};
  IndexStatus index_status = IndexStatus::kActive;
  std::optional<bool> backfilling{};
  ProvisionedThroughputDescription provisioned_throughput{};
  int64_t index_size_bytes = 0;
  int64_t item_count = 0;
  std::string index_arn{};
};

struct LocalSecondaryIndexDescription {
  std::string index_name{};
  std::vector<KeySchemaElement> key_schema{};
  Projection projection{};
  int64_t index_size_bytes = 0;
  int64_t item_count = 0;
  std::string index_arn{};
};

struct TableDescription {
  std::string table_name{};
  std::vector<AttributeDefinition> attribute_definitions{};
  std::optional<BillingModeSummary> billing_mode_summary{};
  // Epoch seconds with millisecond fraction, as DynamoDB's JSON number.
  double creation_date_time = 0;
  std::optional<bool> deletion_protection_enabled{};
  std::vector<GlobalSecondaryIndexDescription> global_secondary_indexes{};
  int64_t item_count = 0;
  std::vector<KeySchemaElement> key_schema{};
  std::vector<LocalSecondaryIndexDescription> local_secondary_indexes{};
  ProvisionedThroughputDescription provisioned_throughput{};
  std::string table_arn{};
  std::string table_id{};
  int64_t table_size_bytes = 0;
  TableStatus table_status = TableStatus::kActive;
};

struct CreateTableResult {
  TableDescription table_description{};
};

struct DescribeTableRequest {
  std::string table_name{};
};
struct DescribeTableResult {
  TableDescription table{};
};

struct ListTablesRequest {
  std::optional<std::string> exclusive_start_table_name{};
  std::optional<int32_t> limit{};  // 1..100, default 100
};
struct ListTablesResult {
  std::optional<std::string> last_evaluated_table_name{};
  std::vector<std::string> table_names{};
};

struct DeleteTableRequest {
  std::string table_name{};
};
struct DeleteTableResult {
  TableDescription table_description{};
};

// UpdateTable (reference 4.5). GlobalSecondaryIndexUpdates entries carry exactly one action.
// A Create makes the index CREATING (Backfilling) at once and ACTIVE once a background build
// has indexed the existing items; a Delete makes it DELETING until its entries are removed.
struct CreateGlobalSecondaryIndexAction {
  std::string index_name{};
  std::vector<KeySchemaElement> key_schema{};
  Projection projection{};
  std::optional<ProvisionedThroughput> provisioned_throughput{};
};

struct UpdateGlobalSecondaryIndexAction {
  std::string index_name{};
  std::optional<ProvisionedThroughput> provisioned_throughput{};
};

struct DeleteGlobalSecondaryIndexAction {
  std::string index_name{};
};

struct GlobalSecondaryIndexUpdate {
  std::optional<CreateGlobalSecondaryIndexAction> create{};
  std::optional<DeleteGlobalSecondaryIndexAction> delete_action{};  // the wire's "Delete"
  std::optional<UpdateGlobalSecondaryIndexAction> update{};
};

struct UpdateTableRequest {
  std::string table_name{};
  std::vector<AttributeDefinition> attribute_definitions{};  // definitions of new index keys
  std::optional<BillingMode> billing_mode{};
  std::optional<bool> deletion_protection_enabled{};
  // Absent (nullopt) is not the same as an empty list, which DynamoDB rejects.
  std::optional<std::vector<GlobalSecondaryIndexUpdate>> global_secondary_index_updates{};
  std::optional<ProvisionedThroughput> provisioned_throughput{};
};
struct UpdateTableResult {
  TableDescription table_description{};
};

}  // namespace dynarock

#endif  // DYNAROCK_TABLE_OPS_H_
