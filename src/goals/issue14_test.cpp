// Tests of issue 14's goal features (docs/goals.md): seed 003's counts from its goals file in
// examples/, the latest assessable period at the end of coverage, an annualised rate by hand,
// relative tolerance and change in percent, and goals per unit and per sex.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/period.hpp"
#include "goals/assessment.hpp"
#include "goals/assessment_json.hpp"
#include "goals/goals_file.hpp"
#include "goals/value_table.hpp"

namespace nara::goals {
namespace {

using ::testing::HasSubstr;

Observation Value(ValueKind kind, double value, std::optional<int64_t> k = std::nullopt,
                  std::optional<int64_t> n = std::nullopt) {
  Observation o;
  o.kind = kind;
  o.value = value;
  o.numerator = k;
  o.denominator = n;
  return o;
}

Result<GoalsFile> Parse(const std::string& text) { return ParseGoals(text, "goals.toml", "."); }

const char* kHeader = R"(
[[strategy]]
name = "S"
[[strategy.goal]]
name = "G"
)";

// Seed 003: "en förbättring av 15 indikatorer, ett oförändrat läge för 2 indikatorer och en
// försämring av 10 indikatorer", footnote "En indikator är ny för 2018 och saknar
// jämförelsevärde"; the report itself is an assignment, counted apart.
TEST(Seed003Test, FifteenTwoTenAndOneWithoutComparison) {
  auto goals = ReadGoals(std::string(NARA_SOURCE_DIR) + "/examples/seed003_goals.toml");
  ASSERT_TRUE(goals.ok()) << goals.status().message();
  ValueTable values;
  ASSERT_TRUE(values.AddManualCsv(goals->manual_values, "25").ok());
  AssessOptions options{*ParsePeriod("2018-T2"), "25", true};
  const auto assessments = Assess(*goals, values, options);
  ASSERT_EQ(assessments.size(), 29u);
  const auto counts = CountByStrategy(*goals, assessments, true);
  const StrategyCounts& total = counts.back();
  EXPECT_EQ(total.improved, 15);
  EXPECT_EQ(total.unchanged, 2);
  EXPECT_EQ(total.worsened, 10);
  EXPECT_EQ(total.no_comparison, 1);
  EXPECT_EQ(total.assignments, 1);
  EXPECT_EQ(total.assignments_met, 1);
  // The measured goals are 28; the assignment is in none of their counts.
  EXPECT_EQ(total.met + total.not_yet_met + total.not_met + total.not_assessed, 28);
  for (const Assessment& a : assessments) {
    if (a.goal->assignment) continue;
    EXPECT_EQ(a.period.Label(), "2018-01/2018-08") << a.goal->id;
    EXPECT_EQ(a.base_period, "2013") << a.goal->id;
  }
  // The JSON carries the counts too.
  const auto json = AssessmentJson(*goals, assessments, true);
  EXPECT_EQ(json["strategies"][0]["counts"]["improved"], 15);
  EXPECT_EQ(json["strategies"][0]["counts"]["assignments"], 1);
}

// Readmissions need 30 days of follow-up: with coverage to 2022-12-31 the tertial 2022-T3 (ends
// 2022-12-31) cannot be computed, so the goal is assessed on 2022-T2, and says so.
TEST(LatestAssessableTest, TertialAtTheEndOfCoverage) {
  auto goals = Parse(std::string(kHeader) + R"(
[[strategy.goal.result]]
id = "r"
name = "Återinskrivning < 17 %"
indicator = "readmission_30d"
target = "< 17"
[[strategy.goal.result]]
id = "h"
name = "Hemgång dag 0-1"
indicator = "discharged_day01_share"
target = "> 50"
)");
  ASSERT_TRUE(goals.ok()) << goals.status().message();
  ValueTable values;
  values.Add({"readmission_30d", "region", "08", "all", "all"}, "2022-T2",
             Value(ValueKind::kShare, 15.0, 15, 100));
  values.Add({"discharged_day01_share", "region", "08", "all", "all"}, "2022-T3",
             Value(ValueKind::kShare, 60.0, 60, 100));
  AssessOptions options{*ParsePeriod("2022-T3"), "08", true};
  options.coverage_to = DaysFromCivil(2022, 12, 31);
  const auto a = Assess(*goals, values, options);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].asked_period.Label(), "2022-T3");
  EXPECT_EQ(a[0].period.Label(), "2022-T2");
  EXPECT_EQ(a[0].period_note, "senaste period med 30 dagars uppföljning: 2022-T2");
  EXPECT_EQ(a[0].status, GoalStatus::kMet);
  EXPECT_THAT(a[0].reason, HasSubstr("senaste period med 30 dagars uppföljning: 2022-T2"));
  // An indicator without follow-up stays on the report period.
  EXPECT_EQ(a[1].period.Label(), "2022-T3");
  EXPECT_TRUE(a[1].period_note.empty());
  EXPECT_EQ(a[1].status, GoalStatus::kMet);
  // The JSON records both periods.
  const auto json = AssessmentJson(*goals, a, true);
  EXPECT_EQ(json["strategies"][0]["goals"][0]["asked_period"], "2022-T3");
  EXPECT_EQ(json["strategies"][0]["goals"][0]["period"], "2022-T2");
  EXPECT_TRUE(json["strategies"][0]["goals"][1]["period_note"].is_null());

  // Coverage to 2023-01-30: 2022-T3 ends 2022-12-31, +30 days = 2023-01-30: assessable.
  options.coverage_to = DaysFromCivil(2023, 1, 30);
  EXPECT_EQ(AssessGoal(goals->strategies[0].goals[0].results[0], values, options).period.Label(),
            "2022-T3");
  // A month: 2022-12 at coverage end 2022-12-31 goes back to 2022-11 (ends 2022-11-30, +30 =
  // 2022-12-30 <= 2022-12-31).
  options.coverage_to = DaysFromCivil(2022, 12, 31);
  options.report_period = *ParsePeriod("2022-12");
  EXPECT_EQ(AssessGoal(goals->strategies[0].goals[0].results[0], values, options).period.Label(),
            "2022-11");
  // Nothing of that period in the table: still "cannot be assessed", with the moved period.
  const Assessment none = AssessGoal(goals->strategies[0].goals[0].results[0], values, options);
  EXPECT_EQ(none.status, GoalStatus::kNotAssessed);
}

