// Writing the board report from a loaded extract and its indicator table: shared by
// `nara report` and `nara demo`.
#pragma once

#include <string>

#include "base/period.hpp"
#include "goals/goals_file.hpp"
#include "indicators/engine.hpp"
#include "kolada/kolada_export.hpp"
#include "kolada/kolada_values.hpp"
#include "run/open_run.hpp"

namespace nara::run {

// A board report is published: it is suppressed by default with the dashboard's public rule
// (cells with fewer than 5 cases, and the cells that would reveal them), or with nara.toml's
// [suppression] min_count when that is larger. `asked` >= 0 (`--suppress N`) overrides both;
// `--suppress 0` is an internal report, and the report says so.
inline constexpr int kReportDefaultMinCount = 5;
int ReportMinCount(int asked, const config::Config& config);

struct ReportSettings {
  std::string period;       // 2022-T1 or 2022-03
  std::string goals_file;   // empty: no goals
  std::string manual_file;  // empty: the goals file's manual_values, if any
  std::string national_file;  // empty: none; else Kolada JSON or CSV (docs/kolada.md)
  std::string out_dir;
  bool swedish = true;
  int suppression_min_count = 0;
};

// The period label checked against the extract's coverage: a usage error naming the coverage
// when the period is not wholly inside it, or is neither a month nor a tertial.
Status CheckReportPeriod(const std::string& label, const model::Extract& extract);

// Fills the goals' national values from Kolada values (docs/kolada.md): for a goal on an
// indicator with a KPI id in `kpis`, the nation's (unit 0000, gender T) value of the year of the
// goal's period, else of the newest earlier year, for that period; and for the same period of
// every other year with a value of its own (the trend chart). A value the goals file gives for a
// period stays. Each goal filled names the KPI and the newest year used in national_source
// ("Kolada U00000, riket 2021"); the file is named in the report's data section.
void FillNationalValues(goals::GoalsFile& goals, const kolada::ValueSet& values,
                        const kolada::KpiMap& kpis, const Period& report_period);

// Assesses the goals, runs the programme analyses and writes DIR/rapport-<period>.html.
// Returns the path written.
Result<std::string> WriteReport(const Run& run, const indicators::IndicatorTable& table,
                                const ReportSettings& settings);

}  // namespace nara::run
