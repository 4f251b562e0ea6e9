#include "run/open_run.hpp"

#include <filesystem>
#include <optional>

#include "base/file.hpp"
#include "base/sha256.hpp"

namespace nara::run {

Result<ConfigSource> OpenConfig(const std::string& file) {
  ConfigSource source;
  source.file = file;
  if (file.empty()) {
    source.config = config::DefaultConfig();
    source.fingerprint = ConfigFingerprint("", /*has_file=*/false);
    return source;
  }
  auto text = ReadFile(file, "the configuration file");
  if (!text.ok()) return UsageError(text.status().message());
  NARA_ASSIGN_OR_RETURN(source.config, config::ParseConfig(*text, file));
  source.fingerprint = ConfigFingerprint(*text, /*has_file=*/true);
  return source;
}

std::string Run::AcscFile() const {
  return (std::filesystem::path(reference_dir) / "acsc_chronic.csv").string();
}

namespace {

// The key of options.key_file, else `config_key_file`, else $NARA_KEY_FILE; nullopt for none.
Result<std::optional<identity::Pseudonymiser>> ChooseKey(const std::string& key_file) {
  if (!key_file.empty()) {
    NARA_ASSIGN_OR_RETURN(auto key, identity::Pseudonymiser::FromKeyFile(key_file));
    return std::optional<identity::Pseudonymiser>(std::move(key));
  }
  auto key = identity::Pseudonymiser::FromEnvironment();
  if (key.ok()) return std::optional<identity::Pseudonymiser>(std::move(*key));
  if (key.status().code() != StatusCode::kNotFound) return key.status();
  return std::optional<identity::Pseudonymiser>();
}

}  // namespace

Result<Run> OpenRun(const RunOptions& options, ConfigSource config) {
  Run run;
  run.threads = options.threads;
  run.reference_dir = (std::filesystem::path(options.data_dir) / "reference").string();
  const identity::Pseudonymiser* pseudonymiser = options.pseudonymiser;
  bool real_key = false;
  if (pseudonymiser == nullptr) {
    const std::string& key_file =
        !options.key_file.empty() ? options.key_file : config.config.key_file;
    NARA_ASSIGN_OR_RETURN(auto key, ChooseKey(key_file));
    real_key = key.has_value();
    run.own_pseudonymiser = std::make_unique<identity::Pseudonymiser>(
        real_key ? std::move(*key) : identity::Pseudonymiser::ForTestData());
    pseudonymiser = run.own_pseudonymiser.get();
  }
  run.pseudonymiser = pseudonymiser;
  run.real_key = real_key || (options.pseudonymiser != nullptr && !pseudonymiser->is_test_key());
  run.config = std::move(config);
  ingest::LoadOptions load;
  load.extract_dir = options.extract_dir;
  load.reference_dir = run.reference_dir;
  load.pseudonymiser = pseudonymiser;
  load.allow_identifiable = real_key || options.test_data || options.pseudonymiser != nullptr;
  load.threads = options.threads;
  NARA_ASSIGN_OR_RETURN(run.loaded, ingest::LoadExtract(load));
  return run;
}

Result<Run> OpenRun(const RunOptions& options) {
  NARA_ASSIGN_OR_RETURN(ConfigSource config, OpenConfig(options.config_file));
  return OpenRun(options, std::move(config));
}

}  // namespace nara::run
