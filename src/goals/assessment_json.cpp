// The goal assessment as JSON.
#include "goals/assessment_json.hpp"

namespace nara::goals {
namespace {

using Json = nlohmann::ordered_json;

// The value when it may be shown, else null.
Json ShownValue(const std::optional<Observation>& observation) {
  if (!observation || observation->suppressed) return nullptr;
  return observation->value;
}

Json GoalJson(const GoalsFile& goals, const Assessment& a, bool swedish) {
  const ResultGoal& goal = *a.goal;
  const ValueKind kind = a.current ? a.current->kind : ValueKind::kUnknown;
  const bool shown = a.current && !a.current->suppressed;
  Json out;
  out["id"] = goal.id;
  out["name"] = goal.name;
  out["strategic_goal"] = goals.strategies[a.strategy].goals[a.strategic_goal].name;
  out["indicator"] = goal.indicator;
  out["manual"] = goal.manual;
  out["unit_type"] = a.series.unit_type;
  out["unit"] = a.series.unit;
  out["sex"] = a.series.sex;
  out["age_group"] = a.series.age_group;
  out["period"] = a.period.Label();
  out["asked_period"] = a.asked_period.Label();
  out["instance"] = a.instance.empty() ? Json(nullptr) : Json(a.instance);
  out["assignment"] = goal.assignment;
  out["annualised"] = a.annualised;
  out["period_note"] = a.period_note.empty() ? Json(nullptr) : Json(a.period_note);
  out["target"] = TargetText(goal, kind, swedish);
  out["target_value"] =
      goal.target.kind == TargetKind::kComparison ? Json(goal.target.threshold) : Json(nullptr);
  out["measure"] = MeasureText(goal, kind, swedish);
  out["value"] = ShownValue(a.current);
  out["suppressed"] = a.current.has_value() && a.current->suppressed;
  out["numerator"] = shown && a.current->numerator ? Json(*a.current->numerator) : Json(nullptr);
  out["denominator"] =
      shown && a.current->denominator ? Json(*a.current->denominator) : Json(nullptr);
  out["status"] = StatusId(a.status);
  out["status_text"] = StatusName(a.status, swedish);
  out["comparison"] = TrendId(a.trend);
  out["base_year"] = goal.base_year ? Json(*goal.base_year) : Json(nullptr);
  out["base_period"] = a.base_period.empty() ? Json(nullptr) : Json(a.base_period);
  out["base_value"] = ShownValue(a.base);
  out["change"] = a.change && a.current && !a.current->suppressed ? Json(*a.change) : Json(nullptr);
  out["change_percent"] =
      a.change_percent && a.current && !a.current->suppressed ? Json(*a.change_percent)
                                                              : Json(nullptr);
  out["national_value"] = a.national ? Json(*a.national) : Json(nullptr);
  out["national_comparison"] = TrendId(a.national_comparison);
  out["reason"] = a.reason;
  out["comment"] = goal.comment;
  return out;
}

}  // namespace

const char* StatusId(GoalStatus status) {
  switch (status) {
    case GoalStatus::kMet:
      return "met";
    case GoalStatus::kNotYetMet:
      return "not_yet_met";
    case GoalStatus::kNotMet:
      return "not_met";
    case GoalStatus::kNotAssessed:
      return "not_assessed";
  }
  return "not_assessed";
}

nlohmann::ordered_json TrendId(Trend trend) {
  switch (trend) {
    case Trend::kImproved:
      return "improved";
    case Trend::kUnchanged:
      return "unchanged";
    case Trend::kWorsened:
      return "worsened";
    case Trend::kNoComparison:
      return nullptr;
  }
  return nullptr;
}

nlohmann::ordered_json AssessmentJson(const GoalsFile& goals,
                                      const std::vector<Assessment>& assessments, bool swedish) {
  const std::vector<StrategyCounts> counts = CountByStrategy(goals, assessments, swedish);
  Json strategies = Json::array();
  for (size_t s = 0; s < goals.strategies.size(); ++s) {
    Json list = Json::array();
    for (const Assessment& a : assessments) {
      if (a.strategy == s) list.push_back(GoalJson(goals, a, swedish));
    }
    const StrategyCounts& c = counts[s];
    strategies.push_back({{"name", goals.strategies[s].name},
                          {"counts",
                           {{"met", c.met},
                            {"not_yet_met", c.not_yet_met},
                            {"not_met", c.not_met},
                            {"not_assessed", c.not_assessed},
                            {"improved", c.improved},
                            {"unchanged", c.unchanged},
                            {"worsened", c.worsened},
                            {"no_comparison", c.no_comparison},
                            {"assignments", c.assignments},
                            {"assignments_met", c.assignments_met},
                            {"assignments_not_yet_met", c.assignments_not_yet_met},
                            {"assignments_not_met", c.assignments_not_met}}},
                          {"goals", std::move(list)}});
  }
  Json out;
  out["title"] = goals.title;
  out["strategies"] = std::move(strategies);
  return out;
}

}  // namespace nara::goals
