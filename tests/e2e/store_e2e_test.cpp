// End-to-end tests of `nara ingest`, `nara deltas` and `nara user`: idempotence, a kill in the
// middle of the write transaction, the users file (docs/store.md, docs/access.md).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "e2e/e2e_support.hpp"

extern char** environ;

namespace nara::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// What a store holds, read with SQLite directly (not through nara's store module).
struct StoreState {
  std::vector<std::string> extracts;  // "id:checksum"
  int64_t indicator_rows = -1;
  int64_t reject_counts = -1;
  std::string integrity;
  bool operator==(const StoreState& other) const {
    return extracts == other.extracts && indicator_rows == other.indicator_rows &&
           reject_counts == other.reject_counts && integrity == other.integrity;
  }
};

StoreState ReadStore(const std::string& path) {
  StoreState state;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return state;
  }
  auto query = [&](const char* sql, auto on_row) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) return;
    while (sqlite3_step(stmt) == SQLITE_ROW) on_row(stmt);
    sqlite3_finalize(stmt);
  };
  query("SELECT id || ':' || checksum FROM extracts ORDER BY id", [&](sqlite3_stmt* stmt) {
    state.extracts.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
  });
  query("SELECT count(*) FROM indicator_rows",
        [&](sqlite3_stmt* stmt) { state.indicator_rows = sqlite3_column_int64(stmt, 0); });
  query("SELECT count(*) FROM reject_counts",
        [&](sqlite3_stmt* stmt) { state.reject_counts = sqlite3_column_int64(stmt, 0); });
  query("PRAGMA integrity_check", [&](sqlite3_stmt* stmt) {
    state.integrity = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  });
  sqlite3_close(db);
  return state;
}

// Lines of a query's single text column, sorted.
std::vector<std::string> QueryLines(const std::string& path, const char* sql) {
  std::vector<std::string> lines;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK) {
      while (sqlite3_step(stmt) == SQLITE_ROW) {
        lines.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
      }
      sqlite3_finalize(stmt);
    }
  }
  sqlite3_close(db);
  std::sort(lines.begin(), lines.end());
  return lines;
}

std::vector<std::string> CsvBodyLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  return lines;
}

// The store keeps the settlement of every whole month of coverage, the same as `nara settle`.
TEST(StoreE2eTest, IngestStoresTheSettlementNaraSettleWrites) {
  TempDir dir;
  ASSERT_EQ(RunNara({"synth", dir / "x", "--stays", "1500", "--seed", "5"}).exit_code, 0);
  WriteFile(dir / "nara.toml",
            "[settlement.price_per_day]\n2020 = 8200\n2021 = 8700\n2022 = 9300\n");
  const std::string store = dir / "nara.db";
  auto ingest = RunNara(
      {"ingest", dir / "x", "--store", store, "--test-data", "--config", dir / "nara.toml"});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  auto settle = RunNara({"settle", dir / "x", "--test-data", "--config", dir / "nara.toml",
                         "--from", "2020-01", "--to", "2022-12", "--out", dir / "s"});
  ASSERT_EQ(settle.exit_code, 0) << settle.err;
  const auto summary = CsvBodyLines(ReadFile(dir.path() / "s" / "summary.csv"));
  ASSERT_GT(summary.size(), 20u);
  EXPECT_EQ(QueryLines(store,
                       "SELECT municipality || ',' || month || ',' || episodes || ',' || "
                       "ready_days || ',' || liable_days || ',' || amount "
                       "FROM settlement_summary"),
            summary);
  const auto basis = CsvBodyLines(ReadFile(dir.path() / "s" / "basis.csv"));
  EXPECT_EQ(QueryLines(store,
                       "SELECT municipality || ',' || month || ',' || patient_ref || ',' "
                       "|| liable_days || ',' || amount FROM settlement_basis")
                .size(),
            basis.size());
}

