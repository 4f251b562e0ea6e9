// Checks every request gets before routing: security headers, framing, ranges, Origin.
#include <algorithm>
#include <cctype>
#include <optional>

#include "server/request_checks.hpp"
#include "server/server_impl.hpp"

namespace nara::server {
namespace {

// The dashboard (web/dist) loads only its own script, style sheet and data: URL icon and talks
// only to this server. Inline styles stay allowed: ECharts writes its tooltips as HTML with
// style attributes. No framing (clickjacking), no plugins, no <base> rewriting.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool AllDigits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

// Body framing a proxy in front could read differently (request smuggling): both a length and
// a transfer coding, several lengths, a length that is not a number, or a coding other than
// chunked. Returns the refusal's message.
std::optional<std::string> FramingError(const httplib::Request& request) {
  const size_t lengths = request.get_header_value_count("Content-Length");
  const size_t codings = request.get_header_value_count("Transfer-Encoding");
  if (lengths > 0 && codings > 0) {
    return "a request may not have both Content-Length and Transfer-Encoding";
  }
  if (lengths > 1) return "a request may have one Content-Length header only";
  if (lengths == 1 && !AllDigits(request.get_header_value("Content-Length"))) {
    return "Content-Length must be a number of bytes";
  }
  if (codings > 1 ||
      (codings == 1 && Lower(request.get_header_value("Transfer-Encoding")) != "chunked")) {
    return "Transfer-Encoding must be chunked, once";
  }
  return std::nullopt;
}

bool ChangesState(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

// A request from a page of this server: its Origin names the host and port of Host. Browsers
// send Origin on every cross-origin request and on same-origin POSTs; a request without one
// (curl, scripts, older clients) is not from another site's page.
bool SameOrigin(const httplib::Request& request) {
  if (!request.has_header("Origin")) return true;
  const std::string origin = Lower(request.get_header_value("Origin"));
  const std::string host = Lower(request.get_header_value("Host"));
  if (host.empty()) return false;
  for (const auto& [scheme, port] : {std::pair<std::string, std::string>{"http://", ":80"},
                                     std::pair<std::string, std::string>{"https://", ":443"}}) {
    if (origin.rfind(scheme, 0) != 0) continue;
    const std::string authority = origin.substr(scheme.size());
    return authority == host || authority + port == host;
  }
  return false;  // "null" (sandboxed frames, file: pages) and other schemes
}

}  // namespace

httplib::Headers SecurityHeaders() {
  return {
      {"Content-Security-Policy", kContentSecurityPolicy},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
  };
}

std::optional<RequestRefusal> CheckRequest(const httplib::Request& request) {
  if (auto framing = FramingError(request)) {
    // The body was not read: the rest of the stream cannot be trusted.
    return RequestRefusal{400, "bad_request", *framing, /*close_connection=*/true};
  }
  if (request.ranges.size() > 1) {
    // One range at most: a request of many small or overlapping ranges would make a multipart
    // answer far larger than the file.
    return RequestRefusal{416, "range_not_satisfiable", "one byte range per request at most",
                          /*close_connection=*/false};
  }
  if (ChangesState(request.method) && !SameOrigin(request)) {
    return RequestRefusal{403, "forbidden",
                          "cross-origin request refused: the Origin header is not this server",
                          request.get_header_value_count("Content-Length") > 0 ||
                              request.get_header_value_count("Transfer-Encoding") > 0};
  }
  return std::nullopt;
}

void ApiServer::Impl::AddRequestChecks() {
  http.SetAnswerHeaders(SecurityHeaders());
  http.set_pre_routing_handler(
      [this](const httplib::Request& request, httplib::Response& response) {
        const std::optional<RequestRefusal> refusal = CheckRequest(request);
        if (!refusal) return httplib::Server::HandlerResponse::Unhandled;
        // A refusal is answered whole: httplib would otherwise apply the request's ranges to it
        // (a multipart answer for several). The request is httplib's own non-const object,
        // handed to this handler as const.
        const_cast<httplib::Request&>(request).ranges.clear();
        if (refusal->status == 416) response.set_header("Content-Range", "bytes */*");
        if (refusal->close_connection) {
          GuardedServer::CloseAfterThisRequest();
          response.set_header("Connection", "close");
        }
        std::string version = std::string("unknown/") + store::kDefinitionsVersion;
        if (auto lease = pool.Acquire(); lease.ok()) version = DataVersion(**lease);
        Refuse(request, response, nullptr,
               ApiError{refusal->status, refusal->code, refusal->message}, version);
        return httplib::Server::HandlerResponse::Handled;
      });
}

}  // namespace nara::server
