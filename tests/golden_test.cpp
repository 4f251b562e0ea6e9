// Runs every golden case under tests/golden/<indicator>/<case>/: loads the tiny extract, computes
// the indicator table and checks each row of expected.csv (see tests/golden/README.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "config/config.hpp"
#include "identity/pseudonymiser.hpp"
#include "indicators/engine.hpp"
#include "ingest/extract_loader.hpp"

namespace nara {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  std::string field;
  while (std::getline(stream, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

std::vector<fs::path> Cases() {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(NARA_SOURCE_DIR) / "tests" /
                                                             "golden")) {
    if (entry.is_regular_file() && entry.path().filename() == "expected.csv") {
      cases.push_back(entry.path().parent_path());
    }
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

class GoldenTest : public ::testing::TestWithParam<fs::path> {};

TEST_P(GoldenTest, MatchesExpectedRows) {
  const fs::path dir = GetParam();
  static const identity::Pseudonymiser kKey = identity::Pseudonymiser::ForTestData();
  ingest::LoadOptions load;
  load.extract_dir = dir.string();
  load.reference_dir = std::string(NARA_SOURCE_DIR) + "/data/reference";
  load.pseudonymiser = &kKey;
  load.allow_identifiable = true;
  auto loaded = ingest::LoadExtract(load);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ASSERT_TRUE(loaded->report.rejects.empty()) << loaded->report.rejects[0].message;
  auto config = fs::exists(dir / "nara.toml") ? config::ReadConfig((dir / "nara.toml").string())
                                               : Result<config::Config>(config::DefaultConfig());
  ASSERT_TRUE(config.ok()) << config.status().message();
  indicators::EngineOptions options;
  options.acsc_file = std::string(NARA_SOURCE_DIR) + "/data/reference/acsc_chronic.csv";
  auto table = indicators::ComputeIndicators(loaded->extract, *config, options);
  ASSERT_TRUE(table.ok()) << table.status().message();
  std::map<std::string, const indicators::Row*> rows;
  for (const auto& row : table->rows) {
    rows[fmt::format("{},{},{},{},{},{}", indicators::Info(row.indicator).id, row.period,
                     row.unit_type, row.unit, row.sex, row.age_group)] = &row;
  }
  std::ifstream in(dir / "expected.csv");
  std::string line;
  std::getline(in, line);
  int checked = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto fields = Split(line);
    ASSERT_EQ(fields.size(), 8u) << line;
    const std::string key = fields[0] + "," + fields[1] + "," + fields[2] + "," + fields[3] +
                            "," + fields[4] + "," + fields[5];
    auto it = rows.find(key);
    if (fields[6] == "absent") {
      EXPECT_EQ(it, rows.end()) << "expected no row " << key;
    } else if (it == rows.end()) {
      ADD_FAILURE() << "missing row " << key;
    } else {
      EXPECT_EQ(std::to_string(it->second->numerator), fields[6]) << key;
      const bool count = indicators::Info(it->second->indicator).kind == indicators::Kind::kCount;
      EXPECT_EQ(count ? std::string() : std::to_string(it->second->denominator), fields[7]) << key;
    }
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<fs::path>& param) {
                           std::string name = param.param.parent_path().filename().string() +
                                              "_" + param.param.filename().string();
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace nara