// With the defaults (no price for 2020 or 2021), ingest stores those years' liable days with the
// amount missing, never 0 kr, and says so on the terminal (issue 16).
TEST(StoreE2eTest, AYearWithoutAPriceIsStoredAsMissingNeverZero) {
  TempDir dir;
  ASSERT_EQ(RunNara({"synth", dir / "x", "--stays", "1500", "--seed", "5"}).exit_code, 0);
  const std::string store = dir / "nara.db";
  auto ingest = RunNara({"ingest", dir / "x", "--store", store, "--test-data"});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  EXPECT_THAT(ingest.err, HasSubstr("note: no price per liable day for 2021: its liable days are "
                                    "stored with the amount missing (pris saknas för 2021)"));
  // No liable day at 0 kr anywhere; the unpriced years' rows are NULL with their year.
  EXPECT_TRUE(QueryLines(store,
                         "SELECT municipality || month FROM settlement_summary "
                         "WHERE liable_days > 0 AND amount = 0")
                  .empty());
  EXPECT_TRUE(QueryLines(store,
                         "SELECT patient_ref FROM settlement_basis "
                         "WHERE liable_days > 0 AND amount = 0")
                  .empty());
  EXPECT_EQ(QueryLines(store,
                       "SELECT DISTINCT CAST(missing_price_year AS TEXT) FROM settlement_summary "
                       "WHERE amount IS NULL"),
            (std::vector<std::string>{"2020", "2021"}));
  EXPECT_FALSE(QueryLines(store,
                          "SELECT month FROM settlement_summary WHERE month LIKE '2021-%' "
                          "AND liable_days > 0 AND amount IS NULL")
                   .empty());
  // 2022 is priced (9 300 kr, Socialstyrelsen): its amounts are there.
  EXPECT_TRUE(QueryLines(store,
                         "SELECT month FROM settlement_summary WHERE month LIKE '2022-%' "
                         "AND amount IS NULL")
                  .empty());
  EXPECT_TRUE(QueryLines(store,
                         "SELECT patient_ref FROM settlement_basis WHERE amount IS NULL AND "
                         "reason NOT LIKE '%no_price%'")
                  .empty());
}

