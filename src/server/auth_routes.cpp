// POST /api/login, POST /api/logout, GET /api/me.
#include "server/server_impl.hpp"

namespace nara::server {
namespace {

Json UserJson(const Principal& principal) {
  if (principal.role == Role::kPublic) return nullptr;
  return Json{{"name", principal.name},
              {"role", RoleName(principal.role)},
              {"municipality",
               principal.municipality.empty() ? Json(nullptr) : Json(principal.municipality)}};
}

// SameSite=Strict: the cookie is never sent on cross-site requests, so no CSRF token is needed
// for the JSON API; HttpOnly: scripts cannot read it.
std::string Cookie(const std::string& token, bool clear) {
  return "nara_session=" + token + "; HttpOnly; SameSite=Strict; Path=/" +
         (clear ? "; Max-Age=0" : "; Max-Age=28800");
}

}  // namespace

void ApiServer::Impl::AddAuthRoutes() {
  Post("/api/login", [this](Call& call) -> Outcome {
    const auto body = Json::parse(call.http.body, nullptr, false);
    if (body.is_discarded() || !body.is_object() || !body.contains("username") ||
        !body.contains("password") || !body["username"].is_string() ||
        !body["password"].is_string()) {
      return BadRequest("the body must be JSON {\"username\": ..., \"password\": ...}");
    }
    const std::string name = body["username"].get<std::string>();
    const std::string user_key = "user:" + name;
    const std::string address_key = "addr:" + call.http.remote_addr;
    // Counted before the (slow) password check, atomically with the limit check: parallel
    // guesses cannot all be checked before the first failure is recorded.
    if (!limiter.TryAttempt({{user_key, options.login_attempts_per_user},
                             {address_key, options.login_attempts_per_address}})) {
      return ApiError{429, "rate_limited",
                      "too many login attempts: wait a minute before trying again"};
    }
    auto principal = users.Verify(name, body["password"].get<std::string>());
    if (!principal) return Unauthenticated("unknown user name or wrong password");
    limiter.Forgive(user_key);
    limiter.Forgive(address_key);
    const std::string token = sessions.Create(*principal);
    if (token.empty()) return ApiError{500, "internal", "no random bytes for a session"};
    if (!call.session_token.empty()) sessions.Remove(call.session_token);
    Reply reply;
    reply.body["user"] = UserJson(*principal);
    reply.set_cookie = Cookie(token, false);
    return reply;
  });
  Post("/api/logout", [this](Call& call) -> Outcome {
    if (!call.session_token.empty()) sessions.Remove(call.session_token);
    Reply reply;
    reply.set_cookie = Cookie("", true);
    return reply;
  });
  Get("/api/me", [](Call& call) -> Outcome {
    Reply reply;
    reply.body["user"] = UserJson(call.principal);
    return reply;
  });
}

}  // namespace nara::server
