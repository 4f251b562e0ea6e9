// extract.toml: region, county, coverage and code mappings.
#include "ingest/manifest_reader.hpp"

#include <fmt/format.h>

#include "base/file.hpp"
#include "base/toml_section.hpp"

namespace nara::ingest {
namespace {

// A TOML date, or a string holding one (some exporters quote dates).
std::optional<Date> DateValue(const toml::node* node) {
  if (node == nullptr) return std::nullopt;
  if (auto date = node->as_date()) {
    const toml::date& d = date->get();
    if (!IsValidCivilDate(d.year, d.month, d.day)) return std::nullopt;
    return DaysFromCivil(d.year, d.month, d.day);
  }
  if (auto text = node->as_string()) return ParseDate(text->get());
  return std::nullopt;
}

std::optional<DateTime> DateTimeValue(const toml::node* node) {
  if (node == nullptr) return std::nullopt;
  if (auto date_time = node->as_date_time()) {
    const toml::date& d = date_time->get().date;
    const toml::time& t = date_time->get().time;
    if (!IsValidCivilDate(d.year, d.month, d.day)) return std::nullopt;
    return StartOf(DaysFromCivil(d.year, d.month, d.day)) + t.hour * 60 + t.minute;
  }
  if (auto date = DateValue(node)) return StartOf(*date);
  if (auto text = node->as_string()) {
    if (auto parsed = ParseDateTime(text->get())) return parsed->at;
  }
  return std::nullopt;
}

}  // namespace

Result<model::Manifest> ParseManifest(std::string_view text, std::string_view file) {
  NARA_ASSIGN_OR_RETURN(auto parsed, ParseToml(text, file, StatusCode::kInvalidInput));
  TomlSection root(parsed, std::string(file), "", StatusCode::kInvalidInput);
  // A misspelt key is reported before the missing one it was meant to be.
  // [columns.*] and [values.*] are read by ParseExtractMapping (extract_mapping.hpp).
  for (const char* key : {"region", "county", "coverage_from", "coverage_to", "created", "codes",
                          "coordination", "columns", "values"}) {
    root.Get(key);
  }
  NARA_RETURN_IF_ERROR(root.CheckNoUnknownKeys());
  model::Manifest manifest;
  auto region = root.String("region", /*integers_as_text=*/true);
  if (!region.ok()) return region.status();
  manifest.region = region->value_or("");
  auto county = root.String("county", /*integers_as_text=*/true);
  if (!county.ok()) return county.status();
  manifest.county = county->value_or("");
  if (manifest.county.size() != 2 || manifest.county[0] < '0' || manifest.county[0] > '9' ||
      manifest.county[1] < '0' || manifest.county[1] > '9') {
    return InvalidInput(fmt::format(
        "{}: 'county' must be the 2-digit SCB county code as a string, e.g. county = \"23\"",
        file));
  }
  auto from = DateValue(root.Get("coverage_from"));
  auto to = DateValue(root.Get("coverage_to"));
  if (!from) {
    return InvalidInput(fmt::format(
        "{}: 'coverage_from' is missing or not a date (expected coverage_from = 2017-01-01)",
        file));
  }
  if (!to) {
    return InvalidInput(fmt::format(
        "{}: 'coverage_to' is missing or not a date (expected coverage_to = 2018-12-31)", file));
  }
  if (*to < *from) {
    return InvalidInput(fmt::format("{}: coverage_to {} is before coverage_from {}", file,
                                    FormatDate(*to), FormatDate(*from)));
  }
  manifest.coverage_from = *from;
  manifest.coverage_to = *to;
  if (const toml::node* created = root.Get("created")) {
    auto value = DateTimeValue(created);
    if (!value) {
      return InvalidInput(fmt::format(
          "{}: 'created' is not a date-time (expected created = 2019-01-15T08:00:00)", file));
    }
    manifest.created = *value;
  } else {
    manifest.created = StartOf(*to + 1);
  }
  NARA_ASSIGN_OR_RETURN(auto codes, root.Table("codes"));
  if (auto& section = codes) {
    if (section->Get("pvard_planned") != nullptr) {
      auto planned = section->String("pvard_planned", /*integers_as_text=*/true);
      if (!planned.ok() || (*planned)->empty()) {
        return section->Error("pvard_planned", "must be a code such as \"1\"");
      }
      manifest.pvard_planned = **planned;
    }
    NARA_RETURN_IF_ERROR(section->CheckNoUnknownKeys());
  }
  NARA_ASSIGN_OR_RETURN(auto coordination, root.Table("coordination"));
  if (auto& section = coordination) {
    NARA_ASSIGN_OR_RETURN(const int64_t days,
                          section->Integer("link_after_discharge_days",
                                           manifest.link_after_discharge_days, 0, 366));
    manifest.link_after_discharge_days = static_cast<int>(days);
    NARA_RETURN_IF_ERROR(section->CheckNoUnknownKeys());
  }
  return manifest;
}

Result<model::Manifest> ReadManifest(const std::string& path) {
  auto text = ReadFile(path, "the extract's manifest");
  if (!text.ok()) return InvalidInput(text.status().message());
  return ParseManifest(*text, path);
}

}  // namespace nara::ingest
