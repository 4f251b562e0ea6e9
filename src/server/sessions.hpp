// Login sessions (random tokens held in memory) and the login rate limiter.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "server/users.hpp"

namespace nara::server {

using Clock = std::function<std::chrono::steady_clock::time_point()>;
Clock SteadyClock();

// Sessions by token: 32 random bytes from RAND_bytes, hex. A session ends at logout, after
// `lifetime`, or when the server stops (they are not persisted). Thread-safe.
class Sessions {
 public:
  explicit Sessions(std::chrono::seconds lifetime = std::chrono::hours(8),
                    Clock clock = SteadyClock());
  // A new token for `principal`; empty when no random bytes could be had.
  std::string Create(const Principal& principal);
  std::optional<Principal> Find(const std::string& token);
  void Remove(const std::string& token);

 private:
  struct Session {
    Principal principal;
    std::chrono::steady_clock::time_point expires;
  };
  std::chrono::seconds lifetime_;
  Clock clock_;
  std::mutex mutex_;
  std::map<std::string, Session> sessions_;
};

// Counts failed logins per key (a user name, a client address) in a sliding window; a key with
// `max_failures` failures in the last `window` is limited. Thread-safe.
class RateLimiter {
 public:
  RateLimiter(int max_failures = 5, std::chrono::seconds window = std::chrono::seconds(60),
              Clock clock = SteadyClock());
  bool Limited(const std::string& key);
  void RecordFailure(const std::string& key);

 private:
  void Expire(std::deque<std::chrono::steady_clock::time_point>& times);
  int max_failures_;
  std::chrono::seconds window_;
  Clock clock_;
  std::mutex mutex_;
  std::map<std::string, std::deque<std::chrono::steady_clock::time_point>> failures_;
};

}  // namespace nara::server
