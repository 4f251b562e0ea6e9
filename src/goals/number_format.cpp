// Locale-free number formatting for reports.
#include "goals/number_format.hpp"

#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace nara::goals {

std::string FormatNumber(double value, int decimals, bool swedish) {
  // Work in integer thousandths so the rounding is the same as JavaScript's integer arithmetic
  // in the browser test (no binary half-way surprises).
  const int64_t thousandths = std::llround(value * 1000.0);
  int64_t step = 1;
  for (int i = decimals; i < 3; ++i) step *= 10;
  const bool negative = thousandths < 0;
  const int64_t magnitude = std::llabs(thousandths);
  const int64_t units = (magnitude + step / 2) / step;  // half away from zero
  int64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  const std::string whole = std::to_string(units / scale);
  std::string out;
  const char* separator = swedish ? "\u00a0" : ",";
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += separator;
    out += whole[i];
  }
  if (decimals > 0) {
    std::string fraction = std::to_string(units % scale);
    fraction.insert(0, static_cast<size_t>(decimals) - fraction.size(), '0');
    out += (swedish ? "," : ".") + fraction;
  }
  if (negative && units != 0) out.insert(0, swedish ? "\u2212" : "-");
  return out;
}

}  // namespace nara::goals
