// Tests of `nara synth`: determinism, both dialects, row counts, the rates the generator is
// tuned to (measured here by simple scans of the written CSV), and the injected faults.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "synth/generator.hpp"

namespace nara::synth {
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
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

std::vector<std::string> Split(const std::string& line, char delimiter) {
  std::vector<std::string> fields;
  size_t begin = 0;
  while (true) {
    const size_t end = line.find(delimiter, begin);
    fields.push_back(line.substr(begin, end == std::string::npos ? std::string::npos : end - begin));
    if (end == std::string::npos) return fields;
    begin = end + 1;
  }
}

SynthOptions Options(const fs::path& dir, int64_t stays, uint64_t seed) {
  SynthOptions options = DefaultOptions();
  options.out_dir = dir.string();
  options.stays = stays;
  options.seed = seed;
  options.reference_dir = std::string(NARA_SOURCE_DIR) + "/data/reference";
  return options;
}

constexpr const char* kTables[] = {"extract.toml",    "episodes.csv",   "coordination.csv",
                                   "contacts.csv",    "waits.csv",      "population.csv",
                                   "enrollments.csv", "municipalities.csv"};

class SynthTest : public ::testing::Test {
 protected:
  SynthTest() {
    std::random_device random;
    root_ = fs::temp_directory_path() / ("nara-synth-test-" + std::to_string(random()));
  }
  ~SynthTest() override { fs::remove_all(root_); }
  fs::path root_;
};

TEST_F(SynthTest, SameOptionsSameBytesOtherSeedOtherBytes) {
  ASSERT_TRUE(Generate(Options(root_ / "a", 3000, 7)).ok());
  ASSERT_TRUE(Generate(Options(root_ / "b", 3000, 7)).ok());
  ASSERT_TRUE(Generate(Options(root_ / "c", 3000, 8)).ok());
  for (const char* file : kTables) {
    const std::string a = Read(root_ / "a" / file);
    EXPECT_FALSE(a.empty()) << file;
    EXPECT_EQ(a, Read(root_ / "b" / file)) << file;
  }
  for (const char* file : {"episodes.csv", "coordination.csv", "contacts.csv", "waits.csv"}) {
    EXPECT_NE(Read(root_ / "a" / file), Read(root_ / "c" / file)) << file;
  }
  EXPECT_FALSE(fs::exists(root_ / "a" / "faults.csv"));
}

TEST_F(SynthTest, CanonicalFilesHaveTheContractHeadersAndExactlyTheStays) {
  ASSERT_TRUE(Generate(Options(root_ / "x", 2500, 3)).ok());
  const std::map<std::string, std::string> headers = {
      {"episodes.csv",
       "episode_id,patient,sex,birth_date,age,municipality,hospital,clinic,specialty,care_type,"
       "admitted_at,discharged_at,admission_kind,admitted_from,discharged_to,main_diagnosis,"
       "other_diagnoses,health_center"},
      {"coordination.csv", "episode_id,event,at"},
      {"contacts.csv", "contact_id,patient,at,level,kind,profession,unit,emergency,municipality"},
      {"waits.csv", "wait_id,patient,municipality,unit,step,start,end,patient_chosen_days"},
      {"population.csv", "year,municipality,sex,age_from,age_to,count"},
      {"enrollments.csv", "patient,programme,start,end"},
      {"municipalities.csv", "code,name,county,area"},
  };
  for (const auto& [file, header] : headers) {
    const std::string text = Read(root_ / "x" / file);
    EXPECT_EQ(text.substr(0, header.size() + 1), header + "\n") << file;
    EXPECT_EQ(text.find('\r'), std::string::npos) << file;
    EXPECT_EQ(text.find("\xef\xbb\xbf"), std::string::npos) << file;  // no BOM
    // Every row has as many fields as the header.
    const size_t columns = Split(header, ',').size();
    for (const std::string& line : Lines(text)) {
      ASSERT_EQ(Split(line, ',').size(), columns) << file << ": " << line;
    }
  }
  EXPECT_EQ(Lines(Read(root_ / "x" / "episodes.csv")).size(), 2501u);
  EXPECT_EQ(Read(root_ / "x" / "extract.toml"),
            "# Synthetic extract written by `nara synth` (seed 3, 2500 stays, canonical "
            "dialect): no real patients.\n"
            "region = \"Region Kalmar l\xc3\xa4n\"\ncounty = \"08\"\n"
            "coverage_from = 2020-01-01\ncoverage_to = 2022-12-31\n"
            "created = 2023-01-20T08:00:00\n");
  const std::string municipalities = Read(root_ / "x" / "municipalities.csv");
  EXPECT_NE(municipalities.find("0840,M\xc3\xb6rbyl\xc3\xa5nga,08,s\xc3\xb6" "dra\n"),
            std::string::npos);
  EXPECT_NE(municipalities.find("0883,V\xc3\xa4stervik,08,norra\n"), std::string::npos);
  EXPECT_EQ(Lines(municipalities).size(), 13u);  // Kalmar län has 12 municipalities
}

TEST_F(SynthTest, RegisterDialectIsWindows1252WithSemicolonsAndCrlf) {
  SynthOptions options = Options(root_ / "r", 6000, 3);
  options.dialect = Dialect::kRegister;
  ASSERT_TRUE(Generate(options).ok());
  const std::string episodes = Read(root_ / "r" / "episodes.csv");
  EXPECT_EQ(episodes.substr(0, episodes.find('\r')),
            "VTF_ID;PERSONNUMMER;KON;ALDER;LKF;SJUKHUS;KLINIK;MVO;INDATUMA;UTDATUMA;PVARD;INSATT;"
            "UTSATT;HDIA;BDIA;VARDCENTRAL");
  EXPECT_NE(episodes.find("L\xe4nssjukhuset i Kalmar"), std::string::npos);  // ä = 0xE4
  for (const char* file : {"episodes.csv", "coordination.csv", "contacts.csv", "waits.csv",
                           "population.csv", "enrollments.csv", "municipalities.csv"}) {
    const std::string text = Read(root_ / "r" / file);
    // Windows-1252: no UTF-8 lead bytes of U+0080..U+00FF, and every line ends in CRLF.
    EXPECT_EQ(text.find('\xc3'), std::string::npos) << file;
    size_t lines = 0;
    for (size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1)) {
      ASSERT_GT(at, 0u);
      ASSERT_EQ(text[at - 1], '\r') << file << " at byte " << at;
      ++lines;
    }
    EXPECT_GT(lines, 1u) << file;
    EXPECT_NE(text.substr(0, text.find('\r')).find(';'), std::string::npos) << file;
    EXPECT_EQ(text.find(','), std::string::npos) << file;
  }
  EXPECT_NE(Read(root_ / "r" / "municipalities.csv").find("M\xf6rbyl\xe5nga"), std::string::npos);
  EXPECT_NE(Read(root_ / "r" / "coordination.csv").find(";underr\xe4ttelse utskrivningsklar;"),
            std::string::npos);
  // 10-digit identity numbers, KON 1/2, LKF 6 digits, dates YYYYMMDD, PVARD 1/2, HDIA without dot.
  const std::vector<std::string> lines = Lines(episodes);
  ASSERT_EQ(lines.size(), 6001u);
  for (size_t i = 1; i < lines.size(); ++i) {
    const auto f = Split(lines[i], ';');
    ASSERT_EQ(f.size(), 16u) << lines[i];
    ASSERT_EQ(f[1].size(), 11u) << i;
    EXPECT_TRUE(f[1][6] == '-' || f[1][6] == '+') << i;
    EXPECT_TRUE(f[2] == "1" || f[2] == "2") << i;
    EXPECT_EQ(f[4].size(), 6u) << i;
    EXPECT_EQ(f[8].size(), 8u) << i;
    EXPECT_TRUE(f[9].empty() || f[9].size() == 8u) << i;
    EXPECT_TRUE(f[10] == "1" || f[10] == "2") << i;
    EXPECT_EQ(f[13].find('.'), std::string::npos) << i;
  }
}

