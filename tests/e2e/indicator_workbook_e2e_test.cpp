// The indicator workbook as an analyst opens it (issue 15): LibreOffice headless converts every
// sheet to CSV, and the tests check the contents sheet, one sheet per indicator holding all of its
// rows, Swedish words and unit names instead of ids, and the filters (--indicator, --period-type,
// --unit-type, --unit), which run after suppression. Skipped (with the reason) when soffice is
// not installed (scripts/setup.sh installs libreoffice-calc-nogui).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "e2e/e2e_support.hpp"
#include "e2e/spreadsheet_support.hpp"

namespace nara::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class IndicatorWorkbookE2eTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    ASSERT_EQ(RunNara({"synth", *dir_ / "x", "--stays", "400", "--seed", "9"}).exit_code, 0);
    auto csv = RunNara({"indicators", *dir_ / "x", "--test-data", "--suppress", "3", "--out",
                        *dir_ / "t.csv"});
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    auto xlsx = RunNara({"indicators", *dir_ / "x", "--test-data", "--suppress", "3", "--out",
                         *dir_ / "t.xlsx"});
    ASSERT_EQ(xlsx.exit_code, 0) << xlsx.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static TempDir* dir_;
};
TempDir* IndicatorWorkbookE2eTest::dir_ = nullptr;

TEST_F(IndicatorWorkbookE2eTest, OneSheetPerIndicatorWithSwedishWordsAsLibreOfficeShowsIt) {
  if (!HaveSoffice()) {
    GTEST_SKIP() << "soffice (LibreOffice) is not installed: apt-get install "
                    "libreoffice-calc-nogui to open the workbook in a spreadsheet program";
  }
  const fs::path converted = dir_->path() / "csv";
  fs::create_directories(converted);
  ASSERT_EQ(Convert(dir_->path() / "t.xlsx", converted, "csv"), 0);
  // The table's rows per indicator, from the CSV form of the same run.
  std::map<std::string, size_t> expected;
  const Rows table = ParseCsv(ReadFile(dir_->path() / "t.csv"));
  for (size_t i = 1; i < table.size(); ++i) ++expected[table[i][0]];
  ASSERT_GT(expected.size(), 20u);

  std::map<std::string, Rows> sheets;  // sheet name -> cells as shown
  for (const auto& entry : fs::directory_iterator(converted)) {
    const std::string name = entry.path().stem().string();
    if (entry.path().extension() != ".csv" || name.rfind("t-", 0) != 0) continue;
    sheets[name.substr(2)] = ParseCsv(ReadFile(entry.path()));
  }
  ASSERT_TRUE(sheets.count("Innehåll")) << "no contents sheet";
  const Rows& contents = sheets["Innehåll"];
  EXPECT_EQ(contents[0][0], "Nära – indikatortabell");
  EXPECT_THAT(contents[1][0], HasSubstr("Röjandeskydd: celler med färre än 3 fall"));
  // Every indicator has its own sheet with all its rows (never split), listed on the contents
  // sheet with its Swedish name and row count.
  EXPECT_EQ(sheets.size(), expected.size() + 1);
  std::map<std::string, std::pair<std::string, std::string>> listed;  // id -> (sheet, rows)
  for (const auto& row : contents) {
    if (row.size() >= 5 && expected.count(row[1])) listed[row[1]] = {row[0], row[4]};
  }
  EXPECT_EQ(listed.size(), expected.size());
  for (const auto& [id, rows] : expected) {
    const auto& [sheet_name, shown_rows] = listed[id];
    // The sheet is named by the id, cut to Excel's 31 characters.
    EXPECT_EQ(sheet_name, id.substr(0, 31)) << id;
    ASSERT_TRUE(sheets.count(sheet_name)) << id;
    EXPECT_EQ(sheets[sheet_name].size(), rows + 1) << id;  // with the header
    std::string shown = std::to_string(rows);
    if (rows >= 1000) shown.insert(shown.size() - 3, "\xc2\xa0");  // Swedish grouping
    EXPECT_EQ(shown_rows, shown) << id;
  }
  const Rows& sheet = sheets["readmission_30d"];
  EXPECT_EQ(sheet[0], (std::vector<std::string>{"Indikator", "Period", "Periodtyp", "Enhetstyp",
                                                "Enhet", "Enhetsnamn", "Kön", "Åldersgrupp",
                                                "Täljare", "Nämnare", "Värde", "Undertryckt"}));
  std::set<std::string> unit_types, sexes, ages, period_types, names;
  bool kalmar = false;
  for (size_t i = 1; i < sheet.size(); ++i) {
    names.insert(sheet[i][0]);
    period_types.insert(sheet[i][2]);
    unit_types.insert(sheet[i][3]);
    sexes.insert(sheet[i][6]);
    ages.insert(sheet[i][7]);
    kalmar = kalmar || (sheet[i][4] == "0880" && sheet[i][5] == "Kalmar");
  }
  EXPECT_EQ(names.size(), 1u);
  EXPECT_THAT(*names.begin(), HasSubstr("återinskrivningar"));
  EXPECT_TRUE(kalmar) << "municipality 0880 is not shown as Kalmar";
  EXPECT_TRUE(unit_types.count("Kommun") && unit_types.count("Region") && unit_types.count("Län"));
  EXPECT_EQ(sexes, (std::set<std::string>{"Alla", "Kvinnor", "Män"}));
  EXPECT_TRUE(ages.count("Alla åldrar") && ages.count("80 år och äldre") && ages.count("0–17 år"));
  EXPECT_TRUE(period_types.count("Månad") && period_types.count("Rullande 12 månader"));
  // No id where a reader expects a word.
  for (const auto& [name, rows] : sheets) {
    for (const auto& row : rows) {
      for (const auto& cell : row) {
        for (const char* id : {"municipality", "health_center", "county", "all", "rolling_12"}) {
          EXPECT_NE(cell, id) << "sheet " << name;
        }
      }
    }
  }
}

