// Options shared by the commands that read an extract, and opening it through the application
// layer (run/open_run.hpp).
#include <cstdlib>

#include "cli/commands.hpp"

namespace nara::cli {

void AddExtractOptions(CLI::App& app, ExtractOptions& options) {
  app.add_option("EXTRACT", options.extract_dir, "Extract folder (docs/input_formats.md)")
      ->required();
  app.add_option("--config", options.config_file, "nara.toml with the region's settings");
  app.add_option("--key-file", options.key_file,
                 "Pseudonymisation key: 32 random bytes (or 64 hex digits) kept by the region; "
                 "default $NARA_KEY_FILE");
  app.add_flag("--test-data", options.test_data,
               "Synthetic data: allow identity numbers without a key, pseudonymised with the "
               "public test key");
  app.add_option("--threads", options.threads, "Threads for reading tables")
      ->check(CLI::Range(1, 64));
}

std::string DataDir() {
  if (const char* dir = std::getenv("NARA_DATA_DIR"); dir != nullptr && *dir != '\0') return dir;
  return NARA_DEFAULT_DATA_DIR;
}

run::RunOptions RunOptionsFor(const ExtractOptions& options) {
  run::RunOptions out;
  out.extract_dir = options.extract_dir;
  out.config_file = options.config_file;
  out.key_file = options.key_file;
  out.test_data = options.test_data;
  out.threads = options.threads;
  out.data_dir = DataDir();
  return out;
}

}  // namespace nara::cli
