// The subcommands of `nara`, each registered on the CLI11 app and run after parsing.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "base/status.hpp"
#include "run/open_run.hpp"

namespace nara::cli {

// A registered subcommand: run() is called when the user chose it and returns the exit code,
// or a failed Status that Main turns into a message and exit code.
struct Command {
  CLI::App* app = nullptr;
  std::function<Result<int>()> run;
};

// Options shared by every command that reads an extract.
struct ExtractOptions {
  std::string extract_dir;
  std::string config_file;  // --config: nara.toml
  std::string key_file;
  bool test_data = false;
  int threads = 2;
};
void AddExtractOptions(CLI::App& app, ExtractOptions& options);

// Where the bundled reference data lives: $NARA_DATA_DIR, else the source tree's data/.
std::string DataDir();

// The application layer's options for an extract command's options.
run::RunOptions RunOptionsFor(const ExtractOptions& options);

Command AddCheckCommand(CLI::App& root);
Command AddSynthCommand(CLI::App& root);
Command AddDemoCommand(CLI::App& root);
Command AddIndicatorsCommand(CLI::App& root);
Command AddSettleCommand(CLI::App& root);
Command AddReportCommand(CLI::App& root);
Command AddCohortCommand(CLI::App& root);
Command AddIngestCommand(CLI::App& root);
Command AddServeCommand(CLI::App& root);
Command AddUserCommand(CLI::App& root);
Command AddDeltasCommand(CLI::App& root);

}  // namespace nara::cli
