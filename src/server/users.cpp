// Users file and PBKDF2 hashing.
#include "server/users.hpp"

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/atomic_file.hpp"
#include "base/file.hpp"

namespace nara::server {
namespace {

std::string Hex(const unsigned char* bytes, size_t size) {
  std::string out;
  for (size_t i = 0; i < size; ++i) out += fmt::format("{:02x}", bytes[i]);
  return out;
}

std::vector<unsigned char> Unhex(const std::string& hex) {
  std::vector<unsigned char> out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<unsigned char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

std::string Derive(const std::string& password, const std::vector<unsigned char>& salt,
                   int iterations) {
  unsigned char key[32];
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(),
                    static_cast<int>(salt.size()), iterations, EVP_sha256(), sizeof(key), key);
  return Hex(key, sizeof(key));
}

bool IsMunicipalityCode(const std::string& code) {
  return code.size() == 4 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string RoleName(Role role) {
  switch (role) {
    case Role::kRegion:
      return "region";
    case Role::kMunicipality:
      return "municipality";
    case Role::kPublic:
      return "public";
  }
  return "public";
}

std::string RoleText(const Principal& principal) {
  if (principal.role == Role::kMunicipality) return "municipality:" + principal.municipality;
  return RoleName(principal.role);
}

Result<Principal> ParseRole(const std::string& name, const std::string& role) {
  if (name.empty() || name.size() > 64 || !std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' ||
               c == '@';
      })) {
    return UsageError(
        fmt::format("user name '{}': use 1-64 letters, digits, '.', '_', '-', '@'", name));
  }
  Principal principal;
  principal.name = name;
  if (role == "region") {
    principal.role = Role::kRegion;
  } else if (role.rfind("municipality:", 0) == 0 && IsMunicipalityCode(role.substr(13))) {
    principal.role = Role::kMunicipality;
    principal.municipality = role.substr(13);
  } else {
    return UsageError(fmt::format(
        "role '{}': expected 'region' or 'municipality:CODE' with a 4-digit SCB code", role));
  }
  return principal;
}

Result<Users> Users::Load(const std::string& path) {
  Users users;
  if (!std::filesystem::exists(path)) return users;
  NARA_ASSIGN_OR_RETURN(auto text, ReadFile(path, "the users file"));
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.contains("users") || !json["users"].is_array()) {
    return InvalidInput(
        fmt::format("{}: not a users file (expected JSON {{\"users\": [...]}})", path));
  }
  for (const auto& entry : json["users"]) {
    if (!entry.is_object() || !entry.contains("name") || !entry.contains("role") ||
        !entry.contains("salt") || !entry.contains("hash") || !entry.contains("iterations")) {
      return InvalidInput(
          fmt::format("{}: a user entry lacks one of name, role, salt, hash, iterations", path));
    }
    auto principal = ParseRole(entry["name"].get<std::string>(), entry["role"].get<std::string>());
    if (!principal.ok()) {
      return InvalidInput(fmt::format("{}: {}", path, principal.status().message()));
    }
    users.users_.push_back({*principal, entry["salt"].get<std::string>(),
                            entry["hash"].get<std::string>(), entry["iterations"].get<int>()});
  }
  return users;
}

Status Users::Save(const std::string& path) const {
  nlohmann::json json;
  json["users"] = nlohmann::json::array();
  for (const auto& user : users_) {
    json["users"].push_back({{"name", user.principal.name},
                             {"role", RoleText(user.principal)},
                             {"salt", user.salt},
                             {"hash", user.hash},
                             {"iterations", user.iterations},
                             {"kdf", "pbkdf2-hmac-sha256"}});
  }
  // Owner-only from its first byte (the hashes are an offline guessing target), all or nothing.
  return WriteFileAtomically(path, json.dump(2) + "\n", "the users file", FileAccess::kOwnerOnly);
}

Status Users::Add(const Principal& principal, const std::string& password, int iterations) {
  if (password.size() < 8) return UsageError("the password must have at least 8 characters");
  unsigned char salt[16];
  if (RAND_bytes(salt, sizeof(salt)) != 1) return IoError("no random bytes for the salt");
  User user{principal, Hex(salt, sizeof(salt)), "", iterations};
  user.hash = Derive(password, Unhex(user.salt), iterations);
  Remove(principal.name);
  users_.push_back(std::move(user));
  return Status::Ok();
}

bool Users::Remove(const std::string& name) {
  const auto before = users_.size();
  users_.erase(std::remove_if(users_.begin(), users_.end(),
                              [&](const User& user) { return user.principal.name == name; }),
               users_.end());
  return users_.size() != before;
}

std::optional<Principal> Users::Verify(const std::string& name, const std::string& password) const {
  const auto found = std::find_if(users_.begin(), users_.end(),
                                  [&](const User& user) { return user.principal.name == name; });
  if (found == users_.end()) {
    static const std::vector<unsigned char> kDummySalt(16, 0);
    (void)Derive(password, kDummySalt, kPbkdf2Iterations);
    return std::nullopt;
  }
  const std::string hash = Derive(password, Unhex(found->salt), found->iterations);
  if (hash.size() != found->hash.size() ||
      CRYPTO_memcmp(hash.data(), found->hash.data(), hash.size()) != 0) {
    return std::nullopt;
  }
  return found->principal;
}

}  // namespace nara::server
