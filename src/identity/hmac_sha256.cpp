// HMAC-SHA-256 from two SHA-256 states prepared with the key's pads (RFC 2104 section 4 notes
// that the pads' hashes may be precomputed).
#include "identity/hmac_sha256.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cstring>
#include <stdexcept>

namespace nara::identity {
namespace {

constexpr size_t kBlockSize = 64;  // SHA-256's block size
constexpr unsigned char kInnerPad = 0x36;
constexpr unsigned char kOuterPad = 0x5c;

struct EvpMdCtxDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, EvpMdCtxDeleter>;

struct EvpMdDeleter {
  void operator()(EVP_MD* md) const { EVP_MD_free(md); }
};

[[noreturn]] void Fail(const char* step) {
  throw std::runtime_error(std::string("OpenSSL SHA-256 failed in ") + step);
}

EvpMdCtxPtr NewContext() {
  EvpMdCtxPtr context(EVP_MD_CTX_new());
  if (!context) Fail("EVP_MD_CTX_new");
  return context;
}

// A SHA-256 context that has absorbed one 64-byte pad block.
EvpMdCtxPtr PreparePad(const EVP_MD* sha256, const unsigned char* block, unsigned char pad) {
  unsigned char padded[kBlockSize];
  for (size_t i = 0; i < kBlockSize; ++i) padded[i] = static_cast<unsigned char>(block[i] ^ pad);
  EvpMdCtxPtr context = NewContext();
  const bool ok = EVP_DigestInit_ex(context.get(), sha256, nullptr) == 1 &&
                  EVP_DigestUpdate(context.get(), padded, kBlockSize) == 1;
  OPENSSL_cleanse(padded, sizeof(padded));
  if (!ok) Fail("EVP_DigestInit_ex");
  return context;
}

// This thread's scratch context, reused by every HmacSha256 (a Digest() call is never
// interrupted by another on the same thread).
EVP_MD_CTX* ThreadScratch() {
  thread_local const EvpMdCtxPtr scratch = NewContext();
  return scratch.get();
}

// Continues a copy of `prepared` with `data` and writes its digest to `out`.
void FinishCopy(EVP_MD_CTX* scratch, const EVP_MD_CTX* prepared, const void* data, size_t size,
                unsigned char* out) {
  unsigned int out_size = 0;
  if (EVP_MD_CTX_copy_ex(scratch, prepared) != 1 || EVP_DigestUpdate(scratch, data, size) != 1 ||
      EVP_DigestFinal_ex(scratch, out, &out_size) != 1 || out_size != 32) {
    Fail("EVP_DigestFinal_ex");
  }
}

}  // namespace

struct HmacSha256::PreparedState {
  EvpMdCtxPtr inner;  // SHA-256 after (key XOR ipad)
  EvpMdCtxPtr outer;  // SHA-256 after (key XOR opad)
};

HmacSha256::HmacSha256(std::string_view key) {
  const std::unique_ptr<EVP_MD, EvpMdDeleter> sha256(EVP_MD_fetch(nullptr, "SHA256", nullptr));
  if (!sha256) Fail("EVP_MD_fetch");
  unsigned char block[kBlockSize] = {};
  if (key.size() > kBlockSize) {
    unsigned int size = 0;
    if (EVP_Digest(key.data(), key.size(), block, &size, sha256.get(), nullptr) != 1) {
      Fail("EVP_Digest");
    }
  } else {
    std::memcpy(block, key.data(), key.size());
  }
  auto state = std::make_shared<PreparedState>();
  state->inner = PreparePad(sha256.get(), block, kInnerPad);
  state->outer = PreparePad(sha256.get(), block, kOuterPad);
  OPENSSL_cleanse(block, sizeof(block));
  state_ = std::move(state);
}

Sha256Digest HmacSha256::Digest(std::string_view message) const {
  EVP_MD_CTX* scratch = ThreadScratch();
  unsigned char inner[32];
  FinishCopy(scratch, state_->inner.get(), message.data(), message.size(), inner);
  Sha256Digest digest;
  FinishCopy(scratch, state_->outer.get(), inner, sizeof(inner), digest.data());
  return digest;
}

}  // namespace nara::identity
