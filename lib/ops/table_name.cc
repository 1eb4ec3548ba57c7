#include "lib/ops/table_name.h"

namespace dynarock::ops {
namespace {

bool IsTableNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

bool MatchesPattern(std::string_view name) {
  for (char c : name) {
    if (!IsTableNameChar(c)) return false;
  }
  return true;
}

}  // namespace

void CheckNewTableName(std::string_view name, std::string_view path, ConstraintErrors* errors) {
  if (!name.empty() && !MatchesPattern(name)) {
    errors->Add(name, path, kTableNamePatternConstraint);
  }
  if (name.size() < 3) {
    errors->Add(name, path, MinLengthConstraint(3));
  } else if (name.size() > kMaxTableNameLength) {
    errors->Add(name, path, MaxLengthConstraint(kMaxTableNameLength));
  }
}

void CheckTableNameOrArn(std::string_view name, std::string_view path, ConstraintErrors* errors) {
  if (name.empty()) {
    errors->Add(name, path, MinLengthConstraint(1));
  } else if (name.substr(0, 4) == "arn:") {
    if (name.size() > kMaxTableArnLength) {
      errors->Add(name, path, MaxLengthConstraint(kMaxTableArnLength));
    }
  } else if (name.size() > kMaxTableNameLength) {
    errors->Add(name, path, MaxLengthConstraint(kMaxTableNameLength));
  } else if (!MatchesPattern(name)) {
    errors->Add(name, path, kTableNamePatternConstraint);
  }
}

std::string_view ResolveTableName(const storage::Engine& engine, std::string_view name) {
  std::string_view prefix = engine.table_arn_prefix();
  if (name.size() > prefix.size() && name.substr(0, prefix.size()) == prefix) {
    return name.substr(prefix.size());
  }
  return name;
}

}  // namespace dynarock::ops
