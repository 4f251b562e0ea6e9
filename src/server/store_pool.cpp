// The pool of read-only store connections.
#include "server/store_pool.hpp"

namespace nara::server {

Result<StorePool::Lease> StorePool::Acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto store = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(store));
    }
  }
  NARA_ASSIGN_OR_RETURN(auto store, store::Store::Open(path_, /*read_only=*/true));
  return Lease(this, std::move(store));
}

void StorePool::Give(std::unique_ptr<store::Store> store) {
  store->db().ResetStatements();  // end the request's read transaction: see newer extracts
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(store));
}

}  // namespace nara::server
