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

// The longest field a row may hold (data contract §1.1). No field of the contract comes near it;
// a longer one is a broken export (a quote left open, a file pasted into a cell) and would
// otherwise be copied into every output row that names its unit.
inline constexpr size_t kMaxFieldBytes = 4096;
// How much of each field a rejected row's text keeps.
inline constexpr size_t kMaxRowFieldBytes = 256;
// Unknown header columns: at most this many are listed, each cut to kMaxColumnNameBytes.
inline constexpr size_t kMaxUnknownColumns = 50;
inline constexpr size_t kMaxColumnNameBytes = 64;

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
  // Field `column` of the row as read (by header position), and the number of fields.
  std::string_view Field(size_t column) const { return record_.fields[column]; }
  size_t field_count() const { return record_.fields.size(); }
  int64_t line() const { return record_.line; }
  size_t offset() const { return record_.offset; }  // CsvRecord::offset
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
  // Flags the row (kept) and lists it in flags.csv, as Reject lists a rejected one.
  void Flag(size_t spec, FlagCode code, std::string message) {
    std::string_view column = spec < specs_.size() ? specs_[spec].name : std::string_view();
    std::string where = fmt::format("{}:{}: ", log_.file(), record_.line);
    if (!column.empty()) where += fmt::format("column '{}': ", column);
    log_.AddFlag(record_.line, column, code, where + message, RowText());
  }

  // A free-text value that reaches outputs (a hospital, clinic, health centre or unit name, a
  // programme), trimmed. Rejects the row (identity_number_in_text) and returns nullopt when it
  // holds text shaped like an identity number (ContainsIdentityNumber): such a value would be
  // printed in the indicator table, the store and the public catalogue.
  std::optional<std::string_view> OutputText(size_t spec) {
    const std::string_view text = TrimBlanks(Get(spec));
    if (ContainsIdentityNumber(text)) {
      Reject(spec, RejectCode::kIdentityNumberInText,
             "holds text shaped like an identity number, which must not reach the outputs; "
             "export the name or code of the unit here, never a patient's number");
      return std::nullopt;
    }
    return text;
  }

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
        text += RedactAndShorten(record_.fields[i], kMaxRowFieldBytes);
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

// The index of the first field of `record` longer than kMaxFieldBytes, or SIZE_MAX.
inline size_t FirstTooLongField(const CsvRecord& record) {
  for (size_t i = 0; i < record.fields.size(); ++i) {
    if (record.fields[i].size() > kMaxFieldBytes) return i;
  }
  return SIZE_MAX;
}

// Reads every record of `reader`, rejecting malformed rows, rows with the wrong number of
// fields and rows with a field longer than kMaxFieldBytes, and calls `parse_row(RowContext&)` for
// the others; it returns true when it used the row. Fails only when the header does not fit `specs`
// (a missing required column).
// `mapping` (extract.toml [columns.<table>]/[values]) may rename header columns and translate values.
template <typename ParseRow>
Status ScanTable(CsvReader& reader, std::span<const ColumnSpec> specs, RejectLog& log,
                 TableCounts& counts, const TableMapping* mapping, ParseRow&& parse_row) {
  auto map = ColumnMap::Resolve(reader.header(), specs, log.file(), mapping);
  if (!map.ok()) return map.status();
  counts.present = true;
  // Header names are input text too: redacted, cut, and not listed without end.
  const std::vector<std::string>& unknown = map->unknown();
  for (size_t i = 0; i < unknown.size() && i < kMaxUnknownColumns; ++i) {
    counts.unknown_columns.push_back(RedactAndShorten(unknown[i], kMaxColumnNameBytes));
  }
  if (unknown.size() > kMaxUnknownColumns) {
    counts.unknown_columns.push_back(
        fmt::format("... and {} more", unknown.size() - kMaxUnknownColumns));
  }
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
    if (const size_t field = FirstTooLongField(record); field != SIZE_MAX) {
      row.Reject(map->SpecAt(field), RejectCode::kFieldTooLong,
                 fmt::format("field {} holds {} bytes, more than the {} a field may hold (a "
                             "quote left open, or a whole file pasted into one cell?)",
                             field + 1, record.fields[field].size(), kMaxFieldBytes));
      continue;
    }
    if (parse_row(row)) ++counts.used;
  }
  counts.blank_lines = reader.blank_lines();
  return Status::Ok();
}

template <typename ParseRow>
Status ScanTable(CsvReader& reader, std::span<const ColumnSpec> specs, RejectLog& log,
                 TableCounts& counts, ParseRow&& parse_row) {
  return ScanTable(reader, specs, log, counts, nullptr, std::forward<ParseRow>(parse_row));
}

}  // namespace nara::ingest
