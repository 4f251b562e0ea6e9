// Runs every settlement golden case under tests/golden/settlement/<case>/ (see its README.md):
// loads the tiny extract, settles the months of months.txt and compares summary.csv exactly and
// basis.csv on the columns its header names, or the error of error.txt.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/period.hpp"
#include "golden_case.hpp"
#include "settlement/settle.hpp"
#include "settlement/settlement_csv.hpp"

namespace nara {
namespace {

namespace fs = std::filesystem;

std::string Read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream stream(text);
  std::string line;
  while (std::getline(stream, line)) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

// The columns of `csv` named in `header`, as lines.
std::vector<std::string> Project(const std::string& csv, const std::vector<std::string>& header) {
  auto lines = Lines(csv);
  const auto names = golden::Split(lines.at(0));
  std::vector<size_t> columns;
  for (const auto& want : header) {
    auto it = std::find(names.begin(), names.end(), want);
    EXPECT_NE(it, names.end()) << "no column " << want;
    columns.push_back(static_cast<size_t>(it - names.begin()));
  }
  std::vector<std::string> out;
  for (size_t i = 1; i < lines.size(); ++i) {
    const auto fields = golden::Split(lines[i]);
    std::string projected;
    for (size_t c = 0; c < columns.size(); ++c) {
      if (c > 0) projected += ',';
      projected += columns[c] < fields.size() ? fields[columns[c]] : "?";
    }
    out.push_back(projected);
  }
  return out;
}

std::vector<fs::path> Cases() {
  std::vector<fs::path> cases;
  const fs::path root = fs::path(NARA_SOURCE_DIR) / "tests" / "golden" / "settlement";
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_directory() && fs::exists(entry.path() / "months.txt")) {
      cases.push_back(entry.path());
    }
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

class SettlementGoldenTest : public ::testing::TestWithParam<fs::path> {};

TEST_P(SettlementGoldenTest, MatchesExpectedSettlement) {
  const fs::path dir = GetParam();
  auto opened = golden::OpenCase(dir);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  const model::Extract& extract = opened->extract();
  const config::Config* config = &opened->config.config;
  std::stringstream months(Read(dir / "months.txt"));
  std::string first, last;
  months >> first >> last;
  if (last.empty()) last = first;
  settlement::SettleRequest request{*ParseMonth(first), *ParseMonth(last)};
  auto result = settlement::Settle(extract, *config, request);
  if (fs::exists(dir / "error.txt")) {
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.status().message().find(Lines(Read(dir / "error.txt")).at(0)),
              std::string::npos)
        << result.status().message();
    return;
  }
  ASSERT_TRUE(result.ok()) << result.status().message();
  const std::string summary = settlement::SummaryCsv(extract, *result);
  EXPECT_EQ(summary, Read(dir / "summary.csv"));
  const auto expected = Lines(Read(dir / "basis.csv"));
  ASSERT_FALSE(expected.empty());
  const auto actual =
      Project(settlement::BasisCsv(extract, *config, *result), golden::Split(expected[0]));
  // Rows are compared as sets: their order depends on the pseudonyms (patient refs), which the
  // hand computation does not know; the order itself is tested end to end.
  std::vector<std::string> expected_rows(expected.begin() + 1, expected.end());
  auto actual_rows = actual;
  std::sort(expected_rows.begin(), expected_rows.end());
  std::sort(actual_rows.begin(), actual_rows.end());
  EXPECT_EQ(actual_rows, expected_rows);
  // The summary is the sum of the basis rows.
  int64_t basis_amount = 0, summary_amount = 0;
  for (const auto& row : result->basis) basis_amount += row.amount;
  for (const auto& row : result->summary) summary_amount += row.amount;
  EXPECT_EQ(basis_amount, summary_amount);
}

INSTANTIATE_TEST_SUITE_P(Cases, SettlementGoldenTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<fs::path>& param) {
                           std::string name = param.param.filename().string();
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace nara
