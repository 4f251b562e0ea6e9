// Tests of the intervals, the difference tests, number formatting and period labels.
#include "goals/intervals.hpp"

#include <gtest/gtest.h>

#include "goals/number_format.hpp"
#include "goals/period_label.hpp"

namespace nara::goals {
namespace {

TEST(IntervalsTest, WilsonMatchesHandComputation) {
  // 15 of 100, z = 1.96: centre (0.15 + 3.8416/200) / (1 + 3.8416/100) = 0.16295, half-width
  // 1.96 * sqrt(0.15 * 0.85 / 100 + 3.8416 / 40000) / 1.038416 = 0.06989 (worked by hand).
  const Interval i = WilsonPercent(15, 100);
  EXPECT_NEAR(i.low, 9.306, 0.002);
  EXPECT_NEAR(i.high, 23.284, 0.002);
  const Interval zero = WilsonPercent(0, 10);
  EXPECT_DOUBLE_EQ(zero.low, 0);
  EXPECT_GT(zero.high, 25);  // never a zero-width interval at 0 successes
}

TEST(IntervalsTest, PoissonRate) {
  // 100 events in 50 000 people: 200 per 100 000, +- 1.96 * sqrt(100) * 2.
  const Interval i = PoissonScaled(100, 100000.0 / 50000.0);
  EXPECT_NEAR(i.low, 200 - 39.2, 0.01);
  EXPECT_NEAR(i.high, 200 + 39.2, 0.01);
}

TEST(IntervalsTest, RateDifference) {
  Observation a{20, 10, 50000, ValueKind::kRate};
  Observation b{30, 15, 50000, ValueKind::kRate};
  EXPECT_EQ(DifferenceSignificance(a, b), Significance::kNotSignificant);
  Observation c{200, 1000, 500000, ValueKind::kRate};
  Observation d{300, 1500, 500000, ValueKind::kRate};
  EXPECT_EQ(DifferenceSignificance(c, d), Significance::kSignificant);
  Observation mean{2.5, 10, 4, ValueKind::kMean};
  EXPECT_EQ(DifferenceSignificance(mean, mean), Significance::kUnknown);
}

TEST(NumberFormatTest, SwedishAndEnglish) {
  EXPECT_EQ(FormatNumber(15.946, 1, true), "15,9");
  EXPECT_EQ(FormatNumber(15.25, 1, true), "15,3");  // half away from zero, not to even
  EXPECT_EQ(FormatNumber(-0.04, 1, true), "0,0");
  EXPECT_EQ(FormatNumber(-1.25, 1, true), "\u22121,3");
  EXPECT_EQ(FormatNumber(12445, 0, true), "12\u00a0445");
  EXPECT_EQ(FormatNumber(1234567.5, 1, false), "1,234,567.5");
}

TEST(PeriodLabelTest, ParseShiftAndName) {
  auto t = ParsePeriod("2022-T1");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->type, PeriodType::kTertial);
  EXPECT_EQ(ShiftYears(*t, -8).Label(), "2014-T1");
  EXPECT_EQ(ShiftYears(*ParsePeriod("2021-04/2022-03"), -1).Label(), "2020-04/2021-03");
  EXPECT_FALSE(ParsePeriod("2022-T4").has_value());
  EXPECT_FALSE(ParsePeriod("2022-13").has_value());
  EXPECT_FALSE(ParsePeriod("2022-04/2021-04").has_value());
  EXPECT_EQ(PeriodDisplayName(*ParsePeriod("2019-01/2019-08"), true), "januari–augusti 2019");
  EXPECT_EQ(PeriodDisplayName(*ParsePeriod("2018-11/2019-02"), true),
            "november 2018–februari 2019");
  EXPECT_EQ(EarlierPeriod(*ParsePeriod("2022-T1"))->Label(), "2021-T3");
  EXPECT_EQ(EarlierPeriod(*ParsePeriod("2022-01/2022-08"))->Label(), "2022-01/2022-07");
  EXPECT_EQ(EarlierPeriod(*ParsePeriod("2021-04/2022-03"))->Label(), "2021-03/2022-02");
  EXPECT_FALSE(EarlierPeriod(*ParsePeriod("2022-01/2022-01")));
  EXPECT_EQ(PeriodDisplayName(*ParsePeriod("2022-03"), true), "mars 2022");
  EXPECT_EQ(PeriodDisplayName(*t, true), "tertial 1 2022 (januari–april)");
}

}  // namespace
}  // namespace nara::goals
