// Tests of the store: migrations, atomic and idempotent adds, queries and deltas.
#include "store/store.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "store/schema.hpp"
#include "store/test_fixture.hpp"

namespace nara::store {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::unique_ptr<Store> MemoryStore() {
  auto store = Store::Open(":memory:", false);
  EXPECT_TRUE(store.ok()) << store.status().message();
  return std::move(*store);
}

TEST(StoreTest, NewStoreIsAtTheCurrentSchemaVersion) {
  auto store = MemoryStore();
  auto version = SchemaVersion(store->db());
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, CurrentSchemaVersion());
  EXPECT_EQ(*store->CountRows("schema_version"), CurrentSchemaVersion());
}

TEST(StoreTest, RefusesAStoreFromANewerNara) {
  auto store = MemoryStore();
  ASSERT_TRUE(store->db().Exec("INSERT INTO schema_version VALUES (99, 'x')").ok());
  const Status status = Migrate(store->db());
  EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
  EXPECT_THAT(status.message(), HasSubstr("schema version 99, newer than this nara reads"));
}

TEST(StoreTest, RefusesAnotherSqliteFile) {
  const fs::path path = fs::temp_directory_path() / "nara-store-test-other.db";
  fs::remove(path);
  {
    auto db = Db::Open(path.string(), false);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec("CREATE TABLE t (x)").ok());
  }
  auto store = Store::Open(path.string(), false);
  ASSERT_FALSE(store.ok());
  EXPECT_THAT(store.status().message(), HasSubstr("not a Nära store"));
  fs::remove(path);
}

TEST(StoreTest, ANewStoreAndItsWalAreReadableByTheOwnerOnly) {
  const fs::path path = fs::temp_directory_path() / "nara-store-test-mode.db";
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  const mode_t previous = ::umask(022);  // the usual umask would give 0644
  {
    auto store = Store::Open(path.string(), false);
    ASSERT_TRUE(store.ok()) << store.status().message();
    ASSERT_TRUE(
        (*store)->db().Exec("CREATE TABLE mode_probe (x); INSERT INTO mode_probe VALUES (1)").ok());
    for (const char* suffix : {"", "-wal", "-shm"}) {
      const fs::path file = path.string() + suffix;
      if (!fs::exists(file)) continue;
      const fs::perms perms = fs::status(file).permissions();
      EXPECT_EQ(perms & (fs::perms::group_all | fs::perms::others_all), fs::perms::none)
          << "store file" << suffix;
    }
  }
  ::umask(previous);
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
}

TEST(StoreTest, AddsAnExtractWithItsRowsReportAndCatalog) {
  auto store = MemoryStore();
  auto added = testing::AddTestExtract(*store, "aaaa", 0);
  ASSERT_TRUE(added.ok()) << added.status().message();
  EXPECT_TRUE(added->added);
  EXPECT_EQ(*store->CountRows("indicator_rows"), 14);
  auto extracts = store->Extracts();
  ASSERT_EQ(extracts->size(), 1u);
  EXPECT_EQ((*extracts)[0].region, "Region Test");
  EXPECT_EQ((*extracts)[0].rows_rejected, 2);
  EXPECT_EQ((*extracts)[0].definitions_version, "defs-1");
  EXPECT_THAT((*extracts)[0].ingested_at, ::testing::MatchesRegex("20..-..-..T..:..:..Z"));
  auto periods = store->Periods(added->id);
  ASSERT_EQ(periods->size(), 2u);
  EXPECT_EQ((*periods)[0].period_type, "month");
  EXPECT_EQ((*periods)[1].period_type, "quarter");
  auto units = store->Units(added->id);
  ASSERT_EQ(units->size(), 3u);
  EXPECT_EQ((*units)[0].name, "Region Test");  // region first, as in the table
  EXPECT_EQ((*units)[1].name, "Härjedalen");   // municipality 2361
  auto rejects = store->RejectCounts(added->id);
  ASSERT_EQ(rejects->size(), 1u);
  EXPECT_EQ((*rejects)[0].code, "bad_date");
}

