// End-to-end tests of `nara settle` on synthetic extracts over several years: the summary is the
// sum of the basis, runs are reproducible, the workbook opens, errors have their exit codes, and
// --compare explains what changed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <sstream>

#include "e2e/e2e_support.hpp"
#include "e2e/spreadsheet_support.hpp"

namespace nara::e2e {
namespace {

using ::testing::HasSubstr;

constexpr const char* kPrices =
    "[settlement.price_per_day]\n2020 = 8200\n2021 = 8700\n2022 = 9300\n";

std::vector<std::vector<std::string>> ReadCsv(const std::filesystem::path& path) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(ReadFile(path));
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::stringstream stream(line);
    std::string field;
    while (std::getline(stream, field, ',')) fields.push_back(field);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    rows.push_back(fields);
  }
  return rows;
}

size_t Column(const std::vector<std::string>& header, const std::string& name) {
  return static_cast<size_t>(std::find(header.begin(), header.end(), name) - header.begin());
}

class SettleE2eTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    ASSERT_EQ(RunNara({"synth", *dir_ / "x", "--stays", "4000", "--seed", "11"}).exit_code, 0);
    WriteFile(dir_->path() / "nara.toml", kPrices);
  }
  static void TearDownTestSuite() { delete dir_; }
  static RunResult Settle(const std::string& extract, const std::string& out,
                          std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"settle",   *dir_ / extract,     "--test-data",
                                     "--config", *dir_ / "nara.toml", "--out",
                                     *dir_ / out};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunNara(args);
  }
  static TempDir* dir_;
};
TempDir* SettleE2eTest::dir_ = nullptr;

