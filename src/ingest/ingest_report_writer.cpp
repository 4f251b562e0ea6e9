// The ingest report and the rejects file.
#include "ingest/ingest_report_writer.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <vector>

#include "base/atomic_file.hpp"
#include "base/csv_field.hpp"

namespace nara::ingest {
namespace {

}  // namespace

std::string FormatReportText(const LoadedExtract& loaded) {
  const model::Manifest& m = loaded.extract.manifest;
  const IngestReport& r = loaded.report;
  std::string out = fmt::format(
      "Extract {}\n  {} (county {}), coverage {} to {}, created {}{}\n\n", r.extract_dir,
      m.region.empty() ? "(no region name)" : m.region, m.county, FormatDate(m.coverage_from),
      FormatDate(m.coverage_to), FormatDateTime(m.created),
      loaded.extract.test_key ? "\n  pseudonymised with the public TEST key: synthetic data only"
                              : "");
  out += fmt::format("  {:<20} {:>12} {:>12} {:>10}  {}\n", "table", "read", "used", "rejected",
                     "dialect");
  for (const auto& table : r.tables) {
    if (!table.present) {
      out += fmt::format("  {:<20} {:>12}\n", table.file, "(absent)");
      continue;
    }
    out += fmt::format("  {:<20} {:>12} {:>12} {:>10}  '{}' {}\n", table.file, table.read,
                       table.used, table.read - table.used, table.delimiter, table.encoding);
  }
  if (!r.reject_counts.empty()) {
    out += "\nRejected rows by reason:\n";
    for (const auto& [key, count] : r.reject_counts) {
      out += fmt::format("  {:<20} {:<30} {:>8}\n", key.first, key.second, count);
    }
  }
  if (!r.flag_counts.empty()) {
    out += "\nFlagged values (rows kept):\n";
    for (const auto& [key, count] : r.flag_counts) {
      out += fmt::format("  {:<20} {:<30} {:>8}\n", key.first, key.second, count);
    }
  }
  for (const auto& table : r.tables) {
    if (table.unknown_columns.empty()) continue;
    std::string names;
    for (const auto& name : table.unknown_columns) names += (names.empty() ? "" : ", ") + name;
    out += fmt::format("\nUnknown columns in {} (not used): {}\n", table.file, names);
  }
  const auto& extract = loaded.extract;
  out += fmt::format(
      "\n{} patients, {} stays, {} events, {} contacts, {} waits; {:.1f} MB in memory "
      "({:.0f} bytes per stay); read {:.1f} MB in {:.2f} s\n",
      extract.patients.size(), extract.stays.size(), extract.events.size(),
      extract.contacts.size(), extract.waits.size(),
      static_cast<double>(extract.MemoryBytes()) / 1e6,
      extract.stays.size() == 0
          ? 0.0
          : static_cast<double>(extract.MemoryBytes()) / static_cast<double>(extract.stays.size()),
      static_cast<double>(r.bytes_read) / 1e6, r.seconds);
  out += fmt::format("Rejected rows: {}\n", r.rows_rejected());
  int64_t flagged = 0;
  for (const auto& [key, count] : r.flag_counts) flagged += count;
  out += fmt::format("Flagged rows (kept): {}\n", flagged);
  return out;
}

nlohmann::json ReportJson(const LoadedExtract& loaded) {
  const model::Manifest& m = loaded.extract.manifest;
  const IngestReport& r = loaded.report;
  nlohmann::json json;
  json["extract"] = {{"region", m.region},
                     {"county", m.county},
                     {"coverage_from", FormatDate(m.coverage_from)},
                     {"coverage_to", FormatDate(m.coverage_to)},
                     {"created", FormatDateTime(m.created)},
                     {"test_key", loaded.extract.test_key}};
  json["tables"] = nlohmann::json::array();
  for (const auto& table : r.tables) {
    json["tables"].push_back({{"file", table.file},
                              {"present", table.present},
                              {"read", table.read},
                              {"used", table.used},
                              {"rejected", table.read - table.used},
                              {"blank_lines", table.blank_lines},
                              {"encoding", table.encoding},
                              {"delimiter", std::string(1, table.delimiter)},
                              {"unknown_columns", table.unknown_columns}});
  }
  json["rejects_by_reason"] = nlohmann::json::array();
  for (const auto& [key, count] : r.reject_counts) {
    json["rejects_by_reason"].push_back({{"file", key.first}, {"code", key.second},
                                         {"rows", count}});
  }
  json["flags"] = nlohmann::json::array();
  for (const auto& [key, count] : r.flag_counts) {
    json["flags"].push_back({{"file", key.first}, {"code", key.second}, {"rows", count}});
  }
  json["rows_rejected"] = r.rows_rejected();
  int64_t flagged = 0;
  for (const auto& [key, count] : r.flag_counts) flagged += count;
  json["rows_flagged"] = flagged;
  json["bytes_read"] = r.bytes_read;
  json["memory_bytes"] = loaded.extract.MemoryBytes();
  json["stays"] = loaded.extract.stays.size();
  json["patients"] = loaded.extract.patients.size();
  return json;
}

namespace {

// rejects.csv and flags.csv: the same columns, each row's code by its table's names.
template <typename Row, typename CodeName>
std::string RowsCsv(const std::vector<Row>& rows, CodeName code_name) {
  std::string out = "file,line,column,code,message,row\n";
  for (const auto& row : rows) {
    out += fmt::format("{},{},{},{},{},{}\n", CsvField(row.file), row.line, CsvField(row.column),
                       code_name(row.code), CsvField(row.message), CsvField(row.row));
  }
  return out;
}

}  // namespace

std::string RejectsCsv(const IngestReport& report) {
  return RowsCsv(report.rejects, RejectCodeName);
}

std::string FlagsCsv(const IngestReport& report) { return RowsCsv(report.flagged, FlagCodeName); }

Status WriteRejectsCsv(const IngestReport& report, const std::string& path) {
  return WriteFileAtomically(path, RejectsCsv(report), "the rejects file");
}

Status WriteFlagsCsv(const IngestReport& report, const std::string& path) {
  return WriteFileAtomically(path, FlagsCsv(report), "the flags file");
}

Status AddCheckFiles(const LoadedExtract& loaded, const std::string& folder, OutputSet& outputs) {
  const std::filesystem::path dir(folder);
  NARA_RETURN_IF_ERROR(
      outputs.Add((dir / "rejects.csv").string(), RejectsCsv(loaded.report), "the rejects file"));
  NARA_RETURN_IF_ERROR(
      outputs.Add((dir / "flags.csv").string(), FlagsCsv(loaded.report), "the flags file"));
  return outputs.Add((dir / "ingest_report.json").string(), ReportJson(loaded).dump(2) + "\n",
                     "the ingest report");
}

Status WriteCheckFiles(const LoadedExtract& loaded, const std::string& folder) {
  OutputSet outputs;
  NARA_RETURN_IF_ERROR(AddCheckFiles(loaded, folder, outputs));
  return outputs.CommitAll();
}

}  // namespace nara::ingest
