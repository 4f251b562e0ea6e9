// The connection loop of GuardedServer: admission per address, request deadlines, eviction.
#include "server/guarded_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <thread>

namespace nara::server {
namespace {

using SteadyTime = std::chrono::steady_clock::time_point;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

// The connection being served on this thread, for CloseAfterThisRequest().
thread_local bool* close_requested = nullptr;

std::string AddressOf(const sockaddr_storage& address) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(address).sin_addr, text,
                sizeof(text));
  } else if (address.ss_family == AF_INET6) {
    ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(address).sin6_addr, text,
                sizeof(text));
  }
  return text;
}

int PortOf(const sockaddr_storage& address) {
  if (address.ss_family == AF_INET) {
    return ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
  }
  if (address.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
  }
  return -1;
}

// Waits up to `timeout` for `events` on `sock`; true when they came.
bool WaitFor(socket_t sock, short events, milliseconds timeout) {
  pollfd entry{sock, events, 0};
  const int timeout_ms = static_cast<int>(std::max<int64_t>(0, timeout.count()));
  int result;
  do {
    result = ::poll(&entry, 1, timeout_ms);
  } while (result < 0 && errno == EINTR);
  return result > 0;
}

milliseconds Until(SteadyTime deadline) {
  return std::chrono::duration_cast<milliseconds>(deadline - steady_clock::now());
}

// A socket as httplib's Stream, reading under the current request's deadline. Buffered,
// because httplib's line reader asks for one byte at a time.
class DeadlineStream final : public httplib::Stream {
 public:
  DeadlineStream(socket_t sock, const ConnectionLimits& limits,
                 const std::atomic<socket_t>& listening)
      : sock_(sock), limits_(limits), listening_(listening) {}

  void StartRequest() {
    deadline_ = steady_clock::now() + limits_.request_read_timeout;
    writing_ = false;
  }
  // Bytes already read from the socket but not yet parsed: the start of a pipelined request.
  bool HasBuffered() const { return buffered() > 0; }

  bool is_readable() const override { return buffered() > 0 || WaitReadable(); }
  // Writable before both the I/O timeout and the answer's write deadline.
  bool is_writable() const override {
    const milliseconds left =
        writing_ ? std::min(limits_.io_timeout, Until(write_deadline_)) : limits_.io_timeout;
    return left.count() > 0 && WaitFor(sock_, POLLOUT, left);
  }

  ssize_t read(char* ptr, size_t size) override {
    if (buffered() == 0) {
      if (!WaitReadable()) return -1;
      ssize_t got;
      do {
        got = ::recv(sock_, buffer_, sizeof(buffer_), 0);
      } while (got < 0 && errno == EINTR);
      if (got <= 0) return got;
      begin_ = 0;
      end_ = static_cast<size_t>(got);
    }
    const size_t count = std::min(size, buffered());
    std::copy(buffer_ + begin_, buffer_ + begin_ + count, ptr);
    begin_ += count;
    return static_cast<ssize_t>(count);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!writing_) {  // the answer's first byte: its write deadline starts
      writing_ = true;
      write_deadline_ = steady_clock::now() + limits_.answer_write_timeout;
    }
    if (!is_writable()) return -1;
    ssize_t sent;
    do {
      sent = ::send(sock_, ptr, size, MSG_NOSIGNAL);
    } while (sent < 0 && errno == EINTR);
    return sent;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      ip = AddressOf(address);
      port = PortOf(address);
    }
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      ip = AddressOf(address);
      port = PortOf(address);
    }
  }
  socket_t socket() const override { return sock_; }

 private:
  size_t buffered() const { return end_ - begin_; }
  // Readable before both the I/O timeout and the request deadline, and the server not stopped.
  bool WaitReadable() const {
    const SteadyTime io_deadline = steady_clock::now() + limits_.io_timeout;
    const SteadyTime until = std::min(io_deadline, deadline_);
    while (listening_ != INVALID_SOCKET) {
      const milliseconds left = Until(until);
      if (left.count() <= 0) return false;
      if (WaitFor(sock_, POLLIN, std::min(left, milliseconds(50)))) return true;
    }
    return false;
  }

  socket_t sock_;
  const ConnectionLimits& limits_;
  const std::atomic<socket_t>& listening_;
  SteadyTime deadline_ = steady_clock::now();
  bool writing_ = false;  // an answer to the current request has begun
  SteadyTime write_deadline_ = steady_clock::now();
  char buffer_[4096];
  size_t begin_ = 0, end_ = 0;
};

