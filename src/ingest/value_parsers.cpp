// Field parsers shared by the table readers.
#include "ingest/value_parsers.hpp"

#include <charconv>
#include <string>

namespace nara::ingest {

std::string_view TrimBlanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<int64_t> ParseInteger(std::string_view text) {
  text = TrimBlanks(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return value;
}

std::optional<double> ParseDecimal(std::string_view text, bool allow_comma) {
  text = TrimBlanks(text);
  std::string copy(text);
  if (allow_comma) {
    for (char& c : copy) {
      if (c == ',') c = '.';
    }
  }
  double value = 0;
  const char* end = copy.data() + copy.size();
  auto [ptr, error] = std::from_chars(copy.data(), end, value);
  if (error != std::errc() || ptr != end || copy.empty()) return std::nullopt;
  return value;
}

}  // namespace nara::ingest
