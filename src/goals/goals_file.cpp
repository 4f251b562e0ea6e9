// Reading and validating the goals file (docs/goals.md).
#include "goals/goals_file.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "base/file.hpp"
#include "base/period.hpp"
#include "base/toml_section.hpp"
#include "indicators/catalog.hpp"
#include "indicators/groups.hpp"

namespace nara::goals {
namespace {

// Unknown keys are errors, as in nara.toml: a misspelt key must not silently change a goal.
// `where` is "FILE: PATH" as the messages of this file build it.
Status CheckKeys(const toml::table& table, const std::set<std::string, std::less<>>& known,
                 std::string_view file, std::string_view path) {
  return CheckKnownKeys(table, known, file, path);
}

Result<std::string> Text(const toml::table& table, std::string_view key, bool required,
                         const std::string& where, std::string fallback = "") {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    if (required) return UsageError(fmt::format("{}: '{}' is required", where, key));
    return fallback;
  }
  if (!node->is_string()) return UsageError(fmt::format("{}.{}: expected text", where, key));
  return *node->value<std::string>();
}

Result<std::optional<double>> Number(const toml::table& table, std::string_view key,
                                     const std::string& where) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::optional<double>();
  if (!node->is_number()) return UsageError(fmt::format("{}.{}: expected a number", where, key));
  return std::optional<double>(*node->value<double>());
}

bool OneOf(const std::string& value, std::initializer_list<const char*> allowed) {
  for (const char* a : allowed) {
    if (value == a) return true;
  }
  return false;
}

std::string Trim(std::string_view text) {
  size_t b = 0, e = text.size();
  while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
  return std::string(text.substr(b, e - b));
}

Status ReadSelection(const toml::table& t, const std::string& where, ResultGoal& goal) {
  auto unit_type = Text(t, "unit_type", false, where, "region");
  auto unit = Text(t, "unit", false, where);
  auto sex = Text(t, "sex", false, where, "all");
  auto age = Text(t, "age_group", false, where, "all");
  auto period = Text(t, "period", false, where, "report");
  auto measure = Text(t, "measure", false, where);
  for (const Status* s : {&unit_type.status(), &unit.status(), &sex.status(), &age.status(),
                          &period.status(), &measure.status()}) {
    NARA_RETURN_IF_ERROR(*s);
  }
  bool unit_type_known = false;
  for (int type = 0; type < indicators::kUnitTypeCount; ++type) {
    if (*unit_type == indicators::UnitTypeName(static_cast<indicators::UnitType>(type))) {
      unit_type_known = true;
    }
  }
  if (!unit_type_known) {
    return UsageError(where +
                      ".unit_type: expected region, county, area, municipality, "
                      "hospital, clinic or health_center");
  }
  const auto& sexes = indicators::kSexGroupNames;
  const auto& ages = indicators::kAgeGroupNames;
  if (*sex != "each" && std::find(sexes.begin(), sexes.end(), *sex) == sexes.end()) {
    return UsageError(where + ".sex: expected all, M, F or each");
  }
  if (*unit == "each" && *unit_type == "region") {
    return UsageError(where + ".unit: \"each\" needs a unit_type other than region, e.g. "
                      "municipality");
  }
  if (std::find(ages.begin(), ages.end(), *age) == ages.end()) {
    return UsageError(where + ".age_group: expected all, 0-17, 18-64, 65-79 or 80+");
  }
  if (!OneOf(*period, {"report", "last_month", "rolling12"}) && !ParsePeriod(*period)) {
    return UsageError(where +
                      ".period: expected report, last_month, rolling12 or a period "
                      "label such as 2019-12, 2019-T1 or a range of months 2019-01/2019-08");
  }
  goal.unit_type = *unit_type;
  goal.unit = *unit;
  goal.sex = *sex;
  goal.age_group = *age;
  goal.period = *period;
  goal.measure = *measure;
  return Status::Ok();
}

