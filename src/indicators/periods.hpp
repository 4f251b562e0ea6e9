// Calendar months as dense indexes, and the periods of indicators.md §1 built from them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/date.hpp"

namespace nara::indicators {

// Month index: year * 12 + (month - 1). Every period is a contiguous range of months.
inline int MonthIndex(int year, int month) { return year * 12 + month - 1; }
int MonthOf(Date date);
Date FirstDayOfMonth(int month_index);
Date LastDayOfMonth(int month_index);

enum class PeriodType : uint8_t { kMonth, kQuarter, kTertial, kHalfYear, kYear, kRolling12 };

struct Period {
  PeriodType type;
  int first_month;  // month index
  int last_month;   // month index, inclusive
  std::string label;  // 2018-03, 2018-Q1, 2018-T1, 2018-H1, 2018, 2017-04/2018-03
};

// Every period of every type whose months lie wholly inside [coverage_from, coverage_to], in
// output order (type, then time). A month is inside when its first and last days are.
std::vector<Period> PeriodsInside(Date coverage_from, Date coverage_to);

}  // namespace nara::indicators
