// The goal assessment of one period as JSON: what `nara ingest --goals` stores per period and
// `GET /api/goals` answers (docs/http_api.md#get-apigoals).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "goals/assessment.hpp"
#include "goals/goals_file.hpp"

namespace nara::goals {

// {"title", "strategies": [{"name", "counts": {"met", "not_yet_met", "not_met",
// "not_assessed"}, "goals": [...]}]}: one strategy per strategy of the file, in file order, and
// per goal its id, names, series, period, target, value (null when missing or suppressed),
// counts, status, comparison with the base year and the nation, and the reason in words.
nlohmann::ordered_json AssessmentJson(const GoalsFile& goals,
                                      const std::vector<Assessment>& assessments, bool swedish);

// "met", "not_yet_met", "not_met", "not_assessed".
const char* StatusId(GoalStatus status);
// "improved", "unchanged", "worsened", or null for no comparison.
nlohmann::ordered_json TrendId(Trend trend);

}  // namespace nara::goals
