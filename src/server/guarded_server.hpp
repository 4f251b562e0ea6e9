// The HTTP server with connection limits: a cap per client address, read and idle timeouts.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "server/connection_limits.hpp"

namespace nara::server {

// httplib::Server with its connection loop replaced (httplib 0.11 runs one connection per
// pool thread for as long as it is kept alive, with a read timeout per recv() only, so 64 idle
// or trickling connections stop the server). Each connection is admitted against the cap of
// its address, reads each request under a deadline, and gives up its thread when it is idle
// while another connection waits. Routes, parsing and replies stay httplib's.
// Thread-safe as httplib::Server is; configure before listening.
class GuardedServer : public httplib::Server {
 public:
  // `threads`: the worker pool; a connection holds one worker while it is open.
  GuardedServer(size_t threads, ConnectionLimits limits);
  // Called (on the connection's thread) with the address of a connection refused by the cap.
  void set_refusal_logger(std::function<void(const std::string& address)> logger) {
    refusal_logger_ = std::move(logger);
  }
  // Headers for every answer: httplib's default headers, and those of the 503 refusal that
  // the connection loop writes itself.
  void SetAnswerHeaders(const httplib::Headers& headers) {
    answer_headers_ = headers;
    set_default_headers(headers);
  }
  // From a route or pre-routing handler: close the connection once the current answer is sent
  // (a refused request whose body was not read must not be parsed as the next request).
  static void CloseAfterThisRequest();

 private:
  class CountingPool;
  bool process_and_close_socket(socket_t sock) override;
  // True when a request starts on `sock`; false on idle timeout, stop, or eviction.
  bool WaitForRequest(socket_t sock, bool first) const;
  bool Admit(const std::string& address);
  void Release(const std::string& address);

  ConnectionLimits limits_;
  std::atomic<int> waiting_{0};  // accepted connections not yet given a thread
  std::function<void(const std::string&)> refusal_logger_;
  httplib::Headers answer_headers_;
  std::mutex mutex_;
  std::map<std::string, int> open_per_address_;
};

}  // namespace nara::server
