// File: lib/ops/table_name.h
//
// TableName rules shared by every operation: 3..255 characters on CreateTable (1..255
// elsewhere, as DynamoDB enforces them), pattern [a-zA-Z0-9_.-]+, reported in the generic
// constraint shape. Data-plane and most control-plane calls also accept the table's ARN.
#ifndef DYNAROCK_LIB_OPS_TABLE_NAME_H_
#define DYNAROCK_LIB_OPS_TABLE_NAME_H_

#include <cstddef>
#include <string_view>

#include "lib/ops/errors.h"
#include "lib/storage/engine.h"

namespace dynarock::ops {

inline constexpr size_t kMaxTableNameLength = 255;

inline constexpr size_t kMaxTableArnLength = 1024;

// Adds the violations of CreateTable's TableName at `path` to *errors: the pattern (skipped for
// an empty name, as DynamoDB then reports only the length), then the length 3..255.
void CheckNewTableName(std::string_view name, std::string_view path, ConstraintErrors* errors);

// Adds the violations of the TableName of other operations: a name of 1..255 characters
// matching the pattern (a failing length is reported alone), or a table ARN ("arn:..." up to
// 1024 characters).
void CheckTableNameOrArn(std::string_view name, std::string_view path, ConstraintErrors* errors);

// `name` itself, or the name inside this database's table ARN
// ("arn:aws:dynamodb:<region>:<account>:table/<name>"). An ARN of another region or account is
// returned unchanged, and so names no table.
std::string_view ResolveTableName(const storage::Engine& engine, std::string_view name);

}  // namespace dynarock::ops

#endif  // DYNAROCK_LIB_OPS_TABLE_NAME_H_
