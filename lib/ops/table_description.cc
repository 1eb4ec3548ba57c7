#include "lib/ops/table_description.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "rocksdb/slice.h"

namespace dynarock::ops {

TableDescription Describe(const storage::Engine& engine, const storage::TableInfo& table,
                          TableStatus status, const storage::TableCounters& counters) {
  TableDescription d;
  d.table_name = table.name;
  // DynamoDB describes AttributeDefinitions and NonKeyAttributes sorted by name, whatever the
  // request's order (live catalogue DDB-TABLE-125).
  d.attribute_definitions = table.attribute_definitions;
  std::sort(d.attribute_definitions.begin(), d.attribute_definitions.end(),
            [](const AttributeDefinition& a, const AttributeDefinition& b) {
              return a.attribute_name < b.attribute_name;
            });
  auto sorted = [](Projection p) {
    std::sort(p.non_key_attributes.begin(), p.non_key_attributes.end());
    return p;
  };
  const double created = static_cast<double>(table.creation_time_ms) / 1000.0;
  if (table.billing_mode == BillingMode::kPayPerRequest) {
    // For a table created on-demand the date equals CreationDateTime (reference 4.20).
    d.billing_mode_summary =
        BillingModeSummary{.billing_mode = BillingMode::kPayPerRequest,
                           .last_update_to_pay_per_request_date_time = created};
  }
  d.creation_date_time = created;
  d.deletion_protection_enabled = table.deletion_protection;
  d.item_count = counters.item_count;
  d.key_schema = table.key_schema;
  d.provisioned_throughput =
      ProvisionedThroughputDescription{.number_of_decreases_today = 0,
                                       .read_capacity_units = table.read_capacity_units,
                                       .write_capacity_units = table.write_capacity_units};
  d.table_arn = engine.table_arn_prefix() + table.name;
  d.table_id = table.table_uuid;
  d.table_size_bytes = counters.size_bytes;
  d.table_status = status;
  for (const storage::IndexInfo& index : table.indexes) {
    // Exact counters; a failed read (never expected) describes the index as empty.
    storage::TableCounters c;
    rocksdb::PinnableSlice value;
    if (absl::StatusOr<bool> found = engine.store().Get(index.counters_key, &value);
        found.ok() && *found) {
      c = storage::DecodeCounters(std::string_view(value.data(), value.size()));
    }
    std::string arn = d.table_arn + "/index/" + index.name;
    if (index.global) {
      GlobalSecondaryIndexDescription g;
      g.index_name = index.name;
      g.key_schema = index.key_schema;
      g.projection = sorted(index.projection);
      g.index_status = index.status;
      // Present only while an index is being created (reference 5: absent once ACTIVE).
      if (index.status == IndexStatus::kCreating) g.backfilling = index.backfilling;
      g.provisioned_throughput =
          ProvisionedThroughputDescription{.number_of_decreases_today = 0,
                                           .read_capacity_units = index.read_capacity_units,
                                           .write_capacity_units = index.write_capacity_units};
      g.index_size_bytes = c.size_bytes;
      g.item_count = c.item_count;
      g.index_arn = std::move(arn);
      d.global_secondary_indexes.push_back(std::move(g));
    } else {
      LocalSecondaryIndexDescription l;
      l.index_name = index.name;
      l.key_schema = index.key_schema;
      l.projection = sorted(index.projection);
      l.index_size_bytes = c.size_bytes;
      l.item_count = c.item_count;
      l.index_arn = std::move(arn);
      d.local_secondary_indexes.push_back(std::move(l));
    }
  }
  return d;
}

}  // namespace dynarock::ops
