#include "lib/storage/item_locks.h"

#include "lib/storage/key_layout.h"

namespace dynarock::storage {

size_t ItemLocks::StripeOf(std::string_view storage_key) {
  return static_cast<size_t>(StableHash64(storage_key) % kStripes);
}

void ItemLocks::Barrier() {
  for (Stripe& stripe : stripes_) {
    stripe.mu.Lock();
    stripe.mu.Unlock();
  }
}

}  // namespace dynarock::storage