// Closes `sock` so that an answer just written still reaches the client: stop sending, read
// (briefly) what the client still sends, then close; closing with unread bytes would reset
// the connection and could destroy the answer in flight.
void CloseGracefully(socket_t sock) {
  ::shutdown(sock, SHUT_WR);
  char discard[4096];
  const SteadyTime until = steady_clock::now() + milliseconds(200);
  for (int reads = 0; reads < 64; ++reads) {
    const milliseconds left = Until(until);
    if (left.count() <= 0 || !WaitFor(sock, POLLIN, left)) break;
    if (::recv(sock, discard, sizeof(discard), 0) <= 0) break;
  }
  ::close(sock);
}

}  // namespace

// httplib's ThreadPool, counting the connections that wait for a worker.
class GuardedServer::CountingPool final : public httplib::TaskQueue {
 public:
  CountingPool(size_t threads, std::atomic<int>& waiting) : pool_(threads), waiting_(waiting) {}
  void enqueue(std::function<void()> task) override {
    ++waiting_;
    pool_.enqueue([this, task = std::move(task)] {
      --waiting_;
      task();
    });
  }
  void shutdown() override { pool_.shutdown(); }

 private:
  httplib::ThreadPool pool_;
  std::atomic<int>& waiting_;
};

GuardedServer::GuardedServer(size_t threads, ConnectionLimits limits) : limits_(limits) {
  new_task_queue = [this, threads] { return new CountingPool(threads, waiting_); };
}

void GuardedServer::CloseAfterThisRequest() {
  if (close_requested != nullptr) *close_requested = true;
}

bool GuardedServer::Admit(const std::string& address) {
  std::lock_guard lock(mutex_);
  int& open = open_per_address_[address];
  if (open >= limits_.max_per_client) {
    if (open == 0) open_per_address_.erase(address);
    return false;
  }
  ++open;
  return true;
}

void GuardedServer::Release(const std::string& address) {
  std::lock_guard lock(mutex_);
  const auto found = open_per_address_.find(address);
  if (found != open_per_address_.end() && --found->second <= 0) open_per_address_.erase(found);
}

bool GuardedServer::WaitForRequest(socket_t sock, bool first) const {
  const SteadyTime start = steady_clock::now();
  // A new connection gets a little longer before eviction: its request is usually on the way.
  const milliseconds evict_after =
      first ? std::max(limits_.idle_when_busy, milliseconds(1000)) : limits_.idle_when_busy;
  while (svr_sock_ != INVALID_SOCKET) {
    const milliseconds idle = std::chrono::duration_cast<milliseconds>(steady_clock::now() - start);
    if (idle >= limits_.idle_timeout) return false;
    if (waiting_ > 0 && idle >= evict_after) return false;
    if (WaitFor(sock, POLLIN, std::min(limits_.idle_timeout - idle, milliseconds(20)))) {
      // Readable at the end of the stream is a closed connection, not a request.
      char byte;
      return ::recv(sock, &byte, 1, MSG_PEEK) > 0;
    }
  }
  return false;
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  DeadlineStream stream(sock, limits_, svr_sock_);
  std::string address;
  int port = -1;
  stream.get_remote_ip_and_port(address, port);
  if (!Admit(address)) {
    const std::string body =
        "{\"code\":\"too_many_connections\",\"message\":\"too many open connections from "
        "this address: close one and try again\"}";
    std::string refusal =
        "HTTP/1.1 503 Service Unavailable\r\n"
        "Content-Type: application/json; charset=utf-8\r\n"
        "Cache-Control: no-store\r\n"
        "Retry-After: 1\r\n"
        "Connection: close\r\n";
    for (const auto& [name, value] : answer_headers_) refusal += name + ": " + value + "\r\n";
    refusal += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    if (refusal_logger_) refusal_logger_(address);
    stream.write(refusal.data(), refusal.size());
    CloseGracefully(sock);
    return false;
  }
  bool close = false;
  close_requested = &close;
  bool ok = true;
  bool first = true;
  for (size_t left = keep_alive_max_count_; left > 0 && !close; --left, first = false) {
    if (!stream.HasBuffered() && !WaitForRequest(sock, first)) break;
    stream.StartRequest();
    bool connection_closed = false;
    ok = process_request(stream, /*close_connection=*/left == 1, connection_closed, nullptr);
    if (!ok || connection_closed) break;
  }
  close_requested = nullptr;
  Release(address);
  CloseGracefully(sock);
  return ok;
}

}  // namespace nara::server
