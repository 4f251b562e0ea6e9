// The settlement workbooks opened in a real spreadsheet program: LibreOffice headless converts
// them to CSV (cells as shown, Swedish locale) and PDF, and the tests check what an economist
// sees: "3 496 800 kr", the subtotals, distinct stays, the out-of-county group, a municipality's
// file holding only its own rows, and the overview's page count. Skipped (with the reason) when
// soffice is not installed (scripts/setup.sh installs libreoffice-calc-nogui).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "e2e/e2e_support.hpp"
#include "e2e/input_forms_support.hpp"
#include "e2e/spreadsheet_support.hpp"

namespace nara::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr const char* kPrices =
    "[settlement.price_per_day]\n2020 = 8200\n2021 = 8700\n2022 = 9300\n";
constexpr const char* kMonth = "2021-03";
// A quarter of seed 16 with liable days of residents of other counties.
constexpr const char* kQuarter = "2021-04_2021-06";
constexpr const char* kNbsp = "\xc2\xa0";  // LibreOffice's Swedish digit grouping

std::string Cell(const std::vector<std::string>& row, size_t column) {
  return column < row.size() ? row[column] : std::string();
}

// "3496800" -> "3 496 800 kr" with LibreOffice's Swedish grouping (no-break spaces).
std::string SwedishKronor(int64_t amount) {
  const std::string digits = std::to_string(amount);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += kNbsp;
    out += digits[i];
  }
  return out + " kr";
}

class SettleWorkbookE2eTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    ASSERT_EQ(RunNara({"synth", *dir_ / "x", "--stays", "6000", "--seed", "16"}).exit_code, 0);
    WriteFile(dir_->path() / "nara.toml", kPrices);
    const auto run = RunNara({"settle", *dir_ / "x", "--test-data", "--config", *dir_ / "nara.toml",
                              "--month", kMonth, "--out", *dir_ / "pm", "--per-municipality"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const auto quarter =
        RunNara({"settle", *dir_ / "x", "--test-data", "--config", *dir_ / "nara.toml", "--from",
                 "2021-04", "--to", "2021-06", "--out", *dir_ / "q", "--per-municipality"});
    ASSERT_EQ(quarter.exit_code, 0) << quarter.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (!HaveSoffice()) {
      GTEST_SKIP() << "soffice (LibreOffice) is not installed: apt-get install "
                      "libreoffice-calc-nogui to open the workbooks in a spreadsheet program";
    }
  }

  static fs::path Out() { return dir_->path() / "pm"; }     // the month
  static fs::path Quarter() { return dir_->path() / "q"; }  // the quarter
  static TempDir* dir_;
};

TempDir* SettleWorkbookE2eTest::dir_ = nullptr;

