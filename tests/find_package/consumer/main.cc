// Opens an in-memory database through the installed package and round-trips one item.
#include <cstdio>

#include "dynarock/database.h"

int main() {
  auto db = dynarock::Database::OpenInMemory();
  if (!db.ok()) return 1;
  auto created = (*db)->CreateTable({.table_name = "consumer_table",
                                     .attribute_definitions = {{"pk", dynarock::ScalarType::kS}},
                                     .key_schema = {{"pk", dynarock::KeyType::kHash}},
                                     .billing_mode = dynarock::BillingMode::kPayPerRequest});
  if (!created.ok()) {
    std::printf("consumer: %s\n", created.status().ToString().c_str());
    return 2;
  }
  dynarock::Table t = (*db)->GetTable("consumer_table");
  if (!t.Put({{"pk", "a"}, {"n", dynarock::N("1.50")}}).ok()) return 3;
  auto got = t.Get({{"pk", "a"}});
  if (!got.ok() || !got->has_value()) return 4;
  std::printf("consumer: %s\n", dynarock::ToDebugString(**got).c_str());
  return 0;
}
