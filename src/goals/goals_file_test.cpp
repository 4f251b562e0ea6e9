// Tests of the goals file reader: every key read, defaults, and the errors users meet.
#include "goals/goals_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace nara::goals {
namespace {

using ::testing::HasSubstr;

constexpr const char* kGoals = R"(
title = "Mål"
manual_values = "manual.csv"
[[strategy]]
name = "Patient"
[[strategy.goal]]
name = "Nära vård"
[[strategy.goal.result]]
id = "readm"
name = "Återinskrivningar under 17 %"
indicator = "readmission_30d"
target = "< 17"
[[strategy.goal.result]]
id = "readm65"
name = "Lägre än 2014"
indicator = "readmission_30d_65plus"
unit_type = "municipality"
unit = "0880"
sex = "F"
age_group = "80+"
period = "last_month"
target = "better_than_base"
direction = "decrease"
base_year = 2014
base_value = 18.9
base_numerator = 189
base_denominator = 1000
tolerance = 0.5
national = { "2017-12" = 17.1 }
measures_started = true
comment = "MiNT"
[[strategy.goal.result]]
id = "staff"
name = "Index"
manual = "staff_index"
measure = "index"
target = ">= 78,5"
[[strategy.goal.result]]
id = "task"
name = "Uppdrag"
status = "not_yet_met"
)";

Result<GoalsFile> Parse(const std::string& text) { return ParseGoals(text, "goals.toml", "/g"); }

std::string WithResult(const std::string& body) {
  return "[[strategy]]\nname = \"S\"\n[[strategy.goal]]\nname = \"G\"\n"
         "[[strategy.goal.result]]\nid = \"x\"\nname = \"X\"\n" +
         body;
}

TEST(GoalsFileTest, ReadsEveryKey) {
  auto goals = Parse(kGoals);
  ASSERT_TRUE(goals.ok()) << goals.status().message();
  EXPECT_EQ(goals->title, "Mål");
  EXPECT_EQ(goals->manual_values, "/g/manual.csv");
  ASSERT_EQ(goals->strategies.size(), 1u);
  const auto& results = goals->strategies[0].goals[0].results;
  ASSERT_EQ(results.size(), 4u);
  const ResultGoal& a = results[0];
  EXPECT_EQ(a.target.kind, TargetKind::kComparison);
  EXPECT_EQ(a.target.comparator, Comparator::kLess);
  EXPECT_DOUBLE_EQ(a.target.threshold, 17);
  EXPECT_EQ(a.direction, Direction::kDecrease);  // inferred from "<"
  EXPECT_EQ(a.unit_type, "region");
  EXPECT_EQ(a.period, "report");
  const ResultGoal& b = results[1];
  EXPECT_EQ(b.target.kind, TargetKind::kBetterThanBase);
  EXPECT_EQ(b.unit, "0880");
  EXPECT_EQ(b.sex, "F");
  EXPECT_EQ(b.age_group, "80+");
  EXPECT_EQ(b.period, "last_month");
  EXPECT_EQ(*b.base_year, 2014);
  EXPECT_DOUBLE_EQ(*b.base_value, 18.9);
  EXPECT_DOUBLE_EQ(*b.base_denominator, 1000);
  EXPECT_DOUBLE_EQ(b.tolerance, 0.5);
  EXPECT_DOUBLE_EQ(b.national.at("2017-12"), 17.1);
  EXPECT_TRUE(b.measures_started);
  EXPECT_EQ(b.comment, "MiNT");
  const ResultGoal& c = results[2];
  EXPECT_TRUE(c.manual);
  EXPECT_EQ(c.indicator, "staff_index");
  EXPECT_DOUBLE_EQ(c.target.threshold, 78.5);  // decimal comma
  EXPECT_EQ(c.direction, Direction::kIncrease);
  EXPECT_EQ(*results[3].manual_status, GoalStatus::kNotYetMet);
}