TEST(StoreTest, TheSameExtractTwiceChangesNothing) {
  auto store = MemoryStore();
  ASSERT_TRUE(testing::AddTestExtract(*store, "aaaa", 0).ok());
  auto again = testing::AddTestExtract(*store, "aaaa", 0);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->added);
  EXPECT_EQ(again->id, 1);
  EXPECT_EQ(store->Extracts()->size(), 1u);
  EXPECT_EQ(*store->CountRows("indicator_rows"), 14);
}

TEST(StoreTest, AFailedAddLeavesTheStoreAsItWas) {
  auto store = MemoryStore();
  ASSERT_TRUE(testing::AddTestExtract(*store, "aaaa", 0).ok());
  // Make the last statement of the transaction (the unit names) fail.
  ASSERT_TRUE(store->db()
                  .Exec("CREATE TRIGGER fail BEFORE INSERT ON units BEGIN "
                        "SELECT RAISE(ABORT, 'boom'); END")
                  .ok());
  auto failed = testing::AddTestExtract(*store, "bbbb", 1);
  ASSERT_FALSE(failed.ok());
  EXPECT_THAT(failed.status().message(), HasSubstr("boom"));
  EXPECT_EQ(store->Extracts()->size(), 1u);
  EXPECT_EQ(*store->CountRows("indicator_rows"), 14);
  EXPECT_EQ(*store->CountRows("periods"), 2);
}

TEST(StoreTest, GoalAssessmentsAreStoredWithTheExtractAndReadByPeriod) {
  auto store = MemoryStore();
  ASSERT_TRUE(testing::AddTestExtract(*store, "aaaa", 0).ok());
  static const model::Extract kExtract = testing::MakeExtract();
  static const ingest::IngestReport kReport = testing::MakeReport();
  const indicators::IndicatorTable table = testing::MakeTable(1);
  const GoalSource source{"goals.toml", "ab12", "", ""};
  const std::vector<GoalAssessmentRecord> records = {{"2022-01", "full", "sv", R"({"m":1})"},
                                                     {"2022-01", "public", "sv", R"({"m":2})"},
                                                     {"2022-T1", "full", "sv", R"({"t":1})"},
                                                     {"2022-T1", "full", "en", R"({"t":2})"}};
  NewExtract record;
  record.info.checksum = "bbbb";
  record.info.config_hash = "c0ffee";
  record.info.county = "23";
  record.extract = &kExtract;
  record.report = &kReport;
  record.table = &table;
  record.goal_source = &source;
  record.goal_assessments = &records;
  auto added = store->AddExtract(record);
  ASSERT_TRUE(added.ok()) << added.status().message();
  EXPECT_EQ(*store->GoalPeriods(2), (std::vector<std::string>{"2022-01", "2022-T1"}));
  EXPECT_TRUE(store->GoalPeriods(1)->empty());
  EXPECT_EQ(*store->GoalAssessment(2, "2022-01", "public", "sv"), R"({"m":2})");
  EXPECT_EQ(*store->GoalAssessment(2, "2022-T1", "full", "en"), R"({"t":2})");
  EXPECT_FALSE(store->GoalAssessment(2, "2022-T1", "public", "en")->has_value());
  EXPECT_EQ((*store->GoalSourceOf(2))->goals_sha256, "ab12");
  EXPECT_FALSE(store->GoalSourceOf(1)->has_value());
}

TEST(StoreTest, AVersion1StoreIsMigratedAndKeepsItsExtracts) {
  const fs::path path = fs::temp_directory_path() / "nara-store-test-v1.db";
  fs::remove(path);
  {
    auto store = Store::Open(path.string(), false);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(testing::AddTestExtract(**store, "aaaa", 0).ok());
    // Back to what version 1 wrote.
    ASSERT_TRUE((*store)
                    ->db()
                    .Exec("DROP TABLE goal_assessments; DROP TABLE goal_sources; "
                          "DELETE FROM schema_version WHERE version > 1")
                    .ok());
  }
  auto old = Store::Open(path.string(), /*read_only=*/true);
  ASSERT_FALSE(old.ok());
  EXPECT_THAT(old.status().message(),
              HasSubstr(fmt::format("schema version 1, this nara reads version {}",
                                    CurrentSchemaVersion())));
  {
    auto store = Store::Open(path.string(), false);
    ASSERT_TRUE(store.ok()) << store.status().message();
    EXPECT_EQ(*SchemaVersion((*store)->db()), CurrentSchemaVersion());
    EXPECT_EQ((*store)->Extracts()->size(), 1u);
    EXPECT_EQ(*(*store)->CountRows("indicator_rows"), 14);
    EXPECT_EQ(*(*store)->CountRows("goal_assessments"), 0);
  }
  fs::remove(path);
  fs::remove(path.string() + "-wal");
  fs::remove(path.string() + "-shm");
}

