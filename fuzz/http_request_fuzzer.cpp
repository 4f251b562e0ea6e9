// fuzz-module: server
// Fuzzes the HTTP request handling of `nara serve`: raw request bytes (request line, query
// string, headers, bodies, several pipelined requests) parsed by httplib's server loop, with the
// server's own pre-routing checks (server/request_checks.hpp) and answer headers. No crash or
// sanitizer finding; every request a route sees passed the checks (one framing, one range at
// most, a state change only from this server's Origin); every answer carries the security
// headers and none is a multipart range answer; the query parameters reach the period parsers
// the data routes use.
#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/period.hpp"
#include "server/request_checks.hpp"

namespace {

// A connection as bytes: reads the fuzzer's input, collects what the server writes.
class MemoryStream final : public httplib::Stream {
 public:
  explicit MemoryStream(std::string_view input) : input_(input) {}
  bool is_readable() const override { return position_ < input_.size(); }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    const size_t count = std::min(size, input_.size() - position_);
    std::copy(input_.data() + position_, input_.data() + position_ + count, ptr);
    position_ += count;
    return static_cast<ssize_t>(count);
  }
  ssize_t write(const char* ptr, size_t size) override {
    output_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 40000;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 8080;
  }
  socket_t socket() const override { return INVALID_SOCKET; }
  bool consumed() const { return position_ >= input_.size(); }
  const std::string& output() const { return output_; }

 private:
  std::string_view input_;
  size_t position_ = 0;
  std::string output_;
};

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// What a routed request must satisfy, derived here independently of CheckRequest.
void CheckRouted(const httplib::Request& request) {
  const bool length = request.has_header("Content-Length");
  const bool coding = request.has_header("Transfer-Encoding");
  if (length && coding) std::abort();
  if (request.get_header_value_count("Content-Length") > 1) std::abort();
  if (coding && Lower(request.get_header_value("Transfer-Encoding")) != "chunked") std::abort();
  if (request.ranges.size() > 1) std::abort();
  const bool changes_state =
      request.method != "GET" && request.method != "HEAD" && request.method != "OPTIONS";
  if (changes_state && request.has_header("Origin")) {
    const std::string origin = Lower(request.get_header_value("Origin"));
    const std::string host = Lower(request.get_header_value("Host"));
    const size_t scheme = origin.rfind("http://", 0) == 0    ? 7
                          : origin.rfind("https://", 0) == 0 ? 8
                                                             : std::string::npos;
    if (scheme == std::string::npos || host.empty()) std::abort();
    const std::string authority = origin.substr(scheme);
    if (authority != host && authority + ":80" != host && authority + ":443" != host) std::abort();
  }
  // The query as the data routes read it: each value through the period parsers.
  for (const auto& [name, value] : request.params) {
    (void)nara::ParsePeriod(value);
    (void)nara::ParseMonth(value);
    (void)nara::ParsePeriodType(value);
  }
}

// httplib's server with the checks of nara serve, serving from a stream.
class CheckedServer : public httplib::Server {
 public:
  CheckedServer() {
    set_default_headers(nara::server::SecurityHeaders());
    set_pre_routing_handler([](const httplib::Request& request, httplib::Response& response) {
      const auto refusal = nara::server::CheckRequest(request);
      if (!refusal) return HandlerResponse::Unhandled;
      const_cast<httplib::Request&>(request).ranges.clear();  // as the server's handler does
      if (refusal->close_connection) response.set_header("Connection", "close");
      response.status = refusal->status;
      response.set_content("{\"code\":\"" + refusal->code + "\"}", "application/json");
      return HandlerResponse::Handled;
    });
    const auto answer = [](const httplib::Request& request, httplib::Response& response) {
      CheckRouted(request);
      response.set_content(std::string(100, 'x'), "text/plain");
    };
    Get(".*", answer);
    Post(".*", answer);
    Delete(".*", answer);
  }
  // Up to 8 requests from `stream`, kept alive as the server keeps them.
  void Serve(MemoryStream& stream) {
    for (int i = 0; i < 8 && !stream.consumed(); ++i) {
      bool closed = false;
      if (!process_request(stream, /*close_connection=*/false, closed, nullptr) || closed) break;
    }
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static CheckedServer* server = new CheckedServer();
  MemoryStream stream(std::string_view(reinterpret_cast<const char*>(data), size));
  server->Serve(stream);
  const std::string& output = stream.output();
  if (!output.empty() && output.find("X-Frame-Options: DENY\r\n") == std::string::npos) {
    std::abort();
  }
  if (output.find("multipart/byteranges") != std::string::npos) std::abort();
  return 0;
}
