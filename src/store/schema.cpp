// Migrations. Never edit a released migration: add a new one at the end.
#include "store/schema.hpp"

#include <fmt/format.h>

#include <string>
#include <vector>

namespace nara::store {
namespace {

// Migration i (0-based) takes the store from version i to version i + 1.
const std::vector<std::string>& Migrations() {
  static const std::vector<std::string> kMigrations = {
      // 1: extracts, their ingest reports and indicator tables; settlement tables.
      R"sql(
CREATE TABLE extracts (
  id INTEGER PRIMARY KEY,
  checksum TEXT NOT NULL,
  config_hash TEXT NOT NULL,
  region TEXT NOT NULL,
  county TEXT NOT NULL,
  coverage_from TEXT NOT NULL,
  coverage_to TEXT NOT NULL,
  created TEXT NOT NULL,
  ingested_at TEXT NOT NULL,
  definitions_version TEXT NOT NULL,
  rows_read INTEGER NOT NULL,
  rows_rejected INTEGER NOT NULL,
  public_min_count INTEGER NOT NULL,
  UNIQUE (checksum, config_hash)
);
CREATE TABLE ingest_tables (
  extract_id INTEGER NOT NULL REFERENCES extracts(id) ON DELETE CASCADE,
  file TEXT NOT NULL,
  present INTEGER NOT NULL,
  rows_read INTEGER NOT NULL,
  rows_used INTEGER NOT NULL,
  blank_lines INTEGER NOT NULL,
  encoding TEXT NOT NULL
);
CREATE TABLE reject_counts (
  extract_id INTEGER NOT NULL REFERENCES extracts(id) ON DELETE CASCADE,
  file TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('reject', 'flag')),
  code TEXT NOT NULL,
  rows INTEGER NOT NULL
);
CREATE TABLE periods (
  extract_id INTEGER NOT NULL REFERENCES extracts(id) ON DELETE CASCADE,
  period_type TEXT NOT NULL,
  period TEXT NOT NULL,
  ord INTEGER NOT NULL
);
CREATE TABLE units (
  extract_id INTEGER NOT NULL REFERENCES extracts(id) ON DELETE CASCADE,
  unit_type TEXT NOT NULL,
  unit TEXT NOT NULL,
  name TEXT NOT NULL
);
CREATE TABLE indicator_rows (
  extract_id INTEGER NOT NULL REFERENCES extracts(id) ON DELETE CASCADE,
  indicator TEXT NOT NULL,
  period_type TEXT NOT NULL,
  period TEXT NOT NULL,
  unit_type TEXT NOT NULL,
  unit TEXT NOT NULL,
  sex TEXT NOT NULL,
  age_group TEXT NOT NULL,
  numerator INTEGER NOT NULL,
  denominator INTEGER NOT NULL,
  value REAL NOT NULL,
  public_suppressed INTEGER NOT NULL
);
CREATE INDEX indicator_rows_lookup
  ON indicator_rows (extract_id, indicator, unit_type, unit, period_type, period);
CREATE TABLE settlement_summary (
  extract_id INTEGER NOT NULL REFERENCES extracts(id) ON DELETE CASCADE,
  municipality TEXT NOT NULL,
  month TEXT NOT NULL,
  episodes INTEGER NOT NULL,
  ready_days INTEGER NOT NULL,
  liable_days INTEGER NOT NULL,
  amount INTEGER NOT NULL
);
CREATE INDEX settlement_summary_lookup ON settlement_summary (extract_id, municipality, month);
CREATE TABLE settlement_basis (
  extract_id INTEGER NOT NULL REFERENCES extracts(id) ON DELETE CASCADE,
  municipality TEXT NOT NULL,
  month TEXT NOT NULL,
  patient_ref TEXT NOT NULL,
  episode_id TEXT NOT NULL,
  care_type TEXT NOT NULL,
  ready_at TEXT NOT NULL,
  ready_until TEXT NOT NULL,
  ready_days INTEGER NOT NULL,
  liable_days INTEGER NOT NULL,
  price_per_day INTEGER NOT NULL,
  amount INTEGER NOT NULL,
  liable INTEGER NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX settlement_basis_lookup ON settlement_basis (extract_id, municipality, month);
)sql",
      // 2: goal assessments per report period, audience and language (nara ingest --goals).
      R"sql(
CREATE TABLE goal_sources (
  extract_id INTEGER PRIMARY KEY REFERENCES extracts(id) ON DELETE CASCADE,
  goals_file TEXT NOT NULL,
  goals_sha256 TEXT NOT NULL,
  manual_file TEXT NOT NULL,
  manual_sha256 TEXT NOT NULL
);
CREATE TABLE goal_assessments (
  extract_id INTEGER NOT NULL REFERENCES extracts(id) ON DELETE CASCADE,
  period TEXT NOT NULL,
  ord INTEGER NOT NULL,
  audience TEXT NOT NULL CHECK (audience IN ('full', 'public')),
  lang TEXT NOT NULL CHECK (lang IN ('sv', 'en')),
  body TEXT NOT NULL,
  PRIMARY KEY (extract_id, period, audience, lang)
);
)sql",
      // 3: a liable day in a year without a price keeps its amount NULL with the year
      // (missing_price_year), never 0 kr. SQLite cannot drop NOT NULL, so both settlement tables
      // are rebuilt; rows stored by an older Nära with liable days at 0 kr (its stand-in for a
      // missing price: no price of 0 is ever configured by the defaults) become missing.
      R"sql(
CREATE TABLE settlement_summary_v3 (
  extract_id INTEGER NOT NULL REFERENCES extracts(id) ON DELETE CASCADE,
  municipality TEXT NOT NULL,
  month TEXT NOT NULL,
  episodes INTEGER NOT NULL,
  ready_days INTEGER NOT NULL,
  liable_days INTEGER NOT NULL,
  amount INTEGER,
  missing_price_year INTEGER,
  CHECK ((amount IS NULL) = (missing_price_year IS NOT NULL))
);
INSERT INTO settlement_summary_v3
  SELECT extract_id, municipality, month, episodes, ready_days, liable_days,
         CASE WHEN liable_days > 0 AND amount = 0 THEN NULL ELSE amount END,
         CASE WHEN liable_days > 0 AND amount = 0 THEN CAST(substr(month, 1, 4) AS INTEGER) END
  FROM settlement_summary ORDER BY rowid;
DROP TABLE settlement_summary;
ALTER TABLE settlement_summary_v3 RENAME TO settlement_summary;
CREATE INDEX settlement_summary_lookup ON settlement_summary (extract_id, municipality, month);
CREATE TABLE settlement_basis_v3 (
  extract_id INTEGER NOT NULL REFERENCES extracts(id) ON DELETE CASCADE,
  municipality TEXT NOT NULL,
  month TEXT NOT NULL,
  patient_ref TEXT NOT NULL,
  episode_id TEXT NOT NULL,
  care_type TEXT NOT NULL,
  ready_at TEXT NOT NULL,
  ready_until TEXT NOT NULL,
  ready_days INTEGER NOT NULL,
  liable_days INTEGER NOT NULL,
  price_per_day INTEGER,
  amount INTEGER,
  liable INTEGER NOT NULL,
  reason TEXT NOT NULL,
  missing_price_year INTEGER,
  CHECK ((amount IS NULL) = (missing_price_year IS NOT NULL))
);
INSERT INTO settlement_basis_v3
  SELECT extract_id, municipality, month, patient_ref, episode_id, care_type, ready_at,
         ready_until, ready_days, liable_days,
         CASE WHEN liable_days > 0 AND amount = 0 THEN NULL ELSE price_per_day END,
         CASE WHEN liable_days > 0 AND amount = 0 THEN NULL ELSE amount END,
         liable,
         CASE WHEN liable_days > 0 AND amount = 0
              THEN CASE WHEN reason = '' THEN 'no_price' ELSE reason || ';no_price' END
              ELSE reason END,
         CASE WHEN liable_days > 0 AND amount = 0 THEN CAST(substr(month, 1, 4) AS INTEGER) END
  FROM settlement_basis ORDER BY rowid;
DROP TABLE settlement_basis;
ALTER TABLE settlement_basis_v3 RENAME TO settlement_basis;
CREATE INDEX settlement_basis_lookup ON settlement_basis (extract_id, municipality, month);
)sql",
  };
  return kMigrations;
}

}  // namespace

