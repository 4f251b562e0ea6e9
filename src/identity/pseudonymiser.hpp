// Keyed pseudonyms of patient identifiers: HMAC-SHA-256 under the region's secret key.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.hpp"

namespace nara::identity {

// Replaces identity numbers with keyed hashes (data contract §3). The same key gives the same
// pseudonym across extracts, so months can be joined; without the key a pseudonym cannot be
// turned back into a number (the space of personnummer is small, so the key must stay secret).
// Immutable after construction and safe to use from several threads at once.
class Pseudonymiser {
 public:
  // Key file: exactly 32 raw bytes, or 64 hex digits with an optional trailing newline.
  // kIoError when unreadable, kUsage when the content is not a key; messages name the file and
  // what is wrong, never the key.
  static Result<Pseudonymiser> FromKeyFile(const std::string& path);
  // The key file named by $NARA_KEY_FILE; kNotFound when the variable is unset or empty.
  static Result<Pseudonymiser> FromEnvironment();
  // A fixed, publicly known key for synthetic test data (the demo and tests).
  static Pseudonymiser ForTestData();

  bool is_test_key() const { return test_key_; }

  // First 8 bytes of HMAC-SHA-256(key, value), big-endian. `value` is the 12-character canonical
  // identity number, or a LopNr as written.
  uint64_t Pseudonym(std::string_view value) const;
  // 16 lower-case hex digits: the patient_ref shown in outputs.
  static std::string FormatRef(uint64_t pseudonym);

  // Full HMAC-SHA-256 of `message` under `key` (exposed for known-answer tests).
  static std::array<uint8_t, 32> HmacSha256(std::string_view key, std::string_view message);

 private:
  Pseudonymiser(std::array<uint8_t, 64> inner, std::array<uint8_t, 64> outer, bool test_key);
  static Pseudonymiser FromKey(std::string_view key, bool test_key);

  // The key XOR ipad / opad blocks of RFC 2104, so hashing one value costs two short SHA-256s.
  std::array<uint8_t, 64> inner_pad_;
  std::array<uint8_t, 64> outer_pad_;
  bool test_key_;
};

}  // namespace nara::identity
