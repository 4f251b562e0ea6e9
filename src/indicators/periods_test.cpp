// Tests of period enumeration: only whole periods inside coverage, labels, order.
#include "indicators/periods.hpp"

#include <gtest/gtest.h>

namespace nara::indicators {
namespace {

std::vector<std::string> Labels(const std::vector<Period>& periods, PeriodType type) {
  std::vector<std::string> labels;
  for (const auto& period : periods) {
    if (period.type == type) labels.push_back(period.label);
  }
  return labels;
}

TEST(PeriodsTest, OnlyWholePeriodsInsideCoverage) {
  // Coverage from 2017-02-15: February is not whole; the first quarter inside is Q2.
  const auto periods = PeriodsInside(DaysFromCivil(2017, 2, 15), DaysFromCivil(2018, 6, 30));
  const auto months = Labels(periods, PeriodType::kMonth);
  EXPECT_EQ(months.front(), "2017-03");
  EXPECT_EQ(months.back(), "2018-06");
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
}

TEST(PeriodsTest, MonthArithmetic) {
  EXPECT_EQ(LastDayOfMonth(MonthIndex(2020, 2)), DaysFromCivil(2020, 2, 29));
  EXPECT_EQ(LastDayOfMonth(MonthIndex(2019, 12)), DaysFromCivil(2019, 12, 31));
  EXPECT_EQ(MonthOf(DaysFromCivil(2019, 12, 31)) + 1, MonthOf(DaysFromCivil(2020, 1, 1)));
  EXPECT_TRUE(PeriodsInside(DaysFromCivil(2019, 1, 2), DaysFromCivil(2019, 1, 31)).empty());
}

}  // namespace
}  // namespace nara::indicators
