// Internals of ApiServer shared by its route files: the per-request call and the replies.
#pragma once

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

#include "server/api_server.hpp"
#include "server/guarded_server.hpp"
#include "server/public_suppression.hpp"
#include "server/response_cache.hpp"
#include "server/sessions.hpp"
#include "server/store_pool.hpp"
#include "server/users.hpp"
#include "store/store.hpp"

namespace nara::server {

using Json = nlohmann::ordered_json;

// A refusal or failure: HTTP status, snake_case code, English message (docs/http_api.md).
struct ApiError {
  int status = 500;
  std::string code;
  std::string message;
};
ApiError BadRequest(std::string message);
ApiError Unauthenticated(std::string message);
ApiError Forbidden(std::string message);
ApiError NotFoundError(std::string message);

// A successful answer. When `columns` is set the rows can also be downloaded (format=csv|xlsx).
struct Reply {
  Json body = Json::object();
  std::vector<std::string> columns;
  std::string download_name;  // file name without extension
  std::string set_cookie;     // a Set-Cookie value, when the route sets one
  // For large JSON answers: the "rows" array already serialised (then `body` must hold no
  // "rows"); building a DOM of thousands of rows costs more than the query.
  std::string rows_json;
};

// Appends `text` as a JSON string literal (quotes, escapes; UTF-8 passes through).
void AppendJsonString(std::string& out, std::string_view text);

using Outcome = std::variant<Reply, ApiError>;

// One API request being answered: who asks, a store connection, the data version.
struct Call {
  const httplib::Request& http;
  Principal principal;
  store::Store& store;
  std::string data_version;
  std::string session_token;  // the cookie's token, empty without one

  // The query parameter, or empty.
  std::string Param(const char* name) const {
    return http.has_param(name) ? http.get_param_value(name) : std::string();
  }
};

// Which rows of one extract the public may not see: the flags stored at ingest, or a
// recomputation when `nara serve --suppress N` asks for another min count.
struct PublicView {
  std::shared_ptr<const PublicSuppression::RowIds> hidden;  // null: use the stored flags
  bool Hides(int64_t rowid, bool stored_flag) const {
    return hidden != nullptr ? hidden->count(rowid) > 0 : stored_flag;
  }
};

// The data version of the store while its files are unchanged. Any commit grows or rewrites
// the write-ahead log (a checkpoint rewrites the file), so the identity, size and modification
// time of both tell whether the version must be read again.
class StoreFiles {
 public:
  struct FileStamp {
    int64_t inode = -1, size = -1, mtime_ns = -1;
    bool operator==(const FileStamp&) const = default;
  };
  struct Stamp {
    FileStamp db, wal;
    bool operator==(const Stamp&) const = default;
  };
  explicit StoreFiles(const std::string& path) : path_(path), wal_path_(path + "-wal") {}
  Stamp Now() const;
  // The version remembered for `stamp`, or empty when the files changed since.
  std::string VersionAt(const Stamp& stamp) const;
  // `version` was read after `stamp` was taken: it is at least as new as the files' state.
  void Remember(const Stamp& stamp, const std::string& version);

 private:
  const std::string path_, wal_path_;
  mutable std::mutex mutex_;
  bool known_ = false;
  Stamp stamp_;
  std::string version_;
};

class ApiServer::Impl {
 public:
  explicit Impl(ServerOptions options);

  ServerOptions options;
  StoreFiles store_files;
  Users users;
  Sessions sessions;
  RateLimiter limiter;
  StorePool pool;
  ResponseCache cache;
  GuardedServer http;
  std::shared_ptr<spdlog::logger> refusals;
  std::unique_ptr<PublicSuppression> recomputed;  // set when options.suppress >= 0
  int listen_socket = -1;                         // set when httplib creates the listening socket
  std::atomic<bool> listening{false};             // bound, and Listen() not returned

  std::variant<PublicView, ApiError> PublicViewOf(Call& call, const store::ExtractInfo& info);

  using Handler = std::function<Outcome(Call&)>;
  // `cacheable`: the answer depends only on the data version, public-or-not and the request's
  // path and parameters (not on the user), so it may come from the ResponseCache.
  void Get(const std::string& path, Handler handler, bool cacheable = false);
  void Post(const std::string& path, Handler handler);
  void AddAuthRoutes();
  void AddDataRoutes();
  void AddKoladaRoutes();  // kolada_routes.cpp
  void AddStaticFiles();
  // Security headers on every answer; refusals of bad framing, multi-range and cross-origin
  // requests before any route runs.
  void AddRequestChecks();

 private:
  void Answer(const httplib::Request& request, httplib::Response& response, const Handler& handler,
              bool cacheable);
  std::string CacheKey(const httplib::Request& request, const Principal& principal,
                       const std::string& data_version) const;
  void Send(httplib::Response& response, const CachedResponse& answer,
            const std::string& data_version);
  void Refuse(const httplib::Request& request, httplib::Response& response, const Call* call,
              const ApiError& error, const std::string& data_version);
};

// "e12-3f9a0c1b/defs-1" for the newest extract; "empty/defs-1" for an empty store.
std::string DataVersion(store::Store& store);

}  // namespace nara::server
