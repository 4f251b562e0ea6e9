#include "base/file.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace nara {

Result<std::string> ReadFile(const std::string& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError(fmt::format("{}: cannot read {}", path, what));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return IoError(fmt::format("{}: cannot read {}", path, what));
  return std::move(buffer).str();
}

}  // namespace nara
