// Entry point of the `nara` command line (data contract §4.3).
#pragma once

namespace nara::cli {

// Exit codes of data contract §4.4.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRejectedStrict = 1;  // rejected rows under --strict
inline constexpr int kExitUsage = 2;
inline constexpr int kExitUnusable = 3;        // the input could not be used at all

// Parses the command line and runs one command. Returns the process exit code. Every error is
// one clear message on stderr; exceptions stop here and never reach the user as a trace.
int Main(int argc, char** argv);

}  // namespace nara::cli