TEST(StoreE2eTest, IngestWithGoalsStoresEveryMonthAndTertialKeyedByTheGoals) {
  TempDir dir;
  ASSERT_EQ(RunNara({"synth", dir / "x", "--stays", "800", "--seed", "6"}).exit_code, 0);
  const std::string examples = std::string(NARA_SOURCE_DIR) + "/examples";
  const std::string store = dir / "nara.db";
  auto ingest = RunNara(
      {"ingest", dir / "x", "--store", store, "--test-data", "--goals", examples + "/goals.toml"});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  // The synthetic extract covers 2020-2022: 36 months and 9 tertials, each for two audiences
  // in two languages (QueryLines sorts its lines: tertials come after each year's months).
  const auto periods = QueryLines(store, "SELECT DISTINCT period FROM goal_assessments");
  ASSERT_EQ(periods.size(), 45u);
  EXPECT_EQ(periods.front(), "2020-01");
  EXPECT_EQ(periods[11], "2020-12");
  EXPECT_EQ(periods[12], "2020-T1");
  EXPECT_EQ(periods.back(), "2022-T3");
  EXPECT_EQ(QueryLines(store, "SELECT count(*) FROM goal_assessments"),
            std::vector<std::string>{"180"});
  EXPECT_EQ(QueryLines(store, "SELECT goals_file FROM goal_sources"),
            std::vector<std::string>{examples + "/goals.toml"});

  const auto body = QueryLines(store,
                               "SELECT body FROM goal_assessments WHERE period = '2022-T2' AND "
                               "audience = 'full' AND lang = 'sv'");
  ASSERT_EQ(body.size(), 1u);
  const auto json = nlohmann::json::parse(body[0]);
  EXPECT_EQ(json["title"], "Måluppföljning hälso- och sjukvård");
  ASSERT_EQ(json["strategies"].size(), 3u);
  const auto& first = json["strategies"][0]["goals"][0];
  EXPECT_EQ(first["id"], "readmission_all_ages");
  EXPECT_EQ(first["period"], "2022-T2");
  EXPECT_EQ(first["unit_type"], "region");
  EXPECT_EQ(first["national_value"], 14.0);
  ASSERT_TRUE(first["value"].is_number());
  // The status follows from the value and the target "< 17".
  EXPECT_EQ(first["status"], first["value"].get<double>() < 17 ? "met" : "not_met");
  EXPECT_EQ(first["target_value"], 17.0);
  const auto english = QueryLines(store,
                                  "SELECT body FROM goal_assessments WHERE period = '2022-T2' "
                                  "AND audience = 'public' AND lang = 'en'");
  ASSERT_EQ(english.size(), 1u);
  EXPECT_THAT(english[0], HasSubstr("\"status_text\""));
  EXPECT_THAT(
      nlohmann::json::parse(english[0])["strategies"][0]["goals"][0]["reason"].get<std::string>(),
      HasSubstr("The result"));

  // The same extract with the same goals changes nothing; other goals are another entry.
  auto again = RunNara(
      {"ingest", dir / "x", "--store", store, "--test-data", "--goals", examples + "/goals.toml"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.err, HasSubstr("nothing changed"));
  std::string changed = ReadFile(examples + "/goals.toml");
  const std::string target = "target = \"< 17\"";
  changed.replace(changed.find(target), target.size(), "target = \"< 12\"");
  const std::string manual = "\"manual_values.csv\"";
  changed.replace(changed.find(manual), manual.size(), "\"" + examples + "/manual_values.csv\"");
  WriteFile(dir / "goals.toml", changed);
  auto other = RunNara(
      {"ingest", dir / "x", "--store", store, "--test-data", "--goals", dir / "goals.toml"});
  EXPECT_EQ(other.exit_code, 0) << other.err;
  EXPECT_THAT(other.err, HasSubstr("added extract 2"));

  auto manual_alone = RunNara({"ingest", dir / "x", "--store", store, "--test-data", "--manual",
                               examples + "/manual_values.csv"});
  EXPECT_EQ(manual_alone.exit_code, 2);
  EXPECT_THAT(manual_alone.err, HasSubstr("--manual needs --goals"));
  WriteFile(dir / "bad.toml", "title = \"x\"\n[[strategy]]\nname = 1\n");
  auto bad =
      RunNara({"ingest", dir / "x", "--store", store, "--test-data", "--goals", dir / "bad.toml"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("bad.toml"));
  EXPECT_EQ(QueryLines(store, "SELECT count(*) FROM extracts"), std::vector<std::string>{"2"});
}

TEST(StoreE2eTest, IngestTwiceChangesNothingAndDeltasCompareExtracts) {
  TempDir dir;
  ASSERT_EQ(
      RunNara({"synth", dir / "a", "--stays", "1500", "--seed", "3", "--inject-faults"}).exit_code,
      0);
  ASSERT_EQ(RunNara({"synth", dir / "b", "--stays", "1500", "--seed", "4"}).exit_code, 0);
  const std::string store = dir / "nara.db";
  auto first = RunNara({"ingest", dir / "a", "--store", store, "--test-data"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.err, HasSubstr("added extract 1"));
  const StoreState once = ReadStore(store);
  ASSERT_EQ(once.extracts.size(), 1u);
  EXPECT_GT(once.indicator_rows, 1000);
  EXPECT_GT(once.reject_counts, 0);  // the injected faults' reasons
  auto again = RunNara({"ingest", dir / "a", "--store", store, "--test-data"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.err, HasSubstr("already in the store as extract 1; nothing changed"));
  EXPECT_EQ(ReadStore(store), once);
  ASSERT_EQ(RunNara({"ingest", dir / "b", "--store", store, "--test-data"}).exit_code, 0);
  auto deltas = RunNara({"deltas", "--store", store, "--from", "1", "--to", "2", "--indicator",
                         "readmission_30d", "--unit-type", "region"});
  ASSERT_EQ(deltas.exit_code, 0) << deltas.err;
  EXPECT_THAT(deltas.out, ::testing::StartsWith("indicator,period,unit_type,unit,sex,age_group,"
                                                "old_numerator"));
  EXPECT_THAT(deltas.out, HasSubstr("readmission_30d,2020-01,region,08,all,all,"));
  auto unknown = RunNara({"deltas", "--store", store, "--from", "1", "--to", "9"});
  EXPECT_EQ(unknown.exit_code, 3);
  EXPECT_THAT(unknown.err, HasSubstr("no extract 9"));
}

TEST(StoreE2eTest, AKilledIngestLeavesTheStoreAsItWas) {
  TempDir dir;
  ASSERT_EQ(RunNara({"synth", dir / "small", "--stays", "500", "--seed", "1"}).exit_code, 0);
  ASSERT_EQ(RunNara({"synth", dir / "big", "--stays", "6000", "--seed", "2"}).exit_code, 0);
  const std::string store = dir / "nara.db";
  ASSERT_EQ(RunNara({"ingest", dir / "small", "--store", store, "--test-data"}).exit_code, 0);
  const StoreState before = ReadStore(store);
  ASSERT_EQ(before.extracts.size(), 1u);
  ASSERT_EQ(before.integrity, "ok");

  // Start the second ingest and kill it once its write-ahead log passes 1 MB: the write
  // transaction is then under way (loading and computing write nothing to the store).
  const std::string binary = NARA_BINARY;
  const std::string big = dir / "big";
  std::vector<std::string> args = {binary, "ingest", big, "--store", store, "--test-data"};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, binary.c_str(), nullptr, nullptr, argv.data(), environ), 0);
  const fs::path wal = store + "-wal";
  bool killed = false;
  for (;;) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) break;  // finished before we could kill it
    std::error_code error;
    const auto size = fs::file_size(wal, error);
    if (!error && size > (1u << 20)) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_TRUE(killed) << "the ingest finished before the test could kill it mid-write";

  EXPECT_EQ(ReadStore(store), before);
  // And the store is still usable: the same extract can be added now.
  auto retry = RunNara({"ingest", big, "--store", store, "--test-data"});
  EXPECT_EQ(retry.exit_code, 0) << retry.err;
  EXPECT_THAT(retry.err, HasSubstr("added extract 2"));
  EXPECT_EQ(ReadStore(store).extracts.size(), 2u);
}

TEST(StoreE2eTest, UsersAreAddedWithHashedPasswordsAndRemoved) {
  TempDir dir;
  const std::string users = dir / "users.json";
  const std::string command = std::string("printf 'a long secret\\n' | ") + NARA_BINARY +
                              " user add anna --role municipality:0880 --users " + users +
                              " --password-stdin 2>/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  const std::string text = ReadFile(users);
  EXPECT_THAT(text, Not(HasSubstr("a long secret")));
  const auto json = nlohmann::json::parse(text);
  ASSERT_EQ(json["users"].size(), 1u);
  EXPECT_EQ(json["users"][0]["role"], "municipality:0880");
  EXPECT_GE(json["users"][0]["iterations"].get<int>(), 100000);
  EXPECT_EQ(json["users"][0]["hash"].get<std::string>().size(), 64u);
  EXPECT_EQ(fs::status(users).permissions() & fs::perms::group_read, fs::perms::none);
  auto bad_role =
      RunNara({"user", "add", "bo", "--role", "county:08", "--users", users, "--password-stdin"});
  EXPECT_EQ(bad_role.exit_code, 2);
  EXPECT_THAT(bad_role.err, HasSubstr("expected 'region' or 'municipality:CODE'"));
  EXPECT_EQ(RunNara({"user", "remove", "anna", "--users", users}).exit_code, 0);
  EXPECT_TRUE(nlohmann::json::parse(ReadFile(users))["users"].empty());
  auto missing = RunNara({"user", "remove", "anna", "--users", users});
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_THAT(missing.err, HasSubstr("no user 'anna'"));
}

}  // namespace
}  // namespace nara::e2e
