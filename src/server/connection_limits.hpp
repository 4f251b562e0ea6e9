// The limits on a client's connections to `nara serve` (docs/http_api.md "Limits").
#pragma once

#include <chrono>

namespace nara::server {

// How long a connection may hold one of the server's threads (issue 17, item 10).
struct ConnectionLimits {
  // Connections one client address may have open at once; more are answered 503 and closed.
  // Behind a reverse proxy every client has the proxy's address: raise it there.
  int max_per_client = 16;  // nara serve --max-connections-per-client
  // A request line, its headers and its body must all have arrived this long after its first
  // byte, however slowly they trickle in (slowloris); else the connection is closed.
  std::chrono::milliseconds request_read_timeout{10000};
  // Longest wait for one read or write to make progress.
  std::chrono::milliseconds io_timeout{5000};
  // An answer must have been written whole this long after its first byte was sent, however
  // slowly the client reads it (a slow reader that takes a little now and then would otherwise
  // hold a thread for as long as it likes); else the connection is closed.
  std::chrono::milliseconds answer_write_timeout{60000};
  // A kept-alive connection with no request for this long is closed.
  std::chrono::milliseconds idle_timeout{5000};
  // A kept-alive connection idle for this long is closed at once when a new connection waits
  // for a thread: idle connections never keep new clients waiting.
  std::chrono::milliseconds idle_when_busy{100};
};

}  // namespace nara::server
