// Assembling the report input from an extract, its table, the goals and the manual values.
#include "run/report_job.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "base/atomic_file.hpp"
#include "base/period.hpp"
#include "goals/assessment.hpp"
#include "goals/cohort.hpp"
#include "goals/goals_file.hpp"
#include "goals/value_table.hpp"
#include "report/html_report.hpp"

namespace nara::run {

int ReportMinCount(int asked, const config::Config& config) {
  if (asked >= 0) return asked;
  return std::max(kReportDefaultMinCount, config.suppression_min_count);
}

Status CheckReportPeriod(const std::string& label, const model::Extract& extract) {
  auto period = ParsePeriod(label);
  if (!period) {
    return UsageError(
        fmt::format("--period {}: expected a month (2022-03) or a tertial (2022-T1)", label));
  }
  NARA_ASSIGN_OR_RETURN(auto preset, report::PresetFor(*period));
  const auto& m = extract.manifest;
  for (const auto& inside : PeriodsInside(m.coverage_from, m.coverage_to)) {
    if (inside == *period) return Status::Ok();
  }
  return UsageError(fmt::format("--period {}: not wholly inside the extract's coverage {} – {}",
                                label, FormatDate(m.coverage_from), FormatDate(m.coverage_to)));
}

Result<std::string> WriteReport(const Run& run, const indicators::IndicatorTable& table,
                                const ReportSettings& settings) {
  const model::Extract& extract = run.extract();
  const config::Config& config = run.config.config;
  NARA_RETURN_IF_ERROR(CheckReportPeriod(settings.period, extract));
  report::ReportInput input;
  input.period = *ParsePeriod(settings.period);
  input.preset = *report::PresetFor(input.period);
  input.swedish = settings.swedish;
  input.extract = &extract;
  input.table = &table;

  std::optional<goals::GoalsFile> goals_file;
  if (!settings.goals_file.empty()) {
    NARA_ASSIGN_OR_RETURN(auto read, goals::ReadGoals(settings.goals_file));
    goals_file = std::move(read);
  }
  goals::ValueTable values;
  values.AddTable(table);
  const std::string manual = !settings.manual_file.empty() ? settings.manual_file
                             : goals_file                  ? goals_file->manual_values
                                                           : std::string();
  if (!manual.empty()) {
    NARA_RETURN_IF_ERROR(values.AddManualCsv(manual, extract.manifest.county));
  }
  input.values = &values;
  if (goals_file) {
    input.goals = &*goals_file;
    input.assessments = goals::Assess(*goals_file, values,
                                      {input.period, extract.manifest.county, settings.swedish});
  }
  for (uint32_t code = 1; code < extract.programmes.size(); ++code) {
    NARA_ASSIGN_OR_RETURN(auto cohort,
                          goals::AnalyseProgramme(extract, {extract.programmes.Name(code), 365}));
    input.cohorts.push_back(std::move(cohort));
  }
  report::DataSummary& data = input.data;
  data.extract_dir = run.report().extract_dir;
  for (const auto& t : run.report().tables) {
    data.tables.push_back({t.file, t.present, t.read, t.used});
  }
  data.rows_rejected = run.report().rows_rejected();
  data.config_source = config.source;
  data.goals_source = settings.goals_file;
  data.manual_source = manual;
  data.manual_rows = values.manual_rows();
  data.suppression_min_count = settings.suppression_min_count;
  data.version = NARA_VERSION;

  const std::string html = report::RenderReport(input);
  std::error_code error;
  std::filesystem::create_directories(settings.out_dir, error);
  const std::string path =
      (std::filesystem::path(settings.out_dir) / ("rapport-" + settings.period + ".html")).string();
  NARA_RETURN_IF_ERROR(WriteFileAtomically(path, html, "the report"));
  return path;
}

}  // namespace nara::run
