// `nara check EXTRACT`: validate only; the ingest report, the rejects and flags files, nothing else.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

#include "cli/commands.hpp"
#include "cli/main.hpp"
#include "ingest/ingest_report_writer.hpp"

namespace nara::cli {
namespace {

struct CheckOptions {
  ExtractOptions extract;
  std::string out_dir = "nara-check";
  bool strict = false;
};

Result<int> RunCheck(const CheckOptions& options) {
  NARA_ASSIGN_OR_RETURN(auto run, run::OpenRun(RunOptionsFor(options.extract)));
  const ingest::LoadedExtract& result = run.loaded;
  std::error_code error;
  std::filesystem::create_directories(options.out_dir, error);
  if (error) {
    return IoError(
        fmt::format("{}: cannot create the output folder: {}", options.out_dir, error.message()));
  }
  const auto rejects_path = (std::filesystem::path(options.out_dir) / "rejects.csv").string();
  const auto report_path = (std::filesystem::path(options.out_dir) / "ingest_report.json").string();
  const auto flags_path = (std::filesystem::path(options.out_dir) / "flags.csv").string();
  // All three or none: a full disk leaves the previous check's files (exit 3).
  NARA_RETURN_IF_ERROR(ingest::WriteCheckFiles(result, options.out_dir));
  std::fputs(ingest::FormatReportText(result).c_str(), stdout);
  std::printf("Report: %s\nRejected rows with reasons: %s\nFlagged rows (kept): %s\n",
              report_path.c_str(), rejects_path.c_str(), flags_path.c_str());
  if (options.strict && result.report.rows_rejected() > 0) return kExitRejectedStrict;
  return kExitOk;
}

}  // namespace

Command AddCheckCommand(CLI::App& root) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* app = root.add_subcommand(
      "check", "Validate an extract: ingest report and rejects file, nothing else");
  AddExtractOptions(*app, options->extract);
  app->add_option("--out", options->out_dir,
                  "Folder for ingest_report.json, rejects.csv and flags.csv (default nara-check)");
  app->add_flag("--strict", options->strict, "Exit with 1 when any row was rejected");
  return {app, [options] { return RunCheck(*options); }};
}

}  // namespace nara::cli
