// One field of a CSV line as Nära writes it (RFC 4180): quoted only when it must be.
#pragma once

#include <string>
#include <string_view>

namespace nara {

// `text` as is, or in double quotes with inner quotes doubled when it holds a comma, a quote or
// a line break.
inline std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

}  // namespace nara
