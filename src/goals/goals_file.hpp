// The goals file (docs/goals.md): strategies -> strategic goals -> result goals, each result
// goal tied to an indicator of the table or to a manually reported value, with its target.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/status.hpp"

namespace nara::goals {

// Which way is good for an indicator (indicators.md §9).
enum class Direction { kDecrease, kIncrease };

// What a result goal is compared with.
enum class TargetKind {
  kComparison,      // `< 17`, `<= 17`, `> 80`, `>= 80`
  kBetterThanBase,  // better than the value of the base year
  kBetterThanNational,
  kNone,  // an assignment (uppdrag) assessed by hand: manual_status
};

enum class Comparator { kLess, kLessEqual, kGreater, kGreaterEqual };

// The three levels of seed 004's scale, plus "cannot be assessed" when data are missing.
enum class GoalStatus { kMet, kNotYetMet, kNotMet, kNotAssessed };

struct Target {
  TargetKind kind = TargetKind::kNone;
  Comparator comparator = Comparator::kLess;
  double threshold = 0;
  std::string text;  // as written in the file
};

// A measurable result goal (resultatmål).
struct ResultGoal {
  std::string id;         // unique in the file; used in outputs and tests
  std::string name;       // the goal as the board wrote it
  std::string indicator;  // an indicator id of the catalogue, or a manual value's id
  bool manual = false;    // true: the value comes only from the manual-values CSV
  std::string unit_type = "region";
  // empty: the extract's county (unit_type region); "each": one status per unit of unit_type
  // that has a value for the period (Kalmar's 0.8 ready days per municipality).
  std::string unit;
  std::string sex = "all";  // all, M, F, or "each": one status for M and one for F
  std::string age_group = "all";
  std::string period = "report";  // report | last_month | rolling12 | an explicit label
  std::string measure;            // display unit ("%", "dagar"); empty: from the indicator
  Target target;
  Direction direction = Direction::kDecrease;
  double tolerance = 0;  // |difference| <= tolerance counts as unchanged
  // |difference| <= tolerance_percent % of the base value counts as unchanged (relative
  // tolerance); with both, a difference inside either counts as unchanged.
  double tolerance_percent = 0;
  std::optional<int> base_year;
  // The base is the whole base year (`2013`), not the same period shifted to it: seed 003's
  // "2013 vs delår 2018".
  bool base_whole_year = false;
  // Rates per 100 000 of a period shorter than 12 months are scaled to a year (x 12 / months)
  // before they are compared, so a delår compares like with like with a whole base year.
  bool annualise = false;
  // Base values per instance of a goal with sex = "each" (keys M, F) or unit = "each" (keys
  // unit ids); an instance without its own key uses base_value.
  std::map<std::string, double> base_values;
  std::optional<double> base_value;      // used when the table has no base-period row
  std::optional<double> base_numerator;  // optional, lets the report test significance
  std::optional<double> base_denominator;
  std::map<std::string, double> national;   // period label -> national value
  // Where national values not written in the goals file came from ("Kolada U00000, riket 2021,
  // riket.json": nara report --national, docs/kolada.md); empty: only the goals file's.
  std::string national_source;
  bool measures_started = false;            // "not yet met" instead of "not met" when off target
  std::optional<GoalStatus> manual_status;  // assignments: the status set by hand
  // An assignment (uppdrag): `kind = "uppdrag"`, or a goal with only a status. Counted apart
  // from the measured goals (StrategyCounts::assignments_*).
  bool assignment = false;
  std::string comment;
};

struct StrategicGoal {
  std::string name;
  std::vector<ResultGoal> results;
};

struct Strategy {
  std::string name;
  std::vector<StrategicGoal> goals;
};

struct GoalsFile {
  std::string title;
  std::string manual_values;  // path of the manual-values CSV (resolved against the file)
  std::vector<Strategy> strategies;
  std::string source;  // the file read
};

// Parses goals TOML. `file` names the file in messages; relative manual_values paths are
// resolved against `base_dir`. Unknown keys, a missing id/name/indicator, a target that cannot be
// read and duplicate ids are usage errors naming the key.
Result<GoalsFile> ParseGoals(std::string_view text, std::string_view file,
                             const std::string& base_dir);
// Reads and parses `path` (kIoError when unreadable).
Result<GoalsFile> ReadGoals(const std::string& path);

// Parses a target as written in the file: "< 17", ">= 80", "better_than_base",
// "better_than_national". nullopt when unreadable.
std::optional<Target> ParseTarget(std::string_view text);

}  // namespace nara::goals
