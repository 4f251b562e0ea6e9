// Month arithmetic, period labels and their parsing, and the periods inside a coverage.
#include "base/period.hpp"

#include <fmt/format.h>

#include <cctype>

namespace nara {
namespace {

// What each period type is: the one table that label, parse and enumeration read. A calendar
// type is a block of `months` months aligned to the calendar year (its label is the year, and
// for blocks shorter than a year `letter` and the block's number); a type that is not calendar
// aligned is labelled by its first and last month, `2017-04/2018-03`.
struct TypeInfo {
  PeriodType type;
  std::string_view name;
  int months;
  bool calendar;
  char letter;  // Q, T, H; 0 for a month and a year
};

constexpr std::array<TypeInfo, 7> kTypes = {{
    {PeriodType::kMonth, "month", 1, true, 0},
    {PeriodType::kQuarter, "quarter", 3, true, 'Q'},
    {PeriodType::kTertial, "tertial", 4, true, 'T'},
    {PeriodType::kHalfYear, "half_year", 6, true, 'H'},
    {PeriodType::kYear, "year", 12, true, 0},
    {PeriodType::kRolling12, "rolling_12", 12, false, 0},
    {PeriodType::kRange, "range", 0, false, 0},  // any length; never enumerated
}};

const TypeInfo& InfoOf(PeriodType type) {
  for (const TypeInfo& info : kTypes) {
    if (info.type == type) return info;
  }
  return kTypes[0];  // unreachable: every enumerator has a row
}

bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Four digits, a year kMinYear..kMaxYear.
std::optional<int> ParseYear(std::string_view text) {
  if (text.size() != 4) return std::nullopt;
  int year = 0;
  for (char c : text) {
    if (!IsDigit(c)) return std::nullopt;
    year = year * 10 + (c - '0');
  }
  if (year < kMinYear || year > kMaxYear) return std::nullopt;
  return year;
}

}  // namespace

Month MonthOf(Date date) {
  const CivilDate civil = CivilFromDays(date);
  return MonthIndex(civil.year, civil.month);
}

Date FirstDayOfMonth(Month month) {
  return DaysFromCivil(YearOfMonth(month), MonthOfYear(month), 1);
}

Date LastDayOfMonth(Month month) {
  const int year = YearOfMonth(month);
  return DaysFromCivil(year, MonthOfYear(month), DaysInMonth(year, MonthOfYear(month)));
}

std::string MonthLabel(Month month) {
  return fmt::format("{:04d}-{:02d}", YearOfMonth(month), MonthOfYear(month));
}

std::optional<Month> ParseMonth(std::string_view text) {
  if (text.size() != 7 || text[4] != '-' || !IsDigit(text[5]) || !IsDigit(text[6])) {
    return std::nullopt;
  }
  auto year = ParseYear(text.substr(0, 4));
  const int month = (text[5] - '0') * 10 + (text[6] - '0');
  if (!year || month < 1 || month > 12) return std::nullopt;
  return MonthIndex(*year, month);
}

std::optional<MonthRange> WholeMonthsInside(Date from, Date to) {
  Month first = MonthOf(from);
  if (FirstDayOfMonth(first) < from) ++first;
  Month last = MonthOf(to);
  if (LastDayOfMonth(last) > to) --last;
  if (last < first) return std::nullopt;
  return MonthRange{first, last};
}

bool IsWhollyInside(MonthRange months, Date from, Date to) {
  return FirstDayOfMonth(months.first) >= from && LastDayOfMonth(months.last) <= to;
}

std::string_view PeriodTypeName(PeriodType type) { return InfoOf(type).name; }

std::optional<PeriodType> ParsePeriodType(std::string_view name) {
  for (const TypeInfo& info : kTypes) {
    if (info.name == name) return info.type;
  }
  return std::nullopt;
}

std::string Period::Label() const {
  const TypeInfo& info = InfoOf(type);
  if (!info.calendar) return MonthLabel(first_month) + "/" + MonthLabel(last_month);
  if (info.months == 1) return MonthLabel(first_month);
  const int year = YearOfMonth(first_month);
  if (info.months == 12) return fmt::format("{:04d}", year);
  return fmt::format("{:04d}-{}{}", year, info.letter,
                     (MonthOfYear(first_month) - 1) / info.months + 1);
}

std::optional<Period> ParsePeriod(std::string_view label) {
  if (const size_t slash = label.find('/'); slash != std::string_view::npos) {
    auto first = ParseMonth(label.substr(0, slash));
    auto last = ParseMonth(label.substr(slash + 1));
    if (!first || !last || *last < *first) return std::nullopt;
    return RangePeriod(*first, *last);
  }
  if (auto year = ParseYear(label)) {
    return Period{PeriodType::kYear, MonthIndex(*year, 1), MonthIndex(*year, 12)};
  }
  if (auto month = ParseMonth(label)) return Period{PeriodType::kMonth, *month, *month};
  if (label.size() != 7 || label[4] != '-' || !IsDigit(label[6])) return std::nullopt;
  auto year = ParseYear(label.substr(0, 4));
  if (!year) return std::nullopt;
  const int number = label[6] - '0';
  for (const TypeInfo& info : kTypes) {
    if (info.letter == 0 || info.letter != label[5]) continue;
    if (number < 1 || number > 12 / info.months) return std::nullopt;
    const Month first = MonthIndex(*year, 1) + info.months * (number - 1);
    return Period{info.type, first, first + info.months - 1};
  }
  return std::nullopt;
}

Period RangePeriod(Month first, Month last) {
  // A 12-month range is the rolling 12 months ending at its last month: one period, one row.
  if (last - first + 1 == 12) return {PeriodType::kRolling12, first, last};
  return {PeriodType::kRange, first, last};
}

Result<Period> ResolvePeriod(std::string_view text, Date coverage_from, Date coverage_to) {
  if (text == "ytd") {
    const auto whole = WholeMonthsInside(coverage_from, coverage_to);
    if (!whole) {
      return UsageError(fmt::format("period ytd: the coverage {} to {} holds no whole month",
                                    FormatDate(coverage_from), FormatDate(coverage_to)));
    }
    const Month last = whole->last;
    const Month january = MonthIndex(YearOfMonth(last), 1);
    if (last == january) return Period{PeriodType::kMonth, last, last};
    if (MonthOfYear(last) == 12) return Period{PeriodType::kYear, january, last};
    return Period{PeriodType::kRange, january, last};
  }
  if (auto period = ParsePeriod(text)) return *period;
  return UsageError(fmt::format(
      "period \"{}\": expected 2019-03, 2019-Q1, 2019-T1, 2019-H1, 2019, a range of months "
      "2019-01/2019-08 or ytd",
      text));
}

std::vector<Period> PeriodsInside(Date coverage_from, Date coverage_to) {
  std::vector<Period> periods;
  const auto whole = WholeMonthsInside(coverage_from, coverage_to);
  if (!whole) return periods;
  for (const TypeInfo& info : kTypes) {
    if (info.type == PeriodType::kRange) continue;  // only when asked for
    const int size = info.months;
    // Calendar blocks start at a multiple of their size (January is a multiple of 12); a
    // rolling period starts in any month.
    Month start = whole->first;
    if (info.calendar) start += (size - start % size) % size;
    const int step = info.calendar ? size : 1;
    for (; start + size - 1 <= whole->last; start += step) {
      periods.push_back({info.type, start, start + size - 1});
    }
  }
  return periods;
}

}  // namespace nara
