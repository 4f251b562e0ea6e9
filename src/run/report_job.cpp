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
#include "goals/period_label.hpp"
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

void FillNationalValues(goals::GoalsFile& goals, const kolada::ValueSet& values,
                        const kolada::KpiMap& kpis, const Period& report_period) {
  for (auto& strategy : goals.strategies) {
    for (auto& strategic : strategy.goals) {
      for (auto& goal : strategic.results) {
        if (goal.manual) continue;
        auto kpi = kpis.find(goal.indicator);
        if (kpi == kpis.end()) continue;
        const Period period = goals::GoalPeriod(goal, report_period);
        const int year = YearOfMonth(period.last_month);
        std::vector<int> years_used;
        // The same period of every year with a national value of its own.
        for (const auto& v : values.values) {
          if (v.kpi != kpi->second || v.municipality != kolada::kNation || v.gender != "T" ||
              !v.value || v.period > year) {
            continue;
          }
          const std::string label = goals::ShiftYears(period, v.period - year).Label();
          if (goal.national.emplace(label, *v.value).second) years_used.push_back(v.period);
        }
        // The goal's own period: its year, else the newest earlier year.
        if (!goal.national.count(period.Label())) {
          if (auto newest = values.NewestYearUpTo(kpi->second, kolada::kNation, year)) {
            goal.national[period.Label()] =
                *values.Find(kpi->second, kolada::kNation, *newest)->value;
            years_used.push_back(*newest);
          }
        }
        if (years_used.empty()) continue;
        const int newest = *std::max_element(years_used.begin(), years_used.end());
        goal.national_source = fmt::format("Kolada {}, riket {}", kpi->second, newest);
      }
    }
  }
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
  std::optional<kolada::ValueSet> national;
  if (!settings.national_file.empty()) {
    NARA_ASSIGN_OR_RETURN(auto kpis, kolada::CheckMapping(config));
    NARA_ASSIGN_OR_RETURN(auto read, kolada::ReadValues(settings.national_file));
    national = std::move(read);
    if (goals_file) FillNationalValues(*goals_file, *national, kpis, input.period);
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
    goals::AssessOptions assess{input.period, extract.manifest.county, settings.swedish};
    assess.coverage_to = extract.manifest.coverage_to;
    assess.follow_up_days = config.readmission.window_days;
    input.assessments = goals::Assess(*goals_file, values, assess);
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
  if (national) {
    data.national_source = national->source;
    data.national_values = static_cast<int64_t>(national->values.size());
  }
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
