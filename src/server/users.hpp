// Users and roles: the users file (docs/access.md) and password hashing with PBKDF2.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.hpp"

namespace nara::server {

// region: everything; municipality: aggregates and its own residents' settlement basis;
// public: no login, suppressed aggregates only.
enum class Role { kPublic, kRegion, kMunicipality };

// Who is asking. A public visitor has an empty name.
struct Principal {
  std::string name;
  Role role = Role::kPublic;
  std::string municipality;  // 4 digits for kMunicipality, else empty
};

// One user as stored: the password only as a PBKDF2-HMAC-SHA256 hash with its own salt.
struct User {
  Principal principal;
  std::string salt;  // hex, 16 random bytes
  std::string hash;  // hex, 32 bytes
  int iterations = 0;
};

inline constexpr int kPbkdf2Iterations = 210000;  // OWASP 2023 for PBKDF2-HMAC-SHA256

// Parses "region" or "municipality:CODE" (4 digits).
Result<Principal> ParseRole(const std::string& name, const std::string& role);
// "region", "municipality:2380".
std::string RoleText(const Principal& principal);
std::string RoleName(Role role);

// The users file: a JSON document {"users": [...]}. Not thread-safe; the server loads it once.
class Users {
 public:
  // Reads `path`; a missing file is an empty list (so `nara user add` can create it).
  static Result<Users> Load(const std::string& path);
  // Writes to a temporary file beside `path`, mode 0600, then renames it over `path`.
  Status Save(const std::string& path) const;

  // Adds or replaces `principal.name` with a fresh salt and hash of `password`.
  Status Add(const Principal& principal, const std::string& password,
             int iterations = kPbkdf2Iterations);
  // False when there was no such user.
  bool Remove(const std::string& name);
  // The user when the name exists and the password matches; compares in constant time, and
  // hashes even for an unknown name so timing does not reveal which names exist.
  std::optional<Principal> Verify(const std::string& name, const std::string& password) const;

  const std::vector<User>& list() const { return users_; }

 private:
  std::vector<User> users_;
};

}  // namespace nara::server