// An annualised rate by hand: 400 episodes in January-August 2018 in a population of 100 000 is
// 400 per 100 000 for 8 months, 400 x 12 / 8 = 600 per 100 000 and year. Against the base year
// 2013's 620 (a whole year) it is lower: improved by 20, -3.2 %.
TEST(PartYearTest, AnnualisedRateAgainstAWholeBaseYear) {
  auto goals = Parse(std::string(kHeader) + R"(
[[strategy.goal.result]]
id = "v"
name = "Vårdtillfällen per 100 000"
indicator = "inpatient_stays_per_100k"
target = "better_than_base"
direction = "decrease"
period = "2018-01/2018-08"
base_year = 2013
base_whole_year = true
annualise = true
)");
  ASSERT_TRUE(goals.ok()) << goals.status().message();
  ValueTable values;
  const SeriesKey key{"inpatient_stays_per_100k", "region", "25", "all", "all"};
  values.Add(key, "2018-01/2018-08", Value(ValueKind::kRate, 400.0, 400, 100000));
  values.Add(key, "2013", Value(ValueKind::kRate, 620.0, 620, 100000));
  const auto a = Assess(*goals, values, {*ParsePeriod("2018-T2"), "25", true});
  ASSERT_EQ(a.size(), 1u);
  ASSERT_TRUE(a[0].current);
  EXPECT_TRUE(a[0].annualised);
  EXPECT_DOUBLE_EQ(a[0].current->value, 600.0);
  EXPECT_EQ(a[0].base_period, "2013");
  EXPECT_DOUBLE_EQ(a[0].base->value, 620.0);
  EXPECT_EQ(a[0].trend, Trend::kImproved);
  EXPECT_DOUBLE_EQ(*a[0].change, -20.0);
  EXPECT_DOUBLE_EQ(*a[0].change_percent, -3.226);
  EXPECT_THAT(a[0].reason, HasSubstr("helårstakt"));
  EXPECT_THAT(a[0].reason, HasSubstr("3,2"));
  const auto json = AssessmentJson(*goals, a, true);
  EXPECT_EQ(json["strategies"][0]["goals"][0]["annualised"], true);
  EXPECT_DOUBLE_EQ(json["strategies"][0]["goals"][0]["value"].get<double>(), 600.0);
}

