// End-to-end tests of issue 14's periods: `nara indicators --period` adds ranges of whole months
// and ytd to the table (the standard periods unchanged), refuses a label it cannot read, and
// notes a range outside coverage.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "e2e/e2e_support.hpp"

namespace nara::e2e {
namespace {

using ::testing::HasSubstr;

int RowsOfPeriod(const std::string& csv, const std::string& period) {
  std::istringstream in(csv);
  std::string line;
  int rows = 0;
  while (std::getline(in, line)) {
    if (line.find("," + period + ",") != std::string::npos) ++rows;
  }
  return rows;
}

TEST(PeriodsE2eTest, IndicatorsPeriodAddsRangesAndYearToDate) {
  TempDir dir;
  ASSERT_EQ(RunNara({"synth", dir / "x", "--stays", "1500", "--seed", "14"}).exit_code, 0);
  const auto plain = RunNara({"indicators", dir / "x", "--test-data"});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(RowsOfPeriod(plain.out, "2022-01/2022-08"), 0);
  // Coverage ends 2022-12-31: ytd is the calendar year 2022, already in the table.
  const auto ranged = RunNara({"indicators", dir / "x", "--test-data", "--period",
                               "2022-01/2022-08", "--period", "2021-03/2021-12", "--period",
                               "ytd"});
  ASSERT_EQ(ranged.exit_code, 0) << ranged.err;
  EXPECT_GT(RowsOfPeriod(ranged.out, "2022-01/2022-08"), 0);
  EXPECT_GT(RowsOfPeriod(ranged.out, "2021-03/2021-12"), 0);
  // The standard periods are unchanged: every line of the plain table is in the ranged one.
  EXPECT_EQ(RowsOfPeriod(ranged.out, "2022-T2"), RowsOfPeriod(plain.out, "2022-T2"));
  EXPECT_EQ(RowsOfPeriod(ranged.out, "2022"), RowsOfPeriod(plain.out, "2022"));

  const auto bad = RunNara({"indicators", dir / "x", "--test-data", "--period", "jan-aug"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("2019-01/2019-08"));
  const auto outside =
      RunNara({"indicators", dir / "x", "--test-data", "--period", "2018-01/2018-08"});
  EXPECT_EQ(outside.exit_code, 0) << outside.err;
  EXPECT_THAT(outside.err, HasSubstr("2018-01/2018-08: not wholly inside"));
}

}  // namespace
}  // namespace nara::e2e
