// SQLite connection and statement wrappers.
#include "store/sqlite_db.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace nara::store {

Result<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return IoError(fmt::format("store: {}", sqlite3_errmsg(sqlite3_db_handle(stmt_))));
}

Status Statement::Run() {
  NARA_ASSIGN_OR_RETURN(auto step, Step());
  return Status::Ok();
}

std::string Statement::Text(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

namespace {

// Creates a new store file readable and writable by its owner only (0600): the store holds
// pseudonymised individual rows (the settlement basis). SQLite gives its -wal and -shm files
// the mode of the database file. An existing file keeps its mode; ":memory:" and URIs are left
// to SQLite.
Status CreateOwnerOnly(const std::string& path) {
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) return Status::Ok();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
    return Status::Ok();
  }
  if (errno == EEXIST) return Status::Ok();
  return IoError(fmt::format("{}: cannot create the store: {}", path, std::strerror(errno)));
}

}  // namespace

Result<std::unique_ptr<Db>> Db::Open(const std::string& path, bool read_only) {
  if (!read_only) NARA_RETURN_IF_ERROR(CreateOwnerOnly(path));
  sqlite3* raw = nullptr;
  const int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = raw != nullptr ? sqlite3_errmsg(raw) : "out of memory";
    sqlite3_close(raw);
    return IoError(fmt::format("{}: cannot open the store: {}", path, message));
  }
  sqlite3_busy_timeout(raw, 10000);
  std::unique_ptr<Db> db(new Db(raw));
  if (!read_only) {
    // Foreign keys are off by default in SQLite; the schema relies on ON DELETE CASCADE.
    NARA_RETURN_IF_ERROR(db->Exec("PRAGMA foreign_keys = ON"));
  }
  return db;
}

Db::~Db() {
  statements_.clear();
  sqlite3_close(db_);
}

Status Db::Exec(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message != nullptr ? message : "unknown error";
    sqlite3_free(message);
    return IoError(fmt::format("store: {}", text));
  }
  return Status::Ok();
}

Result<Statement*> Db::Prepare(const std::string& sql) {
  auto found = statements_.find(sql);
  if (found != statements_.end()) {
    found->second->Reset();
    return found->second.get();
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    return Error("prepare");
  }
  auto owned = std::make_unique<Statement>(stmt);
  Statement* out = owned.get();
  statements_.emplace(sql, std::move(owned));
  return out;
}

Status Db::Error(std::string_view what) const {
  return IoError(fmt::format("store: {}: {}", what, sqlite3_errmsg(db_)));
}

Transaction::~Transaction() {
  if (!done_) (void)db_.Exec("ROLLBACK");
}

Status Transaction::Commit() {
  NARA_RETURN_IF_ERROR(db_.Exec("COMMIT"));
  done_ = true;
  return Status::Ok();
}

}  // namespace nara::store
