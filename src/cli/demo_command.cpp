// `nara demo`: make the synthetic demo extract and run the main job on it.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

#include "base/atomic_file.hpp"
#include "base/period.hpp"
#include "cli/commands.hpp"
#include "cli/main.hpp"
#include "indicators/suppression.hpp"
#include "indicators/table_writer.hpp"
#include "ingest/ingest_report_writer.hpp"
#include "run/compute.hpp"
#include "run/report_job.hpp"
#include "run/unit_names.hpp"
#include "synth/generator.hpp"

namespace nara::cli {
namespace {

struct DemoOptions {
  std::string out_dir = "nara-demo";
  std::string config_file;
  int64_t stays = 20000;
};

// The latest tertial of the extract whose readmissions can be followed up (30 days after its
// last day inside coverage), so that every goal of the example file has a value.
std::string DemoTertial(const model::Extract& extract, int window_days) {
  std::string label;
  for (const auto& period :
       PeriodsInside(extract.manifest.coverage_from, extract.manifest.coverage_to)) {
    if (period.type == PeriodType::kTertial &&
        LastDayOfMonth(period.last_month) + window_days <= extract.manifest.coverage_to) {
      label = period.Label();
    }
  }
  return label;
}

// The demo's main job: the ingest check, the indicator table and the tertial report of the
// synthetic extract with the example goals (examples/goals.toml).
Result<int> RunDemo(const DemoOptions& options) {
  namespace fs = std::filesystem;
  const fs::path out(options.out_dir);
  synth::SynthOptions synth = synth::DefaultOptions();
  synth.out_dir = (out / "extract").string();
  synth.stays = options.stays;
  synth.seed = 2026;
  synth.reference_dir = (fs::path(DataDir()) / "reference").string();
  NARA_RETURN_IF_ERROR(synth::Generate(synth));
  std::printf("Synthetic demo extract: %s (%lld stays, Region Kalmar län, seed 2026)\n\n",
              synth.out_dir.c_str(), static_cast<long long>(options.stays));

  ExtractOptions extract;
  extract.extract_dir = synth.out_dir;
  extract.config_file = options.config_file;
  extract.test_data = true;
  NARA_ASSIGN_OR_RETURN(auto run, run::OpenRun(RunOptionsFor(extract)));
  const auto check_dir = out / "check";
  fs::create_directories(check_dir);
  NARA_RETURN_IF_ERROR(ingest::WriteCheckFiles(run.loaded, check_dir.string()));
  std::fputs(ingest::FormatReportText(run.loaded).c_str(), stdout);

  NARA_ASSIGN_OR_RETURN(auto computed, run::Compute(run));
  const indicators::IndicatorTable* table = &computed.table;
  const auto table_path = (out / "indicators.csv").string();
  NARA_ASSIGN_OR_RETURN(const auto unit_names, run::UnitNamesOf(run));
  indicators::XlsxOptions xlsx;
  xlsx.unit_names = &unit_names;
  // The table as CSV and as a workbook: both or neither (base/atomic_file.hpp).
  OutputSet tables;
  NARA_RETURN_IF_ERROR(tables.Add(table_path, indicators::TableCsv(*table), "the indicator table"));
  NARA_RETURN_IF_ERROR(tables.AddThroughTemporary(
      (out / "indicators.xlsx").string(), "the indicator workbook",
      [&](const std::string& temporary) {
        return indicators::WriteTableXlsx(*table, temporary, xlsx);
      }));
  NARA_RETURN_IF_ERROR(tables.CommitAll());
  std::printf("\nIndicator table: %s and indicators.xlsx (%zu rows). Region, all ages, 2021:\n",
              table_path.c_str(), table->rows.size());
  for (const auto& row : table->rows) {
    if (row.period.Label() == "2021" && std::string(row.unit_type) == "region" &&
        std::string(row.sex) == "all" && std::string(row.age_group) == "all") {
      std::printf("  %-40s %12s\n", std::string(indicators::Info(row.indicator).id).c_str(),
                  indicators::FormatValue(row).c_str());
    }
  }
  for (const auto& note : table->notes) std::printf("note: %s\n", note.c_str());
  run::ReportSettings report;
  report.period = DemoTertial(run.extract(), run.config.config.readmission.window_days);
  report.goals_file = (fs::path(NARA_EXAMPLES_DIR) / "goals.toml").string();
  report.out_dir = out.string();
  if (!report.period.empty()) {
    // The report is published: its own copy of the table, suppressed by the report's default.
    indicators::IndicatorTable published = *table;
    report.suppression_min_count = run::ReportMinCount(-1, run.config.config);
    indicators::Suppress(published.rows, report.suppression_min_count);
    NARA_ASSIGN_OR_RETURN(auto path, run::WriteReport(run, published, report));
    std::printf("\nTertial report %s with the example goals: %s\n", report.period.c_str(),
                path.c_str());
  }
  std::printf("\nDemo output in %s\n", options.out_dir.c_str());
  return kExitOk;
}

}  // namespace

Command AddDemoCommand(CLI::App& root) {
  auto options = std::make_shared<DemoOptions>();
  CLI::App* app =
      root.add_subcommand("demo", "Make the synthetic demo extract and run the main job on it");
  app->add_option("--out", options->out_dir, "Folder for the demo (default nara-demo)");
  app->add_option("--config", options->config_file,
                  "nara.toml with the region's settings (default: the law's)");
  app->add_option("--stays", options->stays, "Stays in the demo extract (default 20000)")
      ->check(CLI::Range(100LL, 10000000LL));
  return {app, [options] { return RunDemo(*options); }};
}

}  // namespace nara::cli
