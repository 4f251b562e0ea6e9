// `nara ingest EXTRACT --store FILE [--config F] [--suppress N] [--goals F [--manual F]]`: add
// an extract's results to the store (docs/store.md).
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <vector>

#include "cli/commands.hpp"
#include "cli/load.hpp"
#include "cli/main.hpp"
#include "cli/store_goals.hpp"
#include "config/config.hpp"
#include "indicators/engine.hpp"
#include "indicators/suppression.hpp"
#include "settlement/month.hpp"
#include "settlement/settle.hpp"
#include "store/checksum.hpp"
#include "store/store.hpp"

namespace nara::cli {
namespace {

struct IngestOptions {
  ExtractOptions extract;
  std::string store_path;
  std::string config_file;
  std::string goals_file;
  std::string manual_file;
  int suppress = 5;
};

// The configuration and the SHA-256 of its text ("(defaults)" when there is no file).
Result<std::pair<config::Config, std::string>> ConfigAndHash(const std::string& file) {
  if (file.empty()) return std::make_pair(config::DefaultConfig(), store::Sha256Hex("(defaults)"));
  std::ifstream in(file, std::ios::binary);
  if (!in) return IoError(fmt::format("{}: cannot read the configuration", file));
  std::stringstream text;
  text << in.rdbuf();
  auto config = config::ParseConfig(text.str(), file);
  if (!config.ok()) return config.status();
  return std::make_pair(std::move(*config), store::Sha256Hex(text.str()));
}

struct SettlementRows {
  std::vector<store::SettlementSummaryRow> summary;
  std::vector<store::SettlementBasisRow> basis;
  std::set<int> missing_price_years;
};

// The settlement of every month wholly inside coverage, as the store keeps it. A year without a
// price is not an error here (the store keeps the liable days; their amounts are missing, NULL
// with the year, never 0 kr, and the run says which years), unlike `nara settle`, which refuses
// to invoice without a price.
Result<SettlementRows> SettleWholeMonths(const model::Extract& extract,
                                         const config::Config& config) {
  const Date from = extract.manifest.coverage_from;
  const Date to = extract.manifest.coverage_to;
  int first = settlement::MonthOfDate(from);
  int last = settlement::MonthOfDate(to);
  if (settlement::FirstDateOfMonth(first) != from) ++first;
  if (settlement::LastDateOfMonth(last) != to) --last;
  SettlementRows rows;
  if (first > last) return rows;
  auto settled = settlement::Settle(extract, config, {first, last, /*require_prices=*/false});
  if (!settled.ok()) return settled.status();
  rows.missing_price_years = settled->missing_price_years;
  for (const auto& row : settled->summary) {
    store::SettlementSummaryRow out{extract.municipalities[row.municipality].code,
                                    settlement::MonthLabel(row.month), row.episodes, row.ready_days,
                                    row.liable_days};
    out.amount = row.amount_missing() ? std::nullopt : std::optional<int64_t>(row.amount);
    out.missing_price_year = row.missing_price_year;
    rows.summary.push_back(std::move(out));
  }
  const model::Stays& stays = extract.stays;
  rows.basis.reserve(settled->basis.size());
  for (const auto& row : settled->basis) {
    store::SettlementBasisRow out;
    out.municipality = extract.municipalities[row.municipality].code;
    out.month = settlement::MonthLabel(row.month);
    out.patient_ref = settlement::PatientRef(extract, row.stay);
    out.episode_id = extract.episode_ids.Name(stays.episode_id[row.stay]);
    out.care_type = std::string(model::CareTypeName(stays.care_type[row.stay]));
    out.ready_at = FormatDateTime(row.period.notice_at);
    out.ready_until = row.period.open() ? std::string() : FormatDate(row.period.end);
    out.ready_days = row.ready_days;
    out.liable_days = row.liable_days;
    if (row.amount_missing()) {
      out.price_per_day = std::nullopt;
      out.amount = std::nullopt;
    } else {
      out.price_per_day = row.liable_days > 0 ? row.price_per_day : 0;
      out.amount = row.amount;
    }
    out.missing_price_year = row.missing_price_year;
    out.liable = row.liable_days > 0;
    out.reason = settlement::ReasonCodes(row.reasons);
    rows.basis.push_back(std::move(out));
  }
  return rows;
}

Result<int> RunIngest(IngestOptions options) {
  auto config = ConfigAndHash(options.config_file);
  if (!config.ok()) return config.status();
  if (options.extract.key_file.empty()) options.extract.key_file = config->first.key_file;
  std::optional<StoreGoalInputs> goal_inputs;
  if (!options.goals_file.empty()) {
    auto read = ReadStoreGoalInputs(options.goals_file, options.manual_file);
    if (!read.ok()) return read.status();
    goal_inputs = std::move(*read);
    // Other goals make another entry: the key covers everything the stored results depend on.
    config->second =
        store::Sha256Hex(config->second + "\ngoals " + goal_inputs->source.goals_sha256 +
                         "\nmanual " + goal_inputs->source.manual_sha256);
  } else if (!options.manual_file.empty()) {
    return UsageError("--manual needs --goals");
  }
  auto checksum = store::ExtractChecksum(options.extract.extract_dir);
  if (!checksum.ok()) return checksum.status();
  auto store = store::Store::Open(options.store_path, /*read_only=*/false);
  if (!store.ok()) return store.status();
  // Idempotence is checked before the expensive work, and again inside the write transaction.
  auto existing = (*store)->FindByChecksum(*checksum, config->second);
  if (!existing.ok()) return existing.status();
  if (existing->has_value()) {
    std::fprintf(stderr, "nara ingest: already in the store as extract %lld; nothing changed\n",
                 static_cast<long long>((*existing)->id));
    return kExitOk;
  }
  auto loaded = LoadForCommand(options.extract);
  if (!loaded.ok()) return loaded.status();
  const auto& extract = loaded->loaded.extract;
  const auto& report = loaded->loaded.report;
  indicators::EngineOptions engine;
  engine.threads = options.extract.threads;
  engine.acsc_file = (std::filesystem::path(DataDir()) / "reference" / "acsc_chronic.csv").string();
  auto table = indicators::ComputeIndicators(extract, config->first, engine);
  if (!table.ok()) return table.status();
  auto settlement_rows = SettleWholeMonths(extract, config->first);
  if (!settlement_rows.ok()) return settlement_rows.status();
  for (int year : settlement_rows->missing_price_years) {
    std::fprintf(stderr,
                 "note: no price per liable day for %d: its liable days are stored with the "
                 "amount missing (pris saknas för %d), not 0 kr; add %d = <kronor> under "
                 "[settlement.price_per_day] to price them\n",
                 year, year, year);
  }
  std::vector<store::GoalAssessmentRecord> goal_assessments;
  if (goal_inputs) {
    NARA_RETURN_IF_ERROR(AssessForStore(*goal_inputs, extract, *table, "full", &goal_assessments));
  }
  // The rows keep their numerators; the flags are what the public sees (docs/store.md).
  indicators::Suppress(table->rows, options.suppress);
  if (goal_inputs) {
    NARA_RETURN_IF_ERROR(
        AssessForStore(*goal_inputs, extract, *table, "public", &goal_assessments));
  }
  store::NewExtract record;
  record.info.checksum = *checksum;
  record.info.config_hash = config->second;
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
  record.settlement_summary = &settlement_rows->summary;
  record.settlement_basis = &settlement_rows->basis;
  if (goal_inputs) {
    record.goal_source = &goal_inputs->source;
    record.goal_assessments = &goal_assessments;
  }
  auto added = (*store)->AddExtract(record);
  if (!added.ok()) return added.status();
  if (!added->added) {
    std::fprintf(stderr, "nara ingest: already in the store as extract %lld; nothing changed\n",
                 static_cast<long long>(added->id));
    return kExitOk;
  }
  std::fprintf(stderr,
               "nara ingest: added extract %lld to %s: %zu indicator rows, %lld rows read, %lld "
               "rejected\n",
               static_cast<long long>(added->id), options.store_path.c_str(), table->rows.size(),
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
  app->add_option("--config", options->config_file, "nara.toml with the region's settings");
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
