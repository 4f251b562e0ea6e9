// The periods around a period that goals and reports need (the base-year period, the year
// before), and the names of periods in headings. Labels and parsing are base/period.hpp's.
#pragma once

#include <string>

#include "base/period.hpp"

namespace nara::goals {

// The same period `years` years later (negative: earlier): 2022-T1 shifted by -8 is 2014-T1.
Period ShiftYears(const Period& period, int years);

// Swedish (or English) name of a period for headings: "tertial 1 2022", "mars 2022".
std::string PeriodDisplayName(const Period& period, bool swedish);

}  // namespace nara::goals