TEST_F(SettleWorkbookE2eTest, TheOverviewShowsKronorSubtotalsAndDistinctStays) {
  const fs::path overview =
      Quarter() / (std::string("betalningsansvar-oversikt-") + kQuarter + ".xlsx");
  ASSERT_TRUE(fs::exists(overview));
  EXPECT_FALSE(fs::exists(Quarter() / "settlement.xlsx"));  // no workbook with everyone's rows
  const fs::path converted = dir_->path() / "overview-csv";
  fs::create_directories(converted);
  ASSERT_EQ(Convert(overview, converted, "csv"), 0);
  fs::path csv;
  for (const auto& entry : fs::directory_iterator(converted)) {
    if (entry.path().extension() == ".csv") csv = entry.path();
  }
  ASSERT_FALSE(csv.empty()) << "LibreOffice wrote no CSV";
  const Rows sheet = ParseCsv(ReadFile(csv));

  // The CSV outputs of the same run: the expected numbers.
  const Rows summary = ParseCsv(ReadFile(Quarter() / "summary.csv"));
  const Rows basis = ParseCsv(ReadFile(Quarter() / "basis.csv"));
  int64_t total_amount = 0;
  struct Expected {
    int64_t liable_days = 0, amount = 0;
    std::set<std::string> stays;
  };
  std::map<std::string, Expected> by_municipality;
  for (size_t i = 1; i < summary.size(); ++i) {
    total_amount += std::stoll(summary[i][5]);
    by_municipality[summary[i][0]].liable_days += std::stoll(summary[i][4]);
    by_municipality[summary[i][0]].amount += std::stoll(summary[i][5]);
  }
  std::set<std::string> stays;  // distinct stays: patient_ref/episode_id
  for (size_t i = 1; i < basis.size(); ++i) {
    stays.insert(basis[i][2] + "/" + basis[i][3]);
    by_municipality[basis[i][0]].stays.insert(basis[i][2] + "/" + basis[i][3]);
  }
  ASSERT_GT(total_amount, 0);

  std::map<std::string, size_t> label_row;
  for (size_t r = 0; r < sheet.size(); ++r) label_row[Cell(sheet[r], 0)] = r;
  ASSERT_TRUE(label_row.count("Totalt")) << ReadFile(csv);
  const auto& total = sheet[label_row["Totalt"]];
  EXPECT_EQ(Cell(total, 7), SwedishKronor(total_amount));
  // Vårdtillfällen counts distinct stays, not the sum of rows.
  EXPECT_EQ(Cell(total, 4), std::to_string(stays.size()));
  // One subtotal per municipality: the summary's sums over the quarter, its distinct stays.
  for (const auto& [code, expected] : by_municipality) {
    bool found = false;
    for (const auto& line : sheet) {
      if (Cell(line, 0).rfind("Summa " + code + " ", 0) != 0) continue;
      found = true;
      EXPECT_EQ(Cell(line, 4), std::to_string(expected.stays.size())) << code;
      EXPECT_EQ(Cell(line, 6), std::to_string(expected.liable_days)) << code;
      EXPECT_EQ(Cell(line, 7), SwedishKronor(expected.amount)) << code;
    }
    EXPECT_TRUE(found) << "no subtotal for " << code;
  }
  // Per care type, and the out-of-county municipalities after the county's own.
  EXPECT_TRUE(label_row.count("Summa somatisk vård"));
  ASSERT_TRUE(label_row.count("Kommuner utanför länet"));
  const size_t outside = label_row["Kommuner utanför länet"];
  EXPECT_LT(label_row["Summa länets kommuner"], outside);
  const std::string manifest = ReadFile(dir_->path() / "x" / "extract.toml");
  const size_t at = manifest.find("county = \"");
  ASSERT_NE(at, std::string::npos);
  const std::string county = manifest.substr(at + 10, 2);
  size_t own = 0, others = 0;
  for (size_t r = 0; r < sheet.size(); ++r) {
    const std::string code = Cell(sheet[r], 0);
    if (code.size() != 4 || !by_municipality.count(code)) continue;
    const bool in_county = code.substr(0, 2) == county;
    EXPECT_EQ(in_county, r < outside) << code << " on row " << r;
    ++(in_county ? own : others);
  }
  EXPECT_GT(own, 0u);
  EXPECT_GT(others, 0u);
  // No 0 kr shown as " 0 kr" with a stray space, no literal-space format.
  EXPECT_EQ(ReadFile(csv).find(" 0 kr"), std::string::npos);
}

TEST_F(SettleWorkbookE2eTest, AMunicipalityFileHoldsOnlyItsOwnRows) {
  const Rows basis = ParseCsv(ReadFile(Out() / "basis.csv"));
  std::map<std::string, std::set<std::string>> refs;  // municipality -> patient refs
  for (size_t i = 1; i < basis.size(); ++i) refs[basis[i][0]].insert(basis[i][2]);
  ASSERT_GE(refs.size(), 2u);
  const std::string code = refs.begin()->first;
  const fs::path file = Out() / ("betalningsansvar-" + code + "-" + kMonth + ".xlsx");
  ASSERT_TRUE(fs::exists(file));
  for (const auto& [other, unused] : refs) {
    EXPECT_TRUE(fs::exists(Out() / ("betalningsansvar-" + other + "-" + kMonth + ".xlsx")))
        << other;
  }
  const fs::path converted = dir_->path() / "municipality-csv";
  fs::create_directories(converted);
  ASSERT_EQ(Convert(file, converted, "csv"), 0);
  std::string all;
  size_t sheets = 0;
  for (const auto& entry : fs::directory_iterator(converted)) {
    if (entry.path().extension() != ".csv") continue;
    ++sheets;
    all += ReadFile(entry.path());
  }
  EXPECT_EQ(sheets, 2u);  // its summary and its basis
  for (const std::string& ref : refs[code]) EXPECT_THAT(all, HasSubstr(ref));
  for (const auto& [other, other_refs] : refs) {
    if (other == code) continue;
    EXPECT_EQ(all.find("Summa " + other), std::string::npos) << other;
    for (const std::string& ref : other_refs) {
      if (refs[code].count(ref)) continue;  // the same patient paid for by both (moved)
      EXPECT_EQ(all.find(ref), std::string::npos) << other << " " << ref;
    }
  }
}

