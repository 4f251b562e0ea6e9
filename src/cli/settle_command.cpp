// `nara settle EXTRACT --from M --to M | --month M [--config F] --out DIR [--compare PREV]`:
// the LOSUS settlement (data contract §4.2, docs/settlement.md).
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <optional>
#include <unordered_set>

#include "base/atomic_file.hpp"
#include "base/file.hpp"
#include "base/period.hpp"
#include "base/sha256.hpp"
#include "cli/commands.hpp"
#include "cli/main.hpp"
#include "ingest/identity_lookup.hpp"
#include "run/open_run.hpp"
#include "settlement/audit.hpp"
#include "settlement/run_record.hpp"
#include "settlement/settle.hpp"
#include "settlement/settlement_csv.hpp"
#include "settlement/settlement_workbook.hpp"

namespace nara::cli {
namespace {

namespace fs = std::filesystem;

struct SettleOptions {
  ExtractOptions extract;
  std::string from, to, month;
  std::string out;
  std::string compare;
  std::string lang = "sv";
  bool per_municipality = false;
  bool with_identity = false;
};

Result<settlement::SettleRequest> Months(const SettleOptions& options) {
  if (!options.month.empty() && (!options.from.empty() || !options.to.empty())) {
    return UsageError("give either --month M or --from M --to M, not both");
  }
  const std::string from = options.month.empty() ? options.from : options.month;
  const std::string to = options.month.empty() ? options.to : options.month;
  if (from.empty() || to.empty()) {
    return UsageError("which months? give --month 2022-03, or --from 2022-01 --to 2022-03");
  }
  auto first = ParseMonth(from);
  auto last = ParseMonth(to);
  if (!first || !last) {
    return UsageError(
        fmt::format("not a month (expected YYYY-MM such as 2022-03): \"{}\"", first ? to : from));
  }
  if (*first > *last) {
    return UsageError(fmt::format("--from {} is after --to {}", from, to));
  }
  return settlement::SettleRequest{*first, *last};
}

std::string NowUtc() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// --compare: changes per patient ref and municipality against a previous run's basis, over the
// months both runs settled: changes.csv goes to `outputs`, the lines for the terminal to
// `report`.
Status Compare(const SettleOptions& options, const settlement::SettleRequest& request,
               const std::string& basis, OutputSet& outputs, std::string& report) {
  const fs::path previous(options.compare);
  NARA_ASSIGN_OR_RETURN(auto run_json, ReadFile((previous / "run.json").string()));
  NARA_ASSIGN_OR_RETURN(auto months,
                        settlement::RunMonths(run_json, (previous / "run.json").string()));
  const std::string first = std::max(months.first, MonthLabel(request.first_month));
  const std::string last = std::min(months.second, MonthLabel(request.last_month));
  if (first > last) {
    return UsageError(
        fmt::format("--compare {}: it settled {} to {}, no month in common with "
                    "this run",
                    options.compare, months.first, months.second));
  }
  NARA_ASSIGN_OR_RETURN(auto old_basis, ReadFile((previous / "basis.csv").string()));
  auto changes =
      settlement::CompareBasis(old_basis, (previous / "basis.csv").string(), basis, first, last);
  if (!changes.ok()) return changes.status();
  NARA_RETURN_IF_ERROR(outputs.Add((fs::path(options.out) / "changes.csv").string(),
                                   settlement::ChangesCsv(*changes), "changes.csv"));
  report = fmt::format("Changes since {} (months {} to {}): {} stays\n", options.compare, first,
                       last, changes->size()) +
           settlement::ChangesSummary(*changes);
  return Status::Ok();
}

// --with-identity: the identity numbers behind the basis rows' pseudonyms, read again from the
// original episodes.csv under the run's key (never from the store), for the per-municipality
// workbooks only.
Result<ingest::IdentityLookup> ReadIdentities(const SettleOptions& options, const run::Run& run,
                                              const settlement::Settlement& settled) {
  if (!run.real_key && !options.extract.test_data) {
    return UsageError(
        "--with-identity needs the region's pseudonymisation key (--key-file, nara.toml's "
        "[pseudonymisation] key_file or NARA_KEY_FILE): the numbers are matched to the stays "
        "under that key");
  }
  std::unordered_set<uint64_t> wanted;
  for (const auto& row : settled.basis) {
    wanted.insert(run.extract().patients.pseudonym[run.extract().stays.patient[row.stay]]);
  }
  return ingest::IdentityLookup::Read(options.extract.extract_dir, *run.pseudonymiser,
                                      DateOf(run.extract().manifest.created), wanted);
}

Result<int> RunSettle(SettleOptions options) {
  if (options.with_identity && !options.per_municipality) {
    return UsageError(
        "--with-identity writes identity numbers only into the per-municipality workbooks, each "
        "for its own municipality: add --per-municipality");
  }
  NARA_ASSIGN_OR_RETURN(auto request, Months(options));
  std::error_code same_error;
  if (!options.compare.empty() && fs::exists(options.out) &&
      fs::equivalent(options.compare, options.out, same_error)) {
    return UsageError(
        "--compare must name an earlier run's folder, not the --out folder that "
        "this run overwrites");
  }
  NARA_ASSIGN_OR_RETURN(auto run, run::OpenRun(RunOptionsFor(options.extract)));
  const model::Extract& extract = run.extract();
  const auto& report = run.report();
  const config::Config* config = &run.config.config;
  if (report.rows_rejected() > 0) {
    std::fprintf(stderr,
                 "nara settle: %lld rows rejected at ingest (run 'nara check' for the "
                 "list)\n",
                 static_cast<long long>(report.rows_rejected()));
  }
  const model::Manifest& manifest = extract.manifest;
  if (!IsWhollyInside({request.first_month, request.last_month}, manifest.coverage_from,
                      manifest.coverage_to)) {
    return UsageError(fmt::format(
        "months {} to {} are not wholly inside the extract's coverage {} to {} (extract.toml "
        "coverage_from, coverage_to)",
        MonthLabel(request.first_month), MonthLabel(request.last_month),
        FormatDate(manifest.coverage_from), FormatDate(manifest.coverage_to)));
  }
  NARA_ASSIGN_OR_RETURN(auto settled, settlement::Settle(extract, *config, request));

  const fs::path out(options.out);
  std::error_code error;
  fs::create_directories(out, error);
  if (error) return IoError(fmt::format("{}: cannot create the folder", options.out));
  const std::string summary = settlement::SummaryCsv(extract, settled);
  const std::string basis = settlement::BasisCsv(extract, *config, settled);
  const std::string by_care_type = settlement::SummaryByCareTypeCsv(extract, settled);
  // Every file is written to a temporary file first and renamed over the previous run's only
  // when all were written: a failed run (a full disk) leaves the folder as it was.
  OutputSet outputs;
  NARA_RETURN_IF_ERROR(outputs.Add((out / "summary.csv").string(), summary, "summary.csv"));
  NARA_RETURN_IF_ERROR(outputs.Add((out / "summary_by_care_type.csv").string(), by_care_type,
                                   "summary_by_care_type.csv"));
  NARA_RETURN_IF_ERROR(outputs.Add((out / "basis.csv").string(), basis, "basis.csv"));
  // --per-municipality: one workbook per municipality (only its own rows) plus the region's
  // overview without individual rows, instead of one workbook holding every municipality's.
  std::string workbooks = "settlement.xlsx";
  settlement::RunRecord record;
  size_t municipality_files = 0;
  if (options.per_municipality) {
    std::optional<ingest::IdentityLookup> identities;
    settlement::IdentityOfStay identity_of;
    if (options.with_identity) {
      NARA_ASSIGN_OR_RETURN(identities, ReadIdentities(options, run, settled));
      identity_of = [&](size_t stay) {
        return identities->Find(extract.patients.pseudonym[extract.stays.patient[stay]]);
      };
      record.with_identity = true;
      for (const auto& row : settled.basis) {
        ++(identity_of(row.stay).empty() ? record.identity_rows_missing : record.identity_rows);
      }
    }
    NARA_ASSIGN_OR_RETURN(
        auto written,
        settlement::WriteMunicipalityWorkbooks(extract, *config, request, settled, out.string(),
                                               outputs, options.lang == "en",
                                               options.with_identity ? &identity_of : nullptr));
    municipality_files = written.size() - 1;
    workbooks = fmt::format("{} and {} municipality workbooks (betalningsansvar-*.xlsx)",
                            written.front(), municipality_files);
  } else {
    NARA_RETURN_IF_ERROR(outputs.AddThroughTemporary(
        (out / "settlement.xlsx").string(), "settlement.xlsx", [&](const std::string& temporary) {
          return settlement::WriteSettlementWorkbook(extract, *config, request, settled, temporary,
                                                     options.lang == "en");
        }));
  }

  record.nara_version = NARA_VERSION;
  record.created_utc = NowUtc();
  record.extract_dir = options.extract.extract_dir;
  NARA_ASSIGN_OR_RETURN(auto extract_sum, ExtractFingerprint(options.extract.extract_dir));
  record.extract_checksum = extract_sum;
  record.config_checksum = run.config.fingerprint;
  record.summary_checksum = Sha256Hex(summary);
  record.summary_by_care_type_checksum = Sha256Hex(by_care_type);
  record.basis_checksum = Sha256Hex(basis);
  NARA_RETURN_IF_ERROR(outputs.Add((out / "run.json").string(),
                                   settlement::RunJson(record, extract, *config, request, settled),
                                   "run.json"));
  std::string changes_report;
  if (!options.compare.empty()) {
    NARA_RETURN_IF_ERROR(Compare(options, request, basis, outputs, changes_report));
  }
  NARA_RETURN_IF_ERROR(outputs.CommitAll());
  int64_t liable = 0, amount = 0;
  for (const auto& row : settled.summary) {
    liable += row.liable_days;
    amount += row.amount;
  }
  std::printf("Settled %s to %s: %zu municipality-months, %lld liable days, %lld kr\n",
              MonthLabel(request.first_month).c_str(), MonthLabel(request.last_month).c_str(),
              settled.summary.size(), static_cast<long long>(liable),
              static_cast<long long>(amount));
  if (record.with_identity) {
    std::fprintf(stderr,
                 "note: --with-identity: the %zu municipality workbooks hold the identity numbers "
                 "of %lld basis rows (%lld rows had no identity number in episodes.csv); send each "
                 "only to its municipality, through a secure channel\n",
                 municipality_files, static_cast<long long>(record.identity_rows),
                 static_cast<long long>(record.identity_rows_missing));
  }
  if (options.per_municipality && config->basis_stay_id && manifest.stay_ids_derived) {
    std::fprintf(stderr,
                 "note: [settlement] basis_stay_id: the extract's stay ids are derived (PAR form), "
                 "not ids the region's systems know, so the municipality workbooks carry none\n");
  }
  const auto& counters = settled.counters;
  if (counters.duplicate_ready_notices > 0 || counters.stray_revocations > 0) {
    std::fprintf(stderr,
                 "note: %lld duplicate ready notices and %lld revocations without an "
                 "open ready period were ignored (docs/indicators/README.md, \"Ready "
                 "periods\")\n",
                 static_cast<long long>(counters.duplicate_ready_notices),
                 static_cast<long long>(counters.stray_revocations));
  }
  std::fwrite(changes_report.data(), 1, changes_report.size(), stdout);
  std::fprintf(stderr,
               "Wrote summary.csv, summary_by_care_type.csv, basis.csv, %s and run.json to %s\n",
               workbooks.c_str(), options.out.c_str());
  return kExitOk;
}

}  // namespace

Command AddSettleCommand(CLI::App& root) {
  auto options = std::make_shared<SettleOptions>();
  CLI::App* app =
      root.add_subcommand("settle",
                          "LOSUS settlement: the invoice basis between region and municipalities "
                          "(docs/settlement.md)");
  AddExtractOptions(*app, options->extract);
  app->add_option("--from", options->from, "First month to settle, YYYY-MM");
  app->add_option("--to", options->to, "Last month to settle, YYYY-MM");
  app->add_option("--month", options->month, "One month: the same as --from M --to M");
  app->add_option("--out", options->out,
                  "Folder for summary.csv, basis.csv, settlement.xlsx and run.json")
      ->required();
  app->add_option("--compare", options->compare,
                  "A previous run's --out folder: write changes.csv (what changed per patient "
                  "ref and municipality)");
  app->add_option("--lang", options->lang, "Language of settlement.xlsx: sv (default) or en")
      ->check(CLI::IsMember({"sv", "en"}));
  app->add_flag("--per-municipality", options->per_municipality,
                "Instead of settlement.xlsx: betalningsansvar-<kommunkod>-<period>.xlsx per "
                "municipality (its own rows only) and the region's overview workbook");
  app->add_flag("--with-identity", options->with_identity,
                "With --per-municipality: each municipality's basis workbook carries the "
                "personnummer of its rows (read again from the extract under the region's key), so "
                "the municipality can check them; nothing else written holds one");
  return {app, [options] { return RunSettle(*options); }};
}

}  // namespace nara::cli
