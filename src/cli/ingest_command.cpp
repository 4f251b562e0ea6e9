// `nara ingest EXTRACT --store FILE [--config F] [--suppress N]`: add an extract's results to
// the store (docs/store.md).
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/load.hpp"
#include "cli/main.hpp"
#include "config/config.hpp"
#include "indicators/engine.hpp"
#include "indicators/suppression.hpp"
#include "store/checksum.hpp"
#include "store/store.hpp"

namespace nara::cli {
namespace {

struct IngestOptions {
  ExtractOptions extract;
  std::string store_path;
  std::string config_file;
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

Result<int> RunIngest(IngestOptions options) {
  auto config = ConfigAndHash(options.config_file);
  if (!config.ok()) return config.status();
  if (options.extract.key_file.empty()) options.extract.key_file = config->first.key_file;
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
  // The rows keep their numerators; the flags are what the public sees (docs/store.md).
  indicators::Suppress(table->rows, options.suppress);
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
  return {app, [options] { return RunIngest(*options); }};
}

}  // namespace nara::cli