// A liable day in a year without a price: the amount is NULL with the year, never 0 kr.
TEST(StoreTest, AMissingPriceIsStoredAsNullWithItsYear) {
  auto store = MemoryStore();
  static const model::Extract kExtract = testing::MakeExtract();
  static const ingest::IngestReport kReport = testing::MakeReport();
  indicators::IndicatorTable table = testing::MakeTable(0);
  std::vector<SettlementSummaryRow> summary(2);
  summary[0] = {"2380", "2021-12", 1, 10, 7, std::nullopt, 2021};
  summary[1] = {"2380", "2022-01", 1, 9, 9, 83700, 0};
  std::vector<SettlementBasisRow> basis(2);
  basis[0] = {
      "2380", "2021-12", "00aa11bb22cc33dd", "E1",         "somatic", "2021-12-21 10:00", "",
      10,     7,         std::nullopt,       std::nullopt, true,      "no_price",         2021};
  basis[1] = {"2380", "2022-01", "00aa11bb22cc33dd",
              "E1",   "somatic", "2021-12-21 10:00",
              "",     9,         9,
              9300,   83700,     true,
              "",     0};
  NewExtract record;
  record.info.checksum = "aaaa";
  record.info.config_hash = "c0ffee";
  record.info.region = "Region Test";
  record.info.county = "23";
  record.info.coverage_from = "2021-12-01";
  record.info.coverage_to = "2022-01-31";
  record.info.created = "2022-02-01T08:00";
  record.extract = &kExtract;
  record.report = &kReport;
  record.table = &table;
  record.settlement_summary = &summary;
  record.settlement_basis = &basis;
  ASSERT_TRUE(store->AddExtract(record).ok());
  auto rows = store->SettlementSummary(1, "", "", "");
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_FALSE((*rows)[0].amount.has_value());
  EXPECT_EQ((*rows)[0].missing_price_year, 2021);
  EXPECT_EQ((*rows)[1].amount, 83700);
  EXPECT_EQ((*rows)[1].missing_price_year, 0);
  auto december = store->SettlementBasis(1, "2380", "2021-12");
  ASSERT_EQ(december->size(), 1u);
  EXPECT_FALSE((*december)[0].amount.has_value());
  EXPECT_FALSE((*december)[0].price_per_day.has_value());
  EXPECT_EQ((*december)[0].missing_price_year, 2021);
  EXPECT_EQ((*december)[0].reason, "no_price");
  // In SQL too: NULL, not 0.
  auto zero = store->db().Prepare(
      "SELECT count(*) FROM settlement_basis WHERE amount IS NULL AND missing_price_year = 2021");
  ASSERT_TRUE(zero.ok());
  ASSERT_TRUE((*zero)->Step().ok());
  EXPECT_EQ((*zero)->Int(0), 1);
}

