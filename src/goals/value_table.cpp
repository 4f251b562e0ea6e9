// Indexing indicator-table rows and manual values for goal assessment and reports.
#include "goals/value_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "base/csv_reader.hpp"
#include "base/period.hpp"

namespace nara::goals {
namespace {

ValueKind KindOf(indicators::Kind kind) {
  switch (kind) {
    case indicators::Kind::kShare:
      return ValueKind::kShare;
    case indicators::Kind::kRate:
      return ValueKind::kRate;
    case indicators::Kind::kMean:
      return ValueKind::kMean;
    case indicators::Kind::kCount:
      return ValueKind::kCount;
  }
  return ValueKind::kUnknown;
}

std::optional<double> ParseNumber(std::string_view text) {
  std::string number(text);
  std::replace(number.begin(), number.end(), ',', '.');  // decimal comma in ';' files
  if (number.empty()) return std::nullopt;
  try {
    size_t used = 0;
    const double value = std::stod(number, &used);
    if (used != number.size() || !std::isfinite(value)) return std::nullopt;
    return value;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

double RoundToTable(double value) {
  const double rounded = std::round(value * 1000.0) / 1000.0;
  return rounded == 0 ? 0.0 : rounded;
}

std::string ValueTable::SeriesId(const SeriesKey& key) {
  return key.indicator + '|' + key.unit_type + '|' + key.unit + '|' + key.sex + '|' + key.age_group;
}

void ValueTable::Add(const SeriesKey& key, const std::string& period,
                     const Observation& observation) {
  series_[SeriesId(key)][period] = observation;
}

void ValueTable::AddTable(const indicators::IndicatorTable& table) {
  PeriodLabelCache labels;
  for (const auto& row : table.rows) {
    const auto& info = indicators::Info(row.indicator);
    Observation observation;
    observation.kind = KindOf(info.kind);
    observation.suppressed = row.suppressed;
    if (!row.suppressed) {
      observation.value = RoundToTable(indicators::RowValue(row));
      observation.numerator = row.numerator;
      if (info.kind != indicators::Kind::kCount) observation.denominator = row.denominator;
    }
    Add({std::string(info.id), row.unit_type, row.unit, row.sex, row.age_group},
        labels.LabelOf(row.period), observation);
  }
}

Status ValueTable::AddManualCsv(const std::string& path, const std::string& region_unit) {
  NARA_ASSIGN_OR_RETURN(auto reader, CsvReader::OpenFile(path));
  return ReadManual(reader, path, region_unit);
}

Status ValueTable::AddManualText(std::string text, const std::string& file,
                                 const std::string& region_unit) {
  NARA_ASSIGN_OR_RETURN(auto reader, CsvReader::Open(std::move(text), file));
  return ReadManual(reader, file, region_unit);
}

Status ValueTable::ReadManual(CsvReader& reader_ref, const std::string& file,
                              const std::string& region_unit) {
  CsvReader* reader = &reader_ref;
  std::map<std::string, size_t> column;
  for (size_t i = 0; i < reader->header().size(); ++i) column[reader->header()[i]] = i;
  for (const char* required : {"indicator", "period", "value"}) {
    if (!column.count(required)) {
      return InvalidInput(
          fmt::format("{}: manual values need a column '{}' (columns as in the "
                      "indicator table)",
                      file, required));
    }
  }
  CsvRecord record;
  while (reader->Next(record)) {
    const std::string where = fmt::format("{}:{}", file, record.line);
    if (!record.error.empty()) return InvalidInput(where + ": " + record.error);
    auto field = [&](const char* name, const char* fallback) -> std::string {
      auto it = column.find(name);
      if (it == column.end() || it->second >= record.fields.size()) return fallback;
      std::string value(record.fields[it->second]);
      return value.empty() ? fallback : value;
    };
    SeriesKey key{field("indicator", ""), field("unit_type", "region"), field("unit", ""),
                  field("sex", "all"), field("age_group", "all")};
    if (key.unit_type == "region" && key.unit.empty()) key.unit = region_unit;
    const std::string period = field("period", "");
    if (key.indicator.empty()) return InvalidInput(where + ": column 'indicator': empty");
    if (!ParsePeriod(period)) {
      return InvalidInput(
          fmt::format("{}: column 'period': not a period label such as 2019-03 "
                      "or 2019-T1: \"{}\"",
                      where, period));
    }
    Observation observation;
    observation.manual = true;
    observation.suppressed = field("suppressed", "0") == "1";
    if (!observation.suppressed) {
      auto value = ParseNumber(field("value", ""));
      if (!value) {
        return InvalidInput(
            fmt::format("{}: column 'value': not a number: \"{}\"", where, field("value", "")));
      }
      observation.value = RoundToTable(*value);
      for (auto [name, target] : {std::pair{"numerator", &observation.numerator},
                                  std::pair{"denominator", &observation.denominator}}) {
        const std::string text_value = field(name, "");
        if (text_value.empty()) continue;
        auto number = ParseNumber(text_value);
        if (!number || *number < 0 || std::floor(*number) != *number) {
          return InvalidInput(fmt::format("{}: column '{}': expected a whole number >= 0: \"{}\"",
                                          where, name, text_value));
        }
        *target = static_cast<int64_t>(*number);
      }
    }
    Add(key, period, observation);
    ++manual_rows_;
  }
  return Status::Ok();
}

const Observation* ValueTable::Find(const SeriesKey& key, const std::string& period) const {
  auto series = series_.find(SeriesId(key));
  if (series == series_.end()) return nullptr;
  auto it = series->second.find(period);
  return it == series->second.end() ? nullptr : &it->second;
}

std::vector<std::pair<Period, Observation>> ValueTable::Series(const SeriesKey& key,
                                                               PeriodType type) const {
  std::vector<std::pair<Period, Observation>> out;
  auto series = series_.find(SeriesId(key));
  if (series == series_.end()) return out;
  for (const auto& [label, observation] : series->second) {
    auto period = ParsePeriod(label);
    if (period && period->type == type) out.emplace_back(*period, observation);
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.first.first_month < b.first.first_month; });
  return out;
}

std::vector<std::string> ValueTable::Units(const std::string& indicator,
                                           const std::string& unit_type,
                                           const std::string& period) const {
  std::vector<std::string> units;
  const std::string prefix = indicator + '|' + unit_type + '|';
  for (const auto& [id, periods] : series_) {
    if (id.rfind(prefix, 0) != 0 || !periods.count(period)) continue;
    const std::string rest = id.substr(prefix.size());
    const size_t bar = rest.find('|');
    if (rest.substr(bar) != "|all|all") continue;
    units.push_back(rest.substr(0, bar));
  }
  std::sort(units.begin(), units.end());
  return units;
}

}  // namespace nara::goals
