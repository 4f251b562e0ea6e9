// Hiding the goal texts that a stricter serve-time suppression makes unsafe for the public.
#include "server/public_goals.hpp"

#include <fmt/format.h>

#include <cctype>
#include <optional>
#include <set>
#include <string>

namespace nara::server {
namespace {

// The label of the same period a year earlier: "2022-T1" -> "2021-T1", "2022-03" -> "2021-03".
// Goal periods are months and tertials, whose labels start with the year.
std::string YearBefore(const std::string& label) {
  if (label.size() < 4) return {};
  int year = 0;
  for (size_t i = 0; i < 4; ++i) {
    if (std::isdigit(static_cast<unsigned char>(label[i])) == 0) return {};
    year = year * 10 + (label[i] - '0');
  }
  return fmt::format("{:04d}", year - 1) + label.substr(4);
}

std::string Text(const Json& goal, const char* key, const char* fallback = "") {
  const auto found = goal.find(key);
  return found != goal.end() && found->is_string() ? found->get<std::string>()
                                                   : std::string(fallback);
}

bool SmallCounts(const Json& goal, int min_count) {
  const auto count = [&](const char* key) -> std::optional<int64_t> {
    const auto found = goal.find(key);
    if (found == goal.end() || !found->is_number()) return std::nullopt;
    return found->get<int64_t>();
  };
  const auto numerator = count("numerator");
  const auto denominator = count("denominator");
  return (numerator && *numerator > 0 && *numerator < min_count) ||
         (denominator && *denominator < min_count);
}

}  // namespace

Status HidePublicGoalTexts(store::Store& store, int64_t extract_id, const PublicView& view,
                           int min_count, bool swedish, Json& body) {
  if (!body.contains("strategies")) return Status::Ok();
  for (auto& strategy : body["strategies"]) {
    if (!strategy.contains("goals")) continue;
    for (auto& goal : strategy["goals"]) {
      const std::string indicator = Text(goal, "indicator");
      if (indicator.empty()) continue;
      const std::string period = Text(goal, "period");
      const std::set<std::string> used = {period, Text(goal, "base_period"), YearBefore(period)};
      store::IndicatorQuery query;
      query.extract_id = extract_id;
      query.indicator = indicator;
      query.unit_type = Text(goal, "unit_type");
      query.unit = Text(goal, "unit");
      query.sex = Text(goal, "sex", "all");
      query.age_group = Text(goal, "age_group", "all");
      NARA_ASSIGN_OR_RETURN(auto rows, store.Indicators(query));
      bool current_hidden = SmallCounts(goal, min_count);
      bool any_hidden = current_hidden;
      for (const auto& row : rows) {
        if (used.count(row.period) == 0 || !view.Hides(row.rowid, row.public_suppressed)) continue;
        any_hidden = true;
        if (row.period == period) current_hidden = true;
      }
      if (current_hidden) {
        goal["value"] = nullptr;
        goal["numerator"] = nullptr;
        goal["denominator"] = nullptr;
        goal["suppressed"] = true;
        goal["national_comparison"] = nullptr;
      }
      if (any_hidden) {
        // The change to the base would give a hidden value back from the other one.
        if (goal.contains("change")) goal["change"] = nullptr;
        if (goal.contains("change_percent")) goal["change_percent"] = nullptr;
        goal["status"] = "not_assessed";
        goal["status_text"] = swedish ? "Kan inte bedömas" : "Cannot be assessed";
        goal["reason"] =
            swedish ? "Kan inte bedömas för allmänheten: ett av värdena som bedömningen bygger "
                      "på är undertryckt (för få fall för att redovisas)."
                    : "Cannot be assessed for the public: one of the values the assessment "
                      "rests on is suppressed (too few cases to show).";
        goal["comparison"] = nullptr;
        goal["base_value"] = nullptr;
      }
    }
    Json counts = {{"met", 0}, {"not_yet_met", 0}, {"not_met", 0}, {"not_assessed", 0}};
    for (const auto& goal : strategy["goals"]) {
      const std::string status = Text(goal, "status", "not_assessed");
      if (counts.contains(status)) counts[status] = counts[status].get<int64_t>() + 1;
    }
    strategy["counts"] = std::move(counts);
  }
  return Status::Ok();
}

}  // namespace nara::server