TEST_F(IndicatorWorkbookE2eTest, WidthsFrozenHeaderAndAutofilter) {
  const std::string workbook = Unzip(*dir_ / "t.xlsx", "xl/workbook.xml");
  EXPECT_THAT(workbook, HasSubstr("name=\"Innehåll\""));
  EXPECT_THAT(workbook, HasSubstr("name=\"readmission_30d_65plus\""));
  const std::string sheet = Unzip(*dir_ / "t.xlsx", "xl/worksheets/sheet2.xml");
  EXPECT_THAT(sheet, HasSubstr("<autoFilter ref=\"A1:L"));
  EXPECT_THAT(sheet, HasSubstr("state=\"frozen\""));
  EXPECT_THAT(sheet, HasSubstr("<col min=\"6\" max=\"6\" width="));
  // Printed landscape on A4, one page wide, the header repeated.
  EXPECT_THAT(sheet, HasSubstr("orientation=\"landscape\""));
  EXPECT_THAT(sheet, HasSubstr("fitToHeight=\"0\""));
  EXPECT_THAT(workbook, HasSubstr("_xlnm.Print_Titles"));
}

TEST_F(IndicatorWorkbookE2eTest, FiltersKeepTheSameSuppressedRows) {
  auto run = RunNara({"indicators", *dir_ / "x", "--test-data", "--suppress", "3", "--indicator",
                      "readmission_30d", "--indicator", "inpatient_stays_per_100k", "--period-type", "year",
                      "--unit-type", "municipality", "--out", *dir_ / "f.csv"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.err, HasSubstr("note: the filter kept"));
  // The filtered table is exactly the matching lines of the whole one: the filter runs after
  // suppression, so it hides the same cells.
  std::vector<std::string> want;
  const auto all = Lines(ReadFile(dir_->path() / "t.csv"));
  want.push_back(all[0]);
  for (size_t i = 1; i < all.size(); ++i) {
    const auto& line = all[i];
    const bool indicator = line.rfind("readmission_30d,", 0) == 0 ||
                           line.rfind("inpatient_stays_per_100k,", 0) == 0;
    const auto fields = ParseCsv(line + "\n")[0];
    if (indicator && fields[1].size() == 4 && fields[2] == "municipality") want.push_back(line);
  }
  ASSERT_GT(want.size(), 10u);
  EXPECT_EQ(Lines(ReadFile(dir_->path() / "f.csv")), want);
  auto unit = RunNara({"indicators", *dir_ / "x", "--test-data", "--unit", "0880", "--out",
                       *dir_ / "u.csv"});
  ASSERT_EQ(unit.exit_code, 0) << unit.err;
  const auto lines = Lines(ReadFile(dir_->path() / "u.csv"));
  ASSERT_GT(lines.size(), 10u);
  for (size_t i = 1; i < lines.size(); ++i) ASSERT_THAT(lines[i], HasSubstr(",0880,"));
}

TEST_F(IndicatorWorkbookE2eTest, UnknownFilterValuesAreUsageErrors) {
  auto indicator = RunNara({"indicators", *dir_ / "x", "--test-data", "--indicator", "readmision"});
  EXPECT_EQ(indicator.exit_code, 2);
  EXPECT_THAT(indicator.err, HasSubstr("--indicator readmision: no such indicator"));
  auto unit_type = RunNara({"indicators", *dir_ / "x", "--test-data", "--unit-type", "kommun"});
  EXPECT_EQ(unit_type.exit_code, 2);
  EXPECT_THAT(unit_type.err, HasSubstr("--unit-type kommun: expected region"));
  auto period_type = RunNara({"indicators", *dir_ / "x", "--test-data", "--period-type", "week"});
  EXPECT_EQ(period_type.exit_code, 2);
  EXPECT_THAT(period_type.err, HasSubstr("--period-type week: expected month"));
}

}  // namespace
}  // namespace nara::e2e
