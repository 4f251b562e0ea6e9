// `nara ingest EXTRACT --store FILE [--config F] [--suppress N] [--goals F [--manual F]]`: add
// an extract's results to the store (docs/store.md).
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <set>
#include <vector>

#include "base/sha256.hpp"
#include "cli/commands.hpp"
#include "cli/main.hpp"
#include "indicators/suppression.hpp"
#include "run/compute.hpp"
#include "run/store_goals.hpp"
#include "store/store.hpp"

namespace nara::cli {
namespace {

struct IngestOptions {
  ExtractOptions extract;
  std::string store_path;
  std::string goals_file;
  std::string manual_file;
  int suppress = 5;
};

Result<int> RunIngest(IngestOptions options) {
  NARA_ASSIGN_OR_RETURN(auto config, run::OpenConfig(options.extract.config_file));
  // The store's idempotence key: the configuration and, with --goals, the goals and manual
  // values (other goals make another entry).
  std::string results_key = config.fingerprint;
  std::optional<run::StoreGoalInputs> goal_inputs;
  if (!options.goals_file.empty()) {
    NARA_ASSIGN_OR_RETURN(auto read,
                          run::ReadStoreGoalInputs(options.goals_file, options.manual_file));
    goal_inputs = std::move(read);
    results_key = Sha256Hex(results_key + "\ngoals " + goal_inputs->source.goals_sha256 +
                            "\nmanual " + goal_inputs->source.manual_sha256);
  } else if (!options.manual_file.empty()) {
    return UsageError("--manual needs --goals");
  }
  auto checksum = ExtractFingerprint(options.extract.extract_dir);
  if (!checksum.ok()) return checksum.status();
  NARA_ASSIGN_OR_RETURN(auto store, store::Store::Open(options.store_path, /*read_only=*/false));
  // Idempotence is checked before the expensive work, and again inside the write transaction.
  NARA_ASSIGN_OR_RETURN(auto existing, (store)->FindByChecksum(*checksum, results_key));
  if (existing.has_value()) {
    std::fprintf(stderr, "nara ingest: already in the store as extract %lld; nothing changed\n",
                 static_cast<long long>((existing)->id));
    return kExitOk;
  }
  NARA_ASSIGN_OR_RETURN(auto run, run::OpenRun(RunOptionsFor(options.extract), std::move(config)));
  const auto& extract = run.extract();
  const auto& report = run.report();
  // One settlement of the whole months feeds the indicator table and the store.
  NARA_ASSIGN_OR_RETURN(auto computed, run::Compute(run));
  indicators::IndicatorTable* table = &computed.table;
  const run::StoreSettlement settlement_rows = run::ForStore(extract, computed.whole_months);
  const std::set<int> no_missing_years;
  for (int year :
       computed.whole_months ? computed.whole_months->missing_price_years : no_missing_years) {
    std::fprintf(stderr,
                 "note: no price per liable day for %d: its liable days are stored with the "
                 "amount missing (pris saknas för %d), not 0 kr; add %d = <kronor> under "
                 "[settlement.price_per_day] to price them\n",
                 year, year, year);
  }
  std::vector<store::GoalAssessmentRecord> goal_assessments;
  if (goal_inputs) {
    NARA_RETURN_IF_ERROR(
        run::AssessForStore(*goal_inputs, extract, *table, "full", &goal_assessments,
                                             run.config.config.readmission.window_days));
  }
  // The rows keep their numerators; the flags are what the public sees (docs/store.md).
  indicators::Suppress(table->rows, options.suppress);
  if (goal_inputs) {
    NARA_RETURN_IF_ERROR(
        run::AssessForStore(*goal_inputs, extract, *table, "public", &goal_assessments,
                                             run.config.config.readmission.window_days));
  }
  store::NewExtract record;
  record.info.checksum = *checksum;
  record.info.config_hash = results_key;
  record.info.region = extract.manifest.region;
  record.info.county = extract.manifest.county;
  record.info.coverage_from = FormatDate(extract.manifest.coverage_from);
  record.info.coverage_to = FormatDate(extract.manifest.coverage_to);
  record.info.created = FormatDateTime(extract.manifest.created);
  std::replace(record.info.created.begin(), record.info.created.end(), ' ', 'T');  // ISO 8601
  int64_t rows_read = 0;
  for (const auto& counts : report.tables) rows_read += counts.read;
  record.info.rows_read = rows_read;
  record.info.rows_rejected = report.rows_rejected();
  record.info.public_min_count = options.suppress;
  record.extract = &extract;
  record.report = &report;
  record.table = &*table;
  record.settlement_summary = &settlement_rows.summary;
  record.settlement_basis = &settlement_rows.basis;
  if (goal_inputs) {
    record.goal_source = &goal_inputs->source;
    record.goal_assessments = &goal_assessments;
  }
  NARA_ASSIGN_OR_RETURN(auto added, (store)->AddExtract(record));
  if (!added.added) {
    std::fprintf(stderr, "nara ingest: already in the store as extract %lld; nothing changed\n",
                 static_cast<long long>(added.id));
    return kExitOk;
  }
  std::fprintf(stderr,
               "nara ingest: added extract %lld to %s: %zu indicator rows, %lld rows read, %lld "
               "rejected\n",
               static_cast<long long>(added.id), options.store_path.c_str(), table->rows.size(),
               static_cast<long long>(rows_read), static_cast<long long>(report.rows_rejected()));
  return kExitOk;
}

}  // namespace

Command AddIngestCommand(CLI::App& root) {
  auto options = std::make_shared<IngestOptions>();
  CLI::App* app = root.add_subcommand(
      "ingest", "Add an extract's results (indicator table, ingest report) to the store");
  AddExtractOptions(*app, options->extract);
  app->add_option("--store", options->store_path, "The store file (SQLite), created if absent")
      ->required();
  app->add_option("--suppress", options->suppress,
                  "Min count of the public small-number suppression stored with the rows")
      ->check(CLI::Range(0, 1000));
  app->add_option("--goals", options->goals_file,
                  "Goals file (docs/goals.md): store the goal assessment of every month and "
                  "tertial");
  app->add_option("--manual", options->manual_file,
                  "Manual values CSV (default: the goals file's manual_values)");
  return {app, [options] { return RunIngest(*options); }};
}

}  // namespace nara::cli
