// Proves that no clear identity number appears in anything Nära writes: every file under the
// output folders, standard output and standard error of every command run on a synthetic
// extract full of personnummer, including rejected rows.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <set>
#include <sstream>

#include "e2e/e2e_support.hpp"
#include "e2e/input_forms_support.hpp"

namespace nara::e2e {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The last 10 characters of every identity-number-shaped run in `text` (YYMMDDNNNC, or with a
// letter for interim numbers), with '-'/'+' removed: 10 or 12 digits, or 6/8 digits, a
// separator, 4 characters.
std::vector<std::string> IdentityShapedRuns(const std::string& text) {
  std::vector<std::string> runs;
  for (size_t i = 0; i < text.size(); ++i) {
    if (!IsDigit(text[i]) || (i > 0 && IsDigit(text[i - 1]))) continue;
    size_t j = i;
    while (j < text.size() && IsDigit(text[j])) ++j;
    std::string digits = text.substr(i, j - i);
    if ((digits.size() == 6 || digits.size() == 8) && j + 4 < text.size() + 1 &&
        (text[j] == '-' || text[j] == '+')) {
      digits += text.substr(j + 1, 4);
    }
    if (digits.size() >= 10) runs.push_back(digits.substr(digits.size() - 10));
  }
  return runs;
}

// The patient values of one table of the extract, as 10-character keys.
void CollectPatients(const std::filesystem::path& file, std::set<std::string>& out) {
  std::istringstream in(ReadFile(file));
  std::string header;
  std::getline(in, header);
  size_t column = 0;
  {
    std::stringstream fields(header);
    std::string name;
    size_t index = 0;
    while (std::getline(fields, name, ',')) {
      if (name == "patient") column = index;
      ++index;
    }
  }
  std::string line;
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    std::string value;
    for (size_t i = 0; i <= column; ++i) std::getline(fields, value, ',');
    std::string key;
    for (char c : value) {
      if (c != '-' && c != '+') key.push_back(c);
    }
    if (key.size() >= 10) out.insert(key.substr(key.size() - 10));
  }
}

// The scanner itself must find numbers in every written form, or the test below proves nothing.
TEST(PrivacyE2eTest, ScannerFindsEveryForm) {
  EXPECT_EQ(IdentityShapedRuns("a 191212-1212 b"), std::vector<std::string>{"1912121212"});
  EXPECT_EQ(IdentityShapedRuns("191212121212,x"), std::vector<std::string>{"1212121212"});
  EXPECT_EQ(IdentityShapedRuns("x;121212+1212"), std::vector<std::string>{"1212121212"});
  EXPECT_TRUE(IdentityShapedRuns("2019-03-01 12:00, 15.946").empty());
}

TEST(PrivacyE2eTest, NoClearIdentityNumberInAnythingNaraWrites) {
  TempDir dir;
  ASSERT_EQ(RunNara({"synth", dir / "x", "--stays", "1500", "--seed", "11", "--inject-faults"})
                .exit_code,
            0);
  std::set<std::string> identities;
  for (const char* table : {"episodes.csv", "contacts.csv", "waits.csv", "enrollments.csv"}) {
    CollectPatients(dir.path() / "x" / table, identities);
  }
  ASSERT_GT(identities.size(), 400u);

  std::vector<RunResult> runs;
  runs.push_back(RunNara({"check", dir / "x", "--test-data", "--out", dir / "out/check"}));
  runs.push_back(RunNara({"check", dir / "x", "--out", dir / "out/refused"}));  // no key
  runs.push_back(RunNara({"demo", "--out", dir / "out/demo", "--stays", "500"}));
  runs.push_back(RunNara({"indicators", dir / "x", "--test-data", "--out", dir / "out/ind.csv"}));
  runs.push_back(RunNara({"indicators", dir / "x", "--test-data", "--format", "json", "--out",
                          dir / "out/ind.json"}));
  runs.push_back(RunNara({"check", dir / "x", "--test-data", "--out", dir / "out/c2",
                          "--threads", "1"}));
  // The store file itself (SQLite pages scanned as bytes) and the deltas listing.
  runs.push_back(RunNara({"ingest", dir / "x", "--test-data", "--store", dir / "out/nara.db"}));
  runs.push_back(RunNara({"deltas", "--store", dir / "out/nara.db", "--from", "1", "--to", "1"}));
  ASSERT_EQ(runs[3].exit_code, 0) << runs[3].err;
  ASSERT_EQ(runs[0].exit_code, 0);
  ASSERT_EQ(runs[6].exit_code, 0) << runs[6].err;
  ASSERT_FALSE(std::filesystem::file_size(dir.path() / "out/check/rejects.csv") < 200);

  std::vector<std::pair<std::string, std::string>> written;  // (name, text)
  for (size_t i = 0; i < runs.size(); ++i) {
    written.emplace_back("stdout of run " + std::to_string(i), runs[i].out);
    written.emplace_back("stderr of run " + std::to_string(i), runs[i].err);
  }
  for (const auto& file : FilesUnder(dir.path() / "out")) {
    // The demo's own synthetic extract is input, not output: it holds identity numbers by design.
    if (file.parent_path().filename() == "extract") continue;
    written.emplace_back(file.string(), ReadFile(file));
  }
  // The demo extract's numbers count too.
  for (const char* table : {"episodes.csv", "contacts.csv", "waits.csv", "enrollments.csv"}) {
    CollectPatients(dir.path() / "out/demo/extract" / table, identities);
  }
  size_t checked = 0;
  for (const auto& [name, text] : written) {
    for (const auto& run : IdentityShapedRuns(text)) {
      EXPECT_EQ(identities.count(run), 0u) << "an identity number appears in " << name;
    }
    checked += text.size();
  }
  EXPECT_GT(checked, 10000u);
}

// ---- nara settle -------------------------------------------------------------------------

namespace fs = std::filesystem;

constexpr const char* kPrices =
    "[settlement.price_per_day]\n2020 = 8200\n2021 = 8700\n2022 = 9300\n";

// The text of a written file: its bytes, or for a workbook the XML of every part under xl/
// (shared strings and sheets: an XLSX is a zip, its bytes hold no readable number).
std::string TextOf(const fs::path& file, const fs::path& scratch) {
  if (file.extension() != ".xlsx") return ReadFile(file);
  const std::string text = (scratch / "xlsx-text.xml").string();
  EXPECT_EQ(std::system(("unzip -p '" + file.string() + "' 'xl/*' > '" + text + "'").c_str()), 0);
  return ReadFile(text);
}

// Every identity number of the synthetic extract's stays as the 10-digit key IdentityShapedRuns
// gives, with the municipalities of that patient's stays.
std::map<std::string, std::set<std::string>> NumbersByMunicipality(const fs::path& episodes) {
  std::istringstream in(ReadFile(episodes));
  std::string line;
  std::getline(in, line);
  const auto header = SplitLine(line, ',');
  size_t patient = header.size(), municipality = header.size();
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == "patient") patient = i;
    if (header[i] == "municipality") municipality = i;
  }
  std::map<std::string, std::set<std::string>> out;
  while (std::getline(in, line)) {
    const auto f = SplitLine(line, ',');
    if (f.size() != header.size()) continue;
    const auto runs = IdentityShapedRuns(f[patient]);
    if (runs.size() == 1) out[runs[0]].insert(f[municipality]);
  }
  return out;
}

