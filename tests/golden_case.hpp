// Shared by the golden runners: a case folder's tiny extract opened through the application
// layer (run/open_run.hpp) under the public test key with the case's nara.toml, and the fields of
// our own CSV lines.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/status.hpp"
#include <fmt/format.h>

#include "identity/pseudonymiser.hpp"
#include "ingest/reject_log.hpp"
#include "run/open_run.hpp"

namespace nara::golden {

// Opens the extract in `dir` with its nara.toml (else the defaults); a golden extract must load
// without a rejected row (the first reject's message is the error).
inline Result<run::Run> OpenCase(const std::filesystem::path& dir) {
  static const identity::Pseudonymiser kKey = identity::Pseudonymiser::ForTestData();
  run::RunOptions options;
  options.extract_dir = dir.string();
  if (std::filesystem::exists(dir / "nara.toml")) options.config_file = (dir / "nara.toml").string();
  options.data_dir = std::string(NARA_SOURCE_DIR) + "/data";
  options.pseudonymiser = &kKey;
  auto opened = run::OpenRun(options);
  // A case may expect rejected rows: expected_rejects.txt lists them, one "file:line:code" each.
  std::string expected;
  if (std::ifstream in(dir / "expected_rejects.txt"); in) {
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) expected += line + "\n";
    }
  }
  if (opened.ok()) {
    std::string got;
    for (const auto& reject : opened->report().rejects) {
      got += fmt::format("{}:{}:{}\n", reject.file, reject.line,
                         ingest::RejectCodeName(reject.code));
    }
    if (got != expected) {
      return InvalidInput(fmt::format("rejects: expected\n{}got\n{}{}", expected, got,
                                      opened->report().rejects.empty()
                                          ? std::string()
                                          : opened->report().rejects[0].message));
    }
  }
  return opened;
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
