// Public small-number suppression at a min count other than the one stored at ingest.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_set>

#include "base/status.hpp"
#include "store/store.hpp"

namespace nara::server {

// The rows of an extract that the public may not see at `min_count`, computed with
// indicators::Suppress (primary and secondary) over the whole stored table of the extract the
// first time it is asked for, then kept. Thread-safe.
class PublicSuppression {
 public:
  explicit PublicSuppression(int min_count) : min_count_(min_count) {}
  using RowIds = std::unordered_set<int64_t>;
  Result<std::shared_ptr<const RowIds>> Hidden(store::Store& store, int64_t extract_id);

 private:
  int min_count_;
  std::mutex mutex_;
  std::map<int64_t, std::shared_ptr<const RowIds>> cache_;
};

}  // namespace nara::server
