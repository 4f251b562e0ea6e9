// Finished API answers kept in memory, keyed by data version, audience and request.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace nara::server {

struct CachedResponse {
  std::string body;
  std::string content_type;
  std::string disposition;  // Content-Disposition, empty for JSON
};

// The store's extracts never change once added, so an answer is fully determined by the data
// version (the newest extract), whether the caller is the public or a logged-in user (only
// suppression differs between them on the cached routes), and the path with its parameters.
// A new extract changes the data version and so every key. Bounded by total bytes: when an
// answer would pass the bound the cache is emptied (simple, and a new extract makes old
// entries useless anyway). Thread-safe.
class ResponseCache {
 public:
  explicit ResponseCache(size_t max_bytes) : max_bytes_(max_bytes) {}
  std::shared_ptr<const CachedResponse> Find(const std::string& key);
  void Put(const std::string& key, std::shared_ptr<const CachedResponse> response);

 private:
  size_t max_bytes_;
  std::mutex mutex_;
  size_t bytes_ = 0;
  std::unordered_map<std::string, std::shared_ptr<const CachedResponse>> entries_;
};

}  // namespace nara::server
