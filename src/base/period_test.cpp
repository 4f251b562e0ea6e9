// Tests of months and periods: label and parse round trips, year bounds, invalid forms, leap
// years and the clipping of periods to a coverage with partial first and last months.
#include "base/period.hpp"

#include <gtest/gtest.h>

namespace nara {
namespace {

std::vector<std::string> Labels(const std::vector<Period>& periods, PeriodType type) {
  std::vector<std::string> labels;
  for (const auto& period : periods) {
    if (period.type == type) labels.push_back(period.Label());
  }
  return labels;
}

TEST(MonthTest, Arithmetic) {
  EXPECT_EQ(MonthIndex(2022, 3), 2022 * 12 + 2);
  EXPECT_EQ(MonthOf(DaysFromCivil(2019, 12, 31)) + 1, MonthOf(DaysFromCivil(2020, 1, 1)));
  EXPECT_EQ(YearOfMonth(MonthIndex(2019, 12)), 2019);
  EXPECT_EQ(MonthOfYear(MonthIndex(2019, 12)), 12);
  EXPECT_EQ(FirstDayOfMonth(MonthIndex(2020, 3)), DaysFromCivil(2020, 3, 1));
  EXPECT_EQ(LastDayOfMonth(MonthIndex(2019, 12)), DaysFromCivil(2019, 12, 31));
}

TEST(MonthTest, LeapYears) {
  EXPECT_EQ(LastDayOfMonth(MonthIndex(2020, 2)), DaysFromCivil(2020, 2, 29));
  EXPECT_EQ(LastDayOfMonth(MonthIndex(2019, 2)), DaysFromCivil(2019, 2, 28));
  EXPECT_EQ(LastDayOfMonth(MonthIndex(2000, 2)), DaysFromCivil(2000, 2, 29));
  EXPECT_EQ(LastDayOfMonth(MonthIndex(1900, 2)), DaysFromCivil(1900, 2, 28));
  EXPECT_EQ(MonthOf(DaysFromCivil(2020, 2, 29)), MonthIndex(2020, 2));
  // February 2020 is whole only when the coverage reaches its 29th.
  EXPECT_FALSE(WholeMonthsInside(DaysFromCivil(2020, 2, 1), DaysFromCivil(2020, 2, 28)));
  EXPECT_EQ(WholeMonthsInside(DaysFromCivil(2020, 2, 1), DaysFromCivil(2020, 2, 29)),
            (MonthRange{MonthIndex(2020, 2), MonthIndex(2020, 2)}));
}

TEST(MonthTest, LabelAndParse) {
  EXPECT_EQ(MonthLabel(MonthIndex(2022, 3)), "2022-03");
  EXPECT_EQ(MonthLabel(MonthIndex(2022, 12)), "2022-12");
  EXPECT_EQ(ParseMonth("2022-03"), MonthIndex(2022, 3));
  for (Month m = MonthIndex(kMinYear, 1); m <= MonthIndex(kMaxYear, 12); ++m) {
    ASSERT_EQ(ParseMonth(MonthLabel(m)), m) << MonthLabel(m);
  }
}

TEST(MonthTest, YearBounds) {
  EXPECT_EQ(ParseMonth("1800-01"), MonthIndex(1800, 1));
  EXPECT_EQ(ParseMonth("2199-12"), MonthIndex(2199, 12));
  EXPECT_FALSE(ParseMonth("1799-12"));
  EXPECT_FALSE(ParseMonth("2200-01"));
  EXPECT_TRUE(ParsePeriod("1800"));
  EXPECT_TRUE(ParsePeriod("1850-T1"));
  EXPECT_FALSE(ParsePeriod("1799"));
  EXPECT_FALSE(ParsePeriod("2200-Q1"));
  EXPECT_FALSE(ParsePeriod("1799-02/1800-01"));
}

TEST(MonthTest, InvalidForms) {
  for (const char* text : {"", "2022-3", "2022-13", "2022-00", "2022/03", " 2022-03", "2022-03 ",
                           "20a2-03", "2022-0x", "22-03", "2022-003", "-022-03"}) {
    EXPECT_FALSE(ParseMonth(text)) << '"' << text << '"';
  }
}

TEST(PeriodTest, EveryTypeRoundTrips) {
  const std::vector<std::pair<std::string, Period>> cases = {
      {"2018-03", {PeriodType::kMonth, MonthIndex(2018, 3), MonthIndex(2018, 3)}},
      {"2018-Q1", {PeriodType::kQuarter, MonthIndex(2018, 1), MonthIndex(2018, 3)}},
      {"2018-Q4", {PeriodType::kQuarter, MonthIndex(2018, 10), MonthIndex(2018, 12)}},
      {"2018-T1", {PeriodType::kTertial, MonthIndex(2018, 1), MonthIndex(2018, 4)}},
      {"2018-T3", {PeriodType::kTertial, MonthIndex(2018, 9), MonthIndex(2018, 12)}},
      {"2018-H1", {PeriodType::kHalfYear, MonthIndex(2018, 1), MonthIndex(2018, 6)}},
      {"2018-H2", {PeriodType::kHalfYear, MonthIndex(2018, 7), MonthIndex(2018, 12)}},
      {"2018", {PeriodType::kYear, MonthIndex(2018, 1), MonthIndex(2018, 12)}},
      {"2017-04/2018-03", {PeriodType::kRolling12, MonthIndex(2017, 4), MonthIndex(2018, 3)}},
      {"2018-01/2018-12", {PeriodType::kRolling12, MonthIndex(2018, 1), MonthIndex(2018, 12)}},
  };
  for (const auto& [label, period] : cases) {
    EXPECT_EQ(ParsePeriod(label), period) << label;
    EXPECT_EQ(period.Label(), label);
  }
  // Every period inside a long coverage reads back as itself.
  for (const Period& period :
       PeriodsInside(DaysFromCivil(1999, 12, 5), DaysFromCivil(2004, 2, 29))) {
    ASSERT_EQ(ParsePeriod(period.Label()), period) << period.Label();
  }
}

TEST(PeriodTest, InvalidForms) {
  for (const char* text : {"",
                           "2018-Q0",
                           "2018-Q5",
                           "2018-T0",
                           "2018-T4",
                           "2018-H0",
                           "2018-H3",
                           "2018-X1",
                           "2018-q1",
                           "2018-Q",
                           "2018-Q12",
                           "201",
                           "20188",
                           "2018-",
                           // 13 and 11 months are ranges now (RangesOfWholeMonths).
                           "2018-03/2017-04",
                           "2017-04/",
                           "/2018-03",
                           "2017-4/2018-03",
                           "2017-04/2018-03/",
                           "2017-04-2018-03",
                           "2018 ",
                           "T1-2018"}) {
    EXPECT_FALSE(ParsePeriod(text)) << '"' << text << '"';
  }
}

TEST(PeriodTest, TypeNames) {
  const std::vector<std::string> names = {"month",     "quarter", "tertial",
                                          "half_year", "year",    "rolling_12"};
  ASSERT_EQ(kPeriodTypes.size(), names.size());
  for (size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(PeriodTypeName(kPeriodTypes[i]), names[i]);
    EXPECT_EQ(ParsePeriodType(names[i]), kPeriodTypes[i]);
  }
  EXPECT_FALSE(ParsePeriodType("rolling12"));
  EXPECT_FALSE(ParsePeriodType(""));
}

TEST(PeriodTest, OnlyWholePeriodsInsideCoverage) {
  // Coverage from 2017-02-15 to 2018-06-30: February 2017 is not whole; the first quarter
  // inside is Q2.
  const auto periods = PeriodsInside(DaysFromCivil(2017, 2, 15), DaysFromCivil(2018, 6, 30));
  const auto months = Labels(periods, PeriodType::kMonth);
  EXPECT_EQ(months.front(), "2017-03");
  EXPECT_EQ(months.back(), "2018-06");
  EXPECT_EQ(months.size(), 16u);
  EXPECT_EQ(Labels(periods, PeriodType::kQuarter),
            (std::vector<std::string>{"2017-Q2", "2017-Q3", "2017-Q4", "2018-Q1", "2018-Q2"}));
  EXPECT_EQ(Labels(periods, PeriodType::kTertial),
            (std::vector<std::string>{"2017-T2", "2017-T3", "2018-T1"}));
  EXPECT_EQ(Labels(periods, PeriodType::kHalfYear),
            (std::vector<std::string>{"2017-H2", "2018-H1"}));
  EXPECT_TRUE(Labels(periods, PeriodType::kYear).empty());
  EXPECT_EQ(Labels(periods, PeriodType::kRolling12),
            (std::vector<std::string>{"2017-03/2018-02", "2017-04/2018-03", "2017-05/2018-04",
                                      "2017-06/2018-05", "2017-07/2018-06"}));
  // Output order: type, then time.
  for (size_t i = 1; i < periods.size(); ++i) {
    const auto& a = periods[i - 1];
    const auto& b = periods[i];
    EXPECT_TRUE(a.type < b.type || (a.type == b.type && a.first_month < b.first_month));
  }
}

TEST(PeriodTest, PartialLastMonth) {
  // Coverage ends 2018-12-30: December is not whole, so neither is Q4, T3, H2 or the year.
  const auto periods = PeriodsInside(DaysFromCivil(2018, 1, 1), DaysFromCivil(2018, 12, 30));
  EXPECT_EQ(Labels(periods, PeriodType::kMonth).back(), "2018-11");
  EXPECT_EQ(Labels(periods, PeriodType::kQuarter).back(), "2018-Q3");
  EXPECT_EQ(Labels(periods, PeriodType::kTertial).back(), "2018-T2");
  EXPECT_EQ(Labels(periods, PeriodType::kHalfYear), (std::vector<std::string>{"2018-H1"}));
  EXPECT_TRUE(Labels(periods, PeriodType::kYear).empty());
  EXPECT_TRUE(Labels(periods, PeriodType::kRolling12).empty());
  // One more day makes all of them whole.
  const auto whole = PeriodsInside(DaysFromCivil(2018, 1, 1), DaysFromCivil(2018, 12, 31));
  EXPECT_EQ(Labels(whole, PeriodType::kYear), (std::vector<std::string>{"2018"}));
  EXPECT_EQ(Labels(whole, PeriodType::kRolling12), (std::vector<std::string>{"2018-01/2018-12"}));
}

TEST(PeriodTest, WholeMonthsInside) {
  EXPECT_EQ(WholeMonthsInside(DaysFromCivil(2019, 1, 1), DaysFromCivil(2019, 3, 31)),
            (MonthRange{MonthIndex(2019, 1), MonthIndex(2019, 3)}));
  EXPECT_EQ(WholeMonthsInside(DaysFromCivil(2019, 1, 2), DaysFromCivil(2019, 3, 30)),
            (MonthRange{MonthIndex(2019, 2), MonthIndex(2019, 2)}));
  EXPECT_FALSE(WholeMonthsInside(DaysFromCivil(2019, 1, 2), DaysFromCivil(2019, 1, 31)));
  EXPECT_FALSE(WholeMonthsInside(DaysFromCivil(2019, 1, 2), DaysFromCivil(2019, 2, 27)));
  EXPECT_TRUE(PeriodsInside(DaysFromCivil(2019, 1, 2), DaysFromCivil(2019, 1, 31)).empty());

  const Date from = DaysFromCivil(2019, 1, 15);
  const Date to = DaysFromCivil(2019, 4, 30);
  EXPECT_FALSE(IsWhollyInside({MonthIndex(2019, 1), MonthIndex(2019, 2)}, from, to));
  EXPECT_TRUE(IsWhollyInside({MonthIndex(2019, 2), MonthIndex(2019, 4)}, from, to));
  EXPECT_FALSE(IsWhollyInside({MonthIndex(2019, 4), MonthIndex(2019, 5)}, from, to));
}

TEST(PeriodTest, RangesOfWholeMonths) {
  // Delårsbokslut January to August, and seed 004's "mars–december".
  auto jan_aug = ParsePeriod("2019-01/2019-08");
  ASSERT_TRUE(jan_aug);
  EXPECT_EQ(*jan_aug, (Period{PeriodType::kRange, MonthIndex(2019, 1), MonthIndex(2019, 8)}));
  EXPECT_EQ(jan_aug->Label(), "2019-01/2019-08");
  auto mar_dec = ParsePeriod("2019-03/2019-12");
  ASSERT_TRUE(mar_dec);
  EXPECT_EQ(mar_dec->type, PeriodType::kRange);
  EXPECT_EQ(mar_dec->Label(), "2019-03/2019-12");
  // Across a year end, and a range of one month, round trip as ranges.
  EXPECT_EQ(ParsePeriod("2018-11/2019-02")->Label(), "2018-11/2019-02");
  EXPECT_EQ(ParsePeriod("2019-05/2019-05")->type, PeriodType::kRange);
  // Twelve months are the rolling 12 months ending at the last one: one period, one row.
  EXPECT_EQ(ParsePeriod("2018-09/2019-08")->type, PeriodType::kRolling12);
  EXPECT_EQ(RangePeriod(MonthIndex(2019, 1), MonthIndex(2019, 12)).type, PeriodType::kRolling12);
  // A range that ends before it starts, or a month that is not one, is no period.
  EXPECT_FALSE(ParsePeriod("2019-08/2019-01"));
  EXPECT_FALSE(ParsePeriod("2019-01/2019-13"));
  EXPECT_FALSE(ParsePeriod("2019-01/"));
  EXPECT_EQ(PeriodTypeName(PeriodType::kRange), "range");
  EXPECT_EQ(ParsePeriodType("range"), PeriodType::kRange);
  // Ranges are never among the standard periods of a coverage.
  for (const Period& p : PeriodsInside(DaysFromCivil(2018, 1, 1), DaysFromCivil(2019, 12, 31))) {
    EXPECT_NE(p.type, PeriodType::kRange) << p.Label();
  }
}

TEST(PeriodTest, YearToDate) {
  const Date from = DaysFromCivil(2018, 1, 1);
  // Coverage ending 2019-08-31: January to August 2019.
  auto ytd = ResolvePeriod("ytd", from, DaysFromCivil(2019, 8, 31));
  ASSERT_TRUE(ytd.ok());
  EXPECT_EQ(ytd->Label(), "2019-01/2019-08");
  EXPECT_EQ(ytd->type, PeriodType::kRange);
  // A last month cut short does not count: 2019-08-30 ends in July.
  EXPECT_EQ(ResolvePeriod("ytd", from, DaysFromCivil(2019, 8, 30))->Label(), "2019-01/2019-07");
  // In January it is the month, in December the calendar year.
  EXPECT_EQ(ResolvePeriod("ytd", from, DaysFromCivil(2019, 1, 31))->Label(), "2019-01");
  EXPECT_EQ(ResolvePeriod("ytd", from, DaysFromCivil(2019, 12, 31))->type, PeriodType::kYear);
  // Other labels pass through; nonsense and a coverage without a whole month are usage errors.
  EXPECT_EQ(ResolvePeriod("2019-T2", from, DaysFromCivil(2019, 8, 31))->Label(), "2019-T2");
  auto bad = ResolvePeriod("jan-aug", from, DaysFromCivil(2019, 8, 31));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kUsage);
  EXPECT_FALSE(ResolvePeriod("ytd", DaysFromCivil(2019, 1, 2), DaysFromCivil(2019, 1, 31)).ok());
}

}  // namespace
}  // namespace nara
