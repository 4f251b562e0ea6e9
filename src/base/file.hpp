// Reading a whole file into memory: the one helper for configuration, manifests, goals files and
// other small inputs (large CSV tables are mapped by CsvReader instead).
#pragma once

#include <string>

#include "base/status.hpp"

namespace nara {

// The bytes of `path`. A kIoError "PATH: cannot read WHAT" when it cannot be opened or read
// (`what` names the file's role for the reader, e.g. "the configuration file").
Result<std::string> ReadFile(const std::string& path, std::string_view what = "the file");

}  // namespace nara
