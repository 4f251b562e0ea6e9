// HMAC-SHA-256 (RFC 2104) under one key, with the key's pad blocks hashed once.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string_view>

namespace nara::identity {

using Sha256Digest = std::array<uint8_t, 32>;

// HMAC-SHA-256 under a fixed key, over OpenSSL's EVP digests. The key's inner and outer pad
// blocks are hashed once, at construction, into two prepared SHA-256 states; Digest() copies
// them, so a short message costs two SHA-256 compressions (several million per second on one
// core, against under one million for OpenSSL's one-shot HMAC()).
// Immutable after construction: Digest() may be called from several threads at once (each thread
// has its own scratch context). Copies share the prepared states. OpenSSL failures (out of
// memory, a provider without SHA-256) throw std::runtime_error: they are not input errors.
class HmacSha256 {
 public:
  // Any key length; a key longer than the 64-byte block is hashed first (RFC 2104).
  explicit HmacSha256(std::string_view key);

  Sha256Digest Digest(std::string_view message) const;

 private:
  struct PreparedState;
  std::shared_ptr<const PreparedState> state_;
};

}  // namespace nara::identity
