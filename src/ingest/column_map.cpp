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
                                     std::span<const ColumnSpec> specs, std::string_view file,
                                     const TableMapping* mapping) {
  if (mapping != nullptr) NARA_RETURN_IF_ERROR(CheckMappedHeaders(*mapping, header, file));
  ColumnMap map;
  map.index_.assign(specs.size(), -1);
  for (size_t column = 0; column < header.size(); ++column) {
    bool known = false;
    // A header name the mapping names is that contract column (and nothing else).
    std::string_view mapped;
    if (mapping != nullptr) {
      std::string lower = header[column];
      for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      auto it = mapping->columns.find(lower);
      if (it != mapping->columns.end()) mapped = it->second;
    }
    for (size_t spec = 0; spec < specs.size(); ++spec) {
      const bool matches = mapped.empty() ? Matches(specs[spec], header[column])
                                          : specs[spec].name == mapped;
      if (!matches) continue;
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
  if (mapping != nullptr && !mapping->values.empty()) {
    map.values_.assign(specs.size(), nullptr);
    for (size_t spec = 0; spec < specs.size(); ++spec) {
      auto it = mapping->values.find(specs[spec].name);
      if (it != mapping->values.end()) map.values_[spec] = &it->second;
    }
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

std::vector<std::string> NamesOf(const std::vector<ColumnSpec>& specs) {
  std::vector<std::string> names;
  names.reserve(specs.size());
  for (const ColumnSpec& spec : specs) names.emplace_back(spec.name);
  return names;
}

}  // namespace nara::ingest
