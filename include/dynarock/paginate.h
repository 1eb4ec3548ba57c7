// File: dynarock/paginate.h
//
// Typed page iteration over Query and Scan. Each call of Database::Query / Database::Scan reads
// one page (query.h); these ranges call it again and again, passing each page's
// last_evaluated_key back as exclusive_start_key, until a page comes back without one.
//
//   dynarock::QueryRequest q{.expression_attribute_values = {{":c", "c#7"}},
//                            .key_condition_expression = "customer = :c",
//                            .limit = 100};
//   for (absl::StatusOr<dynarock::Item>& item : dynarock::QueryItems(orders, q)) {
//     if (!item.ok()) return item.status();  // the error ends the iteration
//     Use(*item);                               // may std::move(*item)
//   }
//   for (absl::StatusOr<dynarock::ScanResult>& page : dynarock::ScanPages(orders, {})) {
//     if (!page.ok()) return page.status();
//     total += page->count;  // every page DynamoDB would return, empty filtered pages too
//   }
//
// Laziness: a page is fetched when iteration reaches it -- the first by begin(), the next by
// the increment that moves past the previous page (for QueryItems/ScanItems: past its last
// item). Nothing is read ahead, and no iterator or snapshot is held between pages.
//
// Errors: a failed fetch is yielded once, as a non-OK element; the increment after it ends the
// iteration. Items already yielded stay valid (they are owned by the caller's element).
//
// Parallel Scan: set segment and total_segments in the ScanRequest; the range then walks that
// segment only (one range per worker thread).
//
// Lifetime and threads: a range borrows the Database (through the Table handle) and must not
// outlive it. A range is single-pass (an input range): begin() may be called once, and one
// range must not be used by two threads at once; separate ranges are independent. Moving a
// range invalidates its iterators.
#ifndef DYNAROCK_PAGINATE_H_
#define DYNAROCK_PAGINATE_H_

#include <cstddef>
#include <iterator>
#include <optional>
#include <utility>

#include "absl/status/statusor.h"
#include "dynarock/database.h"
#include "dynarock/query.h"

namespace dynarock {

namespace paginate_internal {

// One page. Table::Query/Scan take the request by value: one request copy per page, small next
// to the page read itself.
inline absl::StatusOr<QueryResult> Fetch(const Table& table, const QueryRequest& request) {
  return table.Query(request);
}
inline absl::StatusOr<ScanResult> Fetch(const Table& table, const ScanRequest& request) {
  return table.Scan(request);
}

// The input iterator of PageRange and ItemRange: *it is the range's current element (the
// std::optional range->current(), empty at the end) and ++it calls range->Advance().
template <class Range, class Value>
class RangeIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = Value;
  using difference_type = std::ptrdiff_t;
  using pointer = Value*;
  using reference = Value&;

  RangeIterator() = default;
  reference operator*() const { return *range_->current(); }
  pointer operator->() const { return &*range_->current(); }
  RangeIterator& operator++() {
    range_->Advance();
    return *this;
  }
  void operator++(int) { ++*this; }
  friend bool operator==(const RangeIterator& it, std::default_sentinel_t) { return it.AtEnd(); }

 private:
  friend Range;
  explicit RangeIterator(Range* range) : range_(range) {}
  bool AtEnd() const { return range_ == nullptr || !range_->current().has_value(); }
  Range* range_ = nullptr;
};

}  // namespace paginate_internal

template <class Request>
class ItemRange;

// The pages of a Query or Scan (Request is QueryRequest or ScanRequest). Elements are
// absl::StatusOr<QueryResult> (ScanResult is the same type).
template <class Request>
class PageRange {
 public:
  using Page = absl::StatusOr<QueryResult>;
  using iterator = paginate_internal::RangeIterator<PageRange, Page>;

  // `table` names the table (request.table_name is replaced by it).
  PageRange(Table table, Request request)
      : table_(std::move(table)), request_(std::move(request)) {}
  PageRange(PageRange&&) noexcept = default;
  PageRange& operator=(PageRange&&) noexcept = default;
  PageRange(const PageRange&) = delete;
  PageRange& operator=(const PageRange&) = delete;

  // Fetches the first page (on the first call only).
  iterator begin() {
    if (!started_) {
      started_ = true;
      page_.emplace(paginate_internal::Fetch(table_, request_));
    }
    return iterator(this);
  }
  std::default_sentinel_t end() const { return std::default_sentinel; }

  // The request that fetches the next page: its exclusive_start_key is the last page's
  // last_evaluated_key once that page was passed. Lets a caller stop and resume later.
  const Request& next_request() const { return request_; }

