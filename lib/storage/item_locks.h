// File: lib/storage/item_locks.h
//
// ItemLocks: a fixed array of mutex stripes; an item's stripe is chosen by a stable hash of its
// storage key. A write holds its item's stripe while it reads the current item, decides, and
// commits one WriteBatch, so two writes of one item never interleave. Operations that need
// several items (BatchWriteItem, transactions: ops::StripeLockSet) lock their stripes in
// ascending index order, which is deadlock-free by construction.
//
// Thread safety: all methods may be called concurrently.
#ifndef DYNAROCK_LIB_STORAGE_ITEM_LOCKS_H_
#define DYNAROCK_LIB_STORAGE_ITEM_LOCKS_H_

#include <array>
#include <cstddef>
#include <string_view>

#include "absl/synchronization/mutex.h"

namespace dynarock::storage {

class ItemLocks {
 public:
  static constexpr size_t kStripes = 1024;

  static size_t StripeOf(std::string_view storage_key);

  // The stripe mutex of `storage_key`. Lives as long as *this.
  absl::Mutex& MutexFor(std::string_view storage_key) { return stripes_[StripeOf(storage_key)].mu; }
  // The mutex of stripe `stripe` (StripeOf()), for callers that lock several stripes in
  // ascending order. REQUIRES: stripe < kStripes.
  absl::Mutex& MutexAt(size_t stripe) { return stripes_[stripe].mu; }

  // Locks and unlocks every stripe in ascending order. When it returns, every write that held
  // a stripe when Barrier() was called has finished. DeleteTable uses it after marking the table
  // dropped, so no in-flight write can land after the table's DeleteRange.
  void Barrier();

 private:
  struct alignas(64) Stripe {  // one cache line each: no false sharing between stripes
    absl::Mutex mu;
  };
  std::array<Stripe, kStripes> stripes_;
};

}  // namespace dynarock::storage

#endif  // DYNAROCK_LIB_STORAGE_ITEM_LOCKS_H_
