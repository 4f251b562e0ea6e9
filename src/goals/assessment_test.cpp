// Tests of the assessment rules (docs/goals.md "Assessment"): each status, each direction, the
// tolerance edge, missing and suppressed values, manual values and the base-year sources.
#include "goals/assessment.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/period.hpp"

namespace nara::goals {
namespace {

using ::testing::HasSubstr;

Observation Share(int64_t k, int64_t n) {
  Observation o;
  o.kind = ValueKind::kShare;
  o.numerator = k;
  o.denominator = n;
  o.value = RoundToTable(100.0 * static_cast<double>(k) / static_cast<double>(n));
  return o;
}

class AssessmentTest : public ::testing::Test {
 protected:
  SeriesKey Key(const std::string& indicator = "readmission_30d") {
    return {indicator, "region", "08", "all", "all"};
  }
  ResultGoal Goal(const std::string& target) {
    ResultGoal goal;
    goal.id = "g";
    goal.name = "G";
    goal.indicator = "readmission_30d";
    goal.target = *ParseTarget(target);
    if (goal.target.kind == TargetKind::kComparison) {
      goal.direction = goal.target.comparator == Comparator::kLess ||
                               goal.target.comparator == Comparator::kLessEqual
                           ? Direction::kDecrease
                           : Direction::kIncrease;
    }
    return goal;
  }
  Assessment Run(const ResultGoal& goal, bool swedish = true) {
    return AssessGoal(goal, values_, {*ParsePeriod("2022-T1"), "08", swedish});
  }
  ValueTable values_;
};

TEST_F(AssessmentTest, ComparisonMet) {
  values_.Add(Key(), "2022-T1", Share(159, 1000));  // 15.9 %
  const Assessment a = Run(Goal("< 17"));
  EXPECT_EQ(a.status, GoalStatus::kMet);
  EXPECT_THAT(a.reason, HasSubstr("Utfallet 15,9\u00a0% når målvärdet < 17\u00a0%"));
  ASSERT_TRUE(a.current_interval.has_value());
  EXPECT_LT(a.current_interval->low, 15.9);
  EXPECT_GT(a.current_interval->high, 15.9);
}

TEST_F(AssessmentTest, ComparisonAtThresholdIsNotLess) {
  values_.Add(Key(), "2022-T1", Share(170, 1000));  // exactly 17.0
  EXPECT_EQ(Run(Goal("< 17")).status, GoalStatus::kNotMet);
  EXPECT_EQ(Run(Goal("<= 17")).status, GoalStatus::kMet);
}

TEST_F(AssessmentTest, NotYetMetWhenMovingTheRightWay) {
  values_.Add(Key(), "2022-T1", Share(182, 1000));
  values_.Add(Key(), "2021-T1", Share(195, 1000));  // a year earlier: worse
  const Assessment a = Run(Goal("< 17"));
  EXPECT_EQ(a.status, GoalStatus::kNotYetMet);
  EXPECT_THAT(a.reason, HasSubstr("går åt rätt håll"));
}

TEST_F(AssessmentTest, NotMetWhenMovingTheWrongWay) {
  values_.Add(Key(), "2022-T1", Share(182, 1000));
  values_.Add(Key(), "2021-T1", Share(175, 1000));
  const Assessment a = Run(Goal("< 17"));
  EXPECT_EQ(a.status, GoalStatus::kNotMet);
  EXPECT_THAT(a.reason, HasSubstr("Ingen förbättring"));
}

TEST_F(AssessmentTest, MeasuresStartedGivesNotYetMet) {
  values_.Add(Key(), "2022-T1", Share(182, 1000));
  values_.Add(Key(), "2021-T1", Share(175, 1000));
  ResultGoal goal = Goal("< 17");
  goal.measures_started = true;
  const Assessment a = Run(goal);
  EXPECT_EQ(a.status, GoalStatus::kNotYetMet);
  EXPECT_THAT(a.reason, HasSubstr("Åtgärder är påbörjade"));
}

TEST_F(AssessmentTest, IncreaseDirection) {
  values_.Add(Key(), "2022-T1", Share(850, 1000));
  EXPECT_EQ(Run(Goal(">= 80")).status, GoalStatus::kMet);
  EXPECT_EQ(Run(Goal("> 85")).status, GoalStatus::kNotMet);
}

TEST_F(AssessmentTest, BetterThanBaseBothDirectionsAndTolerance) {
  values_.Add(Key(), "2022-T1", Share(159, 1000));
  ResultGoal goal = Goal("better_than_base");
  goal.base_year = 2014;
  goal.base_value = 18.9;
  goal.direction = Direction::kDecrease;
  Assessment a = Run(goal);
  EXPECT_EQ(a.base_period, "2014-T1");
  EXPECT_TRUE(a.base_from_goals_file);
  EXPECT_EQ(a.trend, Trend::kImproved);
  EXPECT_EQ(a.status, GoalStatus::kMet);
  EXPECT_THAT(a.reason, HasSubstr("lägre än basårets (2014) 18,9\u00a0%"));
  EXPECT_THAT(a.reason, HasSubstr("förbättrad med 3,0 procentenheter"));

  goal.direction = Direction::kIncrease;  // the same numbers: now worse
  a = Run(goal);
  EXPECT_EQ(a.trend, Trend::kWorsened);
  EXPECT_EQ(a.status, GoalStatus::kNotMet);

  goal.direction = Direction::kDecrease;
  goal.base_value = 16.4;
  goal.tolerance = 0.5;  // 15.9 vs 16.4: exactly at the tolerance -> unchanged
  a = Run(goal);
  EXPECT_EQ(a.trend, Trend::kUnchanged);
  EXPECT_EQ(a.status, GoalStatus::kNotMet);
  EXPECT_THAT(a.reason, HasSubstr("oförändrad (inom toleransen 0,5\u00a0%)"));
  goal.tolerance = 0.499;  // just inside the difference -> improved
  EXPECT_EQ(Run(goal).trend, Trend::kImproved);
}

TEST_F(AssessmentTest, BaseYearFromTableWinsOverGoalsFile) {
  values_.Add(Key(), "2022-T1", Share(159, 1000));
  values_.Add(Key(), "2014-T1", Share(150, 1000));
  ResultGoal goal = Goal("better_than_base");
  goal.base_year = 2014;
  goal.base_value = 18.9;
  goal.direction = Direction::kDecrease;
  const Assessment a = Run(goal);
  EXPECT_FALSE(a.base_from_goals_file);
  EXPECT_DOUBLE_EQ(a.base->value, 15.0);
  EXPECT_EQ(a.trend, Trend::kWorsened);
}

TEST_F(AssessmentTest, MissingBaseValue) {
  values_.Add(Key(), "2022-T1", Share(159, 1000));
  ResultGoal goal = Goal("better_than_base");
  goal.base_year = 2014;
  goal.direction = Direction::kDecrease;
  const Assessment a = Run(goal);
  EXPECT_EQ(a.status, GoalStatus::kNotAssessed);
  EXPECT_EQ(a.trend, Trend::kNoComparison);
  EXPECT_THAT(a.reason, HasSubstr("Värde för basåret (2014-T1) saknas"));
}

TEST_F(AssessmentTest, MissingCurrentValue) {
  values_.Add(Key(), "2021-T3", Share(159, 1000));
  const Assessment a = Run(Goal("< 17"));
  EXPECT_EQ(a.status, GoalStatus::kNotAssessed);
  EXPECT_THAT(a.reason, HasSubstr("Inget värde för 2022-T1 (readmission_30d, enhet 08)"));
}

TEST_F(AssessmentTest, SuppressedCellIsNotAssessed) {
  Observation hidden;
  hidden.kind = ValueKind::kShare;
  hidden.suppressed = true;
  values_.Add(Key(), "2022-T1", hidden);
  const Assessment a = Run(Goal("< 17"));
  EXPECT_EQ(a.status, GoalStatus::kNotAssessed);
  EXPECT_THAT(a.reason, HasSubstr("undertryckt"));
}

TEST_F(AssessmentTest, BetterThanNational) {
  values_.Add(Key(), "2022-T1", Share(159, 1000));
  ResultGoal goal = Goal("better_than_national");
  goal.direction = Direction::kDecrease;
  EXPECT_EQ(Run(goal).status, GoalStatus::kNotAssessed);  // no national value
  goal.national["2022-T1"] = 17.1;
  Assessment a = Run(goal);
  EXPECT_EQ(a.status, GoalStatus::kMet);
  EXPECT_DOUBLE_EQ(*a.national, 17.1);
  EXPECT_EQ(a.national_comparison, Trend::kImproved);
  goal.national["2022-T1"] = 15.0;
  a = Run(goal);
  EXPECT_EQ(a.status, GoalStatus::kNotMet);
  EXPECT_EQ(a.national_comparison, Trend::kWorsened);
  // A comparison target with a national value: compared with the nation all the same.
  ResultGoal threshold = Goal("< 17");
  threshold.national["2022-T1"] = 15.9;
  EXPECT_EQ(Run(threshold).national_comparison, Trend::kUnchanged);
}

TEST_F(AssessmentTest, ManualValuesOverrideAndAdd) {
  values_.Add(Key(), "2022-T1", Share(182, 1000));
  ASSERT_TRUE(values_
                  .AddManualText(
                      "indicator,period,unit_type,unit,sex,age_group,numerator,denominator,value\n"
                      "readmission_30d,2022-T1,region,,all,all,,,16.2\n"
                      "staff_index,2022,region,08,all,all,,,79\n",
                      "manual.csv", "08")
                  .ok());
  EXPECT_EQ(values_.manual_rows(), 2);
  const Assessment replaced = Run(Goal("< 17"));
  EXPECT_EQ(replaced.status, GoalStatus::kMet);
  EXPECT_TRUE(replaced.current->manual);
  ResultGoal staff = Goal(">= 78");
  staff.indicator = "staff_index";
  staff.manual = true;
  staff.period = "2022";
  staff.measure = "index";
  const Assessment a = Run(staff);
  EXPECT_EQ(a.status, GoalStatus::kMet);
  EXPECT_THAT(a.reason, HasSubstr("79\u00a0index"));
  EXPECT_FALSE(a.current_interval.has_value());  // no counts, no interval
}

TEST_F(AssessmentTest, ManualCsvWithSemicolonsAndDecimalCommas) {
  ASSERT_TRUE(values_
                  .AddManualText("indicator;period;unit;value\nreadmission_30d;2022-T1;;16,2\n",
                                 "manual.csv", "08")
                  .ok());
  const Observation* o = values_.Find(Key(), "2022-T1");
  ASSERT_NE(o, nullptr);
  EXPECT_DOUBLE_EQ(o->value, 16.2);
  EXPECT_TRUE(o->manual);
}

TEST_F(AssessmentTest, ManualCsvErrorsNameLineAndColumn) {
  const Status bad =
      values_.AddManualText("indicator,period,value\nx,2022-T1,abc\n", "manual.csv", "08");
  EXPECT_EQ(bad.code(), StatusCode::kInvalidInput);
  EXPECT_THAT(bad.message(), HasSubstr("manual.csv:2: column 'value': not a number: \"abc\""));
  const Status period =
      values_.AddManualText("indicator,period,value\nx,2022-T9,1\n", "m.csv", "08");
  EXPECT_THAT(period.message(), HasSubstr("m.csv:2: column 'period'"));
  const Status columns = values_.AddManualText("indicator,value\nx,1\n", "m.csv", "08");
  EXPECT_THAT(columns.message(), HasSubstr("need a column 'period'"));
}

TEST_F(AssessmentTest, ManualStatusForAssignments) {
  ResultGoal task;
  task.id = "t";
  task.name = "Uppdrag";
  task.manual_status = GoalStatus::kNotYetMet;
  task.comment = "Arbetet pågår.";
  const Assessment a = Run(task);
  EXPECT_EQ(a.status, GoalStatus::kNotYetMet);
  EXPECT_THAT(a.reason, HasSubstr("Arbetet pågår."));
}

TEST_F(AssessmentTest, SignificanceSmallVersusLargeMunicipality) {
  ResultGoal goal = Goal("better_than_base");
  goal.base_year = 2021;
  goal.direction = Direction::kDecrease;
  values_.Add(Key(), "2022-T1", Share(3, 20));  // 15 % of 20
  values_.Add(Key(), "2021-T1", Share(5, 20));  // 25 % of 20
  Assessment small = Run(goal);
  EXPECT_EQ(small.trend, Trend::kImproved);
  EXPECT_EQ(small.base_significance, Significance::kNotSignificant);
  EXPECT_THAT(small.reason, HasSubstr("inte statistiskt säkerställd"));
  values_.Add(Key(), "2022-T1", Share(3000, 20000));
  values_.Add(Key(), "2021-T1", Share(5000, 20000));
  Assessment large = Run(goal);
  EXPECT_EQ(large.base_significance, Significance::kSignificant);
  EXPECT_THAT(large.reason, HasSubstr("statistiskt säkerställd (95 %)"));
}

TEST_F(AssessmentTest, EnglishReasons) {
  values_.Add(Key(), "2022-T1", Share(159, 1000));
  const Assessment a = Run(Goal("< 17"), false);
  EXPECT_THAT(a.reason, HasSubstr("The result 15.9\u00a0% meets the target < 17\u00a0%"));
}

TEST_F(AssessmentTest, GoalPeriods) {
  ResultGoal goal = Goal("< 17");
  const auto tertial = *ParsePeriod("2022-T1");
  goal.period = "last_month";
  EXPECT_EQ(GoalPeriod(goal, tertial).Label(), "2022-04");
  goal.period = "rolling12";
  EXPECT_EQ(GoalPeriod(goal, tertial).Label(), "2021-05/2022-04");
  goal.period = "2019-12";
  EXPECT_EQ(GoalPeriod(goal, tertial).Label(), "2019-12");
}

TEST(CountByStrategyTest, CountsStatusesAndTrends) {
  GoalsFile file;
  file.strategies = {{"A", {}}, {"B", {}}};
  // Trends are counted for goals with a base year; "no comparison" only for those among them
  // without a base value; a goal without a base year is in no trend count; an assignment is in
  // none of the measured counts.
  ResultGoal with_base;
  with_base.base_year = 2014;
  ResultGoal without_base;
  ResultGoal assignment;
  assignment.assignment = true;
  std::vector<Assessment> list(6);
  for (auto& a : list) a.goal = &with_base;
  list[4].goal = &without_base, list[4].strategy = 1, list[4].status = GoalStatus::kMet;
  list[5].goal = &assignment, list[5].strategy = 1, list[5].status = GoalStatus::kNotYetMet;
  list[0].strategy = 0, list[0].status = GoalStatus::kMet, list[0].trend = Trend::kImproved;
  list[1].strategy = 0, list[1].status = GoalStatus::kNotMet, list[1].trend = Trend::kWorsened;
  list[2].strategy = 1, list[2].status = GoalStatus::kNotYetMet, list[2].trend = Trend::kUnchanged;
  list[3].strategy = 1, list[3].status = GoalStatus::kNotAssessed;
  list[0].national_comparison = Trend::kImproved;
  list[2].national_comparison = Trend::kWorsened;
  const auto counts = CountByStrategy(file, list, true);
  ASSERT_EQ(counts.size(), 3u);
  EXPECT_EQ(counts[0].met, 1);
  EXPECT_EQ(counts[0].not_met, 1);
  EXPECT_EQ(counts[1].not_yet_met, 1);
  EXPECT_EQ(counts[1].not_assessed, 1);
  EXPECT_EQ(counts[1].met, 1);
  EXPECT_EQ(counts[1].assignments, 1);
  EXPECT_EQ(counts[1].assignments_not_yet_met, 1);
  EXPECT_EQ(counts[2].not_yet_met, 1);
  EXPECT_EQ(counts[2].name, "Totalt");
  EXPECT_EQ(counts[2].improved, 1);
  EXPECT_EQ(counts[2].unchanged, 1);
  EXPECT_EQ(counts[2].worsened, 1);
  EXPECT_EQ(counts[2].no_comparison, 1);
  EXPECT_EQ(counts[2].better_than_national, 1);
  EXPECT_EQ(counts[2].worse_than_national, 1);
  EXPECT_EQ(counts[2].equal_to_national, 0);
}

}  // namespace
}  // namespace nara::goals
