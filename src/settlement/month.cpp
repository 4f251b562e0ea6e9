// Parsing months given on the command line.
#include "settlement/month.hpp"

#include <cctype>

namespace nara::settlement {

std::optional<int> ParseMonth(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u}) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
  }
  const int year = std::stoi(std::string(text.substr(0, 4)));
  const int month = std::stoi(std::string(text.substr(5, 2)));
  if (year < 1800 || year > 2199 || month < 1 || month > 12) return std::nullopt;
  return year * 12 + month - 1;
}

}  // namespace nara::settlement