TEST_F(SettleE2eTest, SummaryIsTheSumOfTheBasisOverThreeYearsAndRunsAreReproducible) {
  auto run = Settle("x", "a", {"--from", "2020-01", "--to", "2022-12"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto basis = ReadCsv(dir_->path() / "a" / "basis.csv");
  const auto summary = ReadCsv(dir_->path() / "a" / "summary.csv");
  ASSERT_GT(basis.size(), 100u);
  const auto& h = basis[0];
  std::map<std::string, std::array<int64_t, 3>> sums;  // municipality,month -> ready, liable, kr
  std::set<std::string> years, episodes_seen;
  std::map<std::string, int64_t> episodes;
  for (size_t i = 1; i < basis.size(); ++i) {
    const auto& row = basis[i];
    const std::string key = row[Column(h, "municipality")] + "," + row[Column(h, "month")];
    sums[key][0] += std::stoll(row[Column(h, "ready_days")]);
    sums[key][1] += std::stoll(row[Column(h, "liable_days")]);
    sums[key][2] += std::stoll(row[Column(h, "amount")]);
    if (episodes_seen.insert(key + "," + row[Column(h, "episode_id")]).second) ++episodes[key];
    if (std::stoll(row[Column(h, "liable_days")]) > 0) {
      years.insert(row[Column(h, "month")].substr(0, 4));
      EXPECT_EQ(row[Column(h, "patient_ref")].size(), 16u);
    }
  }
  EXPECT_EQ(years, (std::set<std::string>{"2020", "2021", "2022"}));
  ASSERT_EQ(summary[0], (std::vector<std::string>{"municipality", "month", "episodes", "ready_days",
                                                  "liable_days", "amount"}));
  EXPECT_EQ(summary.size() - 1, sums.size());
  int64_t total = 0;
  for (size_t i = 1; i < summary.size(); ++i) {
    const auto& row = summary[i];
    const std::string key = row[0] + "," + row[1];
    ASSERT_TRUE(sums.count(key)) << key;
    EXPECT_EQ(std::stoll(row[2]), episodes[key]) << key;
    EXPECT_EQ(std::stoll(row[3]), sums[key][0]) << key;
    EXPECT_EQ(std::stoll(row[4]), sums[key][1]) << key;
    EXPECT_EQ(std::stoll(row[5]), sums[key][2]) << key;
    total += std::stoll(row[5]);
  }
  EXPECT_GT(total, 0);

  // summary_by_care_type.csv splits each municipality-month by care type: its rows add up to
  // summary.csv's (episodes too: a stay has one care type), and both care types occur.
  const auto by_care_type = ReadCsv(dir_->path() / "a" / "summary_by_care_type.csv");
  ASSERT_EQ(by_care_type[0], (std::vector<std::string>{"municipality", "care_type", "month",
                                                       "episodes", "ready_days", "liable_days",
                                                       "amount"}));
  std::map<std::string, std::array<int64_t, 4>> split;
  std::set<std::string> care_types;
  for (size_t i = 1; i < by_care_type.size(); ++i) {
    const auto& row = by_care_type[i];
    care_types.insert(row[1]);
    auto& sum = split[row[0] + "," + row[2]];
    for (size_t c = 0; c < 4; ++c) sum[c] += std::stoll(row[3 + c]);
  }
  EXPECT_EQ(care_types, (std::set<std::string>{"psychiatric", "somatic"}));
  ASSERT_EQ(split.size(), summary.size() - 1);
  for (size_t i = 1; i < summary.size(); ++i) {
    const auto& row = summary[i];
    const auto& sum = split[row[0] + "," + row[1]];
    for (size_t c = 0; c < 4; ++c) EXPECT_EQ(sum[c], std::stoll(row[2 + c])) << row[0] << row[1];
  }

  // The same inputs give byte-identical CSVs.
  ASSERT_EQ(Settle("x", "b", {"--from", "2020-01", "--to", "2022-12"}).exit_code, 0);
  for (const char* file : {"summary.csv", "summary_by_care_type.csv", "basis.csv"}) {
    EXPECT_EQ(ReadFile(dir_->path() / "a" / file), ReadFile(dir_->path() / "b" / file)) << file;
  }

  // run.json records the checksums, months, agreements and prices.
  const auto json = nlohmann::json::parse(ReadFile(dir_->path() / "a" / "run.json"));
  EXPECT_EQ(json["months"]["from"], "2020-01");
  EXPECT_EQ(json["extract"]["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(json["config"]["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(json["prices_used"]["2021"], 8700);
  EXPECT_EQ(json["files"]["summary_by_care_type.csv"].get<std::string>().size(), 64u);
  EXPECT_EQ(json["totals"]["amount"], total);
  EXPECT_EQ(json["agreements_used"][0]["valid_from"], "2018-01-01");

  // The workbook is a zip whose sheets hold the municipalities, the headers and the total.
  const std::string xlsx = *dir_ / "a/settlement.xlsx";
  const std::string workbook = Unzip(xlsx, "xl/workbook.xml");
  EXPECT_THAT(workbook, HasSubstr("name=\"Sammanställning\""));
  const std::string first_municipality = summary[1][0];
  EXPECT_THAT(workbook, HasSubstr("name=\"" + first_municipality + " "));
  const std::string strings = Unzip(xlsx, "xl/sharedStrings.xml");
  for (const char* header : {"Kommun", "Månad", "Vårdtillfällen", "Utskrivningsklara dagar",
                             "Betalningsansvariga dagar", "Belopp (kr)", "Totalt"}) {
    EXPECT_THAT(strings, HasSubstr(header)) << header;
  }
  EXPECT_THAT(Unzip(xlsx, "xl/worksheets/sheet1.xml"),
              HasSubstr("<v>" + std::to_string(total) + "</v>"));
  // `,` is the grouping placeholder (shown as the reader's locale groups); a literal space is not.
  const std::string styles = Unzip(xlsx, "xl/styles.xml");
  EXPECT_THAT(styles, HasSubstr("formatCode=\"#,##0 &quot;kr&quot;\""));
  EXPECT_THAT(styles, ::testing::Not(HasSubstr("# ##0")));
  // Print setup and filter on every sheet: landscape, one page wide, header repeated.
  const std::string sheet1 = Unzip(xlsx, "xl/worksheets/sheet1.xml");
  EXPECT_THAT(sheet1, HasSubstr("<autoFilter ref=\"A"));
  EXPECT_THAT(sheet1, HasSubstr("orientation=\"landscape\""));
  EXPECT_THAT(sheet1, HasSubstr("fitToHeight=\"0\""));
  EXPECT_THAT(Unzip(xlsx, "xl/worksheets/sheet2.xml"), HasSubstr("<autoFilter ref=\"A4:M"));
  EXPECT_THAT(Unzip(xlsx, "xl/workbook.xml"), HasSubstr("_xlnm.Print_Titles"));
}

// The built-in settings are named in Swedish in the workbook, not "(defaults)".
TEST_F(SettleE2eTest, TheDefaultSettingsAreNamedInTheWorkbooksLanguage) {
  ASSERT_EQ(RunNara({"settle", *dir_ / "x", "--test-data", "--month", "2022-03", "--out",
                     *dir_ / "defaults"})
                .exit_code,
            0);
  const std::string strings = Unzip(*dir_ / "defaults/settlement.xlsx", "xl/sharedStrings.xml");
  EXPECT_THAT(strings, HasSubstr("standardinställningar (lagens regler"));
  EXPECT_THAT(strings, ::testing::Not(HasSubstr("(defaults)")));
  ASSERT_EQ(RunNara({"settle", *dir_ / "x", "--test-data", "--month", "2022-03", "--out",
                     *dir_ / "defaults-en", "--lang", "en"})
                .exit_code,
            0);
  EXPECT_THAT(Unzip(*dir_ / "defaults-en/settlement.xlsx", "xl/sharedStrings.xml"),
              HasSubstr("defaults (the law's rules"));
}

// The basis is individual-level: patients appear only as pseudonyms, never as the identity
// numbers of the extract (data contract §3).
TEST_F(SettleE2eTest, NoIdentityNumberInTheSettlementFiles) {
  ASSERT_EQ(Settle("x", "private", {"--from", "2020-01", "--to", "2020-12"}).exit_code, 0);
  const auto episodes = ReadCsv(dir_->path() / "x" / "episodes.csv");
  const size_t patient = Column(episodes[0], "patient");
  ASSERT_LT(patient, episodes[0].size());
  std::string written;
  for (const char* file : {"summary.csv", "basis.csv", "run.json"}) {
    written += ReadFile(dir_->path() / "private" / file);
  }
  written += Unzip(*dir_ / "private/settlement.xlsx", "xl/sharedStrings.xml");
  size_t checked = 0;
  for (size_t i = 1; i < episodes.size(); ++i) {
    std::string digits;
    for (char c : episodes[i][patient]) {
      if (c >= '0' && c <= '9') digits += c;
    }
    if (digits.size() < 10) continue;
    EXPECT_EQ(written.find(digits.substr(digits.size() - 10)), std::string::npos);
    ++checked;
  }
  EXPECT_GT(checked, 1000u);
}

TEST_F(SettleE2eTest, TheWorkbookIsAvailableInEnglish) {
  ASSERT_EQ(Settle("x", "english", {"--month", "2021-03", "--lang", "en"}).exit_code, 0);
  const std::string xlsx = *dir_ / "english/settlement.xlsx";
  EXPECT_THAT(Unzip(xlsx, "xl/workbook.xml"), HasSubstr("name=\"Summary\""));
  const std::string strings = Unzip(xlsx, "xl/sharedStrings.xml");
  for (const char* text : {"Municipality", "Stays", "Liable days", "Amount (SEK)", "Total",
                           "the law's model, 3 grace days"}) {
    EXPECT_THAT(strings, HasSubstr(text)) << text;
  }
  EXPECT_THAT(strings, ::testing::Not(HasSubstr("Belopp")));
  EXPECT_THAT(Unzip(xlsx, "xl/styles.xml"), HasSubstr("formatCode=\"#,##0 &quot;kr&quot;\""));
  // The CSVs do not depend on the language.
  ASSERT_EQ(Settle("x", "swedish", {"--month", "2021-03"}).exit_code, 0);
  EXPECT_EQ(ReadFile(dir_->path() / "english" / "basis.csv"),
            ReadFile(dir_->path() / "swedish" / "basis.csv"));
}

TEST_F(SettleE2eTest, MonthsOutsideCoverageAreAUsageError) {
  auto run = Settle("x", "outside", {"--from", "2019-12", "--to", "2020-01"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("not wholly inside the extract's coverage 2020-01-01 to "
                                 "2022-12-31"));
  EXPECT_EQ(
      RunNara({"settle", *dir_ / "x", "--test-data", "--month", "2020-13", "--out", *dir_ / "bad"})
          .exit_code,
      2);
}

TEST_F(SettleE2eTest, AMissingPriceIsUnusableInputNamingTheYear) {
  // The defaults price 2019 and 2022 only.
  auto run = RunNara(
      {"settle", *dir_ / "x", "--test-data", "--month", "2021-06", "--out", *dir_ / "noprice"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_THAT(run.err, HasSubstr("no price per liable day for 2021"));
}

TEST_F(SettleE2eTest, CompareListsWhatChangedPerPatientAndMunicipality) {
  ASSERT_EQ(Settle("x", "march", {"--month", "2021-03"}).exit_code, 0);
  const auto basis = ReadCsv(dir_->path() / "march" / "basis.csv");
  const auto& h = basis[0];
  std::string episode, municipality;
  for (size_t i = 1; i < basis.size() && episode.empty(); ++i) {
    if (std::stoll(basis[i][Column(h, "liable_days")]) > 0) {
      episode = basis[i][Column(h, "episode_id")];
      municipality = basis[i][Column(h, "municipality")];
    }
  }
  ASSERT_FALSE(episode.empty());
  // A corrected extract: that stay's admission notice is withdrawn (a prerequisite now fails).
  std::filesystem::copy(dir_->path() / "x", dir_->path() / "y",
                        std::filesystem::copy_options::recursive);
  std::istringstream in(ReadFile(dir_->path() / "y" / "coordination.csv"));
  std::string line, kept;
  int dropped = 0;
  while (std::getline(in, line)) {
    if (line.rfind(episode + ",admission_notice,", 0) == 0) {
      ++dropped;
      continue;
    }
    kept += line + "\n";
  }
  ASSERT_GT(dropped, 0) << episode;
  WriteFile(dir_->path() / "y" / "coordination.csv", kept);

  auto run = Settle("y", "march2", {"--month", "2021-03", "--compare", *dir_ / "march"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr(municipality + " 2021-03: 0 added, 0 removed, 1 changed"));
  const auto changes = ReadCsv(dir_->path() / "march2" / "changes.csv");
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[1][0], municipality);
  EXPECT_EQ(changes[1][3], episode);
  EXPECT_EQ(changes[1][4], "changed");
  EXPECT_EQ(changes[1][8], "0");  // new liable days
  const auto before = nlohmann::json::parse(ReadFile(dir_->path() / "march" / "run.json"));
  const auto after = nlohmann::json::parse(ReadFile(dir_->path() / "march2" / "run.json"));
  EXPECT_NE(before["extract"]["sha256"], after["extract"]["sha256"]);
  // Comparing with the folder being overwritten would compare the run with itself.
  auto same = Settle("y", "march2", {"--month", "2021-03", "--compare", *dir_ / "march2"});
  EXPECT_EQ(same.exit_code, 2);
  EXPECT_THAT(same.err, HasSubstr("--compare must name an earlier run's folder"));
}

}  // namespace
}  // namespace nara::e2e
