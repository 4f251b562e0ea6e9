// SHA-256 (OpenSSL) as a streaming digest, and the one fingerprint of an extract folder.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/status.hpp"

struct evp_md_ctx_st;

namespace nara {

// A streaming SHA-256: Update() any number of times, then HexDigest() once.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(std::string_view bytes);
  // Streams the file's bytes into the digest; kIoError naming the file when it cannot be read.
  Status UpdateFromFile(const std::string& path);
  // 64 lower-case hex digits. The digest cannot be updated afterwards.
  std::string HexDigest();

 private:
  std::unique_ptr<evp_md_ctx_st, void (*)(evp_md_ctx_st*)> context_;
};

// SHA-256 of `bytes` as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view bytes);

// SHA-256 of a file's bytes (streamed); kIoError when unreadable.
Result<std::string> FileSha256(const std::string& path);

// The fingerprint of an extract folder, the same in run.json and in the store: SHA-256 (hex) over
// the regular files of `dir`, recursively, in byte order of their relative paths (`/`-separated);
// for each file its relative path, a NUL, its size in decimal, a NUL, then its bytes. The same
// content gives the same fingerprint wherever the folder lies. kIoError when `dir` is not a
// folder or a file cannot be read.
Result<std::string> ExtractFingerprint(const std::string& dir);

// The fingerprint of a configuration: SHA-256 of the file's bytes, or of the text "(defaults)"
// when no file was given (`text` empty and `has_file` false).
std::string ConfigFingerprint(std::string_view text, bool has_file);

}  // namespace nara
