// Months and periods: the one vocabulary of calendar months as dense indexes and of the periods
// of data contract §4.1 built from them (month, quarter, tertial, half-year, year, rolling 12
// months), with their labels, parsing and the clipping to an extract's coverage.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.hpp"
#include "base/status.hpp"
#include "base/year_range.hpp"

namespace nara {

// A calendar month as a dense index, year * 12 + (month - 1), so that month arithmetic is integer
// arithmetic: the month after m is m + 1, the same month a year later is m + 12. Accumulators,
// settlement rows and periods all count in these indexes.
using Month = int;

inline constexpr Month MonthIndex(int year, int month) { return year * 12 + month - 1; }
Month MonthOf(Date date);
// The calendar year of a month index, and its month of the year (1-12).
inline constexpr int YearOfMonth(Month month) { return month / 12; }
inline constexpr int MonthOfYear(Month month) { return month % 12 + 1; }
Date FirstDayOfMonth(Month month);
Date LastDayOfMonth(Month month);

// `2022-03`
std::string MonthLabel(Month month);
// Parses `YYYY-MM` with a year in kMinYear..kMaxYear (base/year_range.hpp, the range of every
// date Nära reads); nullopt for anything else (`2022-3`, `2022-13`, ` 2022-03`).
std::optional<Month> ParseMonth(std::string_view text);

// A contiguous run of months, both ends inclusive.
struct MonthRange {
  Month first;
  Month last;
  friend bool operator==(const MonthRange&, const MonthRange&) = default;
};

// The months wholly inside the coverage [from, to]: a month counts when its first and its last
// day lie inside. nullopt when no month is whole (coverage 2019-01-02 to 2019-01-31).
std::optional<MonthRange> WholeMonthsInside(Date from, Date to);
// Whether every month of `months` lies wholly inside [from, to].
bool IsWhollyInside(MonthRange months, Date from, Date to);

// The kinds of period of data contract §4.1, in the indicator table's output order. A new kind
// is added here and in the table in period.cpp (its name, length, label and parse). kRange is
// any other run of whole months (`2019-01/2019-08`, a delårsbokslut; `2019-03/2019-12`): it is
// not one of the table's standard periods (kPeriodTypes) and appears only when asked for
// (`nara indicators --period`, goals, reports).
enum class PeriodType : uint8_t {
  kMonth,
  kQuarter,
  kTertial,
  kHalfYear,
  kYear,
  kRolling12,
  kRange
};

inline constexpr std::array<PeriodType, 6> kPeriodTypes = {
    PeriodType::kMonth,    PeriodType::kQuarter, PeriodType::kTertial,
    PeriodType::kHalfYear, PeriodType::kYear,    PeriodType::kRolling12};

// The type's name in the store and the HTTP API: month, quarter, tertial, half_year, year,
// rolling_12, range.
std::string_view PeriodTypeName(PeriodType type);
// The type named `name` (as PeriodTypeName writes it); nullopt for any other text.
std::optional<PeriodType> ParsePeriodType(std::string_view name);

// A period: its type and its months. Calendar periods (quarter, tertial, half-year, year) are
// aligned to the calendar year; a rolling 12 months ends in any month.
struct Period {
  PeriodType type;
  Month first_month;
  Month last_month;  // inclusive

  // 2018-03, 2018-Q1, 2018-T1, 2018-H1, 2018, 2017-04/2018-03
  std::string Label() const;
  MonthRange months() const { return {first_month, last_month}; }
  friend bool operator==(const Period&, const Period&) = default;
};

// Reads every label form that Period::Label writes, with years kMinYear..kMaxYear: `2018-03`,
// `2018-Q1`..`Q4`, `2018-T1`..`T3`, `2018-H1`..`H2`, `2018`, and `FIRST/LAST` for two months
// with FIRST <= LAST: 12 months are the rolling 12 months ending at LAST (one period, one row:
// `2017-04/2018-03`), any other length is a kRange (`2019-01/2019-08`). nullopt for anything
// else (a range that ends before it starts, `2019-08/2019-01`).
std::optional<Period> ParsePeriod(std::string_view label);

// The period of the months FIRST..LAST as ParsePeriod reads `FIRST/LAST` (rolling 12 months
// for 12 months, else a range). Requires first <= last.
Period RangePeriod(Month first, Month last);

// A period as a user asks for it on the command line or in a goals file: any ParsePeriod label,
// or `ytd` (year to date): January to the newest month wholly inside the coverage, which is the
// month itself in January and the calendar year in December. A usage error names the forms
// when the text is none of them, or when `ytd` meets a coverage without a whole month.
Result<Period> ResolvePeriod(std::string_view text, Date coverage_from, Date coverage_to);

// Labels of periods met in runs, as in the indicator table (sorted by indicator, then period):
// the label is formatted again only when the period differs from the one before. Not
// thread-safe; one per loop.
class PeriodLabelCache {
 public:
  const std::string& LabelOf(const Period& period) {
    if (!period_ || *period_ != period) {
      period_ = period;
      label_ = period.Label();
    }
    return label_;
  }

 private:
  std::optional<Period> period_;
  std::string label_;
};

// Every period of every type whose months lie wholly inside [coverage_from, coverage_to], in
// output order (type, then time).
std::vector<Period> PeriodsInside(Date coverage_from, Date coverage_to);

}  // namespace nara
