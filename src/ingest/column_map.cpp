// Header-to-column matching with the data contract's aliases.
#include "ingest/column_map.hpp"

#include <fmt/format.h>

#include "ingest/redaction.hpp"

namespace nara::ingest {
namespace {

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool Matches(const ColumnSpec& spec, std::string_view name) {
  if (EqualsIgnoringCase(spec.name, name)) return true;
  for (auto alias : spec.aliases) {
    if (EqualsIgnoringCase(alias, name)) return true;
  }
  return false;
}

}  // namespace

Result<ColumnMap> ColumnMap::Resolve(const std::vector<std::string>& header,
                                     std::span<const ColumnSpec> specs, std::string_view file) {
  ColumnMap map;
  map.index_.assign(specs.size(), -1);
  for (size_t column = 0; column < header.size(); ++column) {
    bool known = false;
    for (size_t spec = 0; spec < specs.size(); ++spec) {
      if (!Matches(specs[spec], header[column])) continue;
      known = true;
      if (map.index_[spec] >= 0) {
        return InvalidInput(
            fmt::format("{}:1: columns '{}' and '{}' both give '{}': keep one of them", file,
                        RedactAndShorten(header[static_cast<size_t>(map.index_[spec])], 64),
                        RedactAndShorten(header[column], 64), specs[spec].name));
      }
      map.index_[spec] = static_cast<int>(column);
    }
    if (!known && !header[column].empty()) map.unknown_.push_back(header[column]);
  }
  for (size_t spec = 0; spec < specs.size(); ++spec) {
    if (!specs[spec].required || map.index_[spec] >= 0) continue;
    std::string also;
    for (auto alias : specs[spec].aliases) also += (also.empty() ? "" : ", ") + std::string(alias);
    return InvalidInput(fmt::format("{}:1: required column '{}' is missing{}", file,
                                    specs[spec].name,
                                    also.empty() ? "" : " (also accepted: " + also + ")"));
  }
  return map;
}

}  // namespace nara::ingest
