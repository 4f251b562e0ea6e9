// Command-line parsing and the one place where failures become messages and exit codes.
#include "cli/main.hpp"

#include <fmt/format.h>

#include <csignal>
#include <cstdio>
#include <exception>
#include <vector>

#include "cli/commands.hpp"

namespace nara::cli {
namespace {

int ExitCodeFor(const Status& status) {
  return status.code() == StatusCode::kUsage ? kExitUsage : kExitUnusable;
}

}  // namespace

int Main(int argc, char** argv) {
  // A file size limit (ulimit -f) makes a write fail with EFBIG, which the writers report (exit 3,
  // the previous file kept), instead of killing the process with SIGXFSZ half-way.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{"Nära: follow-up of care transitions between hospital, primary care and "
               "municipal care"};
  app.set_version_flag("--version", std::string("nara ") + NARA_VERSION);
  app.require_subcommand(1);
  std::vector<Command> commands = {AddDemoCommand(app), AddCheckCommand(app),
                                   AddIndicatorsCommand(app), AddSettleCommand(app),
                                   AddReportCommand(app), AddCohortCommand(app),
                                   AddSynthCommand(app), AddIngestCommand(app),
                                   AddServeCommand(app), AddUserCommand(app),
                                   AddDeltasCommand(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "nara: %s\nRun 'nara --help' for the commands and options.\n",
                 e.what());
    return kExitUsage;
  }
  try {
    for (auto& command : commands) {
      if (!command.app->parsed()) continue;
      Result<int> result = command.run();
      if (!result.ok()) {
        std::fprintf(stderr, "nara %s: %s\n", command.app->get_name().c_str(),
                     result.status().message().c_str());
        return ExitCodeFor(result.status());
      }
      return *result;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "nara: internal error: %s\n", e.what());
    return kExitUnusable;
  }
  return kExitUsage;
}

}  // namespace nara::cli