// Without --with-identity nothing `nara settle` writes or prints holds an identity number: the
// CSVs, run.json, settlement.xlsx, the overview and every municipality's workbook.
TEST(SettlePrivacyE2eTest, WithoutWithIdentityNoSettleOutputHoldsANumber) {
  TempDir dir;
  ASSERT_EQ(RunNara({"synth", dir / "x", "--stays", "2000", "--seed", "7"}).exit_code, 0);
  WriteFile(dir.path() / "nara.toml", kPrices);
  const auto numbers = NumbersByMunicipality(dir.path() / "x" / "episodes.csv");
  ASSERT_GT(numbers.size(), 500u);
  std::vector<RunResult> runs;
  runs.push_back(RunNara({"settle", dir / "x", "--test-data", "--config", dir / "nara.toml",
                          "--from", "2021-01", "--to", "2021-03", "--out", dir / "out/whole"}));
  runs.push_back(RunNara({"settle", dir / "x", "--test-data", "--config", dir / "nara.toml",
                          "--month", "2021-03", "--out", dir / "out/pm", "--per-municipality"}));
  std::vector<std::pair<std::string, std::string>> written;
  for (const auto& run : runs) {
    ASSERT_EQ(run.exit_code, 0) << run.err;
    written.emplace_back("stdout", run.out);
    written.emplace_back("stderr", run.err);
  }
  size_t workbooks = 0;
  for (const auto& file : FilesUnder(dir.path() / "out")) {
    workbooks += file.extension() == ".xlsx" ? 1 : 0;
    written.emplace_back(file.string(), TextOf(file, dir.path()));
  }
  EXPECT_GT(workbooks, 3u);
  size_t checked = 0;
  for (const auto& [name, text] : written) {
    for (const auto& run : IdentityShapedRuns(text)) {
      EXPECT_EQ(numbers.count(run), 0u) << "an identity number appears in " << name;
    }
    checked += text.size();
  }
  EXPECT_GT(checked, 100000u);
}

