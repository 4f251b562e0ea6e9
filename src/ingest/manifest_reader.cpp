// extract.toml: region, county, coverage and code mappings.
#include "ingest/manifest_reader.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <toml++/toml.h>

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

std::string Text(const toml::node* node) {
  if (node == nullptr) return {};
  if (auto text = node->as_string()) return text->get();
  if (auto number = node->as_integer()) return std::to_string(number->get());
  return {};
}

}  // namespace

Result<model::Manifest> ParseManifest(std::string_view text, std::string_view file) {
  toml::table table;
  try {
    table = toml::parse(text, file);
  } catch (const toml::parse_error& error) {
    const auto& where = error.source().begin;
    return InvalidInput(fmt::format("{}:{}:{}: not valid TOML: {}", file, where.line,
                                    where.column, error.description()));
  }
  model::Manifest manifest;
  manifest.region = Text(table.get("region"));
  manifest.county = Text(table.get("county"));
  if (manifest.county.size() != 2 || manifest.county[0] < '0' || manifest.county[0] > '9' ||
      manifest.county[1] < '0' || manifest.county[1] > '9') {
    return InvalidInput(fmt::format(
        "{}: 'county' must be the 2-digit SCB county code as a string, e.g. county = \"23\"",
        file));
  }
  auto from = DateValue(table.get("coverage_from"));
  auto to = DateValue(table.get("coverage_to"));
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
  if (const toml::node* created = table.get("created")) {
    auto value = DateTimeValue(created);
    if (!value) {
      return InvalidInput(fmt::format(
          "{}: 'created' is not a date-time (expected created = 2019-01-15T08:00:00)", file));
    }
    manifest.created = *value;
  } else {
    manifest.created = StartOf(*to + 1);
  }
  if (const toml::table* codes = table["codes"].as_table()) {
    if (const toml::node* planned = codes->get("pvard_planned")) {
      manifest.pvard_planned = Text(planned);
      if (manifest.pvard_planned.empty()) {
        return InvalidInput(fmt::format("{}: [codes] pvard_planned must be a code such as \"1\"",
                                        file));
      }
    }
  }
  return manifest;
}

Result<model::Manifest> ReadManifest(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return InvalidInput(fmt::format("{}: cannot read the extract's manifest", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return ParseManifest(buffer.str(), path);
}

}  // namespace nara::ingest
