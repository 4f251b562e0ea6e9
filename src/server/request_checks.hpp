// The checks every request of `nara serve` gets before routing (issue 17, item 10), as pure
// functions of the parsed request: the server's pre-routing handler and the HTTP fuzz target
// (fuzz/http_request_fuzzer.cpp) call the same ones.
#pragma once

#include <httplib.h>

#include <optional>
#include <string>

namespace nara::server {

// Why a request is refused before any route runs (docs/http_api.md "Limits").
struct RequestRefusal {
  int status = 400;
  std::string code;     // snake_case, as every API error
  std::string message;  // English, for the client
  // The body was not read (or cannot be trusted): close the connection after the answer, so
  // that the rest of the stream is never parsed as a next request.
  bool close_connection = false;
};

// Refuses, in this order: ambiguous body framing (both Content-Length and Transfer-Encoding,
// several or non-numeric lengths, a coding other than chunked: 400, close); more than one byte
// range (416); a state-changing method (not GET, HEAD, OPTIONS) whose Origin is not this
// server's Host (403). nullopt for a request that may be routed.
std::optional<RequestRefusal> CheckRequest(const httplib::Request& request);

// The headers of every answer: Content-Security-Policy, X-Content-Type-Options,
// X-Frame-Options, Referrer-Policy.
httplib::Headers SecurityHeaders();

}  // namespace nara::server