// --with-identity follows the patient column however the extract gives it: renamed through
// extract.toml's [columns.episodes], the PAR form (personnummer, no stay id) with its
// coordination keyed by person, and a canonical extract whose coordination is keyed by person.
// In each, only the per-municipality workbooks hold numbers, each only those of patients with a
// stay in that municipality, and every basis row got its number.
TEST(SettlePrivacyE2eTest, WithIdentityOnlyEachMunicipalityFileHoldsItsResidentsNumbers) {
  TempDir dir;
  ASSERT_EQ(RunNara({"synth", dir / "c", "--stays", "2000", "--seed", "7"}).exit_code, 0);
  WriteFile(dir.path() / "nara.toml", kPrices);
  const std::string episodes = ReadFile(dir.path() / "c" / "episodes.csv");
  const std::string coordination = ReadFile(dir.path() / "c" / "coordination.csv");
  const auto numbers = NumbersByMunicipality(dir.path() / "c" / "episodes.csv");
  struct Form {
    std::string name;
    std::string episodes;
    std::string coordination;
    std::string manifest_extra;
  };
  const std::vector<Form> forms = {
      {"mapped", RenameColumn(episodes, "patient", "Patient-ID"), coordination,
       "\n[columns.episodes]\n\"Patient-ID\" = \"patient\"\n"},
      {"par", ToParForm(episodes), CoordinationByPatient(episodes, coordination), ""},
      {"by_person", episodes, CoordinationByPatient(episodes, coordination), ""},
  };
  for (const Form& form : forms) {
    SCOPED_TRACE(form.name);
    const fs::path extract = dir.path() / form.name;
    fs::create_directories(extract);
    for (const auto& entry : fs::directory_iterator(dir.path() / "c")) {
      const std::string name = entry.path().filename().string();
      if (name == "episodes.csv" || name == "coordination.csv") continue;
      fs::copy(entry.path(), extract / name);
    }
    std::string par_form = form.episodes;
    if (form.name == "par") {
      // The PAR form with the personnummer column under that name.
      par_form.replace(0, 5, "personnummer");
    }
    WriteFile(extract / "episodes.csv", par_form);
    WriteFile(extract / "coordination.csv", form.coordination);
    WriteFile(extract / "extract.toml", ReadFile(extract / "extract.toml") + form.manifest_extra);
    const fs::path out = dir.path() / ("out-" + form.name);
    const auto run = RunNara({"settle", extract.string(), "--test-data", "--config",
                              dir / "nara.toml", "--from", "2021-01", "--to", "2021-03",
                              "--out", out.string(), "--per-municipality", "--with-identity"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_THAT(run.err, ::testing::HasSubstr("(0 rows had no identity number in episodes.csv)"));
    size_t municipality_files = 0, found = 0;
    for (const auto& file : FilesUnder(out)) {
      const std::string name = file.filename().string();
      const std::string text = TextOf(file, dir.path());
      // betalningsansvar-0880-2021-01_2021-03.xlsx: the municipality's own file.
      const bool own = name.rfind("betalningsansvar-", 0) == 0 && name.size() > 21 &&
                       name[17] >= '0' && name[17] <= '9';
      const std::string code = own ? name.substr(17, 4) : "";
      municipality_files += own ? 1 : 0;
      for (const auto& number : IdentityShapedRuns(text)) {
        const auto patient = numbers.find(number);
        if (patient == numbers.end()) continue;  // not an identity number of the extract
        ++found;
        EXPECT_TRUE(own) << name << " holds an identity number";
        EXPECT_TRUE(patient->second.count(code))
            << name << " holds the number of a patient with no stay in " << code;
      }
    }
    EXPECT_GE(municipality_files, 2u);
    EXPECT_GT(found, 20u);
    const std::string run_json = ReadFile(out / "run.json");
    EXPECT_THAT(run_json, ::testing::HasSubstr("\"rows_without_number\": 0"));
    EXPECT_THAT(run_json, ::testing::Not(::testing::HasSubstr("\"rows_with_number\": 0,")));
  }
}

}  // namespace
}  // namespace nara::e2e
