// Month arithmetic and period enumeration.
#include "indicators/periods.hpp"

#include <fmt/format.h>

namespace nara::indicators {

int MonthOf(Date date) {
  const CivilDate civil = CivilFromDays(date);
  return MonthIndex(civil.year, civil.month);
}

Date FirstDayOfMonth(int month_index) {
  return DaysFromCivil(month_index / 12, month_index % 12 + 1, 1);
}

Date LastDayOfMonth(int month_index) { return FirstDayOfMonth(month_index + 1) - 1; }

std::vector<Period> PeriodsInside(Date coverage_from, Date coverage_to) {
  std::vector<Period> periods;
  int first = MonthOf(coverage_from);
  if (FirstDayOfMonth(first) < coverage_from) ++first;
  int last = MonthOf(coverage_to);
  if (LastDayOfMonth(last) > coverage_to) --last;
  if (last < first) return periods;
  auto label_month = [](int m) { return fmt::format("{:04d}-{:02d}", m / 12, m % 12 + 1); };
  for (int m = first; m <= last; ++m) {
    periods.push_back({PeriodType::kMonth, m, m, label_month(m)});
  }
  // Blocks of `size` months aligned to the calendar year.
  auto blocks = [&](PeriodType type, int size, const char* letter) {
    for (int start = first + ((size - first % size) % size); start + size - 1 <= last;
         start += size) {
      const int year = start / 12;
      const int number = (start % 12) / size + 1;
      std::string label = size == 12 ? fmt::format("{:04d}", year)
                                     : fmt::format("{:04d}-{}{}", year, letter, number);
      periods.push_back({type, start, start + size - 1, label});
    }
  };
  blocks(PeriodType::kQuarter, 3, "Q");
  blocks(PeriodType::kTertial, 4, "T");
  blocks(PeriodType::kHalfYear, 6, "H");
  blocks(PeriodType::kYear, 12, "");
  for (int end = first + 11; end <= last; ++end) {
    periods.push_back({PeriodType::kRolling12, end - 11, end,
                       label_month(end - 11) + "/" + label_month(end)});
  }
  return periods;
}

}  // namespace nara::indicators