TEST(GoalsFileTest, UnknownKeyIsAnError) {
  auto goals = Parse(WithResult("indicator = \"readmission_30d\"\ntarget = \"< 17\"\ntarge = 1\n"));
  ASSERT_FALSE(goals.ok());
  EXPECT_EQ(goals.status().code(), StatusCode::kUsage);
  EXPECT_THAT(goals.status().message(), HasSubstr(".result[1].targe: unknown setting (known: "));
}

TEST(GoalsFileTest, UnknownIndicatorPointsToManual) {
  auto goals = Parse(WithResult("indicator = \"readmissions\"\ntarget = \"< 17\"\n"));
  ASSERT_FALSE(goals.ok());
  EXPECT_THAT(goals.status().message(), HasSubstr("not in the indicator catalogue"));
}

TEST(GoalsFileTest, BadTargetAndMissingDirection) {
  auto bad = Parse(WithResult("indicator = \"readmission_30d\"\ntarget = \"about 17\"\n"));
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("cannot read \"about 17\""));
  auto direction = Parse(WithResult(
      "indicator = \"readmission_30d\"\ntarget = \"better_than_base\"\nbase_year = 2014\n"));
  ASSERT_FALSE(direction.ok());
  EXPECT_THAT(direction.status().message(), HasSubstr("direction: required"));
  auto base =
      Parse(WithResult("indicator = \"readmission_30d\"\ntarget = \"better_than_base\"\ndirection "
                       "= \"decrease\"\n"));
  ASSERT_FALSE(base.ok());
  EXPECT_THAT(base.status().message(), HasSubstr("base_year: required"));
}

TEST(GoalsFileTest, CompareNationalIsBetterThanTheNation) {
  auto goals = Parse(WithResult(
      "indicator = \"readmission_30d\"\ncompare = \"national\"\ndirection = \"decrease\"\n"));
  ASSERT_TRUE(goals.ok()) << goals.status().message();
  const ResultGoal& goal = goals->strategies[0].goals[0].results[0];
  EXPECT_EQ(goal.target.kind, TargetKind::kBetterThanNational);
  auto other = Parse(WithResult("indicator = \"readmission_30d\"\ncompare = \"base\"\n"));
  ASSERT_FALSE(other.ok());
  EXPECT_THAT(other.status().message(), HasSubstr("compare: expected \"national\""));
  auto both = Parse(WithResult(
      "indicator = \"readmission_30d\"\ncompare = \"national\"\ntarget = \"< 17\"\n"));
  ASSERT_FALSE(both.ok());
  EXPECT_THAT(both.status().message(), HasSubstr("leave out target"));
}

TEST(GoalsFileTest, DuplicateIdsAndBadPeriod) {
  auto twice =
      Parse(WithResult("status = \"met\"\n[[strategy.goal.result]]\nid = \"x\"\n"
                       "name = \"Y\"\nstatus = \"met\"\n"));
  ASSERT_FALSE(twice.ok());
  EXPECT_THAT(twice.status().message(), HasSubstr("id \"x\" is used twice"));
  auto period = Parse(WithResult("status = \"met\"\nperiod = \"2022-T4\"\n"));
  ASSERT_FALSE(period.ok());
  EXPECT_THAT(period.status().message(), HasSubstr(".period: expected"));
}

TEST(GoalsFileTest, TargetGrammar) {
  EXPECT_EQ(ParseTarget(">= 80")->comparator, Comparator::kGreaterEqual);
  EXPECT_EQ(ParseTarget("<=5")->comparator, Comparator::kLessEqual);
  EXPECT_EQ(ParseTarget("> 345")->comparator, Comparator::kGreater);
  EXPECT_EQ(ParseTarget("better_than_national")->kind, TargetKind::kBetterThanNational);
  EXPECT_FALSE(ParseTarget("< ").has_value());
  EXPECT_FALSE(ParseTarget("< 17 %").has_value());
  EXPECT_FALSE(ParseTarget("17").has_value());
}

}  // namespace
}  // namespace nara::goals
