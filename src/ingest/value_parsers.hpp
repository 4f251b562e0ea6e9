// Small field parsers shared by the table readers: blanks, integers, decimals.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace nara::ingest {

inline constexpr const char* kDateTimeForms =
    "YYYY-MM-DD, YYYYMMDD, YYYY-MM-DD HH:MM[:SS] or YYYY-MM-DDTHH:MM[:SS]";

std::string_view TrimBlanks(std::string_view text);

// A whole number with an optional sign; nullopt for anything else (including "1.0").
std::optional<int64_t> ParseInteger(std::string_view text);

// A decimal with '.' or, when `allow_comma`, ',' as the decimal mark (data contract §1.1).
std::optional<double> ParseDecimal(std::string_view text, bool allow_comma);

}  // namespace nara::ingest