 private:
  // Moves past the current page: fetches the next one if the current page has a
  // last_evaluated_key, else (or after an error) ends.
  void Advance() {
    if (!page_.has_value()) return;
    if (!page_->ok() || !(*page_)->last_evaluated_key.has_value()) {
      page_.reset();
      return;
    }
    request_.exclusive_start_key = std::move((*page_)->last_evaluated_key);
    page_.emplace(paginate_internal::Fetch(table_, request_));
  }

  friend iterator;
  friend class ItemRange<Request>;

  std::optional<Page>& current() { return page_; }

  Table table_;
  Request request_;
  bool started_ = false;
  std::optional<Page> page_{};  // the current page; empty before begin() and at the end
};

// The items of a Query or Scan, page after page, in the order DynamoDB returns them. Elements
// are absl::StatusOr<Item>; a failed page fetch is one non-OK element and ends the range.
template <class Request>
class ItemRange {
 public:
  using iterator = paginate_internal::RangeIterator<ItemRange, absl::StatusOr<Item>>;

  ItemRange(Table table, Request request) : pages_(std::move(table), std::move(request)) {}
  ItemRange(ItemRange&&) noexcept = default;
  ItemRange& operator=(ItemRange&&) noexcept = default;
  ItemRange(const ItemRange&) = delete;
  ItemRange& operator=(const ItemRange&) = delete;

  // Fetches pages until the first item (or error, or the end).
  iterator begin() {
    if (!started_) {
      started_ = true;
      pages_.begin();
      Settle();
    }
    return iterator(this);
  }
  std::default_sentinel_t end() const { return std::default_sentinel; }

  // See PageRange::next_request(). Items of the current page not yet reached are not covered
  // by it: resume only at a page boundary.
  const Request& next_request() const { return pages_.next_request(); }

 private:
  friend iterator;

  std::optional<absl::StatusOr<Item>>& current() { return item_; }

  void Advance() {
    if (!item_.has_value()) return;
    if (!item_->ok()) {  // the error was yielded: stop
      item_.reset();
      pages_.page_.reset();
      return;
    }
    Settle();
  }

  // Makes item_ the next item, fetching pages past empty ones; item_ is the page's error if a
  // fetch failed, and empty at the end.
  void Settle() {
    item_.reset();
    while (pages_.page_.has_value()) {
      absl::StatusOr<QueryResult>& page = *pages_.page_;
      if (!page.ok()) {
        item_.emplace(page.status());
        return;
      }
      if (next_ < page->items.size()) {
        item_.emplace(std::move(page->items[next_++]));
        return;
      }
      pages_.Advance();
      next_ = 0;
    }
  }

  PageRange<Request> pages_;
  size_t next_ = 0;  // index of the next item of the current page
  bool started_ = false;
  std::optional<absl::StatusOr<Item>> item_{};  // the current item; empty at the end
};

using QueryPageRange = PageRange<QueryRequest>;
using ScanPageRange = PageRange<ScanRequest>;
using QueryItemRange = ItemRange<QueryRequest>;
using ScanItemRange = ItemRange<ScanRequest>;

// Pages and items of a Query or Scan on `table` (request.table_name is ignored).
inline QueryPageRange QueryPages(const Table& table, QueryRequest request) {
  return QueryPageRange(table, std::move(request));
}
inline QueryItemRange QueryItems(const Table& table, QueryRequest request) {
  return QueryItemRange(table, std::move(request));
}
inline ScanPageRange ScanPages(const Table& table, ScanRequest request) {
  return ScanPageRange(table, std::move(request));
}
inline ScanItemRange ScanItems(const Table& table, ScanRequest request) {
  return ScanItemRange(table, std::move(request));
}

// The same on `db`, for the table named by request.table_name.
inline QueryPageRange QueryPages(Database& db, QueryRequest request) {
  Table table = db.GetTable(request.table_name);
  return QueryPageRange(std::move(table), std::move(request));
}
inline QueryItemRange QueryItems(Database& db, QueryRequest request) {
  Table table = db.GetTable(request.table_name);
  return QueryItemRange(std::move(table), std::move(request));
}
inline ScanPageRange ScanPages(Database& db, ScanRequest request) {
  Table table = db.GetTable(request.table_name);
  return ScanPageRange(std::move(table), std::move(request));
}
inline ScanItemRange ScanItems(Database& db, ScanRequest request) {
  Table table = db.GetTable(request.table_name);
  return ScanItemRange(std::move(table), std::move(request));
}

}  // namespace dynarock

#endif  // DYNAROCK_PAGINATE_H_
