// The application layer: what every command that reads an extract does first. One OpenRun reads
// the configuration (and its fingerprint), chooses the pseudonymisation key, loads the extract and
// knows the reference tables; commands add only option parsing and output (docs: ARCHITECTURE.md).
#pragma once

#include <memory>
#include <string>

#include "base/status.hpp"
#include "config/config.hpp"
#include "identity/pseudonymiser.hpp"
#include "ingest/extract_loader.hpp"

namespace nara::run {

// nara.toml as read: the settings and the fingerprint that identifies them (base/sha256.hpp).
struct ConfigSource {
  config::Config config;
  std::string file;         // empty: the defaults
  std::string fingerprint;  // ConfigFingerprint of the file's bytes, or of the defaults
};

// Reads `file` (empty: the defaults). A usage error naming the file when it cannot be read or is
// not valid.
Result<ConfigSource> OpenConfig(const std::string& file);

struct RunOptions {
  std::string extract_dir;
  std::string config_file;  // empty: the defaults
  std::string key_file;     // empty: nara.toml's [pseudonymisation] key_file, else $NARA_KEY_FILE
  bool test_data = false;   // synthetic data: identity numbers allowed under the public test key
  int threads = 2;
  std::string data_dir;  // the bundled data/ (reference/ under it)
  // Tests only: pseudonymise under this key instead of choosing one (not owned).
  const identity::Pseudonymiser* pseudonymiser = nullptr;
};

// An opened extract: its settings, key and columns. Immutable after OpenRun; movable.
struct Run {
  ConfigSource config;
  std::unique_ptr<identity::Pseudonymiser> own_pseudonymiser;  // null when a test gave one
  // The key the extract was pseudonymised under (own_pseudonymiser or the test's); valid while
  // the Run lives.
  const identity::Pseudonymiser* pseudonymiser = nullptr;
  // Whether that key is the region's own (not the public test key).
  bool real_key = false;
  ingest::LoadedExtract loaded;
  std::string reference_dir;  // data/reference
  int threads = 2;

  const model::Extract& extract() const { return loaded.extract; }
  const ingest::IngestReport& report() const { return loaded.report; }
  // The avoidable-care (ACSC) diagnosis list of the indicators.
  std::string AcscFile() const;
};

// The key order: options.key_file, then nara.toml's key_file, then $NARA_KEY_FILE; without any,
// the public test key, and identity numbers are refused unless test_data is set.
Result<Run> OpenRun(const RunOptions& options, ConfigSource config);
// OpenConfig(options.config_file), then the above.
Result<Run> OpenRun(const RunOptions& options);

}  // namespace nara::run
