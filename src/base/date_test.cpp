// Tests for the civil-date arithmetic and the date / date-time parsers.
#include "base/date.hpp"

#include <gtest/gtest.h>

namespace nara {
namespace {

TEST(DateTest, RoundTripsEveryDayOverFourCenturies) {
  for (Date d = DaysFromCivil(1800, 1, 1); d <= DaysFromCivil(2199, 12, 31); ++d) {
    const CivilDate c = CivilFromDays(d);
    ASSERT_EQ(DaysFromCivil(c.year, c.month, c.day), d);
  }
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1) - DaysFromCivil(2000, 2, 28), 2);  // leap day
  EXPECT_EQ(DaysFromCivil(1900, 3, 1) - DaysFromCivil(1900, 2, 28), 1);  // not a leap year
}

TEST(DateTest, ParsesBothFormsAndRejectsImpossibleDates) {
  EXPECT_EQ(ParseDate("2019-03-01"), DaysFromCivil(2019, 3, 1));
  EXPECT_EQ(ParseDate("20190301"), DaysFromCivil(2019, 3, 1));
  EXPECT_EQ(ParseDate(" 2020-02-29 "), DaysFromCivil(2020, 2, 29));
  EXPECT_FALSE(ParseDate("2019-02-29"));
  EXPECT_FALSE(ParseDate("2019-02-30"));
  EXPECT_FALSE(ParseDate("2019-13-01"));
  EXPECT_FALSE(ParseDate("2019-00-10"));
  EXPECT_FALSE(ParseDate("2019-1-1"));
  EXPECT_FALSE(ParseDate("2019/01/01"));
  EXPECT_FALSE(ParseDate("201901011"));
  EXPECT_FALSE(ParseDate(""));
  EXPECT_FALSE(ParseDate("1700-01-01"));
}

TEST(DateTest, ParsesDateTimesWithAndWithoutTime) {
  const Date day = DaysFromCivil(2019, 3, 1);
  auto plain = ParseDateTime("2019-03-01");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->at, StartOf(day));
  EXPECT_FALSE(plain->has_time);
  auto spaced = ParseDateTime("2019-03-01 12:01");
  ASSERT_TRUE(spaced);
  EXPECT_EQ(spaced->at, StartOf(day) + 12 * 60 + 1);
  EXPECT_TRUE(spaced->has_time);
  auto iso = ParseDateTime("2019-03-01T23:59:59");
  ASSERT_TRUE(iso);
  EXPECT_EQ(iso->at, StartOf(day) + 23 * 60 + 59);
  auto compact = ParseDateTime("20190301 08:00");
  ASSERT_TRUE(compact);
  EXPECT_EQ(compact->at, StartOf(day) + 8 * 60);
  EXPECT_FALSE(ParseDateTime("2019-03-01 24:00"));
  EXPECT_FALSE(ParseDateTime("2019-03-01 12:60"));
  EXPECT_FALSE(ParseDateTime("2019-03-01 12"));
  EXPECT_FALSE(ParseDateTime("2019-03-01T12:00Z"));
  EXPECT_FALSE(ParseDateTime("2019-03-01x12:00"));
}

TEST(DateTest, DateOfAndMinuteOfDayHandleTimesBefore1970) {
  const DateTime t = StartOf(DaysFromCivil(1960, 5, 5)) + 61;
  EXPECT_EQ(DateOf(t), DaysFromCivil(1960, 5, 5));
  EXPECT_EQ(MinuteOfDay(t), 61);
  EXPECT_EQ(FormatDateTime(t), "1960-05-05 01:01");
}

TEST(DateTest, AgeCountsWholeYearsAndLeapDayBirthdays) {
  const Date born = DaysFromCivil(1953, 6, 15);
  EXPECT_EQ(AgeOn(born, DaysFromCivil(2018, 6, 14)), 64);
  EXPECT_EQ(AgeOn(born, DaysFromCivil(2018, 6, 15)), 65);
  const Date leap = DaysFromCivil(1952, 2, 29);
  EXPECT_EQ(AgeOn(leap, DaysFromCivil(2017, 2, 28)), 64);
  EXPECT_EQ(AgeOn(leap, DaysFromCivil(2017, 3, 1)), 65);
  EXPECT_EQ(AgeOn(leap, DaysFromCivil(2016, 2, 29)), 64);
}

}  // namespace
}  // namespace nara
