// Tests of primary and secondary suppression.
#include "indicators/suppression.hpp"

#include <gtest/gtest.h>

namespace nara::indicators {
namespace {

Row Make(const char* sex, const char* age, int64_t numerator, int64_t denominator,
         const char* unit_type = "municipality", const char* unit = "0880") {
  return Row{Indicator::kReadmission30d,
             *ParsePeriod("2019-03"),
             unit_type,
             unit,
             sex,
             age,
             numerator,
             denominator,
             false};
}

TEST(SuppressionTest, OffByDefault) {
  std::vector<Row> rows = {Make("all", "all", 1, 2)};
  EXPECT_EQ(Suppress(rows, 0), 0);
  EXPECT_FALSE(rows[0].suppressed);
}

TEST(SuppressionTest, PrimaryHidesSmallNumeratorsAndDenominators) {
  std::vector<Row> rows = {Make("all", "all", 0, 40), Make("all", "0-17", 3, 40),
                           Make("all", "18-64", 10, 4), Make("all", "65-79", 10, 40),
                           Make("all", "80+", 12, 40)};
  Suppress(rows, 5);
  EXPECT_FALSE(rows[0].suppressed);  // a zero numerator reveals nobody
  EXPECT_TRUE(rows[1].suppressed);
  EXPECT_TRUE(rows[2].suppressed);
  EXPECT_FALSE(rows[3].suppressed);
}

// M + F = all: hiding only M would let anyone compute it as all - F.
TEST(SuppressionTest, SecondaryProtectsALoneHiddenSibling) {
  std::vector<Row> rows = {Make("all", "all", 30, 100), Make("M", "all", 2, 40),
                           Make("F", "all", 28, 60)};
  EXPECT_EQ(Suppress(rows, 5), 2);
  EXPECT_TRUE(rows[1].suppressed);
  EXPECT_TRUE(rows[2].suppressed);
  EXPECT_FALSE(rows[0].suppressed);
}

TEST(SuppressionTest, SecondaryPicksTheSmallestOtherMunicipalityOfTheCounty) {
  std::vector<Row> rows = {Make("all", "all", 2, 50, "municipality", "0880"),
                           Make("all", "all", 9, 50, "municipality", "0881"),
                           Make("all", "all", 30, 50, "municipality", "0882"),
                           Make("all", "all", 41, 150, "county", "08")};
  Suppress(rows, 5);
  EXPECT_TRUE(rows[0].suppressed);
  EXPECT_TRUE(rows[1].suppressed);
  EXPECT_FALSE(rows[2].suppressed);
  EXPECT_FALSE(rows[3].suppressed);
}

}  // namespace
}  // namespace nara::indicators
