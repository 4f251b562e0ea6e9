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

RateLimiter::RateLimiter(int max_failures, std::chrono::seconds window, Clock clock)
    : max_failures_(max_failures), window_(window), clock_(std::move(clock)) {}

void RateLimiter::Expire(std::deque<std::chrono::steady_clock::time_point>& times) {
  const auto oldest = clock_() - window_;
  while (!times.empty() && times.front() <= oldest) times.pop_front();
}

bool RateLimiter::Limited(const std::string& key) {
  std::lock_guard lock(mutex_);
  const auto found = failures_.find(key);
  if (found == failures_.end()) return false;
  Expire(found->second);
  return static_cast<int>(found->second.size()) >= max_failures_;
}

void RateLimiter::RecordFailure(const std::string& key) {
  std::lock_guard lock(mutex_);
  // Many distinct names or addresses must not grow the map without bound: drop the keys whose
  // failures have all left the window.
  if (failures_.size() > 10000) {
    for (auto it = failures_.begin(); it != failures_.end();) {
      Expire(it->second);
      it = it->second.empty() ? failures_.erase(it) : std::next(it);
    }
  }
  auto& times = failures_[key];
  Expire(times);
  times.push_back(clock_());
}

}  // namespace nara::server
