// Proves that no clear identity number appears in anything Nära writes: every file under the
// output folders, standard output and standard error of every command run on a synthetic
// extract full of personnummer, including rejected rows.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "e2e/e2e_support.hpp"

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

}  // namespace
}  // namespace nara::e2e
