// Keyed pseudonyms of patient identifiers: HMAC-SHA-256 under the region's secret key.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.hpp"
#include "identity/hmac_sha256.hpp"

namespace nara::identity {

// Replaces patient identifiers with keyed hashes (data contract §3). The same key gives the same
// pseudonym across extracts, so months can be joined; without the key a pseudonym cannot be
// turned back into a number. The space of personnummer is small enough to hash every one, so
// the key, not the hash, is what protects the patient: it must stay secret.
// Immutable after construction; Pseudonym() may be called from several threads at once. Cheap to
// copy (copies share the prepared HMAC state).
class Pseudonymiser {
 public:
  // The key in a file: exactly 32 raw bytes, or 64 hex digits with an optional trailing newline
  // (see ReadKeyFile). kIoError when the file cannot be read, kUsage when it holds no key; the
  // message names the file and what is wrong, never the key.
  static Result<Pseudonymiser> FromKeyFile(const std::string& path);
  // The key file named by the environment variable NARA_KEY_FILE; kNotFound when it is unset or
  // empty, else as FromKeyFile.
  static Result<Pseudonymiser> FromEnvironment();
  // A fixed, publicly known key for synthetic data (the demo and tests): its pseudonyms protect
  // nothing. is_test_key() is true.
  static Pseudonymiser ForTestData();

  bool is_test_key() const { return test_key_; }

  // The first 8 bytes of HMAC-SHA-256(key, value) as a big-endian integer. `value` is the
  // 12-character canonical form of an identity number (IdentityNumber::canonical), or a LopNr
  // as written.
  uint64_t Pseudonym(std::string_view value) const;

  // 16 lower-case hex digits: the patient_ref shown in outputs.
  static std::string FormatRef(uint64_t pseudonym);

 private:
  Pseudonymiser(std::string_view key, bool test_key) : hmac_(key), test_key_(test_key) {}

  HmacSha256 hmac_;
  bool test_key_;
};

}  // namespace nara::identity
