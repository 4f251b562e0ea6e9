// End-to-end tests of `nara report` and `nara cohort`: presets, languages, exit codes of data
// contract §4.4, the demo's tertial report. (The rendered report is checked in headless
// Chromium by tests/browser/.)
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "e2e/e2e_support.hpp"

namespace nara::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ReportE2eTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    ASSERT_EQ(RunNara({"synth", *dir_ / "x", "--stays", "1500", "--seed", "3"}).exit_code, 0);
  }
  static void TearDownTestSuite() { delete dir_; }
  static TempDir* dir_;
};
TempDir* ReportE2eTest::dir_ = nullptr;

TEST_F(ReportE2eTest, MonthlyReportWithoutGoalsInSwedishAndEnglish) {
  auto run =
      RunNara({"report", *dir_ / "x", "--test-data", "--period", "2022-03", "--out", *dir_ / "m"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string html = ReadFile(dir_->path() / "m" / "rapport-2022-03.html");
  EXPECT_THAT(html, HasSubstr("<html lang=\"sv\">"));
  EXPECT_THAT(html, HasSubstr("Månadsrapport"));
  EXPECT_THAT(html, HasSubstr("id=\"no-goals\""));
  // Without goals the headline indicators still have their trend charts, with the axis's unit.
  EXPECT_THAT(html, HasSubstr("<section id=\"trends\">"));
  EXPECT_THAT(html, HasSubstr("data-series=\"readmission_30d_65plus|region|08|all|all\""));
  EXPECT_THAT(html, HasSubstr("<text class=\"yunit\""));
  EXPECT_THAT(html, HasSubstr(">procent</text>"));
  // Suppressed by default (a report is published), and the report says so in Swedish.
  EXPECT_THAT(html, HasSubstr("celler med färre än 5 fall, och celler som skulle avslöja dem"));
  EXPECT_THAT(html, HasSubstr("standardinställningar"));
  // The engine's notes in the report's language (readmissions lack follow-up at the end of the
  // extract; the defaults have no price for 2021).
  EXPECT_THAT(html, HasSubstr("<li>Återinskrivningar: inga perioder som slutar efter"));
  EXPECT_THAT(html, HasSubstr("<li>Belopp för betalningsansvar: pris saknas för"));
  for (const char* english : {"(defaults)", "nara check", "--goals", "spec/indicators.md",
                              "follow-up would reach", "no price per day"}) {
    EXPECT_THAT(html, Not(HasSubstr(english))) << english;
  }
  // The settlement table comes from the indicator table's liable_days / liable_amount rows.
  EXPECT_THAT(html, HasSubstr("<table id=\"settlement\">"));
  EXPECT_THAT(html, HasSubstr("data-indicator=\"liable_days\" data-unit=\"08\""));
  EXPECT_THAT(html, Not(HasSubstr("Betalningsansvar: ej beräknat i denna körning")));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  run = RunNara({"report", *dir_ / "x", "--test-data", "--period", "2022-03", "--lang", "en",
                 "--out", *dir_ / "en"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string english = ReadFile(dir_->path() / "en" / "rapport-2022-03.html");
  EXPECT_THAT(english, HasSubstr("<html lang=\"en\">"));
  EXPECT_THAT(english, HasSubstr("Monthly report"));
}

// The defaults have no price for 2021: the Belopp column says "pris saknas för 2021" for a 2021
// month, never 0 kr and never an empty dash (issue 16).
TEST_F(ReportE2eTest, AYearWithoutAPriceSaysPrisSaknas) {
  auto run =
      RunNara({"report", *dir_ / "x", "--test-data", "--period", "2021-05", "--suppress", "0",
               "--out", *dir_ / "p"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string html = ReadFile(dir_->path() / "p" / "rapport-2021-05.html");
  EXPECT_THAT(html, HasSubstr("data-price-missing=\"2021\">pris saknas för 2021</td>"));
  EXPECT_THAT(html, Not(HasSubstr("data-indicator=\"liable_amount\" data-unit=\"08\" "
                                  "data-period=\"2021-05\" data-value")));
  // liable_days is still shown for the same month.
  EXPECT_THAT(html, HasSubstr("data-indicator=\"liable_days\" data-unit=\"08\" "
                              "data-period=\"2021-05\" data-value"));
  // 2022 is priced: its amounts are numbers.
  run = RunNara({"report", *dir_ / "x", "--test-data", "--period", "2022-03", "--suppress", "0",
                 "--lang", "en", "--out", *dir_ / "p22"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string priced = ReadFile(dir_->path() / "p22" / "rapport-2022-03.html");
  EXPECT_THAT(priced, Not(HasSubstr("data-price-missing")));
  EXPECT_THAT(priced, HasSubstr("data-indicator=\"liable_amount\" data-unit=\"08\" "
                                "data-period=\"2022-03\" data-value"));
}

// `--suppress 0` is an internal report: nothing hidden, and the report says it is not for
// publication.
TEST_F(ReportE2eTest, SuppressZeroIsAnInternalReport) {
  auto run = RunNara({"report", *dir_ / "x", "--test-data", "--period", "2022-03", "--suppress",
                      "0", "--out", *dir_ / "internal"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string html = ReadFile(dir_->path() / "internal" / "rapport-2022-03.html");
  EXPECT_THAT(html, HasSubstr("av: intern rapport, får inte publiceras"));
  EXPECT_THAT(html, Not(HasSubstr("title=\"undertryckt: för få fall\"")));
  run = RunNara({"report", *dir_ / "x", "--test-data", "--period", "2022-03", "--out",
                 *dir_ / "published"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string published = ReadFile(dir_->path() / "published" / "rapport-2022-03.html");
  EXPECT_THAT(published, HasSubstr("title=\"undertryckt: för få fall\""));
}

TEST_F(ReportE2eTest, PeriodErrorsAreUsageErrors) {
  auto outside =
      RunNara({"report", *dir_ / "x", "--test-data", "--period", "2023-T1", "--out", *dir_ / "o"});
  EXPECT_EQ(outside.exit_code, 2);
  EXPECT_THAT(outside.err, HasSubstr("not wholly inside the extract's coverage 2020-01-01 – "
                                     "2022-12-31"));
  auto quarter =
      RunNara({"report", *dir_ / "x", "--test-data", "--period", "2022-Q1", "--out", *dir_ / "o"});
  EXPECT_EQ(quarter.exit_code, 2);
  EXPECT_THAT(quarter.err, HasSubstr("a report is monthly (e.g. 2022-03) or per tertial"));
}

TEST_F(ReportE2eTest, BadGoalsFileIsAUsageErrorNamingTheKey) {
  WriteFile(dir_->path() / "bad.toml",
            "[[strategy]]\nname = \"S\"\n[[strategy.goal]]\nname = \"G\"\n"
            "[[strategy.goal.result]]\nid = \"a\"\nname = \"A\"\nindicator = \"readmission_30d\"\n"
            "target = \"< 17\"\ntolerence = 1\n");
  auto run = RunNara({"report", *dir_ / "x", "--test-data", "--period", "2022-T1", "--goals",
                      *dir_ / "bad.toml", "--out", *dir_ / "o"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("bad.toml:10: strategy[1].goal[1].result[1].tolerence: unknown setting"));
}

TEST(CohortE2eTest, GoldenCaseAsJsonAndUnknownProgramme) {
  const std::string extract = std::string(NARA_SOURCE_DIR) + "/tests/golden_cohort/mint_small";
  auto run = RunNara({"cohort", extract, "--test-data", "--programme", "MiNT", "--window", "10",
                      "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["analysed"], 2);
  EXPECT_EQ(json["matched"], 1);
  EXPECT_EQ(json["acute_admissions"]["enrolled"]["total_before"], 2);
  EXPECT_DOUBLE_EQ(json["acute_admissions"]["difference_in_differences"]["estimate"].get<double>(),
                   0.0);
  auto unknown = RunNara({"cohort", extract, "--test-data", "--programme", "Hemsjukvård"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("programmes there: MiNT"));
}

TEST(DemoReportE2eTest, DemoWritesTheTertialReportWithTheExampleGoals) {
  TempDir dir;
  auto run = RunNara({"demo", "--out", dir / "demo", "--stays", "1000"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("Tertial report 2022-T2 with the example goals"));
  const std::string html = ReadFile(dir.path() / "demo" / "rapport-2022-T2.html");
  EXPECT_THAT(html, HasSubstr("Tertialrapport"));
  EXPECT_THAT(html, HasSubstr("data-goal-id=\"readmission_all_ages\""));
  EXPECT_THAT(html, HasSubstr("<svg class=\"pie\""));
}

}  // namespace
}  // namespace nara::e2e
