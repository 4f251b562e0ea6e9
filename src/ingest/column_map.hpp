// Maps a CSV header onto the columns a table reader knows, by name or alias, ignoring case.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/csv_reader.hpp"
#include "base/status.hpp"
#include "ingest/extract_mapping.hpp"

namespace nara::ingest {

// One column a table reader understands: its canonical name, the aliases of the data contract
// (register and EHR names), and whether the table is unusable without it.
struct ColumnSpec {
  std::string_view name;
  std::vector<std::string_view> aliases;
  bool required = false;
};

// The canonical names of `specs`, in order (the columns extract.toml's mapping may name).
std::vector<std::string> NamesOf(const std::vector<ColumnSpec>& specs);

// Where each known column sits in a file's header. Cheap to copy.
class ColumnMap {
 public:
  // Matches `header` against `specs` case-insensitively (names and aliases). Fails with
  // kInvalidInput naming the file and the column when a required column is missing or two header
  // columns mean the same thing. Header columns that match nothing are listed in unknown().
  // With `mapping` (extract.toml [columns.<table>]), a header name it maps is taken as the
  // contract column it names; its [values.<table>.<column>] translate that column's values. A
  // mapped header name the header lacks is an error naming extract.toml's line and key
  // (CheckMappedHeaders).
  static Result<ColumnMap> Resolve(const std::vector<std::string>& header,
                                   std::span<const ColumnSpec> specs, std::string_view file,
                                   const TableMapping* mapping = nullptr);

  bool has(size_t spec) const { return index_[spec] >= 0; }
  // The field of column `spec` in `record`, or "" when the file has no such column.
  // A value mapped by [values] gives the contract's value; one not in the map is read as written.
  std::string_view Get(const CsvRecord& record, size_t spec) const {
    const int index = index_[spec];
    if (index < 0) return std::string_view();
    const std::string_view field = record.fields[static_cast<size_t>(index)];
    if (!values_.empty() && values_[spec] != nullptr) {
      auto it = values_[spec]->find(TrimmedForMapping(field));
      if (it != values_[spec]->end()) return it->second;
    }
    return field;
  }
  int index(size_t spec) const { return index_[spec]; }
  // The spec that header column `column` maps to, or SIZE_MAX when it maps to none.
  size_t SpecAt(size_t column) const {
    for (size_t spec = 0; spec < index_.size(); ++spec) {
      if (index_[spec] == static_cast<int>(column)) return spec;
    }
    return SIZE_MAX;
  }
  const std::vector<std::string>& unknown() const { return unknown_; }

 private:
  static std::string_view TrimmedForMapping(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
  }
  std::vector<int> index_;
  std::vector<std::string> unknown_;
  // Per spec, its value map (extract.toml [values]), or nullptr; empty when no mapping.
  std::vector<const std::map<std::string, std::string, std::less<>>*> values_;
};

}  // namespace nara::ingest
