// extract.toml's [columns.<table>] and [values.<table>.<column>]: an export's own header names
// and coded values mapped onto the data contract's (issue 13 item 4), instead of renaming files.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.hpp"

namespace nara::ingest {

// The mapping of one table: episodes, coordination, contacts, waits, population (its banded
// form), enrollments or municipalities.
struct TableMapping {
  // Header name as in the file, lower case -> contract column.
  std::map<std::string, std::string, std::less<>> columns;
  // Where each mapped header name was written: lower case -> (the key as written, its line in
  // extract.toml), so that a mapped name the file's header lacks is an error naming both.
  struct Source {
    std::string key;
    int64_t line = 0;
  };
  std::map<std::string, Source, std::less<>> sources;
  std::string table;  // "episodes"
  std::string file;   // extract.toml as named in errors
  // Contract column -> (value as in the file, trimmed -> contract value).
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> values;
};

struct ExtractMapping {
  std::map<std::string, TableMapping, std::less<>> tables;  // "episodes" -> ...
  // The mapping of `file` ("episodes.csv"), or nullptr.
  const TableMapping* For(std::string_view file) const;
};

// Reads [columns.*] and [values.*.*] of extract.toml's text (`file` names it in errors). An
// unknown table, an unknown contract column (as a mapped-to name or under [values.<table>]) or a
// value that is not a string is an error naming the file, line and key (kInvalidInput).
Result<ExtractMapping> ParseExtractMapping(std::string_view text, std::string_view file);

// The contract columns of the tables a mapping may name (each reader's names).
const std::map<std::string, std::vector<std::string>, std::less<>>& MappableTables();

// Fails (kInvalidInput) when a header name that `mapping` maps is not in `header` (compared
// ignoring ASCII case and surrounding blanks): "extract.toml:7: columns.episodes.Utskriven: no
// column 'Utskriven' in the header of episodes.csv ...". A misspelt mapped name would otherwise
// leave its column unread without a word.
Status CheckMappedHeaders(const TableMapping& mapping, const std::vector<std::string>& header,
                          std::string_view file);

}  // namespace nara::ingest
