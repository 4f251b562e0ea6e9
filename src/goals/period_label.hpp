// The periods around a period that goals and reports need (the base-year period, the year
// before), and the names of periods in headings. Labels and parsing are base/period.hpp's.
#pragma once

#include <optional>
#include <string>

#include "base/period.hpp"

namespace nara::goals {

// The same period `years` years later (negative: earlier): 2022-T1 shifted by -8 is 2014-T1.
Period ShiftYears(const Period& period, int years);

// The newest period of the same type that ends before `period` ends: a calendar period the one
// before it (2022-T3 -> 2022-T2), a month or a rolling 12 months one month earlier, and a range
// (year to date, a delår) ending one month earlier from the same first month (2022-01/2022-08 ->
// 2022-01/2022-07). nullopt when a range would hold no month.
std::optional<Period> EarlierPeriod(const Period& period);

// Swedish (or English) name of a period for headings: "tertial 1 2022", "mars 2022".
std::string PeriodDisplayName(const Period& period, bool swedish);

}  // namespace nara::goals
