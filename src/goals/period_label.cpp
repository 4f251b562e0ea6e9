// Reading and naming period labels.
#include "goals/period_label.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>

#include "goals/number_format.hpp"

namespace nara::goals {
namespace {

using indicators::MonthIndex;
using indicators::Period;
using indicators::PeriodType;

bool Digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::optional<int> Year(std::string_view text) {
  if (text.size() != 4 || !Digits(text)) return std::nullopt;
  const int year = std::stoi(std::string(text));
  if (year < 1900 || year > 2199) return std::nullopt;
  return year;
}

std::optional<int> Month(std::string_view text) {  // YYYY-MM -> month index
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  auto year = Year(text.substr(0, 4));
  if (!year || !Digits(text.substr(5))) return std::nullopt;
  const int month = std::stoi(std::string(text.substr(5)));
  if (month < 1 || month > 12) return std::nullopt;
  return MonthIndex(*year, month);
}

}  // namespace

std::optional<Period> ParsePeriod(std::string_view label) {
  const std::string text(label);
  if (auto slash = label.find('/'); slash != std::string_view::npos) {
    auto first = Month(label.substr(0, slash));
    auto last = Month(label.substr(slash + 1));
    if (!first || !last || *last - *first != 11) return std::nullopt;
    return Period{PeriodType::kRolling12, *first, *last, text};
  }
  if (auto year = Year(label)) {
    return Period{PeriodType::kYear, MonthIndex(*year, 1), MonthIndex(*year, 12), text};
  }
  if (auto month = Month(label)) return Period{PeriodType::kMonth, *month, *month, text};
  if (label.size() != 7 || label[4] != '-') return std::nullopt;
  auto year = Year(label.substr(0, 4));
  if (!year || !std::isdigit(static_cast<unsigned char>(label[6]))) return std::nullopt;
  const int n = label[6] - '0';
  const int january = MonthIndex(*year, 1);
  switch (label[5]) {
    case 'Q':
      if (n < 1 || n > 4) return std::nullopt;
      return Period{PeriodType::kQuarter, january + 3 * (n - 1), january + 3 * n - 1, text};
    case 'T':
      if (n < 1 || n > 3) return std::nullopt;
      return Period{PeriodType::kTertial, january + 4 * (n - 1), january + 4 * n - 1, text};
    case 'H':
      if (n < 1 || n > 2) return std::nullopt;
      return Period{PeriodType::kHalfYear, january + 6 * (n - 1), january + 6 * n - 1, text};
    default:
      return std::nullopt;
  }
}

std::string PeriodLabel(PeriodType type, int first_month, int last_month) {
  const int year = first_month / 12;
  const int month = first_month % 12;  // 0-based
  switch (type) {
    case PeriodType::kMonth:
      return fmt::format("{}-{:02d}", year, month + 1);
    case PeriodType::kQuarter:
      return fmt::format("{}-Q{}", year, month / 3 + 1);
    case PeriodType::kTertial:
      return fmt::format("{}-T{}", year, month / 4 + 1);
    case PeriodType::kHalfYear:
      return fmt::format("{}-H{}", year, month / 6 + 1);
    case PeriodType::kYear:
      return fmt::format("{}", year);
    case PeriodType::kRolling12:
      return fmt::format("{}-{:02d}/{}-{:02d}", year, month + 1, last_month / 12,
                         last_month % 12 + 1);
  }
  return "";
}

Period ShiftYears(const Period& period, int years) {
  Period shifted = period;
  shifted.first_month += 12 * years;
  shifted.last_month += 12 * years;
  shifted.label = PeriodLabel(period.type, shifted.first_month, shifted.last_month);
  return shifted;
}

std::string PeriodDisplayName(const Period& period, bool swedish) {
  static constexpr std::array<const char*, 12> kSv = {
      "januari", "februari", "mars",      "april",   "maj",      "juni",
      "juli",    "augusti",  "september", "oktober", "november", "december"};
  static constexpr std::array<const char*, 12> kEn = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  const int year = period.first_month / 12;
  const size_t month = static_cast<size_t>(period.first_month % 12);
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
      return Localised(swedish, "rullande 12 månader {}", "rolling 12 months {}", period.label);
  }
  return period.label;
}

}  // namespace nara::goals
