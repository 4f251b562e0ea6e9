// The indicator engine: an extract in, the long indicator table of data contract §4.1 out.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/period.hpp"
#include "base/status.hpp"
#include "config/config.hpp"
#include "indicators/catalog.hpp"
#include "indicators/patient_pass.hpp"
#include "model/extract.hpp"
#include "settlement/settle.hpp"

namespace nara::indicators {

// One row of the indicator table.
struct Row {
  Indicator indicator;
  Period period;
  const char* unit_type;
  std::string unit;
  const char* sex;        // all, M, F
  const char* age_group;  // all, 0-17, 18-64, 65-79, 80+
  int64_t numerator;
  int64_t denominator;    // for counts: items (not written)
  bool suppressed = false;
};

struct IndicatorTable {
  std::vector<Row> rows;           // sorted as data contract §4.1 says
  std::vector<std::string> notes;     // why periods are missing, anomalies counted (English)
  std::vector<std::string> notes_sv;  // the same notes in Swedish, one for one
  void AddNote(std::string english, std::string swedish) {
    notes.push_back(std::move(english));
    notes_sv.push_back(std::move(swedish));
  }
  // The notes in the reader's language.
  const std::vector<std::string>& NotesIn(bool swedish) const {
    return swedish && notes_sv.size() == notes.size() ? notes_sv : notes;
  }
  // Years with liable days but no price per day: liable_amount has no row for a period that
  // touches one (never 0 kr); readers say "pris saknas för <year>" there.
  std::set<int> missing_price_years;
  PassCounters counters;
};

struct EngineOptions {
  int threads = 2;
  std::string acsc_file;  // data/reference/acsc_chronic.csv
  // The settlement of every month wholly inside coverage (settlement::SettleWholeMonths), for
  // liable_days and liable_amount; nullptr when the coverage holds no whole month. Not owned.
  const settlement::Settlement* whole_months = nullptr;
  // Periods asked for beside the standard ones (`nara indicators --period`): ranges of whole
  // months, or any other period. Each one wholly inside coverage and not already a standard
  // period is added once, in output order (type, then time); one outside coverage gets a note.
  std::vector<Period> extra_periods;
};

// Computes every indicator for every computable period, unit and group. Fails only when the ACSC
// list cannot be read.
Result<IndicatorTable> ComputeIndicators(const model::Extract& extract,
                                         const config::Config& config,
                                         const EngineOptions& options);

// value for a row (share %, mean, rate per 100 000, count), unrounded.
double RowValue(const Row& row);

}  // namespace nara::indicators