TEST(PartYearTest, RelativeTolerance) {
  auto goals = Parse(std::string(kHeader) + R"(
[[strategy.goal.result]]
id = "t"
name = "T"
manual = "x"
target = "better_than_base"
direction = "increase"
period = "2018"
base_year = 2013
tolerance_percent = 2.0
)");
  ASSERT_TRUE(goals.ok()) << goals.status().message();
  const SeriesKey key{"x", "region", "25", "all", "all"};
  // 2 % of 500 is 10: 510 is unchanged (at the edge), 511 improved, 489 worsened.
  for (const auto& [now, trend] : std::vector<std::pair<double, Trend>>{
           {510.0, Trend::kUnchanged}, {511.0, Trend::kImproved}, {489.0, Trend::kWorsened}}) {
    ValueTable values;
    values.Add(key, "2013", Value(ValueKind::kUnknown, 500.0));
    values.Add(key, "2018", Value(ValueKind::kUnknown, now));
    const auto a = Assess(*goals, values, {*ParsePeriod("2018"), "25", true});
    EXPECT_EQ(a[0].trend, trend) << now;
  }
}

// Kalmar's "0,8 utskrivningsklara dagar per kommun": one goal entry, one status per municipality.
TEST(PerUnitGoalTest, OneStatusPerMunicipality) {
  auto goals = Parse(std::string(kHeader) + R"(
[[strategy.goal.result]]
id = "ready"
name = "Högst 0,8 utskrivningsklara dagar per vårdtillfälle i varje kommun"
indicator = "ready_days_mean_somatic"
unit_type = "municipality"
unit = "each"
target = "<= 0.8"
)");
  ASSERT_TRUE(goals.ok()) << goals.status().message();
  ValueTable values;
  const std::vector<std::pair<std::string, double>> municipalities = {
      {"0880", 0.7}, {"0881", 0.8}, {"0882", 1.4}};
  for (const auto& [code, value] : municipalities) {
    values.Add({"ready_days_mean_somatic", "municipality", code, "all", "all"}, "2022-T1",
               Value(ValueKind::kMean, value, static_cast<int64_t>(value * 10), 10));
  }
  const auto a = Assess(*goals, values, {*ParsePeriod("2022-T1"), "08", true});
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0].instance, "0880");
  EXPECT_EQ(a[0].series.unit, "0880");
  EXPECT_EQ(a[0].status, GoalStatus::kMet);
  EXPECT_EQ(a[1].instance, "0881");
  EXPECT_EQ(a[1].status, GoalStatus::kMet);
  EXPECT_EQ(a[2].instance, "0882");
  EXPECT_EQ(a[2].status, GoalStatus::kNotMet);
  const auto counts = CountByStrategy(*goals, a, true);
  EXPECT_EQ(counts.back().met, 2);
  EXPECT_EQ(counts.back().not_met, 1);
  // unit = "each" needs a unit type with units.
  EXPECT_FALSE(Parse(std::string(kHeader) + R"(
[[strategy.goal.result]]
id = "x"
name = "X"
indicator = "ready_days_mean_somatic"
unit = "each"
target = "<= 0.8"
)").ok());
}

// Seed 000: 2014 values for men and women; one entry, one status per sex with its own base.
TEST(PerSexGoalTest, EachSexWithItsOwnBase) {
  auto goals = Parse(std::string(kHeader) + R"(
[[strategy.goal.result]]
id = "r65"
name = "Återinskrivning 65+ lägre än 2014"
indicator = "readmission_30d_65plus"
sex = "each"
target = "better_than_base"
direction = "decrease"
base_year = 2014
base_values = { M = 19.5, F = 18.1 }
)");
  ASSERT_TRUE(goals.ok()) << goals.status().message();
  ValueTable values;
  values.Add({"readmission_30d_65plus", "region", "08", "M", "all"}, "2022-T1",
             Value(ValueKind::kShare, 19.0, 190, 1000));
  values.Add({"readmission_30d_65plus", "region", "08", "F", "all"}, "2022-T1",
             Value(ValueKind::kShare, 18.5, 185, 1000));
  const auto a = Assess(*goals, values, {*ParsePeriod("2022-T1"), "08", true});
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].instance, "M");
  EXPECT_DOUBLE_EQ(a[0].base->value, 19.5);
  EXPECT_EQ(a[0].trend, Trend::kImproved);
  EXPECT_EQ(a[1].instance, "F");
  EXPECT_DOUBLE_EQ(a[1].base->value, 18.1);
  EXPECT_EQ(a[1].trend, Trend::kWorsened);
  const auto counts = CountByStrategy(*goals, a, true);
  EXPECT_EQ(counts.back().improved, 1);
  EXPECT_EQ(counts.back().worsened, 1);
  EXPECT_EQ(counts.back().no_comparison, 0);
}

}  // namespace
}  // namespace nara::goals
