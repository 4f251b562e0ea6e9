// End-to-end tests of `nara synth`, `nara check` and `nara demo`: both dialects, injected faults,
// exit codes of data contract §4.4.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "e2e/e2e_support.hpp"
#include "e2e/spreadsheet_support.hpp"

namespace nara::e2e {
namespace {

using ::testing::HasSubstr;

nlohmann::json Report(const TempDir& dir, const std::string& name) {
  return nlohmann::json::parse(ReadFile(dir.path() / name / "ingest_report.json"));
}

int64_t Count(const nlohmann::json& report, const std::string& file, const char* what) {
  for (const auto& table : report["tables"]) {
    if (table["file"] == file) return table[what].get<int64_t>();
  }
  return -1;
}

TEST(CliE2eTest, CanonicalAndRegisterDialectsOfTheSameDataReadAlike) {
  TempDir dir;
  ASSERT_EQ(RunNara({"synth", dir / "canonical", "--stays", "3000", "--seed", "5"}).exit_code, 0);
  ASSERT_EQ(RunNara({"synth", dir / "register", "--stays", "3000", "--seed", "5", "--dialect",
                     "register"})
                .exit_code,
            0);
  for (const char* name : {"canonical", "register"}) {
    auto run = RunNara({"check", dir / name, "--test-data", "--out",
                        dir / (std::string(name) + "-check")});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_THAT(run.out, HasSubstr("Rejected rows: 0"));
  }
  const auto canonical = Report(dir, "canonical-check");
  const auto register_style = Report(dir, "register-check");
  for (const char* file : {"episodes.csv", "coordination.csv", "contacts.csv", "waits.csv",
                           "population.csv", "enrollments.csv"}) {
    EXPECT_GT(Count(canonical, file, "used"), 0) << file;
    EXPECT_EQ(Count(canonical, file, "used"), Count(register_style, file, "used")) << file;
  }
  EXPECT_EQ(Count(canonical, "episodes.csv", "read"), 3000);
  EXPECT_EQ(canonical["patients"], register_style["patients"]);
  for (const auto& table : register_style["tables"]) {
    if (table["file"] == "episodes.csv") {
      EXPECT_EQ(table["delimiter"], ";");
      EXPECT_EQ(table["encoding"], "Windows-1252");
    }
  }
}

// faults.csv lists the rows injected on purpose; every one must be in rejects.csv with the same
// file, line and code, and the report must count them.
TEST(CliE2eTest, InjectedFaultsAreEachReportedWithFileLineAndCode) {
  TempDir dir;
  ASSERT_EQ(RunNara({"synth", dir / "x", "--stays", "2000", "--inject-faults"}).exit_code, 0);
  auto run = RunNara({"check", dir / "x", "--test-data", "--out", dir / "check"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // The first four fields of each row of a rejects.csv-like file, as "file:line:code".
  auto listed = [](const std::string& text, int64_t& rows) {
    std::set<std::string> keys;
    std::istringstream in(text);
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(line, "file,line,column,code,message,row");
    while (std::getline(in, line)) {
      std::stringstream fields(line);
      std::string file, number, column, code;
      std::getline(fields, file, ',');
      std::getline(fields, number, ',');
      std::getline(fields, column, ',');
      std::getline(fields, code, ',');
      keys.insert(file + ":" + number + ":" + code);
      ++rows;
    }
    return keys;
  };
  int64_t reject_rows = 0;
  int64_t flag_rows = 0;
  const std::set<std::string> rejected =
      listed(ReadFile(dir.path() / "check" / "rejects.csv"), reject_rows);
  const std::set<std::string> flagged =
      listed(ReadFile(dir.path() / "check" / "flags.csv"), flag_rows);
  std::string line;
  std::istringstream faults(ReadFile(dir.path() / "x" / "faults.csv"));
  std::getline(faults, line);
  ASSERT_EQ(line, "file,line,column,code,outcome");
  int faults_seen = 0;
  int flags_expected = 0;
  std::set<std::string> codes;
  while (std::getline(faults, line)) {
    std::stringstream fields(line);
    std::string file, number, column, code, outcome;
    std::getline(fields, file, ',');
    std::getline(fields, number, ',');
    std::getline(fields, column, ',');
    std::getline(fields, code, ',');
    std::getline(fields, outcome, ',');
    const std::string key = file + ":" + number + ":" + code;
    if (outcome == "flag") {
      // Kept and listed in flags.csv (an overlapping stay), not rejected.
      EXPECT_TRUE(flagged.count(key)) << line;
      EXPECT_FALSE(rejected.count(file + ":" + number + ":" + code)) << line;
      ++flags_expected;
    } else {
      EXPECT_EQ(outcome, "reject") << line;
      EXPECT_TRUE(rejected.count(key)) << line;
    }
    codes.insert(code);
    ++faults_seen;
  }
  EXPECT_EQ(flags_expected, 1);
  EXPECT_EQ(flag_rows, flags_expected);
  EXPECT_GE(faults_seen, 10);
  for (const char* code : {"bad_date", "discharge_before_admission", "unknown_municipality",
                           "duplicate_episode_id", "unknown_episode", "duplicate_stay",
                           "overlapping_stay"}) {
    EXPECT_TRUE(codes.count(code)) << code;
  }
  const auto report = Report(dir, "check");
  EXPECT_EQ(report["rows_rejected"].get<int64_t>(), reject_rows);
  EXPECT_THAT(run.out, HasSubstr("Rejected rows: " + std::to_string(reject_rows)));
  EXPECT_EQ(report["rows_flagged"].get<int64_t>(), flag_rows);
  EXPECT_THAT(run.out, HasSubstr("Flagged rows (kept): " + std::to_string(flag_rows)));
  // --strict turns rejected rows into exit code 1.
  auto strict = RunNara({"check", dir / "x", "--test-data", "--strict", "--out", dir / "c2"});
  EXPECT_EQ(strict.exit_code, 1);
}

TEST(CliE2eTest, ExitCodesAndMessages) {
  TempDir dir;
  auto missing = RunNara({"check", dir / "nowhere", "--out", dir / "c"});
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_THAT(missing.err, HasSubstr("nowhere: not an extract folder"));
  auto usage = RunNara({"check"});
  EXPECT_EQ(usage.exit_code, 2);
  auto unknown_option = RunNara({"check", dir / "x", "--frobnicate"});
  EXPECT_EQ(unknown_option.exit_code, 2);
  ASSERT_EQ(RunNara({"synth", dir / "x", "--stays", "200"}).exit_code, 0);
  auto no_key = RunNara({"check", dir / "x", "--out", dir / "c"});
  EXPECT_EQ(no_key.exit_code, 3);
  EXPECT_THAT(no_key.err, HasSubstr("holds identity numbers, and no pseudonymisation key"));
  // A key from NARA_KEY_FILE is accepted; a key file of the wrong size is a usage error.
  WritePrivateFile(dir.path() / "key", "an e2e key of 32 bytes, not 1x32");
  auto keyed = RunNara({"check", dir / "x", "--out", dir / "c"}, ".",
                       {"NARA_KEY_FILE=" + (dir / "key")});
  EXPECT_EQ(keyed.exit_code, 0) << keyed.err;
  EXPECT_THAT(keyed.out, ::testing::Not(HasSubstr("TEST key")));
  WritePrivateFile(dir.path() / "short", std::string(31, 'k'));
  auto short_key = RunNara({"check", dir / "x", "--key-file", dir / "short", "--out", dir / "c"});
  EXPECT_EQ(short_key.exit_code, 2);
  EXPECT_THAT(short_key.err, HasSubstr("short: a pseudonymisation key file must hold exactly"));
  // A key file others may read (a plain `head -c 32 /dev/urandom > key` under umask 022) is
  // refused, naming the file and the fix, with the exit code of the other key errors.
  std::filesystem::permissions(dir.path() / "key", std::filesystem::perms::others_read,
                               std::filesystem::perm_options::add);
  auto shared_key = RunNara({"check", dir / "x", "--key-file", dir / "key", "--out", dir / "c"});
  EXPECT_EQ(shared_key.exit_code, 2);
  EXPECT_THAT(shared_key.err, HasSubstr("key: the pseudonymisation key file is open to group or "
                                        "others (mode 0604)"));
  EXPECT_THAT(shared_key.err, HasSubstr("chmod 600 " + (dir / "key")));
}

TEST(CliE2eTest, DemoRuns) {
  TempDir dir;
  auto run = RunNara({"demo", "--out", dir / "demo", "--stays", "1000"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("Rejected rows: 0"));
}

}  // namespace
}  // namespace nara::e2e

namespace nara::e2e {
namespace {

// The synthetic extract must look like a region's (issue: readmissions 65+ around 16-20 %,
// mean ready days 1-3), measured by Nära's own indicator table.
TEST(CliE2eTest, SyntheticRatesArePlausible) {
  TempDir dir;
  ASSERT_EQ(RunNara({"synth", dir / "x", "--stays", "20000", "--seed", "3"}).exit_code, 0);
  auto run = RunNara({"indicators", dir / "x", "--test-data", "--out", dir / "t.csv"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::istringstream table(ReadFile(dir.path() / "t.csv"));
  std::map<std::string, double> values;
  for (std::string line; std::getline(table, line);) {
    std::vector<std::string> fields;
    std::stringstream stream(line);
    for (std::string field; std::getline(stream, field, ',');) fields.push_back(field);
    if (fields.size() >= 9 && fields[1] == "2021" && fields[2] == "region" &&
        fields[4] == "all" && fields[5] == "all") {
      values[fields[0]] = std::stod(fields[8]);
    }
  }
  EXPECT_GT(values["readmission_30d_65plus"], 14.0);
  EXPECT_LT(values["readmission_30d_65plus"], 22.0);
  EXPECT_GT(values["ready_days_mean_somatic"], 1.0);
  EXPECT_LT(values["ready_days_mean_somatic"], 3.0);
  EXPECT_GT(values["inpatient_stays_per_100k"], 9000.0);
  EXPECT_LT(values["inpatient_stays_per_100k"], 15000.0);
}

}  // namespace
}  // namespace nara::e2e

namespace nara::e2e {
namespace {

size_t CountOf(const std::string& text, const std::string& needle) {
  size_t count = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

// The same table as CSV, JSON and XLSX; the workbook is read back (zip + XML) to prove it is one.
TEST(CliE2eTest, IndicatorTableInThreeFormatsAgrees) {
  TempDir dir;
  ASSERT_EQ(RunNara({"synth", dir / "x", "--stays", "400", "--seed", "9"}).exit_code, 0);
  ASSERT_EQ(RunNara({"indicators", dir / "x", "--test-data", "--out", dir / "t.csv"}).exit_code, 0);
  ASSERT_EQ(RunNara({"indicators", dir / "x", "--test-data", "--out", dir / "t.json"}).exit_code,
            0);
  auto xlsx = RunNara({"indicators", dir / "x", "--test-data", "--format", "xlsx", "--out",
                       dir / "t.xlsx"});
  ASSERT_EQ(xlsx.exit_code, 0) << xlsx.err;
  const std::string csv = ReadFile(dir.path() / "t.csv");
  const size_t rows = CountOf(csv, "\n") - 1;
  ASSERT_GT(rows, 1000u);
  // Counted, not parsed: a DOM of the whole table is slow in a debug build.
  const std::string json = ReadFile(dir.path() / "t.json");
  EXPECT_EQ(json.substr(0, 9), "{\"rows\":[");
  EXPECT_EQ(CountOf(json, "{\"indicator\":"), rows);
  // A contents sheet, then one sheet per indicator (tests/e2e/indicator_workbook_e2e_test.cpp
  // opens it in LibreOffice): the data rows of the indicator sheets are the table's rows.
  const std::string workbook = Unzip(dir / "t.xlsx", "xl/workbook.xml");
  const size_t sheets = CountOf(workbook, "<sheet ");
  ASSERT_GT(sheets, 20u);
  size_t data_rows = 0;
  for (size_t i = 2; i <= sheets; ++i) {
    const std::string sheet =
        Unzip(dir / "t.xlsx", "xl/worksheets/sheet" + std::to_string(i) + ".xml");
    data_rows += CountOf(sheet, "<row ") - 1;  // without the header
  }
  EXPECT_EQ(data_rows, rows);
  // Swedish header "Täljare" (written inline: the workbook is streamed in constant memory).
  EXPECT_NE(Unzip(dir / "t.xlsx", "xl/worksheets/sheet2.xml").find("T\xc3\xa4ljare"),
            std::string::npos);
  EXPECT_NE(workbook.find("readmission_30d_65plus"), std::string::npos);
  // --format xlsx without --out is a usage error.
  EXPECT_EQ(RunNara({"indicators", dir / "x", "--test-data", "--format", "xlsx"}).exit_code, 2);
}

TEST(CliE2eTest, SuppressionHidesSmallCellsInTheOutput) {
  TempDir dir;
  ASSERT_EQ(RunNara({"synth", dir / "x", "--stays", "400", "--seed", "9"}).exit_code, 0);
  auto run = RunNara({"indicators", dir / "x", "--test-data", "--suppress", "5", "--out",
                      dir / "t.csv"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::istringstream table(ReadFile(dir.path() / "t.csv"));
  std::string line;
  std::getline(table, line);
  size_t suppressed = 0;
  while (std::getline(table, line)) {
    if (line.back() != '1') continue;
    ++suppressed;
    // indicator,period,unit_type,unit,sex,age_group,numerator,denominator,value,suppressed
    std::vector<std::string> fields;
    std::stringstream stream(line);
    for (std::string field; std::getline(stream, field, ',');) fields.push_back(field);
    ASSERT_EQ(fields.size(), 10u) << line;
    EXPECT_EQ(fields[6], "") << line;
    EXPECT_EQ(fields[8], "") << line;
  }
  EXPECT_GT(suppressed, 0u);
  EXPECT_NE(run.err.find("suppression with min_count 5 hid"), std::string::npos);
}

// Every command that reads an extract takes --config, and a misspelt key in nara.toml or in
// extract.toml is an error naming the file, the line and the key (not silently ignored).
TEST(CliE2eTest, AMisspeltKeyInNaraTomlOrExtractTomlIsAnErrorNamingFileLineAndKey) {
  TempDir dir;
  ASSERT_EQ(RunNara({"synth", dir / "x", "--stays", "200", "--seed", "3"}).exit_code, 0);
  WriteFile(dir.path() / "nara.toml", "[readmission]\nwindow_days = 30\n\n[suppression]\n"
                                      "min_cuont = 5\n");
  const std::string config = (dir.path() / "nara.toml").string();
  for (const std::vector<std::string>& command :
       std::vector<std::vector<std::string>>{
           {"check", dir / "x", "--test-data", "--out", dir / "c"},
           {"indicators", dir / "x", "--test-data", "--out", dir / "i.csv"},
           {"settle", dir / "x", "--test-data", "--month", "2022-01", "--out", dir / "s"},
           {"report", dir / "x", "--test-data", "--period", "2022-T1", "--out", dir / "r"},
           {"cohort", dir / "x", "--test-data", "--programme", "MiNT"},
           {"ingest", dir / "x", "--test-data", "--store", dir / "n.db"}}) {
    std::vector<std::string> args = command;
    args.push_back("--config");
    args.push_back(config);
    auto run = RunNara(args);
    EXPECT_EQ(run.exit_code, 2) << command[0] << ": " << run.err;
    EXPECT_THAT(run.err, HasSubstr("nara.toml:5: suppression.min_cuont: unknown setting"))
        << command[0];
  }
  auto demo = RunNara({"demo", "--out", dir / "d", "--stays", "200", "--config", config});
  EXPECT_EQ(demo.exit_code, 2) << demo.err;
  EXPECT_THAT(demo.err, HasSubstr("suppression.min_cuont: unknown setting"));

  std::string manifest = ReadFile(dir.path() / "x" / "extract.toml");
  WriteFile(dir.path() / "x" / "extract.toml", manifest + "coverage_too = 2022-12-31\n");
  const int line = static_cast<int>(std::count(manifest.begin(), manifest.end(), '\n')) + 1;
  auto run = RunNara({"check", dir / "x", "--test-data", "--out", dir / "c"});
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_THAT(run.err, HasSubstr("extract.toml:" + std::to_string(line) +
                                 ": coverage_too: unknown setting (known: "));
}

}  // namespace
}  // namespace nara::e2e