TEST_F(SynthTest, BothDialectsHoldTheSameData) {
  SynthOptions options = Options(root_ / "c", 1500, 4);
  ASSERT_TRUE(Generate(options).ok());
  options.out_dir = (root_ / "r").string();
  options.dialect = Dialect::kRegister;
  ASSERT_TRUE(Generate(options).ok());
  for (const char* file : {"episodes.csv", "coordination.csv", "contacts.csv", "waits.csv",
                           "population.csv", "enrollments.csv"}) {
    EXPECT_EQ(Lines(Read(root_ / "c" / file)).size(), Lines(Read(root_ / "r" / file)).size())
        << file;
  }
  // The same episode ids, patients (12 vs 10 digits) and admission dates, row by row.
  const auto canonical = Lines(Read(root_ / "c" / "episodes.csv"));
  const auto register_style = Lines(Read(root_ / "r" / "episodes.csv"));
  for (size_t i = 1; i < canonical.size(); ++i) {
    const auto c = Split(canonical[i], ',');
    const auto r = Split(register_style[i], ';');
    EXPECT_EQ(c[0], r[0]);
    EXPECT_EQ(c[1].substr(2, 6) + c[1].substr(8), r[1].substr(0, 6) + r[1].substr(7));
    EXPECT_EQ(c[10].substr(0, 4) + c[10].substr(5, 2) + c[10].substr(8, 2), r[8]);
  }
}

