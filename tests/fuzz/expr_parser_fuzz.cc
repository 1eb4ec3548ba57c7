// libFuzzer target for the expression layer: every input, parsed as each of the five kinds
// against a fixed set of placeholders, must yield a tree or a ValidationException -- never a
// crash, a sanitizer report or an uncategorised error. Parsed conditions and updates are also
// evaluated/applied against a small nested item, and projections projected.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "dynarock/error.h"
#include "dynarock/item.h"

#include "lib/expr/expression.h"

namespace {

using dynarock::ErrorType;
using dynarock::ExpressionAttributeNames;
using dynarock::ExpressionAttributeValues;
using dynarock::Item;
namespace expr = dynarock::expr;

const ExpressionAttributeNames& Names() {
  static const auto* names =
      new ExpressionAttributeNames{{"#a", "a"}, {"#b", "b"},   {"#n", "n"},   {"#l", "l"},
                                   {"#m", "m"}, {"#pk", "pk"}, {"#sk", "sk"}, {"#dot", "x.y"}};
  return *names;
}

const ExpressionAttributeValues& Values() {
  static const auto* values =
      new ExpressionAttributeValues{{":s", "abc"},
                                    {":n", dynarock::N("1.5")},
                                    {":big", dynarock::N("99999999999999999999999999999999999999")},
                                    {":l", dynarock::L({1, "x"})},
                                    {":m", dynarock::M({{"k", 1}})},
                                    {":ss", dynarock::SS({"a", "b"})},
                                    {":ns", dynarock::NS({dynarock::Decimal(1)})},
                                    {":b", dynarock::B("\x01\x02")},
                                    {":t", "S"},
                                    {":bool", true},
                                    {":null", dynarock::Null()}};
  return *values;
}

const Item& Doc() {
  static const auto* item =
      new Item{{"pk", "p"},
               {"sk", dynarock::N("2")},
               {"a", dynarock::N("99999999999999999999999999999999999999")},
               {"b", "text"},
               {"n", dynarock::N("-3")},
               {"l", dynarock::L({1, dynarock::L({2}), dynarock::M({{"c", 3}})})},
               {"m", dynarock::M({{"a", dynarock::M({{"b", 1}})}, {"l", dynarock::L({})}})},
               {"ss", dynarock::SS({"a", "c"})}};
  return *item;
}

void RequireValidation(const absl::Status& status) {
  if (!status.ok() && dynarock::GetErrorType(status) != ErrorType::kValidation) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static expr::ExpressionCache* cache = new expr::ExpressionCache(256);
  expr::UsageTracker usage;
  for (auto kind : {expr::ExpressionKind::kCondition, expr::ExpressionKind::kFilter}) {
    auto c = expr::ParseCondition(text, kind, Names(), Values(), &usage, cache);
    RequireValidation(c.status());
    if (c.ok()) {
      (void)expr::EvaluateCondition(*c, Doc());
      (void)expr::EvaluateCondition(*c, Item{});
      (void)expr::TopLevelNames(*c);
    }
  }
  auto k = expr::ParseKeyCondition(text, Names(), Values(), &usage, "pk", "sk", cache);
  RequireValidation(k.status());
  auto u = expr::ParseUpdate(text, Names(), Values(), &usage, cache);
  RequireValidation(u.status());
  if (u.ok()) {
    Item out;
    expr::UpdatedPaths touched;
    const std::string_view keys[] = {"pk", "sk"};
    RequireValidation(expr::CheckKeyAttributes(*u, keys));
    absl::Status applied = expr::ApplyUpdate(*u, Doc(), &out, &touched);
    RequireValidation(applied);
    if (applied.ok()) {
      (void)expr::ProjectPaths(Doc(), touched.paths);
      (void)expr::ProjectPaths(out, touched.paths);
    }
  }
  auto p = expr::ParseProjection(text, Names(), &usage, cache);
  RequireValidation(p.status());
  if (p.ok()) (void)expr::Project(*p, Doc());
  RequireValidation(usage.CheckAllUsed(Names(), Values()));
  return 0;
}
