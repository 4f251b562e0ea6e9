// Helpers for end-to-end tests: temporary folders, running the binary, reading files.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace nara::e2e {

// A fresh folder under the system temp dir, removed when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

struct RunResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs the built `nara` with `args` (each passed as one argument, shell-quoted), in `cwd`, with
// extra environment assignments such as "NARA_KEY_FILE=/x".
RunResult RunNara(const std::vector<std::string>& args, const std::string& cwd = ".",
                  const std::vector<std::string>& env = {});

std::string ReadFile(const std::filesystem::path& path);
void WriteFile(const std::filesystem::path& path, const std::string& text);
// A file only its owner may read and write (0600), as a pseudonymisation key file must be.
void WritePrivateFile(const std::filesystem::path& path, const std::string& text);

// Every regular file under `dir`, recursively.
std::vector<std::filesystem::path> FilesUnder(const std::filesystem::path& dir);

}  // namespace nara::e2e