int CurrentSchemaVersion() { return static_cast<int>(Migrations().size()); }

Result<int> SchemaVersion(Db& db) {
  NARA_ASSIGN_OR_RETURN(
      auto exists,
      db.Prepare(
          "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"));
  NARA_ASSIGN_OR_RETURN(auto row, (exists)->Step());
  if ((exists)->Int(0) == 0) {
    NARA_ASSIGN_OR_RETURN(auto tables, db.Prepare("SELECT count(*) FROM sqlite_master"));
    NARA_ASSIGN_OR_RETURN(auto step, (tables)->Step());
    if ((tables)->Int(0) != 0) {
      return InvalidInput(
          "the file is an SQLite database but not a Nära store "
          "(no schema_version table)");
    }
    return 0;
  }
  NARA_ASSIGN_OR_RETURN(auto version, db.Prepare("SELECT max(version) FROM schema_version"));
  NARA_ASSIGN_OR_RETURN(auto step, (version)->Step());
  return static_cast<int>((version)->Int(0));
}

Status Migrate(Db& db) {
  NARA_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  auto version = SchemaVersion(db);
  if (!version.ok()) {
    (void)db.Exec("ROLLBACK");
    return version.status();
  }
  (void)db.Exec("COMMIT");
  if (*version > CurrentSchemaVersion()) {
    return InvalidInput(fmt::format(
        "the store has schema version {}, newer than this nara reads ({}): upgrade nara", *version,
        CurrentSchemaVersion()));
  }
  for (int next = *version; next < CurrentSchemaVersion(); ++next) {
    Transaction transaction(db);
    NARA_RETURN_IF_ERROR(transaction.Begin());
    // Another process may have migrated meanwhile: re-read under the write lock.
    NARA_ASSIGN_OR_RETURN(auto now, SchemaVersion(db));
    if (now > next) continue;
    // No statement may still be stepping (the version queries above): a migration that drops a
    // table fails with "database table is locked" while one is.
    db.ResetStatements();
    if (next == 0) {
      NARA_RETURN_IF_ERROR(db.Exec(
          "CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)"));
    }
    NARA_RETURN_IF_ERROR(db.Exec(Migrations()[static_cast<size_t>(next)]));
    NARA_RETURN_IF_ERROR(db.Exec(
        fmt::format("INSERT INTO schema_version VALUES ({}, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                    next + 1)));
    NARA_RETURN_IF_ERROR(transaction.Commit());
  }
  return Status::Ok();
}

}  // namespace nara::store