Status ReadTarget(const toml::table& t, const std::string& where, ResultGoal& goal) {
  auto target_text = Text(t, "target", false, where);
  NARA_RETURN_IF_ERROR(target_text.status());
  if (!target_text->empty()) {
    auto target = ParseTarget(*target_text);
    if (!target) {
      return UsageError(
          fmt::format("{}.target: cannot read \"{}\" (expected e.g. \"< 17\", "
                      "\">= 80\", \"better_than_base\" or "
                      "\"better_than_national\")",
                      where, *target_text));
    }
    goal.target = *target;
  }
  // `compare = "national"` (docs/kolada.md): the goal is "better than the nation", with the
  // national values of the goals file or of `nara report --national`.
  auto compare = Text(t, "compare", false, where);
  NARA_RETURN_IF_ERROR(compare.status());
  if (!compare->empty()) {
    if (*compare != "national") {
      return UsageError(where + ".compare: expected \"national\"");
    }
    if (!target_text->empty() && goal.target.kind != TargetKind::kBetterThanNational) {
      return UsageError(where + ".compare: \"national\" is the target itself; leave out target = \"" +
                        *target_text + "\"");
    }
    goal.target = *ParseTarget("better_than_national");
  }
  auto direction = Text(t, "direction", false, where);
  NARA_RETURN_IF_ERROR(direction.status());
  if (*direction == "decrease") {
    goal.direction = Direction::kDecrease;
  } else if (*direction == "increase") {
    goal.direction = Direction::kIncrease;
  } else if (!direction->empty()) {
    return UsageError(where + ".direction: expected \"decrease\" or \"increase\"");
  } else if (goal.target.kind == TargetKind::kComparison) {
    // `< 17` says lower is better; `>= 80` says higher is better.
    const bool lower = goal.target.comparator == Comparator::kLess ||
                       goal.target.comparator == Comparator::kLessEqual;
    goal.direction = lower ? Direction::kDecrease : Direction::kIncrease;
  } else if (goal.target.kind != TargetKind::kNone) {
    return UsageError(where + ".direction: required with target \"" + goal.target.text + "\"");
  }
  return Status::Ok();
}

Status ReadComparisons(const toml::table& t, const std::string& where, ResultGoal& goal) {
  if (const toml::node* node = t.get("base_year")) {
    auto year = node->value<int64_t>();
    if (!node->is_integer() || !year || *year < 1900 || *year > 2199) {
      return UsageError(where + ".base_year: expected a year such as 2014");
    }
    goal.base_year = static_cast<int>(*year);
  }
  auto tolerance_percent = Number(t, "tolerance_percent", where);
  NARA_RETURN_IF_ERROR(tolerance_percent.status());
  if (*tolerance_percent && **tolerance_percent < 0) {
    return UsageError(where + ".tolerance_percent: must be >= 0");
  }
  goal.tolerance_percent = tolerance_percent->value_or(0);
  for (const char* key : {"base_whole_year", "annualise"}) {
    if (const toml::node* node = t.get(key)) {
      if (!node->is_boolean()) return UsageError(where + "." + key + ": expected true or false");
      (std::string_view(key) == "annualise" ? goal.annualise : goal.base_whole_year) =
          *node->value<bool>();
    }
  }
  if (const toml::node* node = t.get("base_values")) {
    const toml::table* table = node->as_table();
    if (table == nullptr) {
      return UsageError(where + ".base_values: expected a table such as { M = 19.5, F = 18.1 }");
    }
    for (const auto& [key, value] : *table) {
      if (!value.is_number()) {
        return UsageError(fmt::format("{}.base_values.{}: expected a number", where, key.str()));
      }
      goal.base_values[std::string(key.str())] = *value.value<double>();
    }
    if (goal.sex != "each" && goal.unit != "each") {
      return UsageError(where + ".base_values: needs sex = \"each\" or unit = \"each\"");
    }
  }
  auto tolerance = Number(t, "tolerance", where);
  auto base_value = Number(t, "base_value", where);
  auto base_num = Number(t, "base_numerator", where);
  auto base_den = Number(t, "base_denominator", where);
  for (const Status* s :
       {&tolerance.status(), &base_value.status(), &base_num.status(), &base_den.status()}) {
    NARA_RETURN_IF_ERROR(*s);
  }
  if (*tolerance && **tolerance < 0) return UsageError(where + ".tolerance: must be >= 0");
  goal.tolerance = tolerance->value_or(0);
  goal.base_value = *base_value;
  goal.base_numerator = *base_num;
  goal.base_denominator = *base_den;
  if ((goal.base_value || !goal.base_values.empty() || goal.base_whole_year ||
       goal.target.kind == TargetKind::kBetterThanBase) &&
      !goal.base_year) {
    return UsageError(where +
                      ".base_year: required with base_value, base_values, base_whole_year or "
                      "better_than_base");
  }
  if (const toml::node* node = t.get("national")) {
    const toml::table* table = node->as_table();
    if (table == nullptr) {
      return UsageError(where +
                        ".national: expected a table of period = value, e.g. "
                        "national = { \"2017-12\" = 17.1 }");
    }
    for (const auto& [key, value] : *table) {
      const std::string label(key.str());
      if (!ParsePeriod(label) || !value.is_number()) {
        return UsageError(
            fmt::format("{}.national.{}: expected a period label = number", where, label));
      }
      goal.national[label] = *value.value<double>();
    }
  }
  return Status::Ok();
}