TEST_F(SettleWorkbookE2eTest, AMonthsOverviewPrintsOnFewLandscapePages) {
  const fs::path overview = Out() / (std::string("betalningsansvar-oversikt-") + kMonth + ".xlsx");
  const fs::path converted = dir_->path() / "overview-pdf";
  fs::create_directories(converted);
  ASSERT_EQ(Convert(overview, converted, "pdf"), 0);
  const fs::path pdf = converted / (std::string("betalningsansvar-oversikt-") + kMonth + ".pdf");
  ASSERT_TRUE(fs::exists(pdf));
  const std::string info_file = (dir_->path() / "pdfinfo.txt").string();
  if (std::system(("command -v pdfinfo >/dev/null 2>&1 && pdfinfo '" + pdf.string() + "' > '" +
                   info_file + "'")
                      .c_str()) != 0) {
    GTEST_SKIP() << "pdfinfo (poppler-utils) is not installed: the page count is not checked";
  }
  const std::string info = ReadFile(info_file);
  int pages = 0;
  double width = 0, height = 0;
  std::istringstream lines(info);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("Pages:", 0) == 0) pages = std::stoi(line.substr(6));
    if (line.rfind("Page size:", 0) == 0) {
      std::sscanf(line.c_str(), "Page size: %lf x %lf", &width, &height);
    }
  }
  // A month's overview of a county's municipalities: a couple of pages, not 149.
  EXPECT_GE(pages, 1);
  EXPECT_LE(pages, 3) << info;
  EXPECT_GT(width, height) << "landscape";
}

// Without --with-identity (not built), no per-municipality workbook holds an identity number:
// every workbook's text is checked for the extract's patient numbers.
TEST(SettleWorkbookPrivacyE2eTest, NoWorkbookHoldsAnIdentityNumber) {
  TempDir dir;
  ASSERT_EQ(RunNara({"synth", dir / "x", "--stays", "3000", "--seed", "7"}).exit_code, 0);
  WriteFile(dir.path() / "nara.toml", kPrices);
  ASSERT_EQ(RunNara({"settle", dir / "x", "--test-data", "--config", dir / "nara.toml", "--from",
                     "2021-01", "--to", "2021-03", "--out", dir / "pm", "--per-municipality"})
                .exit_code,
            0);
  std::string written;
  size_t workbooks = 0;
  for (const auto& entry : fs::directory_iterator(dir.path() / "pm")) {
    if (entry.path().extension() != ".xlsx") continue;
    ++workbooks;
    const std::string text = (dir.path() / "text.xml").string();
    // unzip's * also matches '/': every part under xl/ (shared strings and sheets).
    ASSERT_EQ(
        std::system(("unzip -p '" + entry.path().string() + "' 'xl/*' > '" + text + "'").c_str()),
        0);
    written += ReadFile(text);
  }
  EXPECT_GT(workbooks, 2u);
  const Rows episodes = ParseCsv(ReadFile(dir.path() / "x" / "episodes.csv"));
  const auto& header = episodes[0];
  const size_t patient =
      static_cast<size_t>(std::find(header.begin(), header.end(), "patient") - header.begin());
  ASSERT_LT(patient, header.size());
  size_t checked = 0;
  for (size_t i = 1; i < episodes.size(); ++i) {
    std::string digits;
    for (char c : Cell(episodes[i], patient)) {
      if (c >= '0' && c <= '9') digits += c;
    }
    if (digits.size() < 10) continue;
    EXPECT_EQ(written.find(digits.substr(digits.size() - 10)), std::string::npos);
    ++checked;
  }
  EXPECT_GT(checked, 1000u);
}

}  // namespace
}  // namespace nara::e2e

namespace nara::e2e {
namespace {

// The text of every part under xl/ of a workbook (shared strings and sheets).
std::string WorkbookText(const fs::path& xlsx, const fs::path& scratch) {
  const std::string text = (scratch / "text.xml").string();
  EXPECT_EQ(std::system(("unzip -p '" + xlsx.string() + "' 'xl/*' > '" + text + "'").c_str()), 0);
  return ReadFile(text);
}

// `19400627-0807`, `400627-0807`, `194006270807` -> `400627-0807`: the form every identity number
// of the basis contains (it is written `19400627-0807`); "" for a value with a letter or another
// number of digits.
std::string ShortForm(const std::string& value) {
  std::string digits;
  for (char c : value) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != '-' && c != '+') {
      return "";
    }
  }
  if (digits.size() != 10 && digits.size() != 12) return "";
  digits = digits.substr(digits.size() - 10);
  return digits.substr(0, 6) + "-" + digits.substr(6);
}

