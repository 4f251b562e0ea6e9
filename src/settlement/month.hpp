// Calendar months as dense indexes (year * 12 + month - 1): the settlement's invoicing unit.
#pragma once

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>

#include "base/date.hpp"

namespace nara::settlement {

inline int MonthIndexOf(int year, int month) { return year * 12 + month - 1; }
inline int MonthOfDate(Date date) {
  const CivilDate civil = CivilFromDays(date);
  return civil.year * 12 + civil.month - 1;
}
inline int YearOfMonth(int month) { return month / 12; }
inline Date FirstDateOfMonth(int month) { return DaysFromCivil(month / 12, month % 12 + 1, 1); }
inline Date LastDateOfMonth(int month) {
  return DaysFromCivil(month / 12, month % 12 + 1, DaysInMonth(month / 12, month % 12 + 1));
}
// `2022-03`
inline std::string MonthLabel(int month) {
  return fmt::format("{:04d}-{:02d}", month / 12, month % 12 + 1);
}
// Parses `YYYY-MM` (years 1800-2199); nullopt for anything else.
std::optional<int> ParseMonth(std::string_view text);

}  // namespace nara::settlement
