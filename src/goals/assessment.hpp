// Goal assessment (indicators.md §9): for each result goal its status on the three-level scale
// of seed 004, its trend against the base year (improved / unchanged / worsened, seed 003), the
// values behind both and the reason in words; and the counts per strategy for the pie charts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/period.hpp"
#include "goals/goals_file.hpp"
#include "goals/intervals.hpp"
#include "goals/value_table.hpp"

namespace nara::goals {

enum class Trend { kImproved, kUnchanged, kWorsened, kNoComparison };

struct AssessOptions {
  Period report_period;
  std::string region_unit;  // the extract's county: the unit of unit_type region
  bool swedish = true;      // language of the reasons
  // Latest assessable period (docs/goals.md): a goal on an indicator that needs follow-up
  // (readmissions) whose period ends less than `follow_up_days` before `coverage_to` is assessed
  // on the newest earlier period of the same type that has the follow-up. kNoDate: no such step.
  Date coverage_to = kNoDate;
  int follow_up_days = 30;  // nara.toml [readmission] window_days
};

struct Assessment {
  const ResultGoal* goal = nullptr;
  size_t strategy = 0;        // index into GoalsFile::strategies
  size_t strategic_goal = 0;  // index into Strategy::goals
  SeriesKey series;
  // The unit (unit = "each") or sex (sex = "each") this assessment is for; empty for a goal of
  // one series. One goal entry gives one assessment per instance.
  std::string instance;
  Period period{};        // the period assessed
  Period asked_period{};  // the period the goal asked for (differs when it had no follow-up)
  // Set when period != asked_period: "senaste period med 30 dagars uppföljning: 2022-T2".
  std::string period_note;
  std::optional<Observation> current;
  std::optional<Interval> current_interval;
  std::string base_period;  // label, empty without base_year
  std::optional<Observation> base;
  bool base_from_goals_file = false;
  std::optional<Observation> year_before;  // the same period one year earlier
  std::optional<double> national;
  bool annualised = false;  // current (and a part-year base) scaled to a year (goal.annualise)
  // current - base in the value's units, and in percent of the base (nullopt when base is 0).
  std::optional<double> change;
  std::optional<double> change_percent;
  GoalStatus status = GoalStatus::kNotAssessed;
  Trend trend = Trend::kNoComparison;
  Significance base_significance = Significance::kUnknown;
  // Against the national value of the period (no tolerance): improved = better than the nation,
  // unchanged = equal, worsened = worse; kNoComparison without a national value.
  Trend national_comparison = Trend::kNoComparison;
  std::string reason;  // why the status and trend are what they are, in words
};

// Assesses every result goal of `goals` on `values`. Never fails: a goal whose data are missing
// gets kNotAssessed and a reason that says what is missing.
std::vector<Assessment> Assess(const GoalsFile& goals, const ValueTable& values,
                               const AssessOptions& options);

// Assesses one goal for its own unit and sex (exposed for tests; Assess also expands unit =
// "each" and sex = "each" into one assessment per unit or sex).
Assessment AssessGoal(const ResultGoal& goal, const ValueTable& values,
                      const AssessOptions& options);

struct StrategyCounts {
  std::string name;
  int met = 0;
  int not_yet_met = 0;
  int not_met = 0;
  int not_assessed = 0;
  int improved = 0;
  int unchanged = 0;
  int worsened = 0;
  int no_comparison = 0;
  int better_than_national = 0;  // goals with a national value for their period
  int equal_to_national = 0;
  int worse_than_national = 0;
  // Assignments (uppdrag) are counted apart: not in met..not_assessed nor in the trend counts.
  int assignments = 0;
  int assignments_met = 0;
  int assignments_not_yet_met = 0;
  int assignments_not_met = 0;
};

// AssessGoal for each unit (unit = "each": the units of unit_type with a value for the period)
// and each sex (sex = "each": M and F) of the goal; one assessment for a goal of one series.
std::vector<Assessment> AssessExpanded(const ResultGoal& goal, const ValueTable& values,
                                       const AssessOptions& options);

// Counts per strategy, in file order, then one row "total" over all strategies.
std::vector<StrategyCounts> CountByStrategy(const GoalsFile& goals,
                                            const std::vector<Assessment>& assessments,
                                            bool swedish);

std::string StatusName(GoalStatus status, bool swedish);
std::string TrendName(Trend trend, bool swedish);

// The period a goal is assessed on, given the report's period.
Period GoalPeriod(const ResultGoal& goal, const Period& report_period);

// Decimals a value of this kind is shown with (1 for shares, rates and means, 0 for counts).
int DisplayDecimals(ValueKind kind, double value);
// The measure shown after a value: the goal's `measure`, else "%", "per 100 000", "dagar", "".
std::string MeasureText(const ResultGoal& goal, ValueKind kind, bool swedish);
// The target in words: "< 10 %", "Lägre än basår 2019", "Bättre än riket", "Uppdrag".
std::string TargetText(const ResultGoal& goal, ValueKind kind, bool swedish);

}  // namespace nara::goals
