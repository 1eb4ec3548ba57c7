// dynarock-demo: the README's first command. Opens an in-memory database, creates a table,
// writes, reads and deletes items through the typed API, and prints what happened.
#include <cstdio>
#include <string>

#include "dynarock/database.h"
#include "dynarock/item.h"

namespace dr = dynarock;

namespace {

int Fail(const absl::Status& status) {
  std::fprintf(stderr, "error: %s: %s\n",
               std::string(dr::ErrorTypeName(dr::GetErrorType(status))).c_str(),
               std::string(status.message()).c_str());
  return 1;
}

}  // namespace

int main() {
  auto db = dr::Database::OpenInMemory();
  if (!db.ok()) return Fail(db.status());
  std::printf("opened an in-memory database\n");

  auto created = (*db)->CreateTable(
      {.table_name = "Orders",
       .attribute_definitions = {{"customer", dr::ScalarType::kS}, {"order_id", dr::ScalarType::kN}},
       .key_schema = {{"customer", dr::KeyType::kHash}, {"order_id", dr::KeyType::kRange}},
       .billing_mode = dr::BillingMode::kPayPerRequest});
  if (!created.ok()) return Fail(created.status());
  std::printf("created table %s (%s), status %s\n",
              created->table_description.table_name.c_str(),
              created->table_description.table_arn.c_str(),
              std::string(dr::TableStatusName(created->table_description.table_status)).c_str());

  dr::Table orders = (*db)->GetTable("Orders");
  for (int i = 1; i <= 3; ++i) {
    dr::Item item{{"customer", "c#7"},
                  {"order_id", i},
                  {"total", dr::N(i == 2 ? "1234567890123456789012345.6789" : "19.99")},
                  {"tags", dr::SS({"gift", "express"})},
                  {"lines", dr::L({dr::M({{"sku", "book"}, {"qty", 2}})})}};
    if (absl::Status s = orders.Put(item); !s.ok()) return Fail(s);
    std::printf("put     %s\n", dr::ToDebugString(item).c_str());
  }

  auto got = orders.Get({{"customer", "c#7"}, {"order_id", dr::N("2.0")}});
  if (!got.ok()) return Fail(got.status());
  std::printf("get     order_id 2.0 -> %s\n",
              got->has_value() ? dr::ToDebugString(**got).c_str() : "(no item)");
  if (got->has_value()) {
    auto total = dr::GetN(**got, "total");
    if (total.ok()) std::printf("        exact total: %s\n", total->ToString().c_str());
  }

  // A bad request gets DynamoDB's error and changes nothing.
  auto bad = orders.PutItem({.item = {{"customer", ""}, {"order_id", 9}}});
  std::printf("put with an empty key -> %s: %s\n",
              std::string(dr::ErrorTypeName(dr::GetErrorType(bad.status()))).c_str(),
              std::string(bad.status().message()).c_str());

  auto old = orders.DeleteItem({.key = {{"customer", "c#7"}, {"order_id", 1}},
                                .return_values = dr::ReturnValues::kAllOld});
  if (!old.ok()) return Fail(old.status());
  std::printf("delete  order_id 1, ALL_OLD -> %s\n",
              old->attributes ? dr::ToDebugString(*old->attributes).c_str() : "(none)");

  // Query the partition of customer c#7, newest order first.
  auto queried = orders.Query({.expression_attribute_values = {{":c", "c#7"}},
                               .key_condition_expression = "customer = :c",
                               .scan_index_forward = false});
  if (!queried.ok()) return Fail(queried.status());
  std::printf("query   customer = c#7, descending -> %lld items\n",
              static_cast<long long>(queried->count));
  for (const dr::Item& item : queried->items) {
    std::printf("        %s\n", dr::ToDebugString(item).c_str());
  }

  auto described = orders.Describe();
  if (!described.ok()) return Fail(described.status());
  std::printf("describe: %lld items, %lld bytes\n",
              static_cast<long long>(described->table.item_count),
              static_cast<long long>(described->table.table_size_bytes));

  auto listed = (*db)->ListTables({});
  if (!listed.ok()) return Fail(listed.status());
  std::printf("tables:");
  for (const std::string& name : listed->table_names) std::printf(" %s", name.c_str());
  std::printf("\n");
  return 0;
}
