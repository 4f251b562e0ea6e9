// Period labels of data contract §4.1 read back into month ranges, and the periods around them
// that goals and reports need (the base-year period, the last month, the rolling year).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "indicators/periods.hpp"

namespace nara::goals {

// `2018-03`, `2018-Q1`, `2018-T1`, `2018-H1`, `2018`, `2017-04/2018-03`; nullopt otherwise.
std::optional<indicators::Period> ParsePeriod(std::string_view label);

// The label of a period of `type` spanning first..last month (month indexes).
std::string PeriodLabel(indicators::PeriodType type, int first_month, int last_month);

// The same period `years` years later (negative: earlier): 2022-T1 shifted by -8 is 2014-T1.
indicators::Period ShiftYears(const indicators::Period& period, int years);

// Swedish (or English) name of a period for headings: "tertial 1 2022", "mars 2022".
std::string PeriodDisplayName(const indicators::Period& period, bool swedish);

}  // namespace nara::goals