Result<ResultGoal> ReadResult(const toml::table& t, std::string_view file, std::string_view path) {
  const std::string where = fmt::format("{}: {}", file, path);
  NARA_RETURN_IF_ERROR(CheckKeys(t,
                                 {"id",
                                  "name",
                                  "indicator",
                                  "manual",
                                  "unit_type",
                                  "unit",
                                  "sex",
                                  "age_group",
                                  "period",
                                  "measure",
                                  "target",
                                  "direction",
                                  "tolerance",
                                  "tolerance_percent",
                                  "base_year",
                                  "base_whole_year",
                                  "base_values",
                                  "annualise",
                                  "kind",
                                  "base_value",
                                  "base_numerator",
                                  "base_denominator",
                                  "national",
                                  "compare",
                                  "measures_started",
                                  "status",
                                  "comment"},
                                 file, path));
  ResultGoal goal;
  auto id = Text(t, "id", true, where);
  auto name = Text(t, "name", true, where);
  auto indicator = Text(t, "indicator", false, where);
  auto manual = Text(t, "manual", false, where);
  auto comment = Text(t, "comment", false, where);
  auto status = Text(t, "status", false, where);
  auto kind = Text(t, "kind", false, where, "goal");
  for (const Status* s : {&id.status(), &name.status(), &indicator.status(), &manual.status(),
                          &comment.status(), &status.status(), &kind.status()}) {
    NARA_RETURN_IF_ERROR(*s);
  }
  goal.id = *id;
  goal.name = *name;
  goal.comment = *comment;
  const std::string at = where + " (" + goal.id + ")";
  if (!indicator->empty() && !manual->empty()) {
    return UsageError(at + ": give either 'indicator' or 'manual', not both");
  }
  if (!indicator->empty()) {
    if (!indicators::FindIndicator(*indicator)) {
      return UsageError(
          fmt::format("{}.indicator: \"{}\" is not in the indicator catalogue "
                      "(use manual = \"...\" for a value reported by hand)",
                      at, *indicator));
    }
    goal.indicator = *indicator;
  } else if (!manual->empty()) {
    goal.indicator = *manual;
    goal.manual = true;
  }
  if (!status->empty()) {
    if (*status == "met") {
      goal.manual_status = GoalStatus::kMet;
    } else if (*status == "not_yet_met") {
      goal.manual_status = GoalStatus::kNotYetMet;
    } else if (*status == "not_met") {
      goal.manual_status = GoalStatus::kNotMet;
    } else {
      return UsageError(at + ".status: expected met, not_yet_met or not_met");
    }
  }
  if (goal.indicator.empty() && !goal.manual_status) {
    return UsageError(at + ": needs 'indicator', 'manual' or (for an assignment) 'status'");
  }
  if (!OneOf(*kind, {"goal", "uppdrag", "assignment"})) {
    return UsageError(at + ".kind: expected goal, uppdrag or assignment");
  }
  goal.assignment = *kind != "goal" || goal.indicator.empty();
  if (const toml::node* node = t.get("measures_started")) {
    if (!node->is_boolean()) return UsageError(at + ".measures_started: expected true or false");
    goal.measures_started = *node->value<bool>();
  }
  NARA_RETURN_IF_ERROR(ReadSelection(t, at, goal));
  NARA_RETURN_IF_ERROR(ReadTarget(t, at, goal));
  NARA_RETURN_IF_ERROR(ReadComparisons(t, at, goal));
  if (!goal.indicator.empty() && goal.target.kind == TargetKind::kNone && !goal.manual_status &&
      !goal.base_year) {
    return UsageError(at + ": needs a 'target', a 'base_year' or a 'status'");
  }
  return goal;
}

const toml::array* Array(const toml::table& table, std::string_view key) {
  const toml::node* node = table.get(key);
  return node == nullptr ? nullptr : node->as_array();
}

}  // namespace

