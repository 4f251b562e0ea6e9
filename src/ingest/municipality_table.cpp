// SCB's municipality list plus the extract's own municipalities.csv.
#include "ingest/municipality_table.hpp"

#include <fmt/format.h>

#include "ingest/value_parsers.hpp"

namespace nara::ingest {
namespace {

// 4-digit code as an integer, or -1. Accepts a 6-digit LKF (län, kommun, församling).
int CodeNumber(std::string_view value) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.size() != 4 && value.size() != 6) return -1;
  int code = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] < '0' || value[i] > '9') return -1;
    if (i < 4) code = code * 10 + (value[i] - '0');
  }
  return code;
}

enum Column : size_t { kCode, kName, kCounty, kArea };

}  // namespace

int MunicipalityTable::Add(model::Municipality municipality) {
  const int code = CodeNumber(municipality.code);
  if (index_[static_cast<size_t>(code)] != 0) {
    auto& existing = municipalities_[static_cast<size_t>(index_[static_cast<size_t>(code)] - 1)];
    if (!municipality.name.empty()) existing.name = municipality.name;
    if (!municipality.county.empty()) existing.county = municipality.county;
    if (!municipality.area.empty()) existing.area = municipality.area;
    return index_[static_cast<size_t>(code)] - 1;
  }
  municipalities_.push_back(std::move(municipality));
  index_[static_cast<size_t>(code)] = static_cast<int16_t>(municipalities_.size());
  return static_cast<int>(municipalities_.size()) - 1;
}

Result<MunicipalityTable> MunicipalityTable::LoadReference(const std::string& path) {
  NARA_ASSIGN_OR_RETURN(auto reader, CsvReader::OpenFile(path));
  static const std::vector<ColumnSpec> kSpecs = {
      {"code", {}, true}, {"name", {}, true}, {"county", {}, true}, {"area", {}, false}};
  RejectLog log("municipalities.csv (bundled)");
  TableCounts counts;
  MunicipalityTable table;
  Status status = ScanTable(reader, kSpecs, log, counts, [&](RowContext& row) {
    const std::string_view code = row.Get(kCode);
    if (CodeNumber(code) < 0 || code.size() != 4) {
      row.Reject(kCode, RejectCode::kBadCode, "not a 4-digit code");
      return false;
    }
    table.Add({std::string(code), std::string(row.Get(kName)), std::string(row.Get(kCounty)),
               std::string(row.Get(kArea))});
    return true;
  });
  NARA_RETURN_IF_ERROR(status);
  if (!log.rejects().empty()) {
    return InvalidInput(fmt::format("bundled municipality list {} is damaged: {}", path,
                                    log.rejects().front().message));
  }
  return table;
}

namespace {

const std::vector<ColumnSpec>& ExtractFileSpecs() {
  static const std::vector<ColumnSpec> kSpecs = {{"code", {"kommunkod", "kommun"}, true},
                                                 {"name", {"namn", "kommunnamn"}, false},
                                                 {"county", {"lan", "län"}, false},
                                                 {"area", {"omrade", "område"}, false}};
  return kSpecs;
}

}  // namespace

std::vector<std::string> MunicipalityColumnNames() { return NamesOf(ExtractFileSpecs()); }

Status MunicipalityTable::AddExtractFile(CsvReader& reader, RejectLog& log, TableCounts& counts,
                                         const TableMapping* mapping) {
  return ScanTable(reader, ExtractFileSpecs(), log, counts, mapping, [&](RowContext& row) {
    const std::string_view code = row.Get(kCode);
    const int number = CodeNumber(code);
    if (number < 0 || code.size() != 4) {
      row.RejectBadValue(kCode, RejectCode::kBadCode, "4 digits");
      return false;
    }
    const auto name = row.OutputText(kName);
    if (!name) return false;
    const auto area = row.OutputText(kArea);
    if (!area) return false;
    const auto county_text = row.OutputText(kCounty);
    if (!county_text) return false;
    const bool known = index_[static_cast<size_t>(number)] != 0;
    std::string county(*county_text);
    if (!known && county.empty()) county = std::string(code.substr(0, 2));
    Add({std::string(code), std::string(*name), county, std::string(*area)});
    return true;
  });
}

int MunicipalityTable::Find(std::string_view value) const {
  const int code = CodeNumber(value);
  if (code < 0) return -1;
  return index_[static_cast<size_t>(code)] - 1;
}

int ReadMunicipalityColumn(RowContext& row, size_t spec, const MunicipalityTable& table) {
  const std::string_view text = TrimBlanks(row.Get(spec));
  if (text.empty()) {
    row.RejectMissing(spec);
    return -1;
  }
  const int index = table.Find(text);
  if (index < 0) {
    row.Reject(spec, RejectCode::kUnknownMunicipality,
               fmt::format("not a municipality code in SCB's list or municipalities.csv "
                           "(expected 4 digits, or a 6-digit LKF): {}",
                           QuoteForMessage(text)));
  }
  return index;
}

}  // namespace nara::ingest
