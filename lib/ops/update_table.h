// File: lib/ops/update_table.h
//
// UpdateTable (reference 4.5): provisioned throughput, billing mode, deletion protection, and
// GlobalSecondaryIndexUpdates (Create / Update / Delete). Index creation and deletion publish
// the new catalog version at once (CREATING with Backfilling, or DELETING) and hand the rest to
// `builder` (index_builder.h). The answer describes the table as UPDATING.
#ifndef DYNAROCK_LIB_OPS_UPDATE_TABLE_H_
#define DYNAROCK_LIB_OPS_UPDATE_TABLE_H_

#include "dynarock/table_ops.h"

#include "lib/ops/index_builder.h"
#include "lib/storage/engine.h"

#include "absl/status/statusor.h"

namespace dynarock::ops {

absl::StatusOr<UpdateTableResult> UpdateTable(storage::Engine& engine, IndexBuilder& builder,
                                              const UpdateTableRequest& request);

// The status DescribeTable reports: UPDATING while an index is being created or deleted.
TableStatus CurrentTableStatus(const storage::TableInfo& table);

}  // namespace dynarock::ops

#endif  // DYNAROCK_LIB_OPS_UPDATE_TABLE_H_
