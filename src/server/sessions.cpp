// Sessions and rate limiting.
#include "server/sessions.hpp"

#include <fmt/format.h>
#include <openssl/rand.h>

namespace nara::server {

Clock SteadyClock() {
  return [] { return std::chrono::steady_clock::now(); };
}

Sessions::Sessions(std::chrono::seconds lifetime, Clock clock)
    : lifetime_(lifetime), clock_(std::move(clock)) {}

std::string Sessions::Create(const Principal& principal) {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) return {};
  std::string token;
  for (unsigned char byte : bytes) token += fmt::format("{:02x}", byte);
  const auto now = clock_();
  std::lock_guard lock(mutex_);
  // Drop expired sessions now and then so the map does not grow without bound.
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    it = it->second.expires <= now ? sessions_.erase(it) : std::next(it);
  }
  sessions_[token] = {principal, now + lifetime_};
  return token;
}

std::optional<Principal> Sessions::Find(const std::string& token) {
  std::lock_guard lock(mutex_);
  const auto found = sessions_.find(token);
  if (found == sessions_.end()) return std::nullopt;
  if (found->second.expires <= clock_()) {
    sessions_.erase(found);
    return std::nullopt;
  }
  return found->second.principal;
}

void Sessions::Remove(const std::string& token) {
  std::lock_guard lock(mutex_);
  sessions_.erase(token);
}

RateLimiter::RateLimiter(std::chrono::seconds window, Clock clock)
    : window_(window), clock_(std::move(clock)) {}

void RateLimiter::Expire(std::deque<std::chrono::steady_clock::time_point>& times) {
  const auto oldest = clock_() - window_;
  while (!times.empty() && times.front() <= oldest) times.pop_front();
}

bool RateLimiter::TryAttempt(const std::vector<Key>& keys) {
  std::lock_guard lock(mutex_);
  // Many distinct names or addresses must not grow the map without bound: drop the keys whose
  // attempts have all left the window.
  if (attempts_.size() > 10000) {
    for (auto it = attempts_.begin(); it != attempts_.end();) {
      Expire(it->second);
      it = it->second.empty() ? attempts_.erase(it) : std::next(it);
    }
  }
  for (const Key& key : keys) {
    const auto found = attempts_.find(key.name);
    if (found == attempts_.end()) continue;
    Expire(found->second);
    if (static_cast<int>(found->second.size()) >= key.limit) return false;
  }
  const auto now = clock_();
  for (const Key& key : keys) attempts_[key.name].push_back(now);
  return true;
}

void RateLimiter::Forgive(const std::string& key) {
  std::lock_guard lock(mutex_);
  const auto found = attempts_.find(key);
  if (found == attempts_.end() || found->second.empty()) return;
  found->second.pop_back();
  if (found->second.empty()) attempts_.erase(found);
}

}  // namespace nara::server
