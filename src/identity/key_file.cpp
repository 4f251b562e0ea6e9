// Key file formats: 32 raw bytes or 64 hex digits.
#include "identity/key_file.hpp"

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string_view>

namespace nara::identity {
namespace {

constexpr size_t kHexKeySize = 2 * kPseudonymisationKeySize;
// Longer than any key file (64 hex digits and CR LF); a file this long is refused by size.
constexpr size_t kReadLimit = 128;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

// Wipes the bytes read from the key file when reading is done, whatever the outcome.
struct Wiper {
  char* data;
  size_t size;
  ~Wiper() { OPENSSL_cleanse(data, size); }
};

Status WrongSize(const std::string& path, std::string size) {
  return UsageError(fmt::format(
      "{}: a pseudonymisation key file must hold exactly 32 bytes, or 64 hex digits and an "
      "optional newline; this one holds {}. Make a key with: "
      "(umask 077; head -c 32 /dev/urandom > KEYFILE)",
      path, size));
}

// A key of one byte repeated (all zero from `truncate -s 32`, or 32 spaces) is no secret: every
// pseudonym under it could be reversed by hashing every personnummer.
Status CheckNotOneByteRepeated(const std::string& path, PseudonymisationKey& key) {
  for (const uint8_t byte : key) {
    if (byte != key[0]) return Status::Ok();
  }
  OPENSSL_cleanse(key.data(), key.size());
  return UsageError(fmt::format(
      "{}: the pseudonymisation key is one byte repeated 32 times (all zero?), which anyone can "
      "guess; make a random key with: (umask 077; head -c 32 /dev/urandom > KEYFILE)",
      path));
}

}  // namespace

Result<PseudonymisationKey> ReadKeyFile(const std::string& path) {
  const std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    return IoError(fmt::format("{}: cannot open the pseudonymisation key file: {}", path,
                               std::strerror(errno)));
  }
  // Read from the file opened, so that the mode checked is that of the bytes read.
  struct stat info {};
  if (::fstat(::fileno(file.get()), &info) != 0) {
    return IoError(fmt::format("{}: cannot read the pseudonymisation key file: {}", path,
                               std::strerror(errno)));
  }
  if (S_ISREG(info.st_mode) && (info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return UsageError(fmt::format(
        "{}: the pseudonymisation key file is open to group or others (mode {:04o}): whoever "
        "can read it can reverse every pseudonym. Make it private with: chmod 600 {}",
        path, info.st_mode & 07777, path));
  }
  char buffer[kReadLimit];
  const Wiper wiper{buffer, sizeof(buffer)};
  const size_t size = std::fread(buffer, 1, sizeof(buffer), file.get());
  if (std::ferror(file.get())) {
    return IoError(fmt::format("{}: cannot read the pseudonymisation key file: {}", path,
                               std::strerror(errno)));
  }

  PseudonymisationKey key;
  if (size == kPseudonymisationKeySize) {
    std::memcpy(key.data(), buffer, key.size());
    NARA_RETURN_IF_ERROR(CheckNotOneByteRepeated(path, key));
    return key;
  }
  if (size == kReadLimit) {
    std::error_code error;
    const auto full_size = std::filesystem::file_size(path, error);
    return WrongSize(path, error ? fmt::format("more than {} bytes", kReadLimit - 1)
                                 : fmt::format("{} bytes", full_size));
  }
  std::string_view text(buffer, size);
  if (text.size() >= 1 && text.back() == '\n') text.remove_suffix(1);
  if (text.size() >= 1 && text.back() == '\r') text.remove_suffix(1);
  if (text.size() != kHexKeySize) return WrongSize(path, fmt::format("{} bytes", size));
  for (size_t i = 0; i < key.size(); ++i) {
    const int high = HexValue(text[2 * i]);
    const int low = HexValue(text[2 * i + 1]);
    if (high < 0 || low < 0) {
      OPENSSL_cleanse(key.data(), key.size());
      return UsageError(fmt::format(
          "{}: a 64-character pseudonymisation key file must hold hex digits only (0-9, a-f); "
          "this one holds other characters. Make a key with: "
          "(umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \\n' > KEYFILE)",
          path));
    }
    key[i] = static_cast<uint8_t>(high * 16 + low);
  }
  NARA_RETURN_IF_ERROR(CheckNotOneByteRepeated(path, key));
  return key;
}

}  // namespace nara::identity
