// Kolada-shaped values: JSON and CSV reading and writing (docs/kolada.md).
#include "kolada/kolada_values.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "base/file.hpp"

namespace nara::kolada {
namespace {

using Json = nlohmann::ordered_json;

bool IsGender(std::string_view g) { return g == "T" || g == "K" || g == "M"; }

std::optional<int> ParseYear(std::string_view text) {
  int year = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (error != std::errc() || end != text.data() + text.size() || year < 1900 || year > 2200) {
    return std::nullopt;
  }
  return year;
}

// A number as Kolada writes it: shortest round-trip text.
Json Number(double value) { return Json(value); }

Status JsonError(std::string_view file, const std::string& where, std::string_view message) {
  return InvalidInput(fmt::format("{}: {}: {}", file, where, message));
}

}  // namespace

bool IsUnitId(std::string_view id) {
  return id.size() == 4 && std::all_of(id.begin(), id.end(), [](char c) {
           return std::isdigit(static_cast<unsigned char>(c)) != 0;
         });
}

const Value* ValueSet::Find(std::string_view kpi, std::string_view municipality, int period,
                            std::string_view gender) const {
  for (const auto& v : values) {
    if (v.period == period && v.kpi == kpi && v.municipality == municipality &&
        v.gender == gender && v.value) {
      return &v;
    }
  }
  return nullptr;
}

std::optional<int> ValueSet::NewestYearUpTo(std::string_view kpi, std::string_view municipality,
                                            int year) const {
  std::optional<int> newest;
  for (const auto& v : values) {
    if (v.period <= year && v.kpi == kpi && v.municipality == municipality && v.gender == "T" &&
        v.value && (!newest || v.period > *newest)) {
      newest = v.period;
    }
  }
  return newest;
}

std::string ValuesJson(const std::vector<Value>& values) {
  // One entry per (kpi, municipality, period), in the order first met.
  std::map<std::tuple<std::string, std::string, int>, size_t> index;
  Json entries = Json::array();
  for (const auto& v : values) {
    const auto key = std::make_tuple(v.kpi, v.municipality, v.period);
    auto [it, added] = index.emplace(key, entries.size());
    if (added) {
      entries.push_back(Json{{"kpi", v.kpi},
                             {"municipality", v.municipality},
                             {"period", v.period},
                             {"values", Json::array()}});
    }
    entries[it->second]["values"].push_back(
        Json{{"gender", v.gender},
             {"count", v.count},
             {"status", v.status},
             {"value", v.value ? Number(*v.value) : Json(nullptr)}});
  }
  Json out{{"count", entries.size()}, {"values", std::move(entries)}};
  return out.dump(2) + "\n";
}

std::string ValuesCsv(const std::vector<Value>& values) {
  std::string out = "kpi,municipality,period,gender,value,status\n";
  for (const auto& v : values) {
    out += fmt::format("{},{},{},{},{},{}\n", v.kpi, v.municipality, v.period, v.gender,
                       v.value ? Json(*v.value).dump() : std::string(), v.status);
  }
  return out;
}

Result<ValueSet> ParseValuesJson(std::string_view text, std::string_view file) {
  Json doc = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return InvalidInput(fmt::format("{}: not valid JSON", file));
  if (!doc.is_object() || !doc.contains("values") || !doc["values"].is_array()) {
    return InvalidInput(fmt::format(
        "{}: expected a Kolada answer {{\"count\":N,\"values\":[...]}} (no array \"values\")",
        file));
  }
  ValueSet set;
  set.source = std::string(file);
  const Json& entries = doc["values"];
  for (size_t i = 0; i < entries.size(); ++i) {
    const std::string where = fmt::format("values[{}]", i);
    const Json& entry = entries[i];
    if (!entry.is_object()) return JsonError(file, where, "expected an object");
    auto string_member = [&](const char* name) -> Result<std::string> {
      if (!entry.contains(name) || !entry[name].is_string()) {
        return JsonError(file, where + "." + name, "expected a string");
      }
      return entry[name].get<std::string>();
    };
    NARA_ASSIGN_OR_RETURN(auto kpi, string_member("kpi"));
    NARA_ASSIGN_OR_RETURN(auto municipality, string_member("municipality"));
    if (!IsUnitId(municipality)) {
      return JsonError(file, where + ".municipality",
                       fmt::format("expected a Kolada unit id of 4 digits (got \"{}\")",
                                   municipality));
    }
    std::optional<int> period;
    if (entry.contains("period") && entry["period"].is_number_integer()) {
      period = ParseYear(std::to_string(entry["period"].get<int64_t>()));
    } else if (entry.contains("period") && entry["period"].is_string()) {
      period = ParseYear(entry["period"].get<std::string>());
    }
    if (!period) return JsonError(file, where + ".period", "expected a year 1900-2200");
    if (!entry.contains("values") || !entry["values"].is_array()) {
      return JsonError(file, where + ".values", "expected an array");
    }
    const Json& genders = entry["values"];
    for (size_t j = 0; j < genders.size(); ++j) {
      const std::string at = fmt::format("{}.values[{}]", where, j);
      const Json& g = genders[j];
      if (!g.is_object()) return JsonError(file, at, "expected an object");
      Value v;
      v.kpi = kpi;
      v.municipality = municipality;
      v.period = *period;
      if (!g.contains("gender") || !g["gender"].is_string() ||
          !IsGender(g["gender"].get<std::string>())) {
        return JsonError(file, at + ".gender", "expected \"T\", \"K\" or \"M\"");
      }
      v.gender = g["gender"].get<std::string>();
      if (g.contains("count")) {
        if (!g["count"].is_number_integer()) {
          return JsonError(file, at + ".count", "expected a whole number");
        }
        v.count = g["count"].get<int64_t>();
      }
      if (g.contains("status") && !g["status"].is_null()) {
        if (!g["status"].is_string()) return JsonError(file, at + ".status", "expected a string");
        v.status = g["status"].get<std::string>();
      }
      if (!g.contains("value") || g["value"].is_null()) {
        v.value = std::nullopt;
      } else if (g["value"].is_number() && std::isfinite(g["value"].get<double>())) {
        v.value = g["value"].get<double>();
      } else {
        return JsonError(file, at + ".value", "expected a number or null");
      }
      set.values.push_back(std::move(v));
    }
  }
  return set;
}

Result<ValueSet> ParseValuesCsv(std::string_view text, std::string_view file) {
  ValueSet set;
  set.source = std::string(file);
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const char separator =
      text.substr(0, text.find('\n')).find(';') != std::string_view::npos ? ';' : ',';
  auto split = [&](std::string_view line) {
    std::vector<std::string> fields;
    size_t start = 0;
    while (true) {
      const size_t end = line.find(separator, start);
      std::string field(line.substr(start, end == std::string_view::npos ? end : end - start));
      while (!field.empty() && (field.back() == ' ' || field.back() == '\r')) field.pop_back();
      while (!field.empty() && field.front() == ' ') field.erase(0, 1);
      if (field.size() >= 2 && field.front() == '"' && field.back() == '"') {
        field = field.substr(1, field.size() - 2);
      }
      fields.push_back(std::move(field));
      if (end == std::string_view::npos) break;
      start = end + 1;
    }
    return fields;
  };
  std::map<std::string, size_t> column;
  int64_t line_number = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t end = std::min(text.find('\n', pos), text.size());
    const std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (line.find_first_not_of(" \r") == std::string_view::npos) continue;
    const auto fields = split(line);
    if (column.empty()) {
      for (size_t i = 0; i < fields.size(); ++i) column[fields[i]] = i;
      for (const char* name : {"kpi", "municipality", "period", "gender", "value"}) {
        if (!column.count(name)) {
          return InvalidInput(fmt::format(
              "{}:{}:1: [missing_column] the header has no column \"{}\" (expected "
              "kpi,municipality,period,gender,value[,status])",
              file, line_number, name));
        }
      }
      continue;
    }
    auto field = [&](const char* name) -> std::string {
      const size_t i = column.at(name);
      return i < fields.size() ? fields[i] : std::string();
    };
    auto error = [&](const char* name, const char* code, const std::string& message) {
      return InvalidInput(fmt::format("{}:{}:{}: [{}] {}: {} (got \"{}\")", file, line_number,
                                      column.at(name) + 1, code, name, message, field(name)));
    };
    Value v;
    v.kpi = field("kpi");
    if (v.kpi.empty()) return error("kpi", "missing_value", "expected a KPI id");
    v.municipality = field("municipality");
    if (!IsUnitId(v.municipality)) {
      return error("municipality", "bad_unit", "expected a Kolada unit id of 4 digits");
    }
    const auto year = ParseYear(field("period"));
    if (!year) return error("period", "bad_period", "expected a year 1900-2200");
    v.period = *year;
    v.gender = field("gender");
    if (!IsGender(v.gender)) return error("gender", "bad_gender", "expected T, K or M");
    if (column.count("status")) v.status = field("status");
    std::string number = field("value");
    std::replace(number.begin(), number.end(), ',', '.');
    if (number.empty()) {
      v.count = 0;
    } else {
      double parsed = 0;
      const auto [stop, failed] =
          std::from_chars(number.data(), number.data() + number.size(), parsed);
      if (failed != std::errc() || stop != number.data() + number.size() ||
          !std::isfinite(parsed)) {
        return error("value", "bad_number", "expected a number or nothing");
      }
      v.value = parsed;
    }
    set.values.push_back(std::move(v));
  }
  if (column.empty()) return InvalidInput(fmt::format("{}:1:1: [missing_header] empty file", file));
  return set;
}

Result<ValueSet> ReadValues(const std::string& path) {
  NARA_ASSIGN_OR_RETURN(auto text, ReadFile(path, "the national values"));
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '{') return ParseValuesJson(text, path);
  return ParseValuesCsv(text, path);
}

}  // namespace nara::kolada
