// extract.toml's [columns.<table>] and [values.<table>.<column>]: an export's own header names
// and coded values mapped onto the data contract's (issue 13 item 4), instead of renaming files.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.hpp"

namespace nara::ingest {

// The mapping of one table: episodes, coordination, contacts or waits.
struct TableMapping {
  // Header name as in the file, lower case -> contract column.
  std::map<std::string, std::string, std::less<>> columns;
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

}  // namespace nara::ingest
