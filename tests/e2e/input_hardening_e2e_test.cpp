// End-to-end tests of the input hardening (issue 17, items 4-7, 9, 11) against the built binary:
// messy identity numbers, CR-only files, mixed encodings, identity-shaped unit names, and files
// that are not regular files inside the extract folder.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "e2e/e2e_support.hpp"
#include "e2e/spreadsheet_support.hpp"

namespace nara::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kManifest =
    "region = \"Region Test\"\ncounty = \"08\"\ncoverage_from = 2019-01-01\n"
    "coverage_to = 2019-12-31\ncreated = 2020-01-20T08:00:00\n";
constexpr const char* kHeader =
    "episode_id,patient,sex,birth_date,municipality,hospital,clinic,care_type,admitted_at,"
    "discharged_at,admission_kind,discharged_to\n";

std::string Row(const std::string& id, const std::string& patient, const std::string& hospital) {
  return id + "," + patient + ",,,0880," + hospital +
         ",Med,somatic,2019-03-01,2019-03-02,acute,home\n";
}

// An extract folder `x` under `dir` with `episodes` as its episodes.csv.
fs::path Extract(const TempDir& dir, const std::string& episodes) {
  const fs::path x = dir.path() / "x";
  fs::create_directories(x);
  WriteFile(x / "extract.toml", kManifest);
  WriteFile(x / "episodes.csv", episodes);
  return x;
}

// Everything the run printed and wrote.
std::string Everything(const RunResult& run, const fs::path& out) {
  std::string text = run.out + run.err;
  if (fs::exists(out)) {
    for (const auto& file : FilesUnder(out)) text += ReadFile(file);
  }
  return text;
}

TEST(InputHardeningE2eTest, MessyIdentityNumbersWithoutAKeyAreRefused) {
  for (const char* messy : {"19400627 0807", "194006270807.0", "'194006270807",
                            "19400627\u00A00807", "400627 - 0807"}) {
    TempDir dir;
    const fs::path x = Extract(dir, std::string(kHeader) + Row("E1", messy, "H"));
    auto run = RunNara({"check", x.string(), "--out", dir / "c"});
    EXPECT_EQ(run.exit_code, 3) << run.out << run.err;
    EXPECT_THAT(run.err, HasSubstr("episodes.csv:2: column 'patient' holds identity numbers"));
    EXPECT_THAT(Everything(run, dir.path() / "c"), Not(HasSubstr("400627")));
  }
}

