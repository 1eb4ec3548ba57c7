#include "lib/ops/table_description.h"

namespace dynarock::ops {

TableDescription Describe(const storage::Engine& engine, const storage::TableInfo& table,
                          TableStatus status, const storage::TableCounters& counters) {
  TableDescription d;
  d.table_name = table.name;
  d.attribute_definitions = table.attribute_definitions;
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
  return d;
}

}  // namespace dynarock::ops
