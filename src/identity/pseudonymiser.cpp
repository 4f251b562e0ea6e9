// HMAC-SHA-256 (RFC 2104) over OpenSSL's SHA-256, with the key pads prepared once.
#include "identity/pseudonymiser.hpp"

#include <fmt/format.h>
#include <openssl/sha.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace nara::identity {
namespace {

// Public, documented in docs/privacy.md: pseudonyms made with it protect nothing.
constexpr std::string_view kTestKey = "nara-public-test-key-NOT-SECRET!";  // 32 bytes

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// SHA-256 of `first` followed by `second`, through OpenSSL's one-shot SHA256() (the
// incremental SHA256_* calls are deprecated in OpenSSL 3). Short inputs stay on the stack.
std::array<uint8_t, 32> Sha256Two(const uint8_t* first, size_t first_size, const void* second,
                                  size_t second_size) {
  std::array<uint8_t, 32> digest;
  uint8_t stack[256];
  std::string heap;
  uint8_t* buffer = stack;
  if (first_size + second_size > sizeof(stack)) {
    heap.resize(first_size + second_size);
    buffer = reinterpret_cast<uint8_t*>(heap.data());
  }
  std::memcpy(buffer, first, first_size);
  if (second_size > 0) std::memcpy(buffer + first_size, second, second_size);
  SHA256(buffer, first_size + second_size, digest.data());
  return digest;
}

}  // namespace

Pseudonymiser::Pseudonymiser(std::array<uint8_t, 64> inner, std::array<uint8_t, 64> outer,
                             bool test_key)
    : inner_pad_(inner), outer_pad_(outer), test_key_(test_key) {}

Pseudonymiser Pseudonymiser::FromKey(std::string_view key, bool test_key) {
  std::array<uint8_t, 64> block{};
  if (key.size() > 64) {
    const auto digest = Sha256Two(reinterpret_cast<const uint8_t*>(key.data()), key.size(), "", 0);
    std::memcpy(block.data(), digest.data(), digest.size());
  } else {
    std::memcpy(block.data(), key.data(), key.size());
  }
  std::array<uint8_t, 64> inner, outer;
  for (size_t i = 0; i < 64; ++i) {
    inner[i] = static_cast<uint8_t>(block[i] ^ 0x36);
    outer[i] = static_cast<uint8_t>(block[i] ^ 0x5c);
  }
  return Pseudonymiser(inner, outer, test_key);
}

std::array<uint8_t, 32> Pseudonymiser::HmacSha256(std::string_view key, std::string_view message) {
  const Pseudonymiser hmac = FromKey(key, false);
  const auto inner = Sha256Two(hmac.inner_pad_.data(), 64, message.data(), message.size());
  return Sha256Two(hmac.outer_pad_.data(), 64, inner.data(), inner.size());
}

Result<Pseudonymiser> Pseudonymiser::FromKeyFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError(fmt::format("{}: cannot read the pseudonymisation key file", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string content = buffer.str();
  if (content.size() == 32) return FromKey(content, false);
  while (!content.empty() && (content.back() == '\n' || content.back() == '\r')) content.pop_back();
  if (content.size() == 64) {
    std::string key(32, '\0');
    for (size_t i = 0; i < 32; ++i) {
      const int high = HexValue(content[2 * i]);
      const int low = HexValue(content[2 * i + 1]);
      if (high < 0 || low < 0) {
        return UsageError(fmt::format(
            "{}: a 64-character key file must hold hex digits only (0-9, a-f)", path));
      }
      key[i] = static_cast<char>(high * 16 + low);
    }
    return FromKey(key, false);
  }
  return UsageError(fmt::format(
      "{}: a pseudonymisation key must be exactly 32 bytes (or 64 hex digits); this file has "
      "{} bytes. Make one with: head -c 32 /dev/urandom > KEYFILE",
      path, buffer.str().size()));
}

Result<Pseudonymiser> Pseudonymiser::FromEnvironment() {
  const char* path = std::getenv("NARA_KEY_FILE");
  if (path == nullptr || *path == '\0') return NotFound("NARA_KEY_FILE is not set");
  return FromKeyFile(path);
}

Pseudonymiser Pseudonymiser::ForTestData() { return FromKey(kTestKey, true); }

uint64_t Pseudonymiser::Pseudonym(std::string_view value) const {
  const auto inner = Sha256Two(inner_pad_.data(), 64, value.data(), value.size());
  const auto digest = Sha256Two(outer_pad_.data(), 64, inner.data(), inner.size());
  uint64_t pseudonym = 0;
  for (int i = 0; i < 8; ++i) pseudonym = (pseudonym << 8) | digest[static_cast<size_t>(i)];
  return pseudonym;
}

std::string Pseudonymiser::FormatRef(uint64_t pseudonym) { return fmt::format("{:016x}", pseudonym); }

}  // namespace nara::identity