TEST(InputHardeningE2eTest, ACrOnlyFileIsReadWithEveryRow) {
  TempDir dir;
  std::string episodes = std::string(kHeader) + Row("E1", "LOP1", "H") + Row("E2", "LOP2", "H") +
                         Row("E3", "LOP3", "H");
  std::replace(episodes.begin(), episodes.end(), '\n', '\r');
  const fs::path x = Extract(dir, episodes);
  auto run = RunNara({"check", x.string(), "--test-data", "--out", dir / "c"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const std::string report = ReadFile(dir.path() / "c" / "ingest_report.json");
  EXPECT_THAT(report, HasSubstr("\"unknown_columns\": []"));
  EXPECT_THAT(Everything(run, dir.path() / "c"), Not(HasSubstr("LOP3")));
  EXPECT_THAT(report, HasSubstr("\"used\": 3"));
}

TEST(InputHardeningE2eTest, AMixedEncodingFileIsRefusedNamingFileAndLine) {
  TempDir dir;
  const fs::path x = Extract(dir, std::string(kHeader) + Row("E1", "LOP1", "L\xC3\xA4nssjukhuset") +
                                      Row("E2", "LOP2", "V\xE4xj\xF6"));
  auto run = RunNara({"check", x.string(), "--test-data", "--out", dir / "c"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_THAT(run.err, HasSubstr("episodes.csv:3: byte 0xE4 is not valid UTF-8"));
}

TEST(InputHardeningE2eTest, IdentityShapedUnitsAndEpisodeIdsAreRejectedNotPrinted) {
  TempDir dir;
  const fs::path x = Extract(dir, std::string(kHeader) + Row("E1", "LOP1", "19400627 0807") +
                                      Row("194006270807", "LOP2", "H") + Row("E3", "LOP3", "H"));
  WriteFile(x / "coordination.csv", "episode_id,event,at\n19400627-0807,ready_notice,2019-03-01\n");
  auto run = RunNara({"check", x.string(), "--test-data", "--out", dir / "c"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const std::string rejects = ReadFile(dir.path() / "c" / "rejects.csv");
  EXPECT_THAT(rejects, HasSubstr("identity_number_in_text"));
  EXPECT_THAT(rejects, HasSubstr("unknown_episode"));
  EXPECT_THAT(Everything(run, dir.path() / "c"), Not(HasSubstr("400627")));
}

TEST(InputHardeningE2eTest, OnlyRegularFilesInsideTheFolderAreRead) {
  TempDir dir;
  const fs::path x = Extract(dir, std::string(kHeader) + Row("E1", "LOP1", "H"));
  fs::create_symlink("/dev/zero", x / "enrollments.csv");
  auto device = RunNara({"check", x.string(), "--test-data", "--out", dir / "c"});
  EXPECT_EQ(device.exit_code, 3);
  EXPECT_THAT(device.err, HasSubstr("enrollments.csv: not a regular file"));
  fs::remove(x / "enrollments.csv");

  ASSERT_EQ(::mkfifo((x / "contacts.csv").c_str(), 0600), 0);
  auto fifo = RunNara({"check", x.string(), "--test-data", "--out", dir / "c"});  // no hang
  EXPECT_EQ(fifo.exit_code, 3);
  EXPECT_THAT(fifo.err, HasSubstr("contacts.csv: not a regular file"));
  fs::remove(x / "contacts.csv");

  WriteFile(dir.path() / "elsewhere.csv", "patient,programme,start\nLOP1,MiNT,2019-02-01\n");
  fs::create_symlink(dir.path() / "elsewhere.csv", x / "enrollments.csv");
  auto outside = RunNara({"check", x.string(), "--test-data", "--out", dir / "c"});
  EXPECT_EQ(outside.exit_code, 3);
  EXPECT_THAT(outside.err, HasSubstr("a symbolic link to a file outside the extract folder"));
}

TEST(InputHardeningE2eTest, AnAllZeroKeyIsRefused) {
  TempDir dir;
  const fs::path x = Extract(dir, std::string(kHeader) + Row("E1", "19400627-0807", "H"));
  WritePrivateFile(dir.path() / "key", std::string(32, '\0'));
  auto run = RunNara({"check", x.string(), "--key-file", dir / "key", "--out", dir / "c"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("one byte repeated 32 times"));
}

}  // namespace
}  // namespace nara::e2e

namespace nara::e2e {
namespace {

// Item 8 of the privacy and safety issue: under a file size limit (a full disk), every format of
// `nara indicators` exits 3 naming the file and leaves the previous table as it was, and
// `nara settle` leaves the previous run's files.
TEST(OutputAtomicityE2eTest, AFullDiskLeavesThePreviousOutputs) {
  TempDir dir;
  ASSERT_EQ(RunNara({"synth", dir / "x", "--stays", "2000", "--seed", "3"}).exit_code, 0);
  const std::string nara = NARA_BINARY;
  for (const std::string format : {"csv", "json", "xlsx"}) {
    const std::string out = dir / ("table." + format);
    WriteFile(out, "the previous table");
    // 8 KiB: far less than any format of the table (the xlsx compresses to a few hundred KiB).
    const std::string command = "ulimit -f 16; '" + nara + "' indicators '" + (dir / "x") +
                                "' --test-data --out '" + out + "' > '" + (dir / "err.txt") +
                                "' 2>&1";
    const int status = std::system(("sh -c \"" + command + "\"").c_str());
    ASSERT_TRUE(WIFEXITED(status)) << format;
    EXPECT_EQ(WEXITSTATUS(status), 3) << format << ": " << ReadFile(dir.path() / "err.txt");
    EXPECT_THAT(ReadFile(dir.path() / "err.txt"), HasSubstr("table." + format)) << format;
    EXPECT_EQ(ReadFile(out), "the previous table") << format;
  }
  // A workbook whose zip fits under the limit but whose sheet does not: libxlsxwriter writes the
  // sheet to a temporary file first (cut at the limit, unchecked) and zips it whole-looking.
  // One indicator's sheet is about 13 MiB of XML and 1.1 MiB zipped; the limit is 4 MiB.
  {
    const std::string out = dir / "one.xlsx";
    WriteFile(out, "the previous workbook");
    const std::string command = "ulimit -f 8192; '" + nara + "' indicators '" + (dir / "x") +
                                "' --test-data --indicator inpatient_stays_per_100k --out '" +
                                out + "' > '" + (dir / "err.txt") + "' 2>&1";
    const int status = std::system(("sh -c \"" + command + "\"").c_str());
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 3) << ReadFile(dir.path() / "err.txt");
    EXPECT_THAT(ReadFile(dir.path() / "err.txt"), HasSubstr("one.xlsx: cannot write"));
    EXPECT_EQ(ReadFile(out), "the previous workbook");
    // Without the limit the same workbook is written whole.
    auto whole = RunNara({"indicators", dir / "x", "--test-data", "--indicator",
                          "inpatient_stays_per_100k", "--out", out});
    EXPECT_EQ(whole.exit_code, 0) << whole.err;
    EXPECT_THAT(Unzip(out, "xl/worksheets/sheet2.xml"), ::testing::EndsWith("</worksheet>"));
  }
  // nara check: rejects.csv, flags.csv and ingest_report.json all or none.
  {
    fs::create_directories(dir.path() / "c");
    for (const char* name : {"rejects.csv", "flags.csv", "ingest_report.json"}) {
      WriteFile(dir.path() / "c" / name, std::string("previous ") + name);
    }
    const std::string command = "ulimit -f 1; '" + nara + "' check '" + (dir / "x") +
                                "' --test-data --out '" + (dir / "c") + "' > '" +
                                (dir / "err.txt") + "' 2>&1";
    const int status = std::system(("sh -c \"" + command + "\"").c_str());
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 3) << ReadFile(dir.path() / "err.txt");
    EXPECT_THAT(ReadFile(dir.path() / "err.txt"), HasSubstr(": cannot write the"));
    for (const char* name : {"rejects.csv", "flags.csv", "ingest_report.json"}) {
      EXPECT_EQ(ReadFile(dir.path() / "c" / name), std::string("previous ") + name) << name;
    }
  }
  // The settlement: a run that cannot write its files leaves every file of the previous run.
  WriteFile(dir.path() / "nara.toml", "[settlement.price_per_day]\n2021 = 8700\n");
  fs::create_directories(dir.path() / "s");
  for (const char* name : {"summary.csv", "basis.csv", "settlement.xlsx", "run.json"}) {
    WriteFile(dir.path() / "s" / name, std::string("previous ") + name);
  }
  const std::string settle = "ulimit -f 1; '" + nara + "' settle '" + (dir / "x") +
                             "' --test-data --config '" + (dir / "nara.toml") +
                             "' --from 2021-01 --to 2021-06 --out '" + (dir / "s") + "' > '" +
                             (dir / "err.txt") + "' 2>&1";
  const int status = std::system(("sh -c \"" + settle + "\"").c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 3) << ReadFile(dir.path() / "err.txt");
  for (const char* name : {"summary.csv", "basis.csv", "settlement.xlsx", "run.json"}) {
    EXPECT_EQ(ReadFile(dir.path() / "s" / name), std::string("previous ") + name) << name;
  }

  size_t temporaries = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir.path())) {
    if (entry.path().filename().string().find(".tmp-") != std::string::npos) ++temporaries;
  }
  EXPECT_EQ(temporaries, 0u);
}

}  // namespace
}  // namespace nara::e2e
