// Options shared by the commands that read an extract, and loading it under the right key.
#include <cstdlib>
#include <filesystem>

#include "cli/commands.hpp"
#include "cli/load.hpp"

namespace nara::cli {

void AddExtractOptions(CLI::App& app, ExtractOptions& options) {
  app.add_option("EXTRACT", options.extract_dir, "Extract folder (data contract section 1)")
      ->required();
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

Result<LoadedForCommand> LoadForCommand(const ExtractOptions& options) {
  LoadedForCommand out;
  std::optional<identity::Pseudonymiser> pseudonymiser;
  if (!options.key_file.empty()) {
    auto key = identity::Pseudonymiser::FromKeyFile(options.key_file);
    if (!key.ok()) return key.status();
    pseudonymiser.emplace(std::move(*key));
  } else {
    auto key = identity::Pseudonymiser::FromEnvironment();
    if (key.ok()) {
      pseudonymiser.emplace(std::move(*key));
    } else if (key.status().code() != StatusCode::kNotFound) {
      return key.status();
    }
  }
  const bool real_key = pseudonymiser.has_value();
  if (!real_key) pseudonymiser.emplace(identity::Pseudonymiser::ForTestData());
  out.pseudonymiser = std::make_unique<identity::Pseudonymiser>(std::move(*pseudonymiser));
  ingest::LoadOptions load;
  load.extract_dir = options.extract_dir;
  load.reference_dir = (std::filesystem::path(DataDir()) / "reference").string();
  load.pseudonymiser = out.pseudonymiser.get();
  load.allow_identifiable = real_key || options.test_data;
  load.threads = options.threads;
  auto loaded = ingest::LoadExtract(load);
  if (!loaded.ok()) return loaded.status();
  out.loaded = std::move(*loaded);
  return out;
}

}  // namespace nara::cli
