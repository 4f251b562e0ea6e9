// Checksums with OpenSSL's EVP digests.
#include "store/checksum.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>

namespace nara::store {
namespace {

struct DigestDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
using Digest = std::unique_ptr<EVP_MD_CTX, DigestDeleter>;

Digest NewDigest() {
  Digest digest(EVP_MD_CTX_new());
  EVP_DigestInit_ex(digest.get(), EVP_sha256(), nullptr);
  return digest;
}

std::string Finish(EVP_MD_CTX* digest) {
  unsigned char bytes[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_DigestFinal_ex(digest, bytes, &size);
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) hex += fmt::format("{:02x}", bytes[i]);
  return hex;
}

}  // namespace

std::string Sha256Hex(std::string_view text) {
  Digest digest = NewDigest();
  EVP_DigestUpdate(digest.get(), text.data(), text.size());
  return Finish(digest.get());
}

Result<std::string> ExtractChecksum(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    return IoError(fmt::format("{}: not a folder (an extract is a folder of CSV files)", dir));
  }
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir, error)) {
    if (entry.is_regular_file()) files.push_back(fs::relative(entry.path(), dir).generic_string());
  }
  if (error) return IoError(fmt::format("{}: cannot list the folder: {}", dir, error.message()));
  std::sort(files.begin(), files.end());
  Digest digest = NewDigest();
  std::vector<char> buffer(1 << 20);
  for (const auto& name : files) {
    std::ifstream in(fs::path(dir) / name, std::ios::binary);
    if (!in) return IoError(fmt::format("{}/{}: cannot read", dir, name));
    const auto size = fs::file_size(fs::path(dir) / name, error);
    const std::string header = name + '\0' + std::to_string(size) + '\0';
    EVP_DigestUpdate(digest.get(), header.data(), header.size());
    while (in) {
      in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      EVP_DigestUpdate(digest.get(), buffer.data(), static_cast<size_t>(in.gcount()));
    }
  }
  return Finish(digest.get());
}

}  // namespace nara::store
