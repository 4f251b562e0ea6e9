// The board report (docs/reports.md): one self-contained HTML file in Swedish (or English)
// with the goal table, pie charts per strategy, trend charts, the seed-000 table of
// readmissions 65+ by sex, per-municipality tables and a data section. No scripts and no
// network resources; a print stylesheet makes it print to A4 from a browser.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/period.hpp"
#include "goals/assessment.hpp"
#include "goals/cohort.hpp"
#include "goals/goals_file.hpp"
#include "goals/value_table.hpp"
#include "indicators/engine.hpp"
#include "model/extract.hpp"

namespace nara::report {

// Where the numbers came from, for the data section.
struct TableSummary {
  std::string file;
  bool present = false;
  int64_t read = 0;
  int64_t used = 0;
};

struct DataSummary {
  std::string extract_dir;
  std::vector<TableSummary> tables;
  int64_t rows_rejected = 0;
  std::string config_source;  // nara.toml read, or "(defaults)"
  std::string goals_source;   // goals file read, or empty
  std::string manual_source;  // manual-values CSV read, or empty
  int64_t manual_rows = 0;
  std::string national_source;  // national values read (nara report --national), or empty
  int64_t national_values = 0;
  int suppression_min_count = 0;
  std::string version;  // Nära's version: the definitions version of indicators.md
};

enum class Preset { kMonthly, kTertial };

struct ReportInput {
  const model::Extract* extract = nullptr;
  const indicators::IndicatorTable* table = nullptr;
  const goals::ValueTable* values = nullptr;
  const goals::GoalsFile* goals = nullptr;  // nullptr: no goals file given
  std::vector<goals::Assessment> assessments;
  std::vector<goals::CohortResult> cohorts;  // one per programme in the extract
  Period period{};
  Preset preset = Preset::kTertial;
  bool swedish = true;
  DataSummary data;
};

// The whole HTML document.
std::string RenderReport(const ReportInput& input);

// The preset of a period label: a month is the monthly report, a tertial the tertial report;
// other types are usage errors.
Result<Preset> PresetFor(const Period& period);

}  // namespace nara::report
