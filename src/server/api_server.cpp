// Server set-up, the request wrapper (auth, data version, errors, downloads) and static files.
#include "server/api_server.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <thread>

#include "server/downloads.hpp"
#include "server/server_impl.hpp"

namespace nara::server {
namespace {

constexpr const char* kCookieName = "nara_session";

std::string SessionToken(const httplib::Request& request) {
  const std::string cookies = request.get_header_value("Cookie");
  const std::string key = std::string(kCookieName) + "=";
  size_t at = 0;
  while ((at = cookies.find(key, at)) != std::string::npos) {
    if (at == 0 || cookies[at - 1] == ' ' || cookies[at - 1] == ';') {
      const size_t begin = at + key.size();
      const size_t end = cookies.find(';', begin);
      return cookies.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
    }
    at += key.size();
  }
  return {};
}

Json ErrorBody(const ApiError& error, const std::string& data_version) {
  return Json{{"code", error.code}, {"message", error.message}, {"data_version", data_version}};
}

void SendJson(httplib::Response& response, int status, const Json& body,
              const std::string& data_version) {
  response.status = status;
  response.set_header("X-Nara-Data-Version", data_version);
  response.set_header("Cache-Control", "no-store");
  response.set_content(body.dump(), "application/json; charset=utf-8");
}

}  // namespace

ApiError BadRequest(std::string message) { return {400, "bad_request", std::move(message)}; }
ApiError Unauthenticated(std::string message) {
  return {401, "unauthenticated", std::move(message)};
}
ApiError Forbidden(std::string message) { return {403, "forbidden", std::move(message)}; }
ApiError NotFoundError(std::string message) { return {404, "not_found", std::move(message)}; }

std::string DataVersion(store::Store& store) {
  auto extracts = store.Extracts();
  if (!extracts.ok() || extracts->empty()) {
    return std::string("empty/") + store::kDefinitionsVersion;
  }
  const auto& newest = extracts->front();
  return "e" + std::to_string(newest.id) + "-" + newest.checksum.substr(0, 8) + "/" +
         newest.definitions_version;
}

StoreFiles::Stamp StoreFiles::Now() const {
  Stamp stamp;
  struct stat info {};
  if (::stat(path_.c_str(), &info) == 0) {
    stamp.db = {static_cast<int64_t>(info.st_ino), static_cast<int64_t>(info.st_size),
                static_cast<int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec};
  }
  if (::stat(wal_path_.c_str(), &info) == 0) {
    stamp.wal = {static_cast<int64_t>(info.st_ino), static_cast<int64_t>(info.st_size),
                 static_cast<int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec};
  }
  return stamp;
}

std::string StoreFiles::VersionAt(const Stamp& stamp) const {
  std::lock_guard lock(mutex_);
  return known_ && stamp == stamp_ ? version_ : std::string();
}

void StoreFiles::Remember(const Stamp& stamp, const std::string& version) {
  std::lock_guard lock(mutex_);
  stamp_ = stamp;
  version_ = version;
  known_ = true;
}

ApiServer::Impl::Impl(ServerOptions server_options)
    : options(std::move(server_options)),
      store_files(options.store_path),
      sessions(std::chrono::hours(8), options.clock),
      limiter(std::chrono::seconds(60), options.clock),
      pool(options.store_path),
      cache(options.cache_bytes),
      http(static_cast<size_t>(std::max(1, options.threads)), options.connections),
      refusals(options.refusal_log) {
  if (options.suppress >= 0) recomputed = std::make_unique<PublicSuppression>(options.suppress);
  if (refusals == nullptr) {
    refusals = spdlog::get("nara-access");
    if (refusals == nullptr) refusals = spdlog::stderr_color_mt("nara-access");
  }
  http.set_refusal_logger([log = refusals](const std::string& address) {
    log->warn("refused 503 too_many_connections addr={}: too many open connections", address);
  });
}

std::variant<PublicView, ApiError> ApiServer::Impl::PublicViewOf(Call& call,
                                                                 const store::ExtractInfo& info) {
  if (recomputed == nullptr || info.public_min_count == options.suppress) return PublicView{};
  auto hidden = recomputed->Hidden(call.store, info.id);
  if (!hidden.ok()) return ApiError{500, "internal", hidden.status().message()};
  return PublicView{*hidden};
}

void ApiServer::Impl::Get(const std::string& path, Handler handler, bool cacheable) {
  http.Get(path, [this, handler, cacheable](const httplib::Request& request,
                                            httplib::Response& response) {
    Answer(request, response, handler, cacheable);
  });
}

void ApiServer::Impl::Post(const std::string& path, Handler handler) {
  http.Post(path, [this, handler](const httplib::Request& request, httplib::Response& response) {
    Answer(request, response, handler, false);
  });
}

void ApiServer::Impl::Refuse(const httplib::Request& request, httplib::Response& response,
                             const Call* call, const ApiError& error,
                             const std::string& data_version) {
  // Refusals of access are logged for the audit trail: who (user name and role, never an
  // identity number), from where, what path (without the query), why.
  if (error.status == 401 || error.status == 403 || error.status == 429) {
    const Principal anonymous;
    const Principal& who = call != nullptr ? call->principal : anonymous;
    refusals->warn("refused {} {} {} {} user={} role={} addr={}: {}", error.status, error.code,
                   request.method, request.path, who.name.empty() ? "-" : who.name, RoleText(who),
                   request.remote_addr, error.message);
  }
  SendJson(response, error.status, ErrorBody(error, data_version), data_version);
}

std::string ApiServer::Impl::CacheKey(const httplib::Request& request, const Principal& principal,
                                      const std::string& data_version) const {
  std::string key =
      (principal.role == Role::kPublic ? "public|" : "user|") + data_version + "|" + request.path;
  for (const auto& [name, value] : request.params) key += "|" + name + "=" + value;
  return key;
}

void ApiServer::Impl::Answer(const httplib::Request& request, httplib::Response& response,
                             const Handler& handler, bool cacheable) {
  const std::string token = SessionToken(request);
  Principal principal;
  if (!token.empty()) {
    if (auto found = sessions.Find(token)) principal = *found;
  }
  const std::string format =
      request.has_param("format") ? request.get_param_value("format") : std::string();
  cacheable = cacheable && options.cache_bytes > 0;
  // A cached answer needs no store connection while the store files are unchanged: under
  // load, every SQLite read (even of the one-row data version) contends for SQLite's locks.
  const StoreFiles::Stamp stamp = store_files.Now();
  if (cacheable) {
    const std::string known = store_files.VersionAt(stamp);
    if (!known.empty()) {
      if (auto hit = cache.Find(CacheKey(request, principal, known))) {
        Send(response, *hit, known);
        return;
      }
    }
  }
  std::string data_version = std::string("unknown/") + store::kDefinitionsVersion;
  auto lease = pool.Acquire();
  if (!lease.ok()) {
    refusals->error("store unavailable: {}", lease.status().message());
    Refuse(request, response, nullptr, {500, "internal", "the store cannot be read"}, data_version);
    return;
  }
  data_version = DataVersion(**lease);
  store_files.Remember(stamp, data_version);
  Call call{request, principal, **lease, data_version, token};
  if (!format.empty() && format != "json" && format != "csv" && format != "xlsx") {
    Refuse(request, response, &call, BadRequest("format must be json, csv or xlsx"), data_version);
    return;
  }
  std::string cache_key;
  if (cacheable) {
    cache_key = CacheKey(request, principal, data_version);
    if (auto hit = cache.Find(cache_key)) {
      Send(response, *hit, data_version);
      return;
    }
  }
  Outcome outcome = handler(call);
  if (auto* error = std::get_if<ApiError>(&outcome)) {
    Refuse(request, response, &call, *error, data_version);
    return;
  }
  Reply& reply = std::get<Reply>(outcome);
  if (!reply.set_cookie.empty()) response.set_header("Set-Cookie", reply.set_cookie);
  auto answer = std::make_shared<CachedResponse>();
  if ((format == "csv" || format == "xlsx") && !reply.columns.empty()) {
    const Json& rows = reply.body["rows"];
    answer->disposition = "attachment; filename=\"" + reply.download_name + "." + format + "\"";
    if (format == "csv") {
      answer->body = RowsCsv(reply.columns, rows);
      answer->content_type = "text/csv; charset=utf-8";
    } else {
      // The workbook in the dashboard's language (`lang=en`; Swedish by default).
      const bool swedish =
          !request.has_param("lang") || request.get_param_value("lang") != "en";
      auto workbook = RowsXlsx(reply.download_name, reply.columns, rows, swedish);
      if (!workbook.ok()) {
        const bool too_large = workbook.status().code() == StatusCode::kUsage;
        Refuse(request, response, &call,
               too_large ? BadRequest(workbook.status().message())
                         : ApiError{500, "internal", workbook.status().message()},
               data_version);
        return;
      }
      answer->body = std::move(*workbook);
      answer->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
  } else {
    reply.body["data_version"] = data_version;
    answer->body = reply.body.dump();  // {...,"data_version":"..."}
    if (!reply.rows_json.empty()) answer->body.insert(1, "\"rows\":" + reply.rows_json + ",");
    answer->content_type = "application/json; charset=utf-8";
  }
  Send(response, *answer, data_version);
  if (!cache_key.empty()) cache.Put(cache_key, std::move(answer));
}

void ApiServer::Impl::Send(httplib::Response& response, const CachedResponse& answer,
                           const std::string& data_version) {
  response.status = 200;
  response.set_header("X-Nara-Data-Version", data_version);
  response.set_header("Cache-Control", "no-store");
  if (!answer.disposition.empty()) response.set_header("Content-Disposition", answer.disposition);
  response.set_content(answer.body, answer.content_type);
}

void AppendJsonString(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<int>(c));
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void ApiServer::Impl::AddStaticFiles() {
  if (!options.web_dir.empty() && std::filesystem::is_directory(options.web_dir)) {
    http.set_mount_point("/", options.web_dir);
  }
  // Unknown /api/ paths answer with the JSON error body; other misses stay plain 404s.
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& request, httplib::Response& response) {
        if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        if (request.path.rfind("/api/", 0) == 0) {
          std::string version = std::string("unknown/") + store::kDefinitionsVersion;
          if (auto lease = pool.Acquire(); lease.ok()) version = DataVersion(**lease);
          const ApiError error =
              response.status == 404
                  ? NotFoundError("no such API path: " + request.path)
                  : ApiError{response.status, response.status == 400 ? "bad_request" : "internal",
                             "the request could not be handled"};
          SendJson(response, error.status, ErrorBody(error, version), version);
          return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
      }));
  http.set_exception_handler(
      [this](const httplib::Request& request, httplib::Response& response, std::exception_ptr) {
        refusals->error("internal error answering {} {}", request.method, request.path);
        const std::string version = std::string("unknown/") + store::kDefinitionsVersion;
        SendJson(response, 500, ErrorBody({500, "internal", "an internal error occurred"}, version),
                 version);
      });
}

