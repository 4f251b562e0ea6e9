// Runs every golden case under tests/golden/<indicator>/<case>/: loads the tiny extract, computes
// the indicator table and checks each row of expected.csv (see tests/golden/README.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "golden_case.hpp"
#include "run/compute.hpp"

namespace nara {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> Cases() {
  std::vector<fs::path> cases;
  for (const auto& entry :
       fs::recursive_directory_iterator(fs::path(NARA_SOURCE_DIR) / "tests" / "golden")) {
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
  auto opened = golden::OpenCase(dir);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  auto computed = run::Compute(*opened);
  ASSERT_TRUE(computed.ok()) << computed.status().message();
  std::map<std::string, const indicators::Row*> rows;
  for (const auto& row : computed->table.rows) {
    rows[fmt::format("{},{},{},{},{},{}", indicators::Info(row.indicator).id, row.period.Label(),
                     row.unit_type, row.unit, row.sex, row.age_group)] = &row;
  }
  std::ifstream in(dir / "expected.csv");
  std::string line;
  std::getline(in, line);
  int checked = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto fields = golden::Split(line);
    ASSERT_EQ(fields.size(), 8u) << line;
    const std::string key = fields[0] + "," + fields[1] + "," + fields[2] + "," + fields[3] + "," +
                            fields[4] + "," + fields[5];
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
                           std::string name = param.param.parent_path().filename().string() + "_" +
                                              param.param.filename().string();
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace nara
