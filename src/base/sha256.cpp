#include "base/sha256.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <vector>

namespace nara {

Sha256::Sha256() : context_(EVP_MD_CTX_new(), EVP_MD_CTX_free) {
  EVP_DigestInit_ex(context_.get(), EVP_sha256(), nullptr);
}

Sha256::~Sha256() = default;

void Sha256::Update(std::string_view bytes) {
  EVP_DigestUpdate(context_.get(), bytes.data(), bytes.size());
}

Status Sha256::UpdateFromFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError(fmt::format("{}: cannot read the file", path));
  std::vector<char> buffer(1 << 20);  // streamed: extracts can be gigabytes
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    Update(std::string_view(buffer.data(), static_cast<size_t>(in.gcount())));
  }
  if (!in.eof()) return IoError(fmt::format("{}: cannot read the file", path));
  return Status::Ok();
}

std::string Sha256::HexDigest() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_DigestFinal_ex(context_.get(), digest, &size);
  std::string hex;
  hex.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

std::string Sha256Hex(std::string_view bytes) {
  Sha256 sha;
  sha.Update(bytes);
  return sha.HexDigest();
}

Result<std::string> FileSha256(const std::string& path) {
  Sha256 sha;
  NARA_RETURN_IF_ERROR(sha.UpdateFromFile(path));
  return sha.HexDigest();
}

Result<std::string> ExtractFingerprint(const std::string& dir) {
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
  Sha256 sha;
  for (const auto& name : files) {
    const fs::path path = fs::path(dir) / name;
    const auto size = fs::file_size(path, error);
    if (error) return IoError(fmt::format("{}: cannot read the file", path.string()));
    sha.Update(name);
    sha.Update(std::string_view("\0", 1));
    sha.Update(std::to_string(size));
    sha.Update(std::string_view("\0", 1));
    NARA_RETURN_IF_ERROR(sha.UpdateFromFile(path.string()));
  }
  return sha.HexDigest();
}

std::string ConfigFingerprint(std::string_view text, bool has_file) {
  return Sha256Hex(has_file ? text : std::string_view("(defaults)"));
}

}  // namespace nara