std::optional<Target> ParseTarget(std::string_view text) {
  Target target;
  target.text = Trim(text);
  const std::string& t = target.text;
  if (t == "better_than_base") {
    target.kind = TargetKind::kBetterThanBase;
    return target;
  }
  if (t == "better_than_national") {
    target.kind = TargetKind::kBetterThanNational;
    return target;
  }
  size_t pos = 0;
  if (t.rfind("<=", 0) == 0) {
    target.comparator = Comparator::kLessEqual, pos = 2;
  } else if (t.rfind(">=", 0) == 0) {
    target.comparator = Comparator::kGreaterEqual, pos = 2;
  } else if (t.rfind('<', 0) == 0) {
    target.comparator = Comparator::kLess, pos = 1;
  } else if (t.rfind('>', 0) == 0) {
    target.comparator = Comparator::kGreater, pos = 1;
  } else {
    return std::nullopt;
  }
  std::string number = Trim(std::string_view(t).substr(pos));
  for (char& c : number) {
    if (c == ',') c = '.';  // "< 17,5" as a Swede writes it
  }
  if (number.empty()) return std::nullopt;
  size_t used = 0;
  try {
    target.threshold = std::stod(number, &used);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (used != number.size()) return std::nullopt;
  target.kind = TargetKind::kComparison;
  return target;
}

Result<GoalsFile> ParseGoals(std::string_view text, std::string_view file,
                             const std::string& base_dir) {
  NARA_ASSIGN_OR_RETURN(auto parsed, ParseToml(text, file, StatusCode::kUsage));
  const toml::table& root = parsed;
  const std::string at(file);
  NARA_RETURN_IF_ERROR(CheckKeys(root, {"title", "manual_values", "strategy"}, at, ""));
  GoalsFile goals;
  goals.source = at;
  auto title = Text(root, "title", false, at, "Måluppföljning");
  auto manual = Text(root, "manual_values", false, at);
  NARA_RETURN_IF_ERROR(title.status());
  NARA_RETURN_IF_ERROR(manual.status());
  goals.title = *title;
  if (!manual->empty()) {
    std::filesystem::path path(*manual);
    goals.manual_values =
        path.is_absolute() ? path.string() : (std::filesystem::path(base_dir) / path).string();
  }
  const toml::array* strategies = Array(root, "strategy");
  if (strategies == nullptr || strategies->empty()) {
    return UsageError(at + ": no [[strategy]] tables");
  }
  std::set<std::string> ids;
  for (size_t s = 0; s < strategies->size(); ++s) {
    const toml::table* st = (*strategies)[s].as_table();
    const std::string ps = fmt::format("strategy[{}]", s + 1);
    const std::string ws = fmt::format("{}: {}", at, ps);
    if (st == nullptr) return UsageError(ws + ": expected a table");
    NARA_RETURN_IF_ERROR(CheckKeys(*st, {"name", "goal"}, at, ps));
    Strategy strategy;
    auto name = Text(*st, "name", true, ws);
    NARA_RETURN_IF_ERROR(name.status());
    strategy.name = *name;
    const toml::array* goal_array = Array(*st, "goal");
    for (size_t g = 0; goal_array != nullptr && g < goal_array->size(); ++g) {
      const toml::table* gt = (*goal_array)[g].as_table();
      const std::string pg = fmt::format("{}.goal[{}]", ps, g + 1);
      const std::string wg = fmt::format("{}: {}", at, pg);
      if (gt == nullptr) return UsageError(wg + ": expected a table");
      NARA_RETURN_IF_ERROR(CheckKeys(*gt, {"name", "result"}, at, pg));
      StrategicGoal goal;
      auto goal_name = Text(*gt, "name", true, wg);
      NARA_RETURN_IF_ERROR(goal_name.status());
      goal.name = *goal_name;
      const toml::array* results = Array(*gt, "result");
      for (size_t r = 0; results != nullptr && r < results->size(); ++r) {
        const toml::table* rt = (*results)[r].as_table();
        const std::string pr = fmt::format("{}.result[{}]", pg, r + 1);
        const std::string wr = fmt::format("{}: {}", at, pr);
        if (rt == nullptr) return UsageError(wr + ": expected a table");
        NARA_ASSIGN_OR_RETURN(auto result, ReadResult(*rt, at, pr));
        if (!ids.insert(result.id).second) {
          return UsageError(fmt::format("{}: id \"{}\" is used twice", wr, result.id));
        }
        goal.results.push_back(std::move(result));
      }
      strategy.goals.push_back(std::move(goal));
    }
    goals.strategies.push_back(std::move(strategy));
  }
  return goals;
}

Result<GoalsFile> ReadGoals(const std::string& path) {
  NARA_ASSIGN_OR_RETURN(auto text, ReadFile(path, "the goals file"));
  const std::string dir = std::filesystem::path(path).parent_path().string();
  return ParseGoals(text, path, dir.empty() ? "." : dir);
}

}  // namespace nara::goals
