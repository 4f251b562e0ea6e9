// The loop every table reader shares: open, map the header, and hand each sound row to a parser.
#pragma once

#include <span>
#include <string>

#include <fmt/format.h>

#include "base/csv_reader.hpp"
#include "base/date.hpp"
#include "base/status.hpp"
#include "identity/pseudonymiser.hpp"
#include "ingest/column_map.hpp"
#include "ingest/reject_log.hpp"
#include "ingest/redaction.hpp"
#include "ingest/value_parsers.hpp"

namespace nara::ingest {

// Counts of one table read.
struct TableCounts {
  std::string file;
  bool present = false;  // the file existed
  int64_t read = 0;      // data rows read (blank lines excluded)
  int64_t used = 0;
  int64_t blank_lines = 0;
  std::string encoding;
  char delimiter = ',';
  std::vector<std::string> unknown_columns;
};

// The row being parsed, with the means to reject it. `patient_ref` is set by the parser once
// the patient column is pseudonymised, so that a rejected row shows the pseudonym, never the
// identity number.
class RowContext {
 public:
  RowContext(const CsvReader& reader, const CsvRecord& record, const ColumnMap& map,
             std::span<const ColumnSpec> specs, RejectLog& log)
      : reader_(reader), record_(record), map_(map), specs_(specs), log_(log) {}

  std::string_view Get(size_t spec) const { return map_.Get(record_, spec); }
  int64_t line() const { return record_.line; }
  // The pseudonym is formatted only if the row is rejected (most rows are not).
  void set_patient_column(size_t spec, uint64_t pseudonym) {
    patient_spec_ = static_cast<int>(spec);
    patient_pseudonym_ = pseudonym;
    has_pseudonym_ = true;
  }

  // Rejects the row: `spec` names the column at fault (SIZE_MAX for the whole row).
  void Reject(size_t spec, RejectCode code, std::string message) {
    std::string_view column = spec < specs_.size() ? specs_[spec].name : std::string_view();
    std::string where = fmt::format("{}:{}: ", log_.file(), record_.line);
    if (!column.empty()) where += fmt::format("column '{}': ", column);
    log_.Add(record_.line, column, code, where + message, RowText());
  }
  // Rejects with "missing value" / "not a date (expected ...)": the common messages.
  void RejectMissing(size_t spec) {
    Reject(spec, RejectCode::kMissingValue, "a value is required");
  }
  void RejectBadValue(size_t spec, RejectCode code, std::string_view expected) {
    Reject(spec, code, fmt::format("{} (expected {}): {}",
                                   code == RejectCode::kBadDate ? "not a valid date" : "not valid",
                                   expected, QuoteForMessage(Get(spec))));
  }
  void Flag(FlagCode code) { log_.Flag(code); }

  // A required date-time (or date, at 00:00) column; rejects the row and returns nullopt when
  // the value is empty or not one of the contract's forms.
  std::optional<ParsedDateTime> RequiredDateTime(size_t spec) {
    if (TrimBlanks(Get(spec)).empty()) {
      RejectMissing(spec);
      return std::nullopt;
    }
    auto value = ParseDateTime(Get(spec));
    if (!value) RejectBadValue(spec, RejectCode::kBadDate, kDateTimeForms);
    return value;
  }
  // A required date column, as RequiredDateTime.
  std::optional<Date> RequiredDate(size_t spec) {
    if (TrimBlanks(Get(spec)).empty()) {
      RejectMissing(spec);
      return std::nullopt;
    }
    auto value = ParseDate(Get(spec));
    if (!value) RejectBadValue(spec, RejectCode::kBadDate, "YYYY-MM-DD or YYYYMMDD");
    return value;
  }

  // The row re-joined with the file's delimiter, the patient field replaced by its pseudonym
  // and any other identity-number-shaped text redacted.
  std::string RowText() const {
    std::string text;
    const int patient_index = patient_spec_ >= 0 ? map_.index(static_cast<size_t>(patient_spec_))
                                                 : -1;
    for (size_t i = 0; i < record_.fields.size(); ++i) {
      if (i > 0) text.push_back(reader_.delimiter());
      if (static_cast<int>(i) == patient_index) {
        text += has_pseudonym_
                    ? "patient_ref:" + identity::Pseudonymiser::FormatRef(patient_pseudonym_)
                    : std::string("[personnummer]");
      } else {
        text += RedactIdentityNumbers(record_.fields[i]);
      }
    }
    return text;
  }

 private:
  const CsvReader& reader_;
  const CsvRecord& record_;
  const ColumnMap& map_;
  std::span<const ColumnSpec> specs_;
  RejectLog& log_;
  int patient_spec_ = -1;
  uint64_t patient_pseudonym_ = 0;
  bool has_pseudonym_ = false;
};

// Reads every record of `reader`, rejecting malformed rows and rows with the wrong number of
// fields, and calls `parse_row(RowContext&)` for the others; it returns true when it used the
// row. Fails only when the header does not fit `specs` (a missing required column).
template <typename ParseRow>
Status ScanTable(CsvReader& reader, std::span<const ColumnSpec> specs, RejectLog& log,
                 TableCounts& counts, ParseRow&& parse_row) {
  auto map = ColumnMap::Resolve(reader.header(), specs, log.file());
  if (!map.ok()) return map.status();
  counts.present = true;
  counts.unknown_columns = map->unknown();
  counts.encoding = EncodingName(reader.encoding());
  counts.delimiter = reader.delimiter();
  const size_t width = reader.header().size();
  CsvRecord record;
  while (reader.Next(record)) {
    ++counts.read;
    RowContext row(reader, record, *map, specs, log);
    if (!record.error.empty()) {
      row.Reject(SIZE_MAX, RejectCode::kMalformedRow, record.error);
      continue;
    }
    if (record.fields.size() != width) {
      row.Reject(SIZE_MAX, RejectCode::kFieldCount,
                 fmt::format("{} fields where the header has {}", record.fields.size(), width));
      continue;
    }
    if (parse_row(row)) ++counts.used;
  }
  counts.blank_lines = reader.blank_lines();
  return Status::Ok();
}

}  // namespace nara::ingest
