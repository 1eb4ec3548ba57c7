// File: lib/ops/table_description.h
//
// TableDescription of a catalog entry (reference 4.20): name, ARN, TableId, status, schema,
// creation time, billing summary, throughput (zeros on on-demand tables), exact counters, and
// each secondary index (IndexName, KeySchema, Projection, IndexStatus and Backfilling for GSIs,
// ProvisionedThroughput for GSIs, exact ItemCount and IndexSizeBytes, IndexArn
// "<table arn>/index/<name>"). Index counters are read from the store here.
#ifndef DYNAROCK_LIB_OPS_TABLE_DESCRIPTION_H_
#define DYNAROCK_LIB_OPS_TABLE_DESCRIPTION_H_

#include "dynarock/table_ops.h"
#include "lib/storage/catalog.h"
#include "lib/storage/counters.h"
#include "lib/storage/engine.h"

namespace dynarock::ops {

TableDescription Describe(const storage::Engine& engine, const storage::TableInfo& table,
                          TableStatus status, const storage::TableCounters& counters);

}  // namespace dynarock::ops

#endif  // DYNAROCK_LIB_OPS_TABLE_DESCRIPTION_H_
