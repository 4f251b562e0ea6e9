// The store: every ingested extract's results in one SQLite file (docs/store.md).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.hpp"
#include "indicators/engine.hpp"
#include "ingest/extract_loader.hpp"
#include "model/extract.hpp"
#include "store/sqlite_db.hpp"

namespace nara::store {

// The version of the indicator definitions the rows were computed with; part of data_version.
inline constexpr const char* kDefinitionsVersion = "defs-1";

// One extract in the store.
struct ExtractInfo {
  int64_t id = 0;
  std::string checksum;     // SHA-256 hex of the extract folder (ExtractChecksum)
  std::string config_hash;  // SHA-256 hex of the configuration text
  std::string region;
  std::string county;
  std::string coverage_from;  // YYYY-MM-DD
  std::string coverage_to;
  std::string created;      // YYYY-MM-DDTHH:MM from extract.toml
  std::string ingested_at;  // UTC, YYYY-MM-DDTHH:MM:SSZ
  std::string definitions_version = kDefinitionsVersion;
  int64_t rows_read = 0;
  int64_t rows_rejected = 0;
  int public_min_count = 5;  // min count of the stored public suppression flags
};

// A liable day in a year without a price has no amount: `amount` (and the basis row's
// `price_per_day`) is nullopt (NULL in the store) and `missing_price_year` names the year; a
// stored amount is never a stand-in 0 (docs/store.md).
struct SettlementSummaryRow {
  std::string municipality, month;
  int64_t episodes = 0, ready_days = 0, liable_days = 0;
  std::optional<int64_t> amount = 0;
  int missing_price_year = 0;  // 0 = priced
};
struct SettlementBasisRow {
  std::string municipality, month, patient_ref, episode_id, care_type, ready_at, ready_until;
  int64_t ready_days = 0, liable_days = 0;
  std::optional<int64_t> price_per_day = 0, amount = 0;
  bool liable = false;
  std::string reason;
  int missing_price_year = 0;  // 0 = priced
};

// The goals an extract was assessed against (docs/store.md#goals).
struct GoalSource {
  std::string goals_file, goals_sha256;
  std::string manual_file, manual_sha256;  // empty without manual values
};
// One period's goal assessment as JSON (goals::AssessmentJson) for one audience and language.
struct GoalAssessmentRecord {
  std::string period;    // a month or a tertial
  std::string audience;  // full (logged-in users) or public (values suppressed as published)
  std::string lang;      // sv or en
  std::string body;
};

// What AddExtract writes. The table's `suppressed` flags are the public suppression.
struct NewExtract {
  ExtractInfo info;  // id and ingested_at are filled in by the store
  const model::Extract* extract = nullptr;
  const ingest::IngestReport* report = nullptr;
  const indicators::IndicatorTable* table = nullptr;
  // The settlement of the months wholly inside coverage (may be null: nothing is stored).
  const std::vector<SettlementSummaryRow>* settlement_summary = nullptr;
  const std::vector<SettlementBasisRow>* settlement_basis = nullptr;
  // The goal assessments (may be null: the extract was ingested without --goals).
  const GoalSource* goal_source = nullptr;
  const std::vector<GoalAssessmentRecord>* goal_assessments = nullptr;
};

struct AddResult {
  int64_t id = 0;
  bool added = false;  // false: the same checksum and config hash were already stored
};

struct IndicatorRecord {
  int64_t rowid = 0;  // stable identity of the row within the store
  std::string indicator, period_type, period, unit_type, unit, sex, age_group;
  int64_t numerator = 0;
  int64_t denominator = 0;
  double value = 0;
  bool public_suppressed = false;
};

// Filters of an indicator query; empty strings match everything.
struct IndicatorQuery {
  int64_t extract_id = 0;
  std::string indicator, period_type, period, unit_type, unit, sex, age_group;
};

struct DeltaRecord {
  std::string indicator, period, unit_type, unit, sex, age_group;
  std::optional<int64_t> old_numerator, old_denominator, new_numerator, new_denominator;
  bool old_suppressed = false, new_suppressed = false;
  int64_t old_rowid = 0, new_rowid = 0;  // 0 on the side where the cell is absent
  std::string change;                    // added, removed, changed
};

struct DeltaQuery {
  int64_t from_id = 0, to_id = 0;
  std::string indicator, unit_type, unit;
};

struct PeriodEntry {
  std::string period_type, period;
};
struct UnitEntry {
  std::string unit_type, unit, name;
};

struct RejectCount {
  std::string file, kind, code;
  int64_t rows = 0;
};

// A connection to one store file. Not thread-safe: open one Store per thread. Several
// processes may use one file: SQLite's locking (WAL mode) lets readers go on while one
// writer adds an extract.
class Store {
 public:
  // Opens the store, creating and migrating it when `read_only` is false. A read-only open of a
  // missing or older-version store fails.
  static Result<std::unique_ptr<Store>> Open(const std::string& path, bool read_only);

  // The stored extract with this checksum and config hash, if any.
  Result<std::optional<ExtractInfo>> FindByChecksum(const std::string& checksum,
                                                    const std::string& config_hash);
  // Adds the extract in one transaction: either everything is written or nothing. When the
  // same (checksum, config hash) is already stored, writes nothing and returns added = false.
  Result<AddResult> AddExtract(const NewExtract& extract);

  // Newest (highest id) first.
  Result<std::vector<ExtractInfo>> Extracts();
  Result<std::optional<ExtractInfo>> Extract(int64_t id);

  Result<std::vector<IndicatorRecord>> Indicators(const IndicatorQuery& query);
  // Cells of periods present in both extracts that differ (see docs/store.md#deltas).
  Result<std::vector<DeltaRecord>> Deltas(const DeltaQuery& query);
  Result<std::vector<PeriodEntry>> Periods(int64_t extract_id);
  Result<std::vector<UnitEntry>> Units(int64_t extract_id);
  Result<std::vector<RejectCount>> RejectCounts(int64_t extract_id);
  // Settlement of one extract; empty `municipality` means all; months inclusive, empty = open.
  Result<std::vector<SettlementSummaryRow>> SettlementSummary(int64_t extract_id,
                                                              const std::string& municipality,
                                                              const std::string& from_month,
                                                              const std::string& to_month);
  Result<std::vector<SettlementBasisRow>> SettlementBasis(int64_t extract_id,
                                                          const std::string& municipality,
                                                          const std::string& month);
  // The periods with a goal assessment, in the order ingest stored them (months, then
  // tertials, each in time order); empty when the extract has none.
  Result<std::vector<std::string>> GoalPeriods(int64_t extract_id);
  // The stored JSON of one period's assessment, or nullopt.
  Result<std::optional<std::string>> GoalAssessment(int64_t extract_id, const std::string& period,
                                                    const std::string& audience,
                                                    const std::string& lang);
  Result<std::optional<GoalSource>> GoalSourceOf(int64_t extract_id);
  // Row count of one table (tests and the kill test's "unchanged" check).
  Result<int64_t> CountRows(const std::string& table);

  Db& db() { return *db_; }

 private:
  explicit Store(std::unique_ptr<Db> db) : db_(std::move(db)) {}
  std::unique_ptr<Db> db_;
};

}  // namespace nara::store
