// The values goals are assessed on: the indicator table's rows plus manually reported values
// (staff survey index, budget deviation, counts reported by hand) read from a CSV with the
// indicator table's columns. A manual row replaces a table row with the same key.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/period.hpp"
#include "base/status.hpp"
#include "indicators/engine.hpp"

namespace nara {
class CsvReader;
}

namespace nara::goals {

enum class ValueKind { kShare, kRate, kMean, kCount, kUnknown };

// One value of one indicator for one period, unit and group.
struct Observation {
  double value = 0;                    // as the table writes it: rounded to 3 decimals
  std::optional<int64_t> numerator;    // absent for manual values without counts
  std::optional<int64_t> denominator;  // absent for counts
  ValueKind kind = ValueKind::kUnknown;
  bool suppressed = false;  // small-number suppression hid the value
  bool manual = false;      // from the manual-values CSV (or the goals file)
};

// Selection of one series: indicator and group in a unit.
struct SeriesKey {
  std::string indicator;
  std::string unit_type;
  std::string unit;
  std::string sex;
  std::string age_group;
};

// Lookup by (indicator, period, unit type, unit, sex, age group). Not thread-safe for writes;
// reads may be shared once filled.
class ValueTable {
 public:
  // Adds every row of the indicator table.
  void AddTable(const indicators::IndicatorTable& table);
  // Adds one value (manual rows, tests).
  void Add(const SeriesKey& key, const std::string& period, const Observation& observation);
  // Reads a manual-values CSV (columns indicator, period, unit_type, unit, sex, age_group,
  // numerator, denominator, value, [suppressed]; unit_type/unit/sex/age_group may be left out
  // and then mean the region, `region_unit`, all, all). Rows replace table rows with the same
  // key. kInvalidInput naming file, line and column for a bad row; kIoError when unreadable.
  Status AddManualCsv(const std::string& path, const std::string& region_unit);
  // Same, from text in memory (`file` names it in messages).
  Status AddManualText(std::string text, const std::string& file, const std::string& region_unit);

  const Observation* Find(const SeriesKey& key, const std::string& period) const;
  // Every period of `type` for the series, in time order.
  std::vector<std::pair<Period, Observation>> Series(const SeriesKey& key, PeriodType type) const;
  // The units of `unit_type` that have a row of `indicator` in `period` (sex and age all).
  std::vector<std::string> Units(const std::string& indicator, const std::string& unit_type,
                                 const std::string& period) const;
  int64_t manual_rows() const { return manual_rows_; }

 private:
  Status ReadManual(CsvReader& reader, const std::string& file, const std::string& region_unit);
  static std::string SeriesId(const SeriesKey& key);
  // series id -> period label -> observation
  std::unordered_map<std::string, std::unordered_map<std::string, Observation>> series_;
  int64_t manual_rows_ = 0;
};

// The value rounded as the indicator table rounds it (3 decimals, half away from zero).
double RoundToTable(double value);

}  // namespace nara::goals
