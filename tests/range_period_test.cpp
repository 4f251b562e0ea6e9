// Golden case of issue 14: a range of whole months (January to August, a delårsbokslut) is one
// more difference of the engine's prefix sums, so for every count-like indicator its numerator
// and denominator are the sums of its months' rows, in every unit and group. Checked over a
// synthetic extract (synth, seed 14) holding every indicator, for ranges inside a year and
// across a year end. Rates: the numerator is the sum and the denominator the population of the
// range's last year; the waiting variants (measured on the last day) equal the last month's row.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include <unistd.h>

#include "golden_case.hpp"
#include "run/compute.hpp"
#include "synth/generator.hpp"

namespace nara {
namespace {

namespace fs = std::filesystem;

struct Sums {
  int64_t numerator = 0;
  int64_t denominator = 0;
  int months = 0;
};

std::string Key(const indicators::Row& row) {
  return fmt::format("{},{},{},{},{}", indicators::Info(row.indicator).id, row.unit_type, row.unit,
                     row.sex, row.age_group);
}

class RangePeriodTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / fmt::format("nara_range_{}", ::getpid()));
    synth::SynthOptions options = synth::DefaultOptions();
    options.out_dir = dir_->string();
    options.stays = 3000;
    options.seed = 14;
    options.reference_dir = std::string(NARA_SOURCE_DIR) + "/data/reference";
    ASSERT_TRUE(synth::Generate(options).ok());
  }
  static void TearDownTestSuite() {
    std::error_code ignored;
    fs::remove_all(*dir_, ignored);
    delete dir_;
  }
  static fs::path* dir_;
};
fs::path* RangePeriodTest::dir_ = nullptr;

TEST_F(RangePeriodTest, RangeIsTheSumOfItsMonths) {
  auto opened = golden::OpenCase(*dir_);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  const std::vector<Period> ranges = {*ParsePeriod("2021-01/2021-08"),
                                      *ParsePeriod("2021-03/2021-12"),
                                      *ParsePeriod("2021-11/2022-02")};
  for (const Period& p : ranges) ASSERT_EQ(p.type, PeriodType::kRange) << p.Label();
  auto computed = run::Compute(*opened, ranges);
  ASSERT_TRUE(computed.ok()) << computed.status().message();
  const auto& rows = computed->table.rows;

  // month -> series -> row
  std::map<Month, std::map<std::string, const indicators::Row*>> months;
  for (const auto& row : rows) {
    if (row.period.type == PeriodType::kMonth) months[row.period.first_month][Key(row)] = &row;
  }
  std::set<std::string> indicators_checked;
  int checked = 0;
  for (const Period& range : ranges) {
    int range_rows = 0;
    for (const auto& row : rows) {
      if (row.period != range) continue;
      ++range_rows;
      const indicators::IndicatorInfo& info = indicators::Info(row.indicator);
      const std::string key = Key(row);
      const bool waiting = std::string(info.id).find("waiting") != std::string::npos;
      if (waiting) {
        auto it = months[range.last_month].find(key);
        ASSERT_NE(it, months[range.last_month].end()) << key;
        EXPECT_EQ(row.numerator, it->second->numerator) << range.Label() << " " << key;
        EXPECT_EQ(row.denominator, it->second->denominator) << range.Label() << " " << key;
        ++checked;
        continue;
      }
      Sums sums;
      for (Month m = range.first_month; m <= range.last_month; ++m) {
        auto it = months[m].find(key);
        if (it == months[m].end()) continue;  // no items that month: nothing to add
        sums.numerator += it->second->numerator;
        sums.denominator += it->second->denominator;
        ++sums.months;
      }
      EXPECT_EQ(row.numerator, sums.numerator) << range.Label() << " " << key;
      if (info.kind != indicators::Kind::kRate) {
        EXPECT_EQ(row.denominator, sums.denominator) << range.Label() << " " << key;
      }
      indicators_checked.insert(std::string(info.id));
      ++checked;
    }
    EXPECT_GT(range_rows, 0) << range.Label();
  }
  EXPECT_GT(checked, 1000);
  // Every indicator with month rows in a range is among those checked (the readmissions too:
  // their 30 days of follow-up end inside coverage for these ranges).
  std::set<std::string> in_table;
  // Indicators with rows in every month of a range (liable_amount has none in a year without
  // a price per day, so not for a range reaching into one).
  for (const Period& range : ranges) {
    std::map<std::string, std::set<Month>> months_with_rows;
    for (const auto& row : rows) {
      if (row.period.type == PeriodType::kMonth && row.period.first_month >= range.first_month &&
          row.period.last_month <= range.last_month) {
        months_with_rows[std::string(indicators::Info(row.indicator).id)].insert(
            row.period.first_month);
      }
    }
    for (const auto& [id, with_rows] : months_with_rows) {
      if (static_cast<int>(with_rows.size()) == range.last_month - range.first_month + 1) {
        in_table.insert(id);
      }
    }
  }
  for (const std::string& id : in_table) {
    if (id.find("waiting") != std::string::npos) continue;
    EXPECT_TRUE(indicators_checked.count(id)) << id << " has no range row";
  }
}

TEST_F(RangePeriodTest, TwelveMonthsAreOneRowAndOutsideCoverageIsANote) {
  auto opened = golden::OpenCase(*dir_);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  // 2021-03/2022-02 is the rolling 12 months already in the table; 2019-01/2019-08 is outside.
  auto computed =
      run::Compute(*opened, {*ParsePeriod("2021-03/2022-02"), *ParsePeriod("2019-01/2019-08")});
  ASSERT_TRUE(computed.ok()) << computed.status().message();
  auto plain = run::Compute(*opened);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(computed->table.rows.size(), plain->table.rows.size());
  bool noted = false;
  for (const auto& note : computed->table.notes) {
    noted = noted || note.find("2019-01/2019-08") != std::string::npos;
  }
  EXPECT_TRUE(noted);
  for (const auto& row : computed->table.rows) EXPECT_NE(row.period.type, PeriodType::kRange);
}

}  // namespace
}  // namespace nara
