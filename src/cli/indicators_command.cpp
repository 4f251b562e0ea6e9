// `nara indicators EXTRACT [--config F] [--out FILE] [--format csv|json|xlsx|kolada]
//  [--suppress N] [--period P]... [--indicator ID]... [--period-type T]... [--unit-type T]...
//  [--unit U]... [--lang sv|en]`.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>

#include "base/atomic_file.hpp"
#include "base/phase_timer.hpp"
#include "cli/commands.hpp"
#include "cli/main.hpp"
#include "indicators/row_filter.hpp"
#include "indicators/suppression.hpp"
#include "indicators/table_writer.hpp"
#include "kolada/kolada_export.hpp"
#include "run/compute.hpp"
#include "run/unit_names.hpp"

namespace nara::cli {
namespace {

struct IndicatorsOptions {
  ExtractOptions extract;
  std::string out;
  std::string format;
  int suppress = -1;  // -1: the configuration's [suppression] min_count
  std::vector<std::string> periods;  // --period, repeatable: added to the standard periods
  indicators::RowFilterOptions filter;
  std::string lang = "sv";  // the workbook's words (csv and json keep the contract's ids)
};

Result<int> RunIndicators(IndicatorsOptions options) {
  NARA_ASSIGN_OR_RETURN(auto config, run::OpenConfig(options.extract.config_file));
  std::string format = options.format;
  if (format.empty()) {
    const std::string extension = std::filesystem::path(options.out).extension().string();
    format = extension == ".json" ? "json" : extension == ".xlsx" ? "xlsx" : "csv";
  }
  if (format == "xlsx" && options.out.empty()) {
    return UsageError("--format xlsx needs --out FILE (a workbook is not written to the terminal)");
  }
  // Kolada's shape (docs/kolada.md): only indicators with a KPI id in [kolada.kpi].
  kolada::KpiMap kpis;
  if (format == "kolada") {
    if (options.out.empty()) {
      return UsageError("--format kolada needs --out FILE (it writes FILE and FILE.kpi.json)");
    }
    NARA_ASSIGN_OR_RETURN(kpis, kolada::CheckMapping(config.config));
    if (kpis.empty()) {
      return UsageError(fmt::format(
          "--format kolada: {} maps no indicator to a Kolada KPI (add [kolada.kpi], e.g. "
          "readmission_30d_65plus = \"U00000\"; docs/kolada.md)",
          config.config.source));
    }
  }
  NARA_ASSIGN_OR_RETURN(const auto filter, indicators::RowFilter::Make(options.filter));
  PhaseTimer timer("load");
  NARA_ASSIGN_OR_RETURN(auto run, run::OpenRun(RunOptionsFor(options.extract), std::move(config)));
  if (const int64_t rejected = run.report().rows_rejected(); rejected > 0) {
    std::fprintf(stderr,
                 "nara indicators: %lld rows rejected at ingest (run 'nara check' for "
                 "the list)\n",
                 static_cast<long long>(rejected));
  }
  std::vector<Period> extra;
  for (const std::string& text : options.periods) {
    const auto& manifest = run.extract().manifest;
    auto period = ResolvePeriod(text, manifest.coverage_from, manifest.coverage_to);
    if (!period.ok()) return UsageError("--" + period.status().message());
    extra.push_back(*period);
  }
  timer.Lap("compute");
  NARA_ASSIGN_OR_RETURN(auto computed, run::Compute(run, extra));
  model::UnitNames unit_names;
  if (format == "xlsx") {
    NARA_ASSIGN_OR_RETURN(unit_names, run::UnitNamesOf(run));
  }
  indicators::IndicatorTable* table = &computed.table;
  const int configured_min_count = run.config.config.suppression_min_count;
  // The extract and the settlement are not needed any more: their memory is given back on
  // another thread while the table is suppressed and written (freeing millions of blocks takes a
  // noticeable time).
  struct Held {
    run::Run run;
    std::optional<settlement::Settlement> settlement;
  };
  auto held = std::make_unique<Held>(Held{std::move(run), std::move(computed.whole_months)});
  std::thread release([held = std::move(held)]() mutable { held.reset(); });
  struct Joiner {
    std::thread& thread;
    ~Joiner() { thread.join(); }
  } joiner{release};
  timer.Lap("suppress");
  const int min_count = options.suppress >= 0 ? options.suppress : configured_min_count;
  const int64_t suppressed = indicators::Suppress(table->rows, min_count);
  // The filter runs on the suppressed table, so a narrower table hides the same cells.
  const size_t all_rows = table->rows.size();
  filter.Apply(table->rows);
  if (!filter.empty()) {
    std::fprintf(stderr, "note: the filter kept %zu of %zu rows\n", table->rows.size(), all_rows);
  }
  for (const auto& note : table->notes) std::fprintf(stderr, "note: %s\n", note.c_str());
  if (min_count > 0) {
    std::fprintf(stderr, "note: suppression with min_count %d hid %lld cells\n", min_count,
                 static_cast<long long>(suppressed));
  }
  timer.Lap("write");
  // A file is written to a temporary file beside it and renamed over it only when all of it was
  // written (base/atomic_file.hpp): a full disk leaves the previous table, never a cut one.
  if (format == "kolada") {
    const kolada::Export exported = kolada::ExportTable(*table, kpis);
    for (const auto& id : exported.unmapped) {
      std::fprintf(stderr, "note: %s has no Kolada KPI id in [kolada.kpi]: not exported\n",
                   id.c_str());
    }
    OutputSet outputs;
    NARA_RETURN_IF_ERROR(
        outputs.Add(options.out, kolada::ValuesJson(exported.values), "the Kolada values"));
    NARA_RETURN_IF_ERROR(outputs.Add(options.out + ".kpi.json", kolada::KpiMetadataJson(kpis),
                                     "the Kolada KPI metadata"));
    NARA_RETURN_IF_ERROR(outputs.CommitAll());
    std::fprintf(stderr, "Wrote %zu Kolada values to %s and the KPI metadata to %s.kpi.json\n",
                 exported.values.size(), options.out.c_str(), options.out.c_str());
    return kExitOk;
  } else if (format == "xlsx") {
    NARA_RETURN_IF_ERROR(WriteThroughTemporary(
        options.out, "the indicator table", [&](const std::string& temporary) {
          indicators::XlsxOptions xlsx;
          xlsx.language = options.lang == "en" ? model::Language::kEnglish
                                               : model::Language::kSwedish;
          xlsx.unit_names = &unit_names;
          xlsx.min_count = min_count;
          return indicators::WriteTableXlsx(*table, temporary, xlsx);
        }));
  } else if (format == "csv") {
    if (options.out.empty()) {
      NARA_RETURN_IF_ERROR(indicators::WriteTableCsv(*table, stdout, "standard output"));
    } else {
      NARA_ASSIGN_OR_RETURN(auto file, AtomicFile::Create(options.out, "the indicator table"));
      NARA_RETURN_IF_ERROR(indicators::WriteTableCsv(*table, file.file(), options.out));
      NARA_RETURN_IF_ERROR(file.Commit());
    }
  } else {
    const std::string text = indicators::TableJson(*table);
    if (options.out.empty()) {
      std::fwrite(text.data(), 1, text.size(), stdout);
    } else {
      NARA_RETURN_IF_ERROR(WriteFileAtomically(options.out, text, "the indicator table"));
    }
  }
  if (!options.out.empty()) {
    std::fprintf(stderr, "Wrote %zu rows to %s\n", table->rows.size(), options.out.c_str());
  }
  return kExitOk;
}

}  // namespace

Command AddIndicatorsCommand(CLI::App& root) {
  auto options = std::make_shared<IndicatorsOptions>();
  CLI::App* app = root.add_subcommand(
      "indicators", "Compute the indicator table of an extract (docs/indicators/README.md)");
  AddExtractOptions(*app, options->extract);
  app->add_option("--out", options->out, "Output file (default: standard output)");
  app->add_option("--format", options->format, "csv, json, xlsx or kolada (default from --out, else csv)")
      ->check(CLI::IsMember({"csv", "json", "xlsx", "kolada"}));
  app->add_option("--suppress", options->suppress,
                  "Hide cells with counts below N (and enough siblings to protect them)")
      ->check(CLI::Range(0, 1000));
  app->add_option("--period", options->periods,
                  "Add a period to the table (repeatable): a range of whole months "
                  "2019-01/2019-08, ytd (year to date), or any period label")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app->add_option("--indicator", options->filter.indicators,
                  "Only this indicator (repeatable; ids as in docs/indicators/)");
  app->add_option("--period-type", options->filter.period_types,
                  "Only periods of this type: month, quarter, tertial, half_year, year, "
                  "rolling_12, range (repeatable)");
  app->add_option("--unit-type", options->filter.unit_types,
                  "Only units of this type: region, county, area, municipality, hospital, "
                  "clinic, health_center (repeatable)");
  app->add_option("--unit", options->filter.units,
                  "Only this unit (a municipality or county code, or a hospital, clinic or "
                  "health centre as in the extract; repeatable)");
  app->add_option("--lang", options->lang, "The workbook's language: sv (default) or en")
      ->check(CLI::IsMember({"sv", "en"}));
  return {app, [options] { return RunIndicators(*options); }};
}

}  // namespace nara::cli
