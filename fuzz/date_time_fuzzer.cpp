// fuzz-module: base
// Fuzzes the date and date-time parsers: no crash, and every accepted value formats back to a
// value that parses to the same instant.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "base/date.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto date = nara::ParseDate(text)) {
    if (nara::ParseDate(nara::FormatDate(*date)) != date) std::abort();
  }
  if (auto parsed = nara::ParseDateTime(text)) {
    auto again = nara::ParseDateTime(nara::FormatDateTime(parsed->at));
    if (!again || again->at != parsed->at) std::abort();
  }
  return 0;
}
