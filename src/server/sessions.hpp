// Login sessions (random tokens held in memory) and the login rate limiter.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

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

// Counts login attempts per key (a user name, a client address) in a sliding window. An attempt
// is counted before its password is checked, in one step with the check of the limits, so
// parallel guesses cannot all pass before the first is counted; a login that succeeds is then
// forgiven (Forgive), so only failed and unfinished attempts count. Thread-safe.
class RateLimiter {
 public:
  struct Key {
    std::string name;
    int limit;  // attempts allowed in the window
  };
  explicit RateLimiter(std::chrono::seconds window = std::chrono::seconds(60),
                       Clock clock = SteadyClock());
  // Counts one attempt against every key and returns true; or returns false, counting nothing,
  // when any key already has `limit` attempts in the window.
  bool TryAttempt(const std::vector<Key>& keys);
  // Takes back the newest attempt counted against `key` (the login succeeded).
  void Forgive(const std::string& key);

 private:
  void Expire(std::deque<std::chrono::steady_clock::time_point>& times);
  std::chrono::seconds window_;
  Clock clock_;
  std::mutex mutex_;
  std::map<std::string, std::deque<std::chrono::steady_clock::time_point>> attempts_;
};

}  // namespace nara::server
