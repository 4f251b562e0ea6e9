// Golden cases of the programme before/after (tests/golden_cohort/<case>/): a tiny extract, an
// expected.json worked out by hand (the case's README shows the arithmetic).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "goals/cohort.hpp"
#include "golden_case.hpp"

namespace nara {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> Cases() {
  std::vector<fs::path> cases;
  for (const auto& entry :
       fs::directory_iterator(fs::path(NARA_SOURCE_DIR) / "tests" / "golden_cohort")) {
    if (fs::exists(entry.path() / "expected.json")) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

void ExpectMeasure(const nlohmann::json& expected, const goals::MeasureSummary& m) {
  EXPECT_EQ(m.total_before, expected["total_before"].get<int64_t>());
  EXPECT_EQ(m.total_after, expected["total_after"].get<int64_t>());
  EXPECT_NEAR(m.mean_difference, expected["mean_difference"].get<double>(), 1e-9);
  if (expected.contains("mean_before")) {
    EXPECT_NEAR(m.mean_before, expected["mean_before"].get<double>(), 1e-9);
    EXPECT_NEAR(m.mean_after, expected["mean_after"].get<double>(), 1e-9);
  }
  if (expected.contains("ci_low")) {
    EXPECT_NEAR(m.difference_interval.low, expected["ci_low"].get<double>(), 1e-5);
    EXPECT_NEAR(m.difference_interval.high, expected["ci_high"].get<double>(), 1e-5);
  }
}

class CohortGoldenTest : public ::testing::TestWithParam<fs::path> {};

TEST_P(CohortGoldenTest, MatchesExpected) {
  const fs::path dir = GetParam();
  std::ifstream in(dir / "expected.json");
  const nlohmann::json expected = nlohmann::json::parse(in);
  auto opened = golden::OpenCase(dir);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  auto result = goals::AnalyseProgramme(opened->extract(), {expected["programme"].get<std::string>(),
                                                          expected["window_days"].get<int>()});
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->enrolled, expected["enrolled"].get<int64_t>());
  EXPECT_EQ(result->outside_coverage, expected["outside_coverage"].get<int64_t>());
  EXPECT_EQ(static_cast<int64_t>(result->members.size()), expected["analysed"].get<int64_t>());
  EXPECT_EQ(result->did_emergency.pairs, expected["matched"].get<int64_t>());
  ExpectMeasure(expected["emergency"], result->emergency);
  ExpectMeasure(expected["admissions"], result->admissions);
  ExpectMeasure(expected["control_emergency"], result->control_emergency);
  ExpectMeasure(expected["control_admissions"], result->control_admissions);
  EXPECT_NEAR(result->did_emergency.estimate, expected["did_emergency"].get<double>(), 1e-9);
  EXPECT_NEAR(result->did_admissions.estimate, expected["did_admissions"].get<double>(), 1e-9);
}

INSTANTIATE_TEST_SUITE_P(Cases, CohortGoldenTest, ::testing::ValuesIn(Cases()),
                         [](const auto& test_info) { return test_info.param.filename().string(); });

TEST(CohortTest, UnknownProgrammeListsTheKnownOnes) {
  static const identity::Pseudonymiser kKey = identity::Pseudonymiser::ForTestData();
  ingest::LoadOptions load;
  load.extract_dir = std::string(NARA_SOURCE_DIR) + "/tests/golden_cohort/mint_small";
  load.reference_dir = std::string(NARA_SOURCE_DIR) + "/data/reference";
  load.pseudonymiser = &kKey;
  load.allow_identifiable = true;
  auto loaded = ingest::LoadExtract(load);
  ASSERT_TRUE(loaded.ok());
  auto result = goals::AnalyseProgramme(loaded->extract, {"Hemsjukvård", 365});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kNotFound);
  EXPECT_NE(result.status().message().find("programmes there: MiNT"), std::string::npos);
}

}  // namespace
}  // namespace nara