// Stays of one patient as read back from a canonical episodes.csv.
struct ReadStay {
  std::string id;
  std::string admitted;    // YYYY-MM-DD HH:MM
  std::string discharged;  // empty when open
  int age;
  bool acute;
  bool psychiatric;
  std::string discharged_to;
};

int DayNumber(const std::string& date) {  // days since 1970 of YYYY-MM-DD...
  return DaysFromCivil(std::stoi(date.substr(0, 4)), std::stoi(date.substr(5, 2)),
                       std::stoi(date.substr(8, 2)));
}

// One large extract shared by the rate tests (generated once).
class SynthRatesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::random_device random;
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("nara-synth-rates-" + std::to_string(random())));
    ASSERT_TRUE(Generate(Options(*dir_, 50000, 2026)).ok());
    episodes_ = new std::vector<std::string>(Lines(Read(*dir_ / "episodes.csv")));
    events_ = new std::vector<std::string>(Lines(Read(*dir_ / "coordination.csv")));
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete episodes_;
    delete events_;
  }
  static fs::path* dir_;
  static std::vector<std::string>* episodes_;
  static std::vector<std::string>* events_;
};
fs::path* SynthRatesTest::dir_ = nullptr;
std::vector<std::string>* SynthRatesTest::episodes_ = nullptr;
std::vector<std::string>* SynthRatesTest::events_ = nullptr;

TEST_F(SynthRatesTest, ReadmissionsOfThe65PlusAreAboutOneInSix) {
  std::map<std::string, std::vector<ReadStay>> by_patient;
  for (size_t i = 1; i < episodes_->size(); ++i) {
    const auto f = Split((*episodes_)[i], ',');
    by_patient[f[1]].push_back(
        {f[0], f[10], f[11], std::stoi(f[4]), f[12] == "acute", f[9] == "psychiatric", f[14]});
  }
  const int last_day = DaysFromCivil(2022, 12, 31);
  int64_t index_old = 0, readmitted_old = 0, index_young = 0, readmitted_young = 0;
  for (auto& [patient, stays] : by_patient) {
    for (size_t i = 0; i < stays.size(); ++i) {
      const ReadStay& s = stays[i];
      if (s.psychiatric || s.discharged.empty() || s.discharged_to == "deceased" ||
          s.discharged_to == "other_hospital") {
        continue;  // not an index: psychiatric, open, died, or transferred on
      }
      const int out = DayNumber(s.discharged);
      if (out + 30 > last_day) continue;
      bool readmitted = false;
      for (size_t j = i + 1; j < stays.size() && !readmitted; ++j) {
        const int gap = DayNumber(stays[j].admitted) - out;
        readmitted = stays[j].acute && !stays[j].psychiatric && gap >= 1 && gap <= 30;
      }
      (s.age >= 65 ? index_old : index_young) += 1;
      (s.age >= 65 ? readmitted_old : readmitted_young) += readmitted ? 1 : 0;
    }
  }
  const double old_share = 100.0 * static_cast<double>(readmitted_old) / static_cast<double>(index_old);
  const double young_share =
      100.0 * static_cast<double>(readmitted_young) / static_cast<double>(index_young);
  EXPECT_GT(old_share, 14.0);
  EXPECT_LT(old_share, 22.0);
  EXPECT_GT(young_share, 6.0);
  EXPECT_LT(young_share, 14.0);
  // Patients: about stays / 2.5.
  const double per_patient = 50000.0 / static_cast<double>(by_patient.size());
  EXPECT_GT(per_patient, 2.0);
  EXPECT_LT(per_patient, 3.2);
}

