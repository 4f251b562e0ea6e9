// The HTTP server of `nara serve`: the JSON API of docs/http_api.md and the dashboard's files.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>

#include "base/status.hpp"
#include "server/connection_limits.hpp"
#include "server/sessions.hpp"

namespace spdlog {
class logger;
}

namespace nara::server {

struct ServerOptions {
  std::string store_path;
  std::string users_path;  // empty: no users, everyone is public
  std::string web_dir;     // empty: no static files
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: any free port (tests)
  // Public small-number suppression; -1: use the flags stored at ingest (each extract's
  // public_min_count), else recompute with this min count.
  int suppress = -1;
  int threads = 64;  // worker threads: one connection each while it is open
  ConnectionLimits connections;
  // Login attempts allowed per minute, counted before the password is checked (docs/access.md):
  // per user name, and per client address; the address limit is higher so that the users
  // behind one proxy do not lock each other out.
  int login_attempts_per_user = 5;
  int login_attempts_per_address = 30;
  // Bound of the in-memory cache of finished answers (aggregate routes only); 0: no cache.
  size_t cache_bytes = size_t{256} << 20;
  // nara.toml's [kolada.kpi] (indicator id -> KPI id) for /api/kolada/v3/ (docs/kolada.md);
  // empty: those routes answer no KPIs.
  std::map<std::string, std::string, std::less<>> kolada_kpi;
  std::shared_ptr<spdlog::logger> refusal_log;  // null: a stderr logger named "nara-access"
  Clock clock = SteadyClock();                  // sessions and the rate limiter
};

class ApiServer {
 public:
  // Checks the store opens and the users file reads; binds nothing yet.
  static Result<std::unique_ptr<ApiServer>> Create(ServerOptions options);
  ~ApiServer();

  // Binds the address and port; returns the port (the chosen one when options.port is 0).
  Result<int> Bind();
  // Serves until Stop(); call after Bind(), once.
  void Listen();
  // Stops Listen() from another thread (also when called just before Listen() got going).
  void Stop();

  class Impl;

 private:
  explicit ApiServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace nara::server
