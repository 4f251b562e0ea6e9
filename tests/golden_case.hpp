// Shared by the golden runners: a case folder's tiny extract, loaded with the public test key,
// its configuration, and the fields of our own CSV lines.
#pragma once

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "base/status.hpp"
#include "config/config.hpp"
#include "identity/pseudonymiser.hpp"
#include "ingest/extract_loader.hpp"

namespace nara::golden {

// Loads the extract in `dir`; a golden extract must load without a rejected row (the first
// reject's message is the error).
inline Result<ingest::LoadedExtract> LoadCase(const std::filesystem::path& dir) {
  static const identity::Pseudonymiser kKey = identity::Pseudonymiser::ForTestData();
  ingest::LoadOptions load;
  load.extract_dir = dir.string();
  load.reference_dir = std::string(NARA_SOURCE_DIR) + "/data/reference";
  load.pseudonymiser = &kKey;
  load.allow_identifiable = true;
  auto loaded = ingest::LoadExtract(load);
  if (loaded.ok() && !loaded->report.rejects.empty()) {
    return InvalidInput(loaded->report.rejects[0].message);
  }
  return loaded;
}

// The case's nara.toml, else the default configuration.
inline Result<config::Config> CaseConfig(const std::filesystem::path& dir) {
  if (std::filesystem::exists(dir / "nara.toml")) {
    return config::ReadConfig((dir / "nara.toml").string());
  }
  return config::DefaultConfig();
}

// Fields of a line of our own CSV output (no quoted fields in the golden cases).
inline std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  std::string field;
  while (std::getline(stream, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

}  // namespace nara::golden