TEST_F(SynthRatesTest, StayMixIsPlausible) {
  int64_t old = 0, planned = 0, psychiatric = 0, transfers = 0, open = 0, deaths_old = 0;
  int64_t somatic_closed = 0, somatic_days = 0, psychiatric_days = 0, psychiatric_closed = 0;
  std::set<std::string> ids;
  for (size_t i = 1; i < episodes_->size(); ++i) {
    const auto f = Split((*episodes_)[i], ',');
    ASSERT_TRUE(ids.insert(f[0]).second) << "duplicate " << f[0];
    const bool is_old = std::stoi(f[4]) >= 65;
    old += is_old;
    planned += f[12] == "planned";
    psychiatric += f[9] == "psychiatric";
    EXPECT_EQ(f[9] == "psychiatric", f[8][0] == '9') << (*episodes_)[i];
    transfers += f[14] == "other_hospital";
    deaths_old += is_old && f[14] == "deceased";
    if (f[11].empty()) {
      ++open;
      continue;
    }
    EXPECT_LE(f[10], f[11]);
    const int days = DayNumber(f[11]) - DayNumber(f[10]);
    if (f[9] == "psychiatric") {
      psychiatric_days += days;
      ++psychiatric_closed;
    } else {
      somatic_days += days;
      ++somatic_closed;
    }
  }
  const auto share = [](int64_t part, int64_t whole) {
    return 100.0 * static_cast<double>(part) / static_cast<double>(whole);
  };
  EXPECT_NEAR(share(old, 50000), 52.0, 8.0);
  EXPECT_NEAR(share(planned, 50000), 25.0, 5.0);
  EXPECT_NEAR(share(psychiatric, 50000), 10.0, 4.0);
  EXPECT_NEAR(share(transfers, 50000), 3.0, 1.5);
  EXPECT_NEAR(share(deaths_old, old), 3.0, 1.5);
  EXPECT_GT(open, 0);
  EXPECT_LT(share(open, 50000), 2.0);
  const double somatic_mean = static_cast<double>(somatic_days) / static_cast<double>(somatic_closed);
  EXPECT_NEAR(somatic_mean, 5.0, 1.0);
  EXPECT_GT(static_cast<double>(psychiatric_days) / static_cast<double>(psychiatric_closed),
            somatic_mean * 2);
}

