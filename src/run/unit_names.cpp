#include "run/unit_names.hpp"

#include <filesystem>
#include <string_view>

#include "base/file.hpp"

namespace nara::run {

Result<model::UnitNames> UnitNamesOf(const Run& run) {
  model::UnitNames names;
  const model::Extract& extract = run.extract();
  for (const auto& m : extract.municipalities) {
    if (!m.name.empty()) names.Add("municipality", m.code, m.name);
  }
  // counties.csv: "code,name" lines under a header (data/reference/SOURCE.md).
  const std::string file = (std::filesystem::path(run.reference_dir) / "counties.csv").string();
  NARA_ASSIGN_OR_RETURN(std::string text, ReadFile(file, "SCB's county list"));
  std::string_view rest = text;
  bool header = true;
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (header || line.empty()) {
      header = false;
      continue;
    }
    const size_t comma = line.find(',');
    if (comma == std::string_view::npos) continue;
    names.Add("county", std::string(line.substr(0, comma)), std::string(line.substr(comma + 1)));
  }
  if (!extract.manifest.region.empty()) {
    names.Add("region", extract.manifest.county, extract.manifest.region);
  }
  return names;
}

}  // namespace nara::run
