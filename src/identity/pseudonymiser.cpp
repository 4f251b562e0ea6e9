// Pseudonymiser: key sources and the 64-bit pseudonym.
#include "identity/pseudonymiser.hpp"

#include <openssl/crypto.h>

#include <cstdlib>

#include "identity/key_file.hpp"

namespace nara::identity {
namespace {

// Public (docs/privacy.md): pseudonyms made with it protect nothing. Kept unchanged so that
// synthetic extracts keep their patient_refs across versions.
constexpr std::string_view kTestKey = "nara-public-test-key-NOT-SECRET!";
static_assert(kTestKey.size() == kPseudonymisationKeySize);

constexpr char kEnvironmentVariable[] = "NARA_KEY_FILE";

}  // namespace

Result<Pseudonymiser> Pseudonymiser::FromKeyFile(const std::string& path) {
  Result<PseudonymisationKey> key = ReadKeyFile(path);
  if (!key.ok()) return key.status();
  Pseudonymiser pseudonymiser(
      std::string_view(reinterpret_cast<const char*>(key->data()), key->size()), false);
  OPENSSL_cleanse(key->data(), key->size());
  return pseudonymiser;
}

Result<Pseudonymiser> Pseudonymiser::FromEnvironment() {
  const char* path = std::getenv(kEnvironmentVariable);
  if (path == nullptr || *path == '\0') {
    return NotFound(
        "NARA_KEY_FILE is not set: it names the file that holds the region's 32-byte "
        "pseudonymisation key");
  }
  auto pseudonymiser = FromKeyFile(path);
  if (!pseudonymiser.ok()) {
    return Status(pseudonymiser.status().code(),
                  pseudonymiser.status().message() + " (the file named by NARA_KEY_FILE)");
  }
  return pseudonymiser;
}

Pseudonymiser Pseudonymiser::ForTestData() { return Pseudonymiser(kTestKey, true); }

uint64_t Pseudonymiser::Pseudonym(std::string_view value) const {
  const Sha256Digest digest = hmac_.Digest(value);
  uint64_t pseudonym = 0;
  for (size_t i = 0; i < 8; ++i) pseudonym = (pseudonym << 8) | digest[i];
  return pseudonym;
}

std::string Pseudonymiser::FormatRef(uint64_t pseudonym) {
  static constexpr char kHexDigits[] = "0123456789abcdef";
  std::string ref(16, '0');
  for (size_t i = 16; i-- > 0; pseudonym >>= 4) ref[i] = kHexDigits[pseudonym & 0xf];
  return ref;
}

}  // namespace nara::identity
