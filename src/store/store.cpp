// Opening the store and adding an extract in one transaction.
#include "store/store.hpp"

#include <fmt/format.h>

#include <cstring>
#include <ctime>
#include <set>
#include <tuple>
#include <utility>

#include "indicators/catalog.hpp"
#include "store/schema.hpp"

namespace nara::store {
namespace {

std::string NowUtc() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

constexpr const char* kExtractColumns =
    "id, checksum, config_hash, region, county, coverage_from, coverage_to, created, "
    "ingested_at, definitions_version, rows_read, rows_rejected, public_min_count";

ExtractInfo ReadExtract(const Statement& row) {
  ExtractInfo info;
  info.id = row.Int(0);
  info.checksum = row.Text(1);
  info.config_hash = row.Text(2);
  info.region = row.Text(3);
  info.county = row.Text(4);
  info.coverage_from = row.Text(5);
  info.coverage_to = row.Text(6);
  info.created = row.Text(7);
  info.ingested_at = row.Text(8);
  info.definitions_version = row.Text(9);
  info.rows_read = row.Int(10);
  info.rows_rejected = row.Int(11);
  info.public_min_count = static_cast<int>(row.Int(12));
  return info;
}

Result<int64_t> InsertExtractRow(Db& db, const ExtractInfo& info) {
  NARA_ASSIGN_OR_RETURN(
      auto insert,
      db.Prepare(
          "INSERT INTO extracts (checksum, config_hash, region, county, coverage_from, "
          "coverage_to, "
          "created, ingested_at, definitions_version, rows_read, rows_rejected, public_min_count) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"));
  Statement& s = *insert;
  s.Bind(1, info.checksum);
  s.Bind(2, info.config_hash);
  s.Bind(3, info.region);
  s.Bind(4, info.county);
  s.Bind(5, info.coverage_from);
  s.Bind(6, info.coverage_to);
  s.Bind(7, info.created);
  s.Bind(8, NowUtc());
  s.Bind(9, info.definitions_version);
  s.Bind(10, info.rows_read);
  s.Bind(11, info.rows_rejected);
  s.Bind(12, static_cast<int64_t>(info.public_min_count));
  NARA_RETURN_IF_ERROR(s.Run());
  return db.LastInsertId();
}

Status InsertReport(Db& db, int64_t id, const ingest::IngestReport& report) {
  NARA_ASSIGN_OR_RETURN(
      auto table, db.Prepare("INSERT INTO ingest_tables VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
  for (const auto& counts : report.tables) {
    Statement& s = *table;
    s.Reset();
    s.Bind(1, id);
    s.Bind(2, counts.file);
    s.Bind(3, int64_t{counts.present ? 1 : 0});
    s.Bind(4, counts.read);
    s.Bind(5, counts.used);
    s.Bind(6, counts.blank_lines);
    s.Bind(7, counts.encoding);
    NARA_RETURN_IF_ERROR(s.Run());
  }
  NARA_ASSIGN_OR_RETURN(auto rejects,
                        db.Prepare("INSERT INTO reject_counts VALUES (?1, ?2, ?3, ?4, ?5)"));
  for (const auto* counts : {&report.reject_counts, &report.flag_counts}) {
    const char* kind = counts == &report.reject_counts ? "reject" : "flag";
    for (const auto& [key, rows] : *counts) {
      Statement& s = *rejects;
      s.Reset();
      s.Bind(1, id);
      s.Bind(2, key.first);
      s.Bind(3, std::string_view(kind));
      s.Bind(4, key.second);
      s.Bind(5, rows);
      NARA_RETURN_IF_ERROR(s.Run());
    }
  }
  return Status::Ok();
}

// Unit types in the table's order (data contract §4.1).
int UnitTypeRank(std::string_view unit_type) {
  static constexpr std::string_view kOrder[] = {
      "region", "county", "area", "municipality", "hospital", "clinic", "health_center"};
  for (int i = 0; i < 7; ++i) {
    if (kOrder[i] == unit_type) return i;
  }
  return 7;
}

std::string UnitName(const model::Extract& extract, std::string_view unit_type,
                     const std::string& unit) {
  if (unit_type == "region") return extract.manifest.region;
  if (unit_type == "municipality") {
    for (const auto& municipality : extract.municipalities) {
      if (municipality.code == unit) return municipality.name;
    }
  }
  return unit;
}

// Rows in the table's order, plus the distinct periods and units they use.
Status InsertTable(Db& db, int64_t id, const model::Extract& extract,
                   const indicators::IndicatorTable& table) {
  NARA_ASSIGN_OR_RETURN(
      auto insert,
      db.Prepare(
          "INSERT INTO indicator_rows VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"));
  std::set<std::tuple<int, std::string, std::string>> units;      // (type rank, type, unit)
  std::vector<std::pair<std::string_view, std::string>> periods;  // (type name, label)
  std::set<std::string> seen_periods;
  // Rows come sorted, so periods and units repeat in runs: look them up only when they change.
  const indicators::Row* previous = nullptr;
  std::string_view period_type;
  std::string period_label;
  for (const auto& row : table.rows) {
    if (previous == nullptr || previous->period != row.period) {
      period_type = PeriodTypeName(row.period.type);
      period_label = row.period.Label();
      if (seen_periods.insert(period_label).second) periods.emplace_back(period_type, period_label);
    }
    if (previous == nullptr || previous->unit != row.unit ||
        std::strcmp(previous->unit_type, row.unit_type) != 0) {
      units.emplace(UnitTypeRank(row.unit_type), row.unit_type, row.unit);
    }
    previous = &row;
    Statement& s = *insert;
    s.Reset();
    s.Bind(1, id);
    s.Bind(2, indicators::Info(row.indicator).id);
    s.Bind(3, period_type);
    s.Bind(4, period_label);
    s.Bind(5, std::string_view(row.unit_type));
    s.Bind(6, row.unit);
    s.Bind(7, std::string_view(row.sex));
    s.Bind(8, std::string_view(row.age_group));
    s.Bind(9, row.numerator);
    s.Bind(10, row.denominator);
    s.Bind(11, indicators::RowValue(row));
    s.Bind(12, int64_t{row.suppressed ? 1 : 0});
    NARA_RETURN_IF_ERROR(s.Run());
  }
  NARA_ASSIGN_OR_RETURN(auto period, db.Prepare("INSERT INTO periods VALUES (?1, ?2, ?3, ?4)"));
  // Table order is type then time for each indicator; keep the first-seen order per type.
  int64_t order = 0;
  for (const auto& [type, label] : periods) {
    Statement& s = *period;
    s.Reset();
    s.Bind(1, id);
    s.Bind(2, type);
    s.Bind(3, label);
    s.Bind(4, order++);
    NARA_RETURN_IF_ERROR(s.Run());
  }
  NARA_ASSIGN_OR_RETURN(auto unit, db.Prepare("INSERT INTO units VALUES (?1, ?2, ?3, ?4)"));
  for (const auto& [rank, type, code] : units) {
    Statement& s = *unit;
    s.Reset();
    s.Bind(1, id);
    s.Bind(2, type);
    s.Bind(3, code);
    s.Bind(4, UnitName(extract, type, code));
    NARA_RETURN_IF_ERROR(s.Run());
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, bool read_only) {
  NARA_ASSIGN_OR_RETURN(auto db, Db::Open(path, read_only));
  if (read_only) {
    auto version = SchemaVersion(*db);
    if (!version.ok())
      return Status(version.status().code(),
                    fmt::format("{}: {}", path, version.status().message()));
    if (*version != CurrentSchemaVersion()) {
      return InvalidInput(fmt::format(
          "{}: the store has schema version {}, this nara reads version {} (run 'nara ingest' "
          "with this version once to migrate it)",
          path, *version, CurrentSchemaVersion()));
    }
  } else {
    // WAL: readers (the server) keep reading the last committed state while an ingest writes.
    NARA_RETURN_IF_ERROR((db)->Exec("PRAGMA journal_mode = WAL"));
    Status migrated = Migrate(*db);
    if (!migrated.ok())
      return Status(migrated.code(), fmt::format("{}: {}", path, migrated.message()));
  }
  (db)->ResetStatements();
  return std::unique_ptr<Store>(new Store(std::move(db)));
}

namespace {

// An amount in kronor, NULL when it is missing (a year without a price), never 0 instead.
void BindAmount(Statement& s, int index, const std::optional<int64_t>& amount,
                int missing_price_year) {
  if (amount.has_value() && missing_price_year == 0) {
    s.Bind(index, *amount);
  } else {
    s.BindNull(index);
  }
}

void BindMissingYear(Statement& s, int index, int missing_price_year) {
  if (missing_price_year != 0) {
    s.Bind(index, int64_t{missing_price_year});
  } else {
    s.BindNull(index);
  }
}

// The settlement of the extract's whole months (summary and individual-level basis).
Status InsertSettlement(Db& db, int64_t id, const std::vector<SettlementSummaryRow>& summary,
                        const std::vector<SettlementBasisRow>& basis) {
  auto insert_summary =
      db.Prepare("INSERT INTO settlement_summary VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!insert_summary.ok()) return insert_summary.status();
  for (const auto& row : summary) {
    Statement& s = **insert_summary;
    s.Reset();
    s.Bind(1, id);
    s.Bind(2, row.municipality);
    s.Bind(3, row.month);
    s.Bind(4, row.episodes);
    s.Bind(5, row.ready_days);
    s.Bind(6, row.liable_days);
    BindAmount(s, 7, row.amount, row.missing_price_year);
    BindMissingYear(s, 8, row.missing_price_year);
    NARA_RETURN_IF_ERROR(s.Run());
  }
  NARA_ASSIGN_OR_RETURN(
      auto insert_basis,
      db.Prepare(
          "INSERT INTO settlement_basis VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
          "?13, ?14, ?15)"));
  for (const auto& row : basis) {
    Statement& s = *insert_basis;
    s.Reset();
    s.Bind(1, id);
    s.Bind(2, row.municipality);
    s.Bind(3, row.month);
    s.Bind(4, row.patient_ref);
    s.Bind(5, row.episode_id);
    s.Bind(6, row.care_type);
    s.Bind(7, row.ready_at);
    s.Bind(8, row.ready_until);
    s.Bind(9, row.ready_days);
    s.Bind(10, row.liable_days);
    BindAmount(s, 11, row.price_per_day, row.missing_price_year);
    BindAmount(s, 12, row.amount, row.missing_price_year);
    s.Bind(13, int64_t{row.liable ? 1 : 0});
    s.Bind(14, row.reason);
    BindMissingYear(s, 15, row.missing_price_year);
    NARA_RETURN_IF_ERROR(s.Run());
  }
  return Status::Ok();
}

// The goals file's identity and every period's assessment.
Status InsertGoals(Db& db, int64_t id, const GoalSource& source,
                   const std::vector<GoalAssessmentRecord>& assessments) {
  NARA_ASSIGN_OR_RETURN(auto insert_source,
                        db.Prepare("INSERT INTO goal_sources VALUES (?1, ?2, ?3, ?4, ?5)"));
  Statement& s = *insert_source;
  s.Bind(1, id);
  s.Bind(2, source.goals_file);
  s.Bind(3, source.goals_sha256);
  s.Bind(4, source.manual_file);
  s.Bind(5, source.manual_sha256);
  NARA_RETURN_IF_ERROR(s.Run());
  NARA_ASSIGN_OR_RETURN(auto insert,
                        db.Prepare("INSERT INTO goal_assessments VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  int64_t ord = 0;
  for (const auto& record : assessments) {
    Statement& a = *insert;
    a.Reset();
    a.Bind(1, id);
    a.Bind(2, record.period);
    a.Bind(3, ord++);
    a.Bind(4, record.audience);
    a.Bind(5, record.lang);
    a.Bind(6, record.body);
    NARA_RETURN_IF_ERROR(a.Run());
  }
  return Status::Ok();
}

}  // namespace

Result<std::optional<ExtractInfo>> Store::FindByChecksum(const std::string& checksum,
                                                         const std::string& config_hash) {
  NARA_ASSIGN_OR_RETURN(
      auto find,
      db_->Prepare(fmt::format("SELECT {} FROM extracts WHERE checksum = ?1 AND config_hash = ?2",
                               kExtractColumns)));
  (find)->Bind(1, checksum);
  (find)->Bind(2, config_hash);
  NARA_ASSIGN_OR_RETURN(auto row, (find)->Step());
  if (!row) return std::optional<ExtractInfo>();
  std::optional<ExtractInfo> found = ReadExtract(*find);
  (find)->Reset();
  return found;
}

Result<AddResult> Store::AddExtract(const NewExtract& extract) {
  Transaction transaction(*db_);
  NARA_RETURN_IF_ERROR(transaction.Begin());
  NARA_ASSIGN_OR_RETURN(auto existing,
                        FindByChecksum(extract.info.checksum, extract.info.config_hash));
  if (existing.has_value()) return AddResult{(existing)->id, false};
  NARA_ASSIGN_OR_RETURN(auto id, InsertExtractRow(*db_, extract.info));
  NARA_RETURN_IF_ERROR(InsertReport(*db_, id, *extract.report));
  NARA_RETURN_IF_ERROR(InsertTable(*db_, id, *extract.extract, *extract.table));
  if (extract.settlement_summary != nullptr && extract.settlement_basis != nullptr) {
    NARA_RETURN_IF_ERROR(
        InsertSettlement(*db_, id, *extract.settlement_summary, *extract.settlement_basis));
  }
  if (extract.goal_source != nullptr && extract.goal_assessments != nullptr) {
    NARA_RETURN_IF_ERROR(InsertGoals(*db_, id, *extract.goal_source, *extract.goal_assessments));
  }
  NARA_RETURN_IF_ERROR(transaction.Commit());
  return AddResult{id, true};
}

Result<std::vector<ExtractInfo>> Store::Extracts() {
  auto list =
      db_->Prepare(fmt::format("SELECT {} FROM extracts ORDER BY id DESC", kExtractColumns));
  if (!list.ok()) return list.status();
  std::vector<ExtractInfo> out;
  for (;;) {
    NARA_ASSIGN_OR_RETURN(auto row, (*list)->Step());
    if (!row) break;
    out.push_back(ReadExtract(**list));
  }
  return out;
}

Result<std::optional<ExtractInfo>> Store::Extract(int64_t id) {
  NARA_ASSIGN_OR_RETURN(auto find, db_->Prepare(fmt::format("SELECT {} FROM extracts WHERE id = ?1",
                                                            kExtractColumns)));
  (find)->Bind(1, id);
  NARA_ASSIGN_OR_RETURN(auto row, (find)->Step());
  if (!row) return std::optional<ExtractInfo>();
  return std::optional<ExtractInfo>(ReadExtract(*find));
}

Result<int64_t> Store::CountRows(const std::string& table) {
  NARA_ASSIGN_OR_RETURN(auto count,
                        db_->Prepare(fmt::format("SELECT count(*) FROM \"{}\"", table)));
  NARA_ASSIGN_OR_RETURN(auto row, (count)->Step());
  return (count)->Int(0);
}

}  // namespace nara::store
