// Goal assessments for the store.
#include "run/store_goals.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <set>

#include "base/file.hpp"
#include "base/period.hpp"
#include "base/sha256.hpp"
#include "goals/assessment.hpp"
#include "goals/assessment_json.hpp"
#include "goals/value_table.hpp"

namespace nara::run {
namespace {

Result<std::string> ReadText(const std::string& path, const char* what) {
  auto text = ReadFile(path, what);
  if (!text.ok()) return UsageError(text.status().message());
  return text;
}

}  // namespace

Result<StoreGoalInputs> ReadStoreGoalInputs(const std::string& goals_file,
                                            const std::string& manual_file) {
  StoreGoalInputs inputs;
  auto goals_text = ReadText(goals_file, "the goals file");
  if (!goals_text.ok()) return goals_text.status();
  // Parsed from the text that is hashed, so the stored hash is of what was assessed.
  const std::string dir = std::filesystem::path(goals_file).parent_path().string();
  auto goals = goals::ParseGoals(*goals_text, goals_file, dir.empty() ? "." : dir);
  if (!goals.ok()) return goals.status();
  inputs.goals = std::move(*goals);
  inputs.goals_text = std::move(*goals_text);
  inputs.manual_file = !manual_file.empty() ? manual_file : inputs.goals.manual_values;
  if (!inputs.manual_file.empty()) {
    auto manual_text = ReadText(inputs.manual_file, "the manual values");
    if (!manual_text.ok()) return manual_text.status();
    inputs.manual_text = std::move(*manual_text);
    // Checked now, so a bad row fails before the slow part.
    goals::ValueTable check;
    NARA_RETURN_IF_ERROR(check.AddManualText(inputs.manual_text, inputs.manual_file, ""));
  }
  inputs.source.goals_file = goals_file;
  inputs.source.goals_sha256 = Sha256Hex(inputs.goals_text);
  inputs.source.manual_file = inputs.manual_file;
  inputs.source.manual_sha256 =
      inputs.manual_file.empty() ? std::string() : Sha256Hex(inputs.manual_text);
  return inputs;
}

Status AssessForStore(const StoreGoalInputs& inputs, const model::Extract& extract,
                      const indicators::IndicatorTable& table, const std::string& audience,
                      std::vector<store::GoalAssessmentRecord>* out, int follow_up_days) {
  // Only the goals' indicators: the value table keys every row by strings.
  std::set<std::string, std::less<>> wanted;
  for (const auto& strategy : inputs.goals.strategies) {
    for (const auto& strategic : strategy.goals) {
      for (const auto& goal : strategic.results) wanted.insert(goal.indicator);
    }
  }
  indicators::IndicatorTable used;
  for (const auto& row : table.rows) {
    if (wanted.count(indicators::Info(row.indicator).id) > 0) used.rows.push_back(row);
  }
  goals::ValueTable values;
  values.AddTable(used);
  const std::string& county = extract.manifest.county;
  if (!inputs.manual_file.empty()) {
    NARA_RETURN_IF_ERROR(values.AddManualText(inputs.manual_text, inputs.manual_file, county));
  }
  const auto& manifest = extract.manifest;
  for (const auto& period : PeriodsInside(manifest.coverage_from, manifest.coverage_to)) {
    if (period.type != PeriodType::kMonth && period.type != PeriodType::kTertial) {
      continue;
    }
    for (const bool swedish : {true, false}) {
      goals::AssessOptions assess{period, county, swedish};
      assess.coverage_to = manifest.coverage_to;
      assess.follow_up_days = follow_up_days;
      const auto assessments = goals::Assess(inputs.goals, values, assess);
      out->push_back({period.Label(), audience, swedish ? "sv" : "en",
                      goals::AssessmentJson(inputs.goals, assessments, swedish).dump()});
    }
  }
  return Status::Ok();
}

}  // namespace nara::run
