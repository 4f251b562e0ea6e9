// The answer cache.
#include "server/response_cache.hpp"

namespace nara::server {

std::shared_ptr<const CachedResponse> ResponseCache::Find(const std::string& key) {
  std::lock_guard lock(mutex_);
  const auto found = entries_.find(key);
  return found == entries_.end() ? nullptr : found->second;
}

void ResponseCache::Put(const std::string& key, std::shared_ptr<const CachedResponse> response) {
  const size_t size = key.size() + response->body.size();
  if (size > max_bytes_ / 4) return;  // one huge answer must not flush everything else
  std::lock_guard lock(mutex_);
  if (bytes_ + size > max_bytes_) {
    entries_.clear();
    bytes_ = 0;
  }
  if (entries_.emplace(key, std::move(response)).second) bytes_ += size;
}

}  // namespace nara::server
