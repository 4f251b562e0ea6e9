// Shifting periods by years and naming them.
#include "goals/period_label.hpp"

#include <fmt/format.h>

#include <array>

#include "goals/number_format.hpp"

namespace nara::goals {

Period ShiftYears(const Period& period, int years) {
  return {period.type, period.first_month + 12 * years, period.last_month + 12 * years};
}

std::optional<Period> EarlierPeriod(const Period& period) {
  switch (period.type) {
    case PeriodType::kRange:
      if (period.last_month <= period.first_month) return std::nullopt;
      return Period{period.type, period.first_month, period.last_month - 1};
    case PeriodType::kRolling12:
      return Period{period.type, period.first_month - 1, period.last_month - 1};
    default: {
      const int length = period.last_month - period.first_month + 1;
      return Period{period.type, period.first_month - length, period.last_month - length};
    }
  }
}

std::string PeriodDisplayName(const Period& period, bool swedish) {
  static constexpr std::array<const char*, 12> kSv = {
      "januari", "februari", "mars",      "april",   "maj",      "juni",
      "juli",    "augusti",  "september", "oktober", "november", "december"};
  static constexpr std::array<const char*, 12> kEn = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  const int year = YearOfMonth(period.first_month);
  const size_t month = static_cast<size_t>(MonthOfYear(period.first_month) - 1);  // 0-based
  const auto& names = swedish ? kSv : kEn;
  switch (period.type) {
    case PeriodType::kMonth:
      return fmt::format("{} {}", names[month], year);
    case PeriodType::kQuarter:
      return Localised(swedish, "kvartal {} {}", "quarter {} {}", month / 3 + 1, year);
    case PeriodType::kTertial:
      return fmt::format("tertial {} {} ({}–{})", month / 4 + 1, year, names[month],
                         names[month + 3]);
    case PeriodType::kHalfYear:
      return Localised(swedish, "halvår {} {}", "half-year {} {}", month / 6 + 1, year);
    case PeriodType::kYear:
      return Localised(swedish, "år {}", "year {}", year);
    case PeriodType::kRolling12:
      return Localised(swedish, "rullande 12 månader {}", "rolling 12 months {}", period.Label());
    case PeriodType::kRange: {
      const size_t last = static_cast<size_t>(MonthOfYear(period.last_month) - 1);
      const int last_year = YearOfMonth(period.last_month);
      if (last_year == year) return fmt::format("{}–{} {}", names[month], names[last], year);
      return fmt::format("{} {}–{} {}", names[month], year, names[last], last_year);
    }
  }
  return period.Label();
}

}  // namespace nara::goals