Result<std::unique_ptr<ApiServer>> ApiServer::Create(ServerOptions options) {
  if (options.store_path.empty() || !std::filesystem::exists(options.store_path)) {
    return UsageError(
        fmt::format("{}: no such store (create it with 'nara ingest EXTRACT "
                    "--store FILE')",
                    options.store_path));
  }
  auto impl = std::make_unique<Impl>(std::move(options));
  { NARA_ASSIGN_OR_RETURN(auto probe, impl->pool.Acquire()); }
  if (!impl->options.users_path.empty()) {
    // A mistyped path must not silently leave everyone public (Users::Load accepts a missing
    // file so that `nara user add` can create one).
    if (!std::filesystem::exists(impl->options.users_path)) {
      return UsageError(fmt::format("{}: no such users file (create it with 'nara user add')",
                                    impl->options.users_path));
    }
    auto users = Users::Load(impl->options.users_path);
    if (!users.ok()) return users.status();
    impl->users = std::move(*users);
  }
  // Keep connections open for many requests (httplib's default closes after 5, and its listen
  // backlog is only 5, so reconnect storms would stall clients), and send replies at once
  // rather than waiting for Nagle's algorithm. How long an idle or slow connection may hold
  // its thread is GuardedServer's (options.connections).
  impl->http.set_keep_alive_max_count(100000);
  // Remember the listening socket: Bind() raises httplib's listen backlog of 5, which drops the
  // SYNs of a burst of new connections (clients then retry after 1, 3, 7 s).
  impl->http.set_socket_options([raw = impl.get()](socket_t socket) {
    httplib::default_socket_options(socket);
    raw->listen_socket = socket;
  });
  impl->http.set_tcp_nodelay(true);
  impl->http.set_payload_max_length(size_t{1} << 16);  // the only body is a login
  impl->AddRequestChecks();
  impl->AddAuthRoutes();
  impl->AddDataRoutes();
  impl->AddKoladaRoutes();
  impl->AddStaticFiles();
  return std::unique_ptr<ApiServer>(new ApiServer(std::move(impl)));
}

ApiServer::ApiServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ApiServer::~ApiServer() = default;

Result<int> ApiServer::Bind() {
  const auto& options = impl_->options;
  int port = options.port;
  if (port == 0) {
    port = impl_->http.bind_to_any_port(options.bind);
    if (port < 0) return IoError(fmt::format("cannot bind {}", options.bind));
  } else if (!impl_->http.bind_to_port(options.bind, port)) {
    return IoError(fmt::format("cannot bind {}:{} (in use, or not an address of this machine)",
                               options.bind, port));
  }
  if (impl_->listen_socket >= 0) ::listen(impl_->listen_socket, SOMAXCONN);
  impl_->listening = true;
  return port;
}

void ApiServer::Listen() {
  impl_->http.listen_after_bind();
  impl_->listening = false;
}

void ApiServer::Stop() {
  // httplib's stop() does nothing until the listen loop runs: after Bind(), wait for Listen()
  // (on another thread) to get there.
  if (impl_->listening) {
    while (impl_->listening && !impl_->http.is_running())
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  impl_->http.stop();
}

}  // namespace nara::server