// --with-identity: each municipality's workbook holds the identity numbers of its own basis rows
// and of no one else; the overview, summary.csv, basis.csv and run.json hold none; run.json says
// it was asked for.
TEST(SettleWithIdentityE2eTest, EachMunicipalityFileHoldsOnlyItsOwnRowsNumbers) {
  TempDir dir;
  ASSERT_EQ(RunNara({"synth", dir / "x", "--stays", "3000", "--seed", "7"}).exit_code, 0);
  WriteFile(dir.path() / "nara.toml", kPrices);
  std::string key;
  for (int i = 0; i < 32; ++i) key.push_back(static_cast<char>(i * 7 + 3));
  WritePrivateFile(dir.path() / "key", key);
  const auto run = RunNara({"settle", dir / "x", "--key-file", dir / "key", "--config",
                            dir / "nara.toml", "--from", "2021-01", "--to", "2021-03", "--out",
                            dir / "pm", "--per-municipality", "--with-identity"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.err, HasSubstr("--with-identity"));

  // Which patient's number belongs to which municipality's file: episode -> number from
  // episodes.csv, then (municipality, episode) from basis.csv.
  const Rows episodes = ParseCsv(ReadFile(dir.path() / "x" / "episodes.csv"));
  const auto& header = episodes[0];
  const auto column = [&](const char* name) {
    return static_cast<size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  const size_t patient = column("patient"), episode_id = column("episode_id");
  ASSERT_LT(patient, header.size());
  ASSERT_LT(episode_id, header.size());
  std::map<std::string, std::string> number_of;  // episode_id -> short form
  std::set<std::string> every_number;
  for (size_t i = 1; i < episodes.size(); ++i) {
    const std::string number = ShortForm(Cell(episodes[i], patient));
    if (number.empty()) continue;
    number_of[Cell(episodes[i], episode_id)] = number;
    every_number.insert(number);
  }
  const Rows basis = ParseCsv(ReadFile(dir.path() / "pm" / "basis.csv"));
  std::map<std::string, std::set<std::string>> numbers;  // municipality -> short forms
  for (size_t i = 1; i < basis.size(); ++i) {
    const auto found = number_of.find(Cell(basis[i], 3));
    if (found != number_of.end()) numbers[Cell(basis[i], 0)].insert(found->second);
  }
  ASSERT_GE(numbers.size(), 2u);

  size_t checked = 0;
  for (const auto& [code, own] : numbers) {
    const fs::path file = dir.path() / "pm" / ("betalningsansvar-" + code + "-2021-01_2021-03.xlsx");
    ASSERT_TRUE(fs::exists(file)) << file;
    const std::string text = WorkbookText(file, dir.path());
    EXPECT_THAT(text, HasSubstr("Personnummer"));
    for (const std::string& number : own) {
      EXPECT_THAT(text, HasSubstr(number)) << code;
      ++checked;
    }
    for (const std::string& number : every_number) {
      if (own.count(number)) continue;
      EXPECT_EQ(text.find(number), std::string::npos) << code << ": another municipality's row";
    }
  }
  EXPECT_GT(checked, 20u);

  std::string elsewhere =
      WorkbookText(dir.path() / "pm" / "betalningsansvar-oversikt-2021-01_2021-03.xlsx", dir.path());
  for (const char* name : {"summary.csv", "basis.csv", "run.json"}) {
    elsewhere += ReadFile(dir.path() / "pm" / name);
  }
  for (const std::string& number : every_number) {
    EXPECT_EQ(elsewhere.find(number), std::string::npos) << number;
  }
  const std::string run_json = ReadFile(dir.path() / "pm" / "run.json");
  EXPECT_THAT(run_json, HasSubstr("\"with_identity\""));
  EXPECT_THAT(run_json, HasSubstr("\"rows_with_number\""));
}

// [settlement] basis_stay_id: the region's stay id reaches the municipality workbooks (which go
// to the municipalities) only when nara.toml says it is not identity-bearing, and never a
// derived PAR-form id; basis.csv keeps episode_id either way.
TEST(SettleStayIdE2eTest, TheStayIdReachesMunicipalityFilesOnlyWhenTheRegionSaysSo) {
  TempDir dir;
  ASSERT_EQ(RunNara({"synth", dir / "x", "--stays", "1500", "--seed", "7"}).exit_code, 0);
  WriteFile(dir.path() / "default.toml", kPrices);
  WriteFile(dir.path() / "stay_id.toml",
            std::string(kPrices) + "\n[settlement]\nbasis_stay_id = true\n");
  auto settle = [&](const std::string& extract, const std::string& config,
                    const std::string& out) {
    return RunNara({"settle", dir / extract, "--test-data", "--config", dir / config, "--month",
                    kMonth, "--out", dir / out, "--per-municipality"});
  };
  // The episode ids of each municipality's basis rows.
  auto ids_by_municipality = [&](const std::string& out) {
    std::map<std::string, std::set<std::string>> ids;
    const Rows basis = ParseCsv(ReadFile(dir.path() / out / "basis.csv"));
    EXPECT_EQ(Cell(basis.at(0), 3), "episode_id");
    for (size_t i = 1; i < basis.size(); ++i) ids[basis[i][0]].insert(basis[i][3]);
    return ids;
  };
  const std::string header = ">" + std::string("Vårdtillfälle") + "<";
  for (const char* config : {"default.toml", "stay_id.toml"}) {
    SCOPED_TRACE(config);
    const bool shown = std::string(config) == "stay_id.toml";
    const std::string out = std::string("out-") + config;
    const auto run = settle("x", config, out);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const auto ids = ids_by_municipality(out);
    ASSERT_GE(ids.size(), 2u);
    for (const auto& [code, own] : ids) {
      const std::string text = WorkbookText(
          dir.path() / out / ("betalningsansvar-" + code + "-" + kMonth + ".xlsx"), dir.path());
      EXPECT_EQ(text.find(header) != std::string::npos, shown) << code;
      for (const auto& [other, other_ids] : ids) {
        for (const std::string& id : other_ids) {
          const bool expected = shown && other == code;
          if (own.count(id) && other != code) continue;  // one stay in two municipalities' rows
          EXPECT_EQ(text.find(">" + id + "<") != std::string::npos, expected) << code << " " << id;
        }
      }
    }
    const std::string run_json = ReadFile(dir.path() / out / "run.json");
    EXPECT_EQ(run_json.find("\"basis_stay_id\"") != std::string::npos, shown);
  }
  // The PAR form: derived ids are never written to a municipality's file, and the run says so.
  fs::create_directories(dir.path() / "par");
  for (const auto& entry : fs::directory_iterator(dir.path() / "x")) {
    const std::string name = entry.path().filename().string();
    if (name != "episodes.csv" && name != "coordination.csv") {
      fs::copy(entry.path(), dir.path() / "par" / name);
    }
  }
  const std::string episodes = ReadFile(dir.path() / "x" / "episodes.csv");
  WriteFile(dir.path() / "par" / "episodes.csv", ToParForm(episodes));
  WriteFile(dir.path() / "par" / "coordination.csv",
            CoordinationByPatient(episodes, ReadFile(dir.path() / "x" / "coordination.csv")));
  const auto run = settle("par", "stay_id.toml", "out-par");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.err, HasSubstr("note: [settlement] basis_stay_id: the extract's stay ids are "
                                 "derived (PAR form), not ids the region's systems know, so the "
                                 "municipality workbooks carry none"));
  const auto ids = ids_by_municipality("out-par");
  ASSERT_GE(ids.size(), 2u);
  for (const auto& [code, own] : ids) {
    const std::string text = WorkbookText(
        dir.path() / "out-par" / ("betalningsansvar-" + code + "-" + kMonth + ".xlsx"),
        dir.path());
    EXPECT_EQ(text.find(header), std::string::npos) << code;
    EXPECT_EQ(text.find(">PAR-"), std::string::npos) << code;
    EXPECT_THAT(*own.begin(), ::testing::StartsWith("PAR-"));
  }
  EXPECT_THAT(ReadFile(dir.path() / "out-par" / "run.json"),
              HasSubstr("\"stay_ids_derived\": true"));
}

TEST(SettleWithIdentityE2eTest, IsRefusedWithoutPerMunicipality) {
  TempDir dir;
  ASSERT_EQ(RunNara({"synth", dir / "x", "--stays", "300", "--seed", "7"}).exit_code, 0);
  WriteFile(dir.path() / "nara.toml", kPrices);
  const auto whole = RunNara({"settle", dir / "x", "--test-data", "--config", dir / "nara.toml",
                              "--month", "2021-03", "--out", dir / "a", "--with-identity"});
  EXPECT_EQ(whole.exit_code, 2);
  EXPECT_THAT(whole.err, HasSubstr("add --per-municipality"));
  EXPECT_FALSE(fs::exists(dir.path() / "a" / "basis.csv"));
}

}  // namespace
}  // namespace nara::e2e
