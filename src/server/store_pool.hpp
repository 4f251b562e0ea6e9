// Read-only store connections shared by the server's worker threads.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/status.hpp"
#include "store/store.hpp"

namespace nara::server {

// Hands out one read-only connection per request and takes it back afterwards, opening new
// ones on demand (at most one per concurrent request). Thread-safe.
class StorePool {
 public:
  explicit StorePool(std::string path) : path_(std::move(path)) {}

  // A connection borrowed for one request; given back when the lease goes.
  class Lease {
   public:
    Lease(StorePool* pool, std::unique_ptr<store::Store> store)
        : pool_(pool), store_(std::move(store)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (store_ != nullptr) pool_->Give(std::move(store_));
    }
    store::Store& operator*() { return *store_; }
    store::Store* operator->() { return store_.get(); }

   private:
    StorePool* pool_;
    std::unique_ptr<store::Store> store_;
  };

  Result<Lease> Acquire();

 private:
  void Give(std::unique_ptr<store::Store> store);
  std::string path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<store::Store>> idle_;
};

}  // namespace nara::server
