// Reading the region's pseudonymisation key from a file.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "base/status.hpp"

namespace nara::identity {

inline constexpr size_t kPseudonymisationKeySize = 32;
using PseudonymisationKey = std::array<uint8_t, kPseudonymisationKeySize>;

// Reads a key file: exactly 32 raw bytes, or 64 hex digits (either case) followed by nothing, a
// newline or CR LF. kIoError when the file cannot be opened or read; kUsage when its content is
// not a key, when it is one byte repeated 32 times (all zero), or when the file is open to its
// group or others (any of mode 077: "chmod 600 FILE", checked before the content is read).
// Messages name the file and
// say what is wrong (its size, non-hex content, a repeated byte) and how
// to make a key; they never quote the content.
Result<PseudonymisationKey> ReadKeyFile(const std::string& path);

}  // namespace nara::identity
