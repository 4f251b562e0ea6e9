// Status and Result<T>: expected failures as values (bad input, missing files, usage errors).
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace nara {

// What kind of failure a Status carries; maps onto the CLI exit codes of data contract §4.4.
enum class StatusCode {
  kOk = 0,
  kUsage,         // the command line or a configuration value is wrong (exit 2)
  kInvalidInput,  // an input file or table cannot be used at all (exit 3)
  kIoError,       // a file could not be read or written (exit 3)
  kNotFound,      // something asked for does not exist (exit 3 from the CLI, 404 from HTTP)
  kInternal,      // a bug: an invariant failed (exit 3)
};

// A success, or a failure with a code and a message written for the analyst who reads it.
// Messages say where (file:line, column), what rule, how to fix, and never contain an identity
// number. Cheap to copy on success. Thread-compatible.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status UsageError(std::string message) {
  return Status(StatusCode::kUsage, std::move(message));
}
inline Status InvalidInput(std::string message) {
  return Status(StatusCode::kInvalidInput, std::move(message));
}
inline Status IoError(std::string message) {
  return Status(StatusCode::kIoError, std::move(message));
}
inline Status NotFound(std::string message) {
  return Status(StatusCode::kNotFound, std::move(message));
}

// A value or a failed Status. Accessing the value of a failed result is a bug (asserted).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(state_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(state_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(state_);
  }

  T& value() & {
    assert(ok());
    return std::get<T>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<T>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(state_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace nara

// Returns the Status of `expr` from the enclosing function when it failed.
#define NARA_RETURN_IF_ERROR(expr)            \
  do {                                        \
    ::nara::Status nara_status_ = (expr);     \
    if (!nara_status_.ok()) return nara_status_; \
  } while (false)

// `NARA_ASSIGN_OR_RETURN(auto x, ComputeX());` declares x as the value of a Result, or returns
// the Result's Status from the enclosing function when it failed.
#define NARA_STATUS_CONCAT_INNER_(a, b) a##b
#define NARA_STATUS_CONCAT_(a, b) NARA_STATUS_CONCAT_INNER_(a, b)
#define NARA_ASSIGN_OR_RETURN(lhs, expr) \
  NARA_ASSIGN_OR_RETURN_IMPL_(NARA_STATUS_CONCAT_(nara_result_, __LINE__), lhs, expr)
#define NARA_ASSIGN_OR_RETURN_IMPL_(result, lhs, expr) \
  auto result = (expr);                                \
  if (!result.ok()) return result.status();            \
  lhs = std::move(result).value()
