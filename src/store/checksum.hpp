// SHA-256 fingerprints of an extract folder and of configuration text.
#pragma once

#include <string>
#include <string_view>

#include "base/status.hpp"

namespace nara::store {

// SHA-256 (hex) over the regular files of `dir`, recursively, in byte order of their relative
// paths: for each file its relative path, a NUL, its size as decimal, a NUL, then its bytes.
// The same folder content gives the same checksum wherever it lies.
Result<std::string> ExtractChecksum(const std::string& dir);

// SHA-256 (hex) of `text`.
std::string Sha256Hex(std::string_view text);

}  // namespace nara::store
