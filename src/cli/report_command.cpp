// `nara report EXTRACT --period P [--goals F] [--manual F] [--national F] [--config F]
// [--lang sv|en] --out DIR`.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

#include "cli/commands.hpp"
#include "cli/main.hpp"
#include "goals/goals_file.hpp"
#include "indicators/suppression.hpp"
#include "kolada/kolada_export.hpp"
#include "kolada/kolada_values.hpp"
#include "run/compute.hpp"
#include "run/report_job.hpp"

namespace nara::cli {
namespace {

struct ReportOptions {
  ExtractOptions extract;
  std::string goals_file;
  std::string manual_file;
  std::string national_file;
  std::string period;
  std::string out_dir;
  std::string lang = "sv";
  int suppress = -1;
};

Result<int> RunReport(ReportOptions options) {
  NARA_ASSIGN_OR_RETURN(auto config, run::OpenConfig(options.extract.config_file));
  // Read the goals file before the slow part, so a mistake in it fails at once.
  if (!options.goals_file.empty()) {
    auto goals = goals::ReadGoals(options.goals_file);
    if (!goals.ok()) {
      if (goals.status().code() == StatusCode::kIoError) {
        return UsageError(fmt::format("--goals {}: cannot read the file", options.goals_file));
      }
      return goals.status();
    }
  }
  // The national values and the KPI mapping are checked before the slow part too.
  if (!options.national_file.empty()) {
    NARA_ASSIGN_OR_RETURN(auto kpis, kolada::CheckMapping(config.config));
    if (kpis.empty()) {
      return UsageError(fmt::format(
          "--national: {} maps no indicator to a Kolada KPI ([kolada.kpi], docs/kolada.md)",
          config.config.source));
    }
    auto national = kolada::ReadValues(options.national_file);
    if (!national.ok()) {
      if (national.status().code() == StatusCode::kIoError) {
        return UsageError(fmt::format("--national {}: cannot read the file", options.national_file));
      }
      return national.status();
    }
  }
  NARA_ASSIGN_OR_RETURN(auto run, run::OpenRun(RunOptionsFor(options.extract), std::move(config)));
  // Check the period before the indicator pass, so a wrong period fails fast.
  NARA_RETURN_IF_ERROR(run::CheckReportPeriod(options.period, run.extract()));
  NARA_ASSIGN_OR_RETURN(auto computed, run::Compute(run));
  indicators::IndicatorTable& table = computed.table;
  const int min_count = run::ReportMinCount(options.suppress, run.config.config);
  indicators::Suppress(table.rows, min_count);
  run::ReportSettings settings;
  settings.period = options.period;
  settings.goals_file = options.goals_file;
  settings.manual_file = options.manual_file;
  settings.national_file = options.national_file;
  settings.out_dir = options.out_dir;
  settings.swedish = options.lang == "sv";
  settings.suppression_min_count = min_count;
  NARA_ASSIGN_OR_RETURN(auto path, run::WriteReport(run, table, settings));
  std::fprintf(stderr, "Wrote %s\n", path.c_str());
  return kExitOk;
}

}  // namespace

Command AddReportCommand(CLI::App& root) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* app = root.add_subcommand(
      "report", "Write the board report (self-contained HTML) for a month or a tertial");
  AddExtractOptions(*app, options->extract);
  app->add_option("--period", options->period, "2022-T1 (tertial report) or 2022-03 (monthly)")
      ->required();
  app->add_option("--goals", options->goals_file, "Goals file (docs/goals.md)");
  app->add_option("--manual", options->manual_file,
                  "Manual values CSV (default: the goals file's manual_values)");
  app->add_option("--national", options->national_file,
                  "National values, Kolada JSON or CSV (docs/kolada.md), for the Riket column");
  app->add_option("--out", options->out_dir, "Folder for rapport-<period>.html")->required();
  app->add_option("--lang", options->lang, "sv (default) or en")
      ->check(CLI::IsMember({"sv", "en"}));
  app->add_option("--suppress", options->suppress,
                  "Hide cells with counts below N (default 5, or the configuration's min_count "
                  "when larger; 0 for an internal report)")
      ->check(CLI::Range(0, 1000));
  return {app, [options] { return RunReport(*options); }};
}

}  // namespace nara::cli