// Ready days per spec §4: a ready period runs from a ready_notice to the first ready_revoked
// after it or to discharge; a second notice inside an open period is ignored.
TEST_F(SynthRatesTest, ReadyDaysAverageOneToThreeAndHalfGoHomeOnDayZeroOrOne) {
  std::map<std::string, std::pair<std::string, std::string>> stay_times;  // id -> (in, out)
  for (size_t i = 1; i < episodes_->size(); ++i) {
    const auto f = Split((*episodes_)[i], ',');
    stay_times[f[0]] = {f[10], f[11]};
  }
  struct Ready {
    int total = 0;
    int last = 0;
    int open_since = -1;
  };
  std::map<std::string, Ready> ready;
  std::set<std::string> linked;
  std::string previous_id, previous_at;
  int64_t within_24h = 0, notices = 0;
  for (size_t i = 1; i < events_->size(); ++i) {
    const auto f = Split((*events_)[i], ',');
    ASSERT_EQ(f.size(), 3u);
    const auto& [admitted, discharged] = stay_times.at(f[0]);
    // In time order per stay, never before admission or after discharge.
    if (f[0] == previous_id) {
      EXPECT_LE(previous_at, f[2]) << (*events_)[i];
    }
    previous_id = f[0];
    previous_at = f[2];
    EXPECT_GE(f[2], admitted) << (*events_)[i];
    if (!discharged.empty()) {
      EXPECT_LE(f[2], discharged) << (*events_)[i];
    }
    if (f[1] == "admission_notice" && linked.insert(f[0]).second) {
      ++notices;
      const int minutes = (DayNumber(f[2]) - DayNumber(admitted)) * 1440 +
                          std::stoi(f[2].substr(11, 2)) * 60 + std::stoi(f[2].substr(14, 2)) -
                          std::stoi(admitted.substr(11, 2)) * 60 -
                          std::stoi(admitted.substr(14, 2));
      within_24h += minutes <= 24 * 60;
    }
    if (discharged.empty()) continue;
    Ready& r = ready[f[0]];
    if (f[1] == "ready_notice" && r.open_since < 0) r.open_since = DayNumber(f[2]);
    if (f[1] == "ready_revoked" && r.open_since >= 0) {
      r.total += DayNumber(f[2]) - r.open_since;
      r.open_since = -1;
    }
  }
  int64_t stays = 0, days = 0, day01 = 0;
  for (auto& [id, r] : ready) {
    if (r.open_since >= 0) {
      r.last = DayNumber(stay_times.at(id).second) - r.open_since;
      r.total += r.last;
      ++stays;
      days += r.total;
      day01 += r.last <= 1;
    }
  }
  ASSERT_GT(stays, 0);
  const double mean = static_cast<double>(days) / static_cast<double>(stays);
  EXPECT_GT(mean, 1.0);
  EXPECT_LT(mean, 3.0);
  EXPECT_NEAR(100.0 * static_cast<double>(day01) / static_cast<double>(stays), 50.0, 8.0);
  EXPECT_NEAR(100.0 * static_cast<double>(stays) / 50000.0, 25.0, 6.0);
  EXPECT_NEAR(100.0 * static_cast<double>(notices) / 50000.0, 35.0, 6.0);
  EXPECT_NEAR(100.0 * static_cast<double>(within_24h) / static_cast<double>(notices), 88.0, 4.0);
}

TEST_F(SynthRatesTest, ContactsWaitsPopulationAndEnrollmentsArePlausible) {
  const auto contacts = Lines(Read(*dir_ / "contacts.csv"));
  std::set<std::string> patients;
  for (size_t i = 1; i < episodes_->size(); ++i) patients.insert(Split((*episodes_)[i], ',')[1]);
  int64_t emergency = 0;
  for (size_t i = 1; i < contacts.size(); ++i) emergency += Split(contacts[i], ',')[7] == "yes";
  // About six contacts per patient and year (fewer for the dead and for other counties).
  const double per_year = static_cast<double>(contacts.size() - 1) /
                          static_cast<double>(patients.size()) / 3.0;
  EXPECT_GT(per_year, 4.0);
  EXPECT_LT(per_year, 8.0);
  EXPECT_NEAR(100.0 * static_cast<double>(emergency) / static_cast<double>(contacts.size()), 8.0,
              1.5);
  // Waits: within the limit 0-3-90-90 in 80-95 % of completed ones, some still open.
  const auto waits = Lines(Read(*dir_ / "waits.csv"));
  int64_t done = 0, within = 0, open = 0;
  for (size_t i = 1; i < waits.size(); ++i) {
    const auto f = Split(waits[i], ',');
    if (f[6].empty()) {
      ++open;
      continue;
    }
    ++done;
    const int days = DayNumber(f[6]) - DayNumber(f[5]) - std::stoi(f[7]);
    const int limit = f[4] == "contact" ? 0 : f[4] == "assessment" ? 3 : 90;
    within += days <= limit;
  }
  EXPECT_GT(open, 0);
  EXPECT_NEAR(100.0 * static_cast<double>(within) / static_cast<double>(done), 88.0, 5.0);
  // Population: stays per 100 000 inhabitants and year between 10 000 and 14 000.
  const auto population = Lines(Read(*dir_ / "population.csv"));
  EXPECT_EQ(population.size(), 1u + 3 * 12 * 2 * 4);
  int64_t people_2021 = 0;
  for (size_t i = 1; i < population.size(); ++i) {
    const auto f = Split(population[i], ',');
    if (f[0] == "2021") people_2021 += std::stoll(f[5]);
  }
  const double per_100k = 50000.0 / 3.0 / static_cast<double>(people_2021) * 100000.0;
  EXPECT_GT(per_100k, 10000.0);
  EXPECT_LT(per_100k, 14000.0);
  // Enrollments in MiNT: about 1 % of the patients 65+.
  const auto enrollments = Lines(Read(*dir_ / "enrollments.csv"));
  EXPECT_GT(enrollments.size(), 50u);
  EXPECT_LT(enrollments.size(), 400u);
  for (size_t i = 1; i < enrollments.size(); ++i) {
    const auto f = Split(enrollments[i], ',');
    EXPECT_EQ(f[1], "MiNT");
    EXPECT_GE(f[2], "2020-01-01");
    EXPECT_LE(f[2], "2022-12-31");
  }
}

