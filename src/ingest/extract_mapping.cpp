// The column and value mappings of extract.toml.
#include "ingest/extract_mapping.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "base/toml_section.hpp"
#include "ingest/episode_reader.hpp"
#include "ingest/municipality_table.hpp"
#include "ingest/redaction.hpp"
#include "ingest/table_readers.hpp"
#include "ingest/value_parsers.hpp"

namespace nara::ingest {
namespace {

std::string Lower(std::string_view text) {
  std::string out(TrimBlanks(text));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string Join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// The tables under `key` ("columns" or "values") of the root, each checked to be a known table.
Status ForEachTable(TomlSection& root, std::string_view key,
                    const std::function<Status(const std::string&, TomlSection&)>& each) {
  NARA_ASSIGN_OR_RETURN(auto section, root.Table(key));
  if (!section) return Status::Ok();
  std::vector<std::string> known;
  for (const auto& [name, columns] : MappableTables()) known.push_back(name);
  for (const auto& [name, node] : section->table()) {
    const std::string table(name.str());
    if (!MappableTables().count(table)) {
      return section->Error(table, fmt::format("unknown table (known: {})", Join(known)));
    }
    NARA_ASSIGN_OR_RETURN(auto sub, section->Table(table));
    NARA_RETURN_IF_ERROR(each(table, *sub));
  }
  return Status::Ok();
}

bool IsColumnOf(const std::string& table, std::string_view column) {
  const auto& columns = MappableTables().at(table);
  return std::find(columns.begin(), columns.end(), column) != columns.end();
}

}  // namespace

const std::map<std::string, std::vector<std::string>, std::less<>>& MappableTables() {
  static const auto* kTables = [] {
    auto* tables = new std::map<std::string, std::vector<std::string>, std::less<>>();
    (*tables)["episodes"] = EpisodeColumnNames();
    (*tables)["coordination"] = CoordinationColumnNames();
    (*tables)["contacts"] = ContactColumnNames();
    (*tables)["waits"] = WaitColumnNames();
    (*tables)["population"] = PopulationColumnNames();
    (*tables)["enrollments"] = EnrollmentColumnNames();
    (*tables)["municipalities"] = MunicipalityColumnNames();
    return tables;
  }();
  return *kTables;
}

const TableMapping* ExtractMapping::For(std::string_view file) const {
  std::string_view table = file;
  if (table.size() > 4 && table.substr(table.size() - 4) == ".csv") {
    table.remove_suffix(4);
  }
  auto it = tables.find(table);
  return it == tables.end() ? nullptr : &it->second;
}

Result<ExtractMapping> ParseExtractMapping(std::string_view text, std::string_view file) {
  NARA_ASSIGN_OR_RETURN(auto parsed, ParseToml(text, file, StatusCode::kInvalidInput));
  TomlSection root(parsed, std::string(file), "", StatusCode::kInvalidInput);
  ExtractMapping mapping;
  NARA_RETURN_IF_ERROR(ForEachTable(
      root, "columns", [&](const std::string& table, TomlSection& section) -> Status {
        TableMapping& into = mapping.tables[table];
        into.table = table;
        into.file = std::string(file);
        for (const auto& [name, node] : section.table()) {
          const std::string header(name.str());
          NARA_ASSIGN_OR_RETURN(auto column, section.String(header));
          if (!column) return section.Error(header, "expected the contract column's name");
          if (!IsColumnOf(table, *column)) {
            return section.Error(header,
                                 fmt::format("'{}' is not a column of {}.csv (known: {})",
                                             *column, table, Join(MappableTables().at(table))));
          }
          into.columns[Lower(header)] = *column;
          into.sources[Lower(header)] = {header, TomlLine(node)};
        }
        return Status::Ok();
      }));
  NARA_RETURN_IF_ERROR(ForEachTable(
      root, "values", [&](const std::string& table, TomlSection& section) -> Status {
        TableMapping& into = mapping.tables[table];
        into.table = table;
        into.file = std::string(file);
        for (const auto& [name, node] : section.table()) {
          const std::string column(name.str());
          if (!IsColumnOf(table, column)) {
            return section.Error(column,
                                 fmt::format("not a column of {}.csv (known: {})", table,
                                             Join(MappableTables().at(table))));
          }
          NARA_ASSIGN_OR_RETURN(auto values, section.Table(column));
          auto& map = into.values[column];
          for (const auto& [from, value_node] : values->table()) {
            const std::string key(from.str());
            NARA_ASSIGN_OR_RETURN(auto to, values->String(key, /*integers_as_text=*/true));
            if (!to) return values->Error(key, "expected the contract's value as a string");
            map[std::string(TrimBlanks(key))] = *to;
          }
        }
        return Status::Ok();
      }));
  return mapping;
}

Status CheckMappedHeaders(const TableMapping& mapping, const std::vector<std::string>& header,
                          std::string_view file) {
  for (const auto& [lower, source] : mapping.sources) {
    const bool present = std::any_of(header.begin(), header.end(), [&](const std::string& name) {
      return Lower(name) == lower;
    });
    if (present) continue;
    return InvalidInput(fmt::format(
        "{}:{}: columns.{}.{}: no column '{}' in the header of {}; write the name as the file's "
        "first line has it (case does not matter)",
        mapping.file, source.line, mapping.table, RedactAndShorten(source.key, 64),
        RedactAndShorten(source.key, 64), file));
  }
  return Status::Ok();
}

}  // namespace nara::ingest
