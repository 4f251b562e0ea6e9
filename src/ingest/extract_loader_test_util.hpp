// The loader tests' shared pieces: a temporary extract folder, loading it under the test key,
// the canonical manifest and episodes header. Included by extract_loader_test.cpp and
// extract_loader_hardening_test.cpp.
#pragma once

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

#include "ingest/extract_loader.hpp"
#include "ingest/ingest_report_writer.hpp"
#include "ingest/table_scan.hpp"

namespace nara::ingest {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr const char* kManifest =
    "region = \"Region Test\"\ncounty = \"08\"\ncoverage_from = 2019-01-01\n"
    "coverage_to = 2019-12-31\ncreated = 2020-01-20T08:00:00\n";

// A fresh extract folder under the system temp dir, removed afterwards.
class TempExtract {
 public:
  TempExtract() {
    std::random_device random;
    dir_ = fs::temp_directory_path() / ("nara-ingest-test-" + std::to_string(random()));
    fs::create_directories(dir_);
    Write("extract.toml", kManifest);
  }
  ~TempExtract() { fs::remove_all(dir_); }
  void Write(const std::string& file, const std::string& text) const {
    std::ofstream(dir_ / file, std::ios::binary) << text;
  }
  std::string path() const { return dir_.string(); }

 private:
  fs::path dir_;
};

Result<LoadedExtract> Load(const TempExtract& extract, bool allow_identifiable = true,
                           int threads = 2, size_t split_from_bytes = size_t{16} << 20) {
  static const identity::Pseudonymiser kTestKey = identity::Pseudonymiser::ForTestData();
  LoadOptions options;
  options.threads = threads;
  options.split_from_bytes = split_from_bytes;
  options.extract_dir = extract.path();
  options.reference_dir = std::string(NARA_SOURCE_DIR) + "/data/reference";
  options.pseudonymiser = &kTestKey;
  options.allow_identifiable = allow_identifiable;
  return LoadExtract(options);
}

constexpr const char* kHeader =
    "episode_id,patient,sex,birth_date,municipality,hospital,clinic,care_type,admitted_at,"
    "discharged_at,admission_kind,discharged_to\n";

std::vector<std::string> Codes(const LoadedExtract& loaded) {
  std::vector<std::string> codes;
  for (const auto& reject : loaded.report.rejects) {
    codes.push_back(reject.file + ":" + std::to_string(reject.line) + ":" +
                    std::string(RejectCodeName(reject.code)));
  }
  return codes;
}

}  // namespace
}  // namespace nara::ingest