// A version 2 store kept a missing price as 0 kr: migration 3 turns those rows into missing.
TEST(StoreTest, AVersion2StoresZeroKronorRowsBecomeMissing) {
  auto store = MemoryStore();
  ASSERT_TRUE(testing::AddTestExtract(*store, "aaaa", 0).ok());
  ASSERT_TRUE(store->db()
                  .Exec(R"sql(
DROP TABLE settlement_summary; DROP TABLE settlement_basis;
DELETE FROM schema_version WHERE version > 2;
CREATE TABLE settlement_summary (extract_id INTEGER NOT NULL, municipality TEXT NOT NULL,
  month TEXT NOT NULL, episodes INTEGER NOT NULL, ready_days INTEGER NOT NULL,
  liable_days INTEGER NOT NULL, amount INTEGER NOT NULL);
CREATE TABLE settlement_basis (extract_id INTEGER NOT NULL, municipality TEXT NOT NULL,
  month TEXT NOT NULL, patient_ref TEXT NOT NULL, episode_id TEXT NOT NULL,
  care_type TEXT NOT NULL, ready_at TEXT NOT NULL, ready_until TEXT NOT NULL,
  ready_days INTEGER NOT NULL, liable_days INTEGER NOT NULL, price_per_day INTEGER NOT NULL,
  amount INTEGER NOT NULL, liable INTEGER NOT NULL, reason TEXT NOT NULL);
INSERT INTO settlement_summary VALUES (1, '2380', '2021-03', 1, 10, 7, 0),
  (1, '2380', '2022-03', 2, 4, 0, 0), (1, '2361', '2022-03', 1, 9, 6, 55800);
INSERT INTO settlement_basis VALUES
  (1, '2380', '2021-03', 'aa', 'E1', 'somatic', '2021-03-02 10:00', '2021-03-12', 10, 7, 0, 0,
   1, 'revoked'),
  (1, '2380', '2022-03', 'bb', 'E2', 'somatic', '2022-03-02 10:00', '2022-03-04', 2, 0, 0, 0,
   0, 'grace_days'),
  (1, '2361', '2022-03', 'cc', 'E3', 'somatic', '2022-03-02 10:00', '2022-03-14', 9, 6, 9300,
   55800, 1, '');
)sql")
                  .ok());
  ASSERT_TRUE(Migrate(store->db()).ok());
  EXPECT_EQ(*SchemaVersion(store->db()), CurrentSchemaVersion());
  auto summary = store->SettlementSummary(1, "", "", "");
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  ASSERT_EQ(summary->size(), 3u);
  EXPECT_EQ((*summary)[0].municipality, "2361");
  EXPECT_EQ((*summary)[0].amount, 55800);
  EXPECT_FALSE((*summary)[1].amount.has_value());  // 2380 2021-03: 7 liable days at 0 kr
  EXPECT_EQ((*summary)[1].missing_price_year, 2021);
  EXPECT_EQ((*summary)[2].amount, 0);  // nothing liable: 0 kr is right
  auto basis = store->SettlementBasis(1, "2380", "2021-03");
  ASSERT_EQ(basis->size(), 1u);
  EXPECT_FALSE((*basis)[0].amount.has_value());
  EXPECT_EQ((*basis)[0].reason, "revoked;no_price");
  EXPECT_EQ((*basis)[0].missing_price_year, 2021);
  EXPECT_EQ((*store->SettlementBasis(1, "2380", "2022-03"))[0].amount, 0);
}

TEST(StoreTest, IndicatorQueryFiltersAndKeepsTableOrder) {
  auto store = MemoryStore();
  ASSERT_TRUE(testing::AddTestExtract(*store, "aaaa", 0).ok());
  IndicatorQuery query;
  query.extract_id = 1;
  query.indicator = "readmission_30d";
  query.unit_type = "municipality";
  query.period_type = "month";
  auto rows = store->Indicators(query);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].unit, "2361");
  EXPECT_EQ((*rows)[0].numerator, 3);
  EXPECT_TRUE((*rows)[0].public_suppressed);  // 3 < 5
  EXPECT_DOUBLE_EQ((*rows)[0].value, 7.5);
  EXPECT_EQ((*rows)[1].unit, "2380");
  EXPECT_TRUE((*rows)[1].public_suppressed);  // secondary: the county's other municipality
}

TEST(StoreTest, DeltasListAddedRemovedAndChangedCells) {
  auto store = MemoryStore();
  ASSERT_TRUE(testing::AddTestExtract(*store, "aaaa", 0).ok());
  ASSERT_TRUE(testing::AddTestExtract(*store, "bbbb", 1).ok());
  DeltaQuery query;
  query.from_id = 1;
  query.to_id = 2;
  auto rows = store->Deltas(query);
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].sex, "F");
  EXPECT_EQ((*rows)[0].change, "added");
  EXPECT_FALSE((*rows)[0].old_numerator.has_value());
  EXPECT_EQ((*rows)[1].sex, "M");
  EXPECT_EQ((*rows)[1].change, "removed");
  EXPECT_EQ((*rows)[2].sex, "all");
  EXPECT_EQ((*rows)[2].change, "changed");
  EXPECT_EQ(*(*rows)[2].old_numerator, 27);
  EXPECT_EQ(*(*rows)[2].new_numerator, 28);
  query.unit = "2361";
  EXPECT_TRUE(store->Deltas(query)->empty());
}

}  // namespace
}  // namespace nara::store