TEST_F(SynthRatesTest, IdentityNumbersAreValidUniqueAndRarelyWrong) {
  std::map<std::string, std::string> birth_of;  // patient -> birth_date
  int64_t wrong = 0, coordination = 0;
  for (size_t i = 1; i < episodes_->size(); ++i) {
    const auto f = Split((*episodes_)[i], ',');
    const std::string& id = f[1];
    ASSERT_EQ(id.size(), 12u);
    if (!birth_of.emplace(id, f[3]).second) {
      EXPECT_EQ(birth_of[id], f[3]) << "two people share a number";
      continue;
    }
    int sum = 0;
    for (int k = 0; k < 9; ++k) {
      const int product = (id[static_cast<size_t>(2 + k)] - '0') * (k % 2 == 0 ? 2 : 1);
      sum += product / 10 + product % 10;
    }
    wrong += (10 - sum % 10) % 10 != id[11] - '0';
    const int day = std::stoi(id.substr(6, 2));
    coordination += day > 60;
    EXPECT_EQ(id.substr(0, 6), f[3].substr(0, 4) + f[3].substr(5, 2));
    EXPECT_EQ(std::to_string((day > 60 ? day - 60 : day) + 100).substr(1), f[3].substr(8, 2));
    EXPECT_EQ((id[10] - '0') % 2 == 1, f[2] == "M");
  }
  const double patients = static_cast<double>(birth_of.size());
  EXPECT_LE(static_cast<double>(wrong), patients * 0.003);
  EXPECT_NEAR(100.0 * static_cast<double>(coordination) / patients, 1.0, 0.5);
}

