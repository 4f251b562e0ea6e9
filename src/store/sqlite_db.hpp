// A thin RAII layer over SQLite: a connection, prepared statements, and transactions.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.hpp"

namespace nara::store {

// One prepared statement. Owned by the Db that prepared it (cached by SQL text), so callers
// hold a reference for one use and Reset() it; not thread-safe, like its connection.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds are 1-based like SQLite's.
  void Bind(int index, int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
  void Bind(int index, double value) { sqlite3_bind_double(stmt_, index, value); }
  void Bind(int index, std::string_view value) {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  }
  void BindNull(int index) { sqlite3_bind_null(stmt_, index); }

  // True while a row is available; false when done. A failure is returned as a Status by
  // StepStatus(); Step() asserts no error was possible to ignore silently.
  Result<bool> Step();
  // Runs to completion (for INSERT/UPDATE/DELETE).
  Status Run();
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  double Double(int column) const { return sqlite3_column_double(stmt_, column); }
  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::string Text(int column) const;

 private:
  sqlite3_stmt* stmt_;
};

// One SQLite connection. Not thread-safe: use one per thread.
class Db {
 public:
  // Opens (read-write, creating when absent) or read-only. Sets a busy timeout so readers and
  // the one writer wait for each other instead of failing.
  static Result<std::unique_ptr<Db>> Open(const std::string& path, bool read_only);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Executes SQL without results (may hold several statements).
  Status Exec(const std::string& sql);
  // A cached prepared statement for `sql`, reset and with bindings cleared.
  Result<Statement*> Prepare(const std::string& sql);
  Status Error(std::string_view what) const;
  // Resets every cached statement. A statement stepped to a row but not to its end keeps a
  // read transaction open, which in WAL mode pins the connection to an old snapshot: call this
  // when a unit of work (a request) is done.
  void ResetStatements() {
    for (auto& [sql, statement] : statements_) statement->Reset();
  }
  int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  sqlite3* raw() { return db_; }

 private:
  explicit Db(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::map<std::string, std::unique_ptr<Statement>> statements_;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back when destroyed without Commit().
class Transaction {
 public:
  explicit Transaction(Db& db) : db_(db) {}
  ~Transaction();
  Status Begin() { return db_.Exec("BEGIN IMMEDIATE"); }
  Status Commit();

 private:
  Db& db_;
  bool done_ = false;
};

}  // namespace nara::store
