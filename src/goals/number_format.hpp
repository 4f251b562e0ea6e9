// Numbers as a Swedish (or English) board report writes them: "15,9", "12 445".
#pragma once

#include <fmt/format.h>

#include <string>
#include <utility>

namespace nara::goals {

// `value` (already rounded to 3 decimals, as in the indicator table) with `decimals` decimals,
// rounded half away from zero from the 3-decimal value, so the browser test can recompute it
// from the table's value exactly. Swedish: decimal comma and a no-break space between
// thousands; English: point and comma.
std::string FormatNumber(double value, int decimals, bool swedish);

// fmt::format with the Swedish or the English pattern, chosen at run time.
template <typename... Args>
std::string Localised(bool swedish, const char* sv, const char* en, Args&&... args) {
  return fmt::format(fmt::runtime(swedish ? sv : en), std::forward<Args>(args)...);
}

}  // namespace nara::goals