TEST_F(SynthTest, InjectedFaultsAreListedAtTheirLines) {
  for (const Dialect dialect : {Dialect::kCanonical, Dialect::kRegister}) {
    const fs::path dir = root_ / (dialect == Dialect::kRegister ? "r" : "c");
    SynthOptions options = Options(dir, 3000, 5);
    options.dialect = dialect;
    options.inject_faults = true;
    ASSERT_TRUE(Generate(options).ok());
    const auto faults = Lines(Read(dir / "faults.csv"));
    ASSERT_EQ(faults[0], "file,line,column,code,outcome");
    ASSERT_GE(faults.size(), 21u);
    std::set<std::string> codes;
    std::map<std::string, std::vector<std::string>> tables;
    for (size_t i = 1; i < faults.size(); ++i) {
      const auto f = Split(faults[i], ',');
      ASSERT_EQ(f.size(), 5u) << faults[i];
      // Only an overlapping stay is kept and flagged; every other fault is rejected.
      EXPECT_EQ(f[4], f[3] == "overlapping_stay" ? "flag" : "reject") << faults[i];
      codes.insert(f[3]);
      if (!tables.count(f[0])) tables[f[0]] = Lines(Read(dir / f[0]));
      const auto& lines = tables[f[0]];
      const size_t line = std::stoul(f[1]);
      ASSERT_GE(line, 2u);
      ASSERT_LE(line, lines.size()) << faults[i];
      const std::string& row = lines[line - 1];
      // Inside the table, not only at its end.
      if (f[0] == "episodes.csv") {
        EXPECT_LT(line, lines.size() - 100) << faults[i];
      }
      const std::string code = f[3];
      if (code == "bad_date") {
        EXPECT_TRUE(row.find("2019-02-30") != std::string::npos ||
                    row.find("20190230") != std::string::npos)
            << faults[i] << ": " << row;
      } else if (code == "unknown_municipality") {
        EXPECT_NE(row.find("9999"), std::string::npos) << row;
      } else if (code == "negative_count") {
        const char delimiter = dialect == Dialect::kRegister ? ';' : ',';
        EXPECT_EQ(row.substr(row.size() - 3), std::string(1, delimiter) + "-5") << row;
      } else if (code == "duplicate_episode_id") {
        const std::string id = row.substr(0, 11);
        size_t seen = 0;
        for (size_t k = 1; k < line - 1; ++k) seen += lines[k].rfind(id, 0) == 0;
        EXPECT_EQ(seen, 1u) << id;
      } else if (code == "overlapping_stay" || code == "duplicate_stay") {
        EXPECT_EQ(row.substr(0, 4), "V900");
      } else if (code == "unknown_episode") {
        EXPECT_EQ(row.substr(0, 11), "V9000000099");
      }
    }
    for (const char* code :
         {"bad_date", "discharge_before_admission", "unknown_municipality", "duplicate_episode_id",
          "overlapping_stay", "duplicate_stay", "unknown_episode", "ready_notice_after_discharge",
          "negative_count",
          "missing_value", "bad_code"}) {
      EXPECT_TRUE(codes.count(code)) << code;
    }
    for (const char* file : {"episodes.csv", "coordination.csv", "contacts.csv", "waits.csv",
                             "population.csv", "enrollments.csv"}) {
      EXPECT_TRUE(tables.count(file)) << file;
    }
    // The stays themselves are all still there.
    const size_t episode_faults = static_cast<size_t>(
        std::count_if(faults.begin(), faults.end(),
                      [](const std::string& l) { return l.rfind("episodes.csv,", 0) == 0; }));
    EXPECT_EQ(tables["episodes.csv"].size(), 3001u + episode_faults);
  }
  // Without faults a stale faults.csv goes away.
  SynthOptions options = Options(root_ / "c", 3000, 5);
  ASSERT_TRUE(Generate(options).ok());
  EXPECT_FALSE(fs::exists(root_ / "c" / "faults.csv"));
}

TEST_F(SynthTest, OtherCountiesWork) {
  SynthOptions options = Options(root_ / "z", 800, 1);
  options.county = "23";
  ASSERT_TRUE(Generate(options).ok());
  EXPECT_NE(Read(root_ / "z" / "extract.toml").find("Region J\xc3\xa4mtland H\xc3\xa4rjedalen"),
            std::string::npos);
  EXPECT_NE(Read(root_ / "z" / "episodes.csv").find("L\xc3\xa4nssjukhuset i \xc3\x96stersund"),
            std::string::npos);
  options.county = "09";  // Gotland: one municipality, one hospital
  options.out_dir = (root_ / "g").string();
  ASSERT_TRUE(Generate(options).ok());
  EXPECT_EQ(Lines(Read(root_ / "g" / "episodes.csv")).size(), 801u);
}

TEST_F(SynthTest, BadOptionsAreUsageErrorsAndUnwritableFilesAreNamed) {
  SynthOptions options = Options(root_ / "x", 10, 1);
  options.county = "99";
  Status status = Generate(options);
  EXPECT_EQ(status.code(), StatusCode::kUsage);
  EXPECT_EQ(status.message(), "--county 99: no municipality has that county code");
  options = Options(root_ / "x", 0, 1);
  EXPECT_EQ(Generate(options).message(), "--stays 0: must be at least 1");
  options = Options(root_ / "x", 10, 1);
  options.coverage_to = options.coverage_from + 30;
  EXPECT_EQ(Generate(options).code(), StatusCode::kUsage);
  options = Options(root_ / "x", 10, 1);
  options.reference_dir = (root_ / "nowhere").string();
  status = Generate(options);
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_EQ(status.message(),
            (root_ / "nowhere" / "municipalities.csv").string() +
                ": cannot read the municipality list");
  // A folder where a table should go: the error names the file.
  fs::create_directories(root_ / "y" / "contacts.csv");
  options = Options(root_ / "y", 10, 1);
  status = Generate(options);
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_EQ(status.message(), (root_ / "y" / "contacts.csv").string() + ": cannot write the file");
}

}  // namespace
}  // namespace nara::synth
