#include "lib/ops/paging.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "dynarock/error.h"

#include "lib/base/status_macros.h"
#include "lib/codec/key_codec.h"
#include "lib/ops/conditions.h"
#include "lib/ops/errors.h"
#include "lib/ops/index_read.h"
#include "lib/ops/item_common.h"
#include "lib/ops/legacy.h"
#include "lib/storage/item_value.h"
#include "lib/storage/key_layout.h"
#include "lib/value/validate.h"

#include "rocksdb/iterator.h"

namespace dynarock::ops {
namespace {

bool Has(const std::optional<std::string>* s) { return s != nullptr && s->has_value(); }

// "Can not use both expression and non-expression parameters ...". The lists are in dynalite's
// order (checked against DynamoDB). KeyConditions goes with FilterExpression and
// ProjectionExpression; it only clashes with KeyConditionExpression.
absl::Status CheckMixedParameters(const ReadParameters& p) {
  std::string expressions;
  auto add = [](std::string* list, bool present, std::string_view name) {
    if (!present) return;
    if (!list->empty()) list->append(", ");
    list->append(name);
  };
  add(&expressions, Has(p.projection_expression), "ProjectionExpression");
  add(&expressions, Has(p.filter_expression), "FilterExpression");
  add(&expressions, Has(p.key_condition_expression), "KeyConditionExpression");
  if (expressions.empty()) return absl::OkStatus();
  std::string legacy;
  add(&legacy, !p.attributes_to_get->empty(), "AttributesToGet");
  add(&legacy, p.filter != nullptr && !p.filter->empty(), p.filter_name);
  add(&legacy, p.conditional_operator != nullptr && p.conditional_operator->has_value(),
      "ConditionalOperator");
  add(&legacy,
      p.key_conditions != nullptr && !p.key_conditions->empty() && Has(p.key_condition_expression),
      "KeyConditions");
  if (legacy.empty()) return absl::OkStatus();
  return Invalid(
      Cat("Can not use both expression and non-expression parameters in the same "
          "request: Non-expression parameters: {",
          legacy, "} Expression parameters: {", expressions, "}"));
}

absl::Status CheckSelect(const ReadParameters& p) {
  const bool projection = Has(p.projection_expression);
  const bool atg = !p.attributes_to_get->empty();
  if (!p.select->has_value()) return absl::OkStatus();
  const std::string_view what = projection ? "ProjectionExpression" : "AttributesToGet";
  switch (**p.select) {
    case Select::kAllProjectedAttributes:
      if (!p.has_index) {
        return Invalid(
            "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
      }
      if (projection || atg) {
        return Invalid(
            Cat("Cannot specify the ", what, " when choosing to get ALL_PROJECTED_ATTRIBUTES"));
      }
      break;
    case Select::kSpecificAttributes:
      if (!projection && !atg) {
        return Invalid(Cat(p.is_query ? kEnvelopePrefix : std::string_view(),
                           "Must specify the AttributesToGet or ProjectionExpression when "
                           "choosing to get SPECIFIC_ATTRIBUTES"));
      }
      break;
    case Select::kAllAttributes:
      if (projection || atg) {
        return Invalid(Cat("Cannot specify the ", what, " when choosing to get ALL_ATTRIBUTES"));
      }
      break;
    case Select::kCount:
      if (projection || atg) {
        return Invalid(Cat("Cannot specify the ", what, " when choosing to get only the Count"));
      }
      break;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckReadParameters(const ReadParameters& p) {
  if (p.limit->has_value() && **p.limit < 1) {
    ConstraintErrors errors;
    if (p.is_query) {
      // Query's own form: no value, capital L (reference section 0, [LIVE]).
      errors.AddWithoutValue("Limit", MinValueConstraint(1));
    } else {
      errors.Add(std::to_string(**p.limit), "limit", MinValueConstraint(1));
    }
    return errors.ToStatus();
  }
  DYNAROCK_RETURN_IF_ERROR(CheckMixedParameters(p));
  const bool has_filter = p.filter != nullptr && !p.filter->empty();
  if (p.conditional_operator != nullptr && p.conditional_operator->has_value() && !has_filter) {
    // DynamoDB Local's text (its error catalog); DynamoDB's own is unconfirmed.
    return Invalid("ConditionalOperator cannot be used without Filter or Expected");
  }
  if (has_filter) DYNAROCK_RETURN_IF_ERROR(CheckConditions(*p.filter));
  DYNAROCK_RETURN_IF_ERROR(CheckSelect(p));
  const bool any_expression =
      Has(p.filter_expression) || Has(p.key_condition_expression) || Has(p.projection_expression);
  if (!p.names->empty() && !any_expression) {
    return Invalid("ExpressionAttributeNames can only be specified when using expressions");
  }
  if (!p.values->empty() && !Has(p.filter_expression) && !Has(p.key_condition_expression)) {
    return Invalid(p.is_query ? "ExpressionAttributeValues can only be specified when using "
                                "expressions: FilterExpression and KeyConditionExpression are null"
                              : "ExpressionAttributeValues can only be specified when using "
                                "expressions: FilterExpression is null");
  }
  std::vector<std::string_view> seen(p.attributes_to_get->begin(), p.attributes_to_get->end());
  std::sort(seen.begin(), seen.end());
  for (size_t i = 1; i < seen.size(); ++i) {
    if (seen[i] == seen[i - 1]) {
      return Invalid(
          Cat("One or more parameter values were invalid: Duplicate value in attribute name: ",
              seen[i]));
    }
  }
  DYNAROCK_RETURN_IF_ERROR(expr::ValidatePlaceholderKeys(*p.names, *p.values));
  return ValidateExpressionAttributeValues(p.is_query ? Operation::kQuery : Operation::kScan,
                                           *p.values);
}

absl::Status PrepareReadShape(const ReadParameters& p, expr::UsageTracker* usage,
                              ReadShape* shape) {
  if (p.filter != nullptr && !p.filter->empty()) {
    DYNAROCK_RETURN_IF_ERROR(TranslateFilter(
        *p.filter, p.conditional_operator != nullptr ? *p.conditional_operator : std::nullopt,
        &shape->filter.emplace()));
  } else if (Has(p.filter_expression)) {
    DYNAROCK_ASSIGN_OR_RETURN(
        shape->filter, expr::ParseCondition(**p.filter_expression, expr::ExpressionKind::kFilter,
                                            *p.names, *p.values, usage));
  }
  if (Has(p.projection_expression)) {
    DYNAROCK_ASSIGN_OR_RETURN(shape->projection,
                              expr::ParseProjection(**p.projection_expression, *p.names, usage));
  }
  shape->attributes_to_get.assign(p.attributes_to_get->begin(), p.attributes_to_get->end());
  std::sort(shape->attributes_to_get.begin(), shape->attributes_to_get.end());
  shape->count_only = p.select->has_value() && **p.select == Select::kCount;
  return absl::OkStatus();
}

absl::Status DecodeItemKey(const storage::TableInfo& table, std::string_view key, Item* out) {
  if (key.size() < storage::kItemKeyHeaderSize) return absl::DataLossError("short item key");
  std::string_view rest = key.substr(storage::kItemKeyHeaderSize);
  return DecodeTableKeyParts(table, &rest, out);
}

absl::Status DecodeTableKeyParts(const storage::TableInfo& table, std::string_view* rest,
                                 Item* out) {
  DYNAROCK_ASSIGN_OR_RETURN(AttributeValue pk, codec::DecodeKeyPart(table.hash_type, rest));
  out->insert_or_assign(table.hash_key, std::move(pk));
  if (table.range_key.has_value()) {
    DYNAROCK_ASSIGN_OR_RETURN(AttributeValue sk, codec::DecodeKeyPart(table.range_type, rest));
    out->insert_or_assign(*table.range_key, std::move(sk));
  }
  return absl::OkStatus();
}

std::string PrefixSuccessor(std::string_view prefix) {
  std::string out(prefix);
  while (!out.empty() && static_cast<unsigned char>(out.back()) == 0xFF) out.pop_back();
  if (!out.empty()) out.back() = static_cast<char>(static_cast<unsigned char>(out.back()) + 1);
  return out;
}

bool SinkTakesItems(const PageSpec& spec) {
  return spec.sink != nullptr && !spec.shape->projection.has_value() &&
         spec.shape->attributes_to_get.empty() && !spec.fetch_base;
}

absl::Status ReadPage(const storage::Engine& engine, const PageSpec& spec, QueryResult* out) {
  const ReadShape& shape = *spec.shape;
  codec::EncodedItemSink* const sink = SinkTakesItems(spec) ? spec.sink : nullptr;
  size_t bytes_read = 0;   // of the table's items, or of the index's entries on an index read
  size_t base_bytes = 0;   // of base items an LSI read fetched (charged to the table)
  bool stopped_early = false;
  if (spec.lower < spec.upper) {
    std::unique_ptr<rocksdb::Iterator> it = engine.store().NewIterator(&spec.lower, &spec.upper);
    if (spec.forward) {
      it->SeekToFirst();
    } else {
      it->SeekToLast();
    }
    const bool need_item = shape.filter.has_value() || (!shape.count_only && sink == nullptr);
    Item item;
    for (; it->Valid(); spec.forward ? it->Next() : it->Prev()) {
      const rocksdb::Slice value = it->value();
      const std::string_view stored(value.data(), value.size());
      bytes_read += storage::StoredItemSize(stored);
      ++out->scanned_count;
      bool matches = true;
      if (need_item) {
        item.clear();
        if (spec.fetch_base) {
          const rocksdb::Slice entry_key = it->key();
          DYNAROCK_ASSIGN_OR_RETURN(
              bool found, FetchBaseItem(engine, *spec.table, *spec.index,
                                        std::string_view(entry_key.data(), entry_key.size()),
                                        &item, &base_bytes));
          if (!found) DYNAROCK_RETURN_IF_ERROR(storage::DecodeItemValue(stored, &item));
        } else {
          DYNAROCK_RETURN_IF_ERROR(storage::DecodeItemValue(stored, &item));
        }
        if (shape.filter.has_value()) matches = expr::EvaluateCondition(*shape.filter, item);
      }
      if (matches) {
        ++out->count;
        if (!shape.count_only) {
          if (sink != nullptr) {
            DYNAROCK_ASSIGN_OR_RETURN(std::string_view encoded, storage::EncodedItemOf(stored));
            DYNAROCK_RETURN_IF_ERROR(sink->Add(encoded));
          } else if (shape.projection.has_value()) {
            out->items.push_back(expr::Project(*shape.projection, item));
          } else if (!shape.attributes_to_get.empty()) {
            for (auto a = item.begin(); a != item.end();) {
              a = std::binary_search(shape.attributes_to_get.begin(), shape.attributes_to_get.end(),
                                     std::string_view(a->first))
                      ? std::next(a)
                      : item.erase(a);
            }
            out->items.push_back(std::move(item));
          } else {
            out->items.push_back(std::move(item));
          }
        }
      }
      if ((spec.limit > 0 && out->scanned_count >= spec.limit) ||
          bytes_read + base_bytes >= kMaxPageBytes) {
        const rocksdb::Slice key = it->key();
        out->last_evaluated_key.emplace();
        const std::string_view k(key.data(), key.size());
        DYNAROCK_RETURN_IF_ERROR(
            spec.index != nullptr
                ? DecodeIndexEntryKey(*spec.table, *spec.index, k, &*out->last_evaluated_key)
                : DecodeItemKey(*spec.table, k, &*out->last_evaluated_key));
        stopped_early = true;
        break;
      }
    }
    if (!stopped_early && !it->status().ok()) {
      return MakeError(ErrorType::kInternalServerError, it->status().ToString());
    }
  }
  if (spec.index == nullptr) {
    out->consumed_capacity = MakeConsumedCapacity(spec.return_consumed_capacity, spec.table->name,
                                                  ReadUnits(bytes_read, spec.consistent));
  } else if (WantsCapacity(spec.return_consumed_capacity)) {
    // An index read is charged to the index; base items an LSI read fetched, to the table
    // (reference 6).
    out->consumed_capacity = MakeConsumedCapacity(
        spec.return_consumed_capacity, spec.table->name,
        base_bytes > 0 ? ReadUnits(base_bytes, spec.consistent) : 0,
        {{.index = spec.index, .units = ReadUnits(bytes_read, spec.consistent)}});
  }
  return absl::OkStatus();
}

}  // namespace dynarock::ops
