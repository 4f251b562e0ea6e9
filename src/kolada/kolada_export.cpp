// Exporting the indicator table in Kolada's shape (docs/kolada.md).
#include "kolada/kolada_export.hpp"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

namespace nara::kolada {
namespace {

using Json = nlohmann::ordered_json;

std::string KindDescription(indicators::Kind kind) {
  switch (kind) {
    case indicators::Kind::kShare: return "Andel i procent (täljare / nämnare × 100)";
    case indicators::Kind::kMean: return "Medelvärde (täljare / nämnare)";
    case indicators::Kind::kRate: return "Antal per 100 000 invånare";
    case indicators::Kind::kCount: return "Antal";
  }
  return "";
}

}  // namespace

Result<KpiMap> CheckMapping(const config::Config& config) {
  KpiMap map;
  for (const auto& entry : config.kolada_kpi) {
    if (!indicators::FindIndicator(entry.indicator)) {
      std::string known;
      for (const auto& info : indicators::Catalog()) {
        known += (known.empty() ? "" : ", ") + std::string(info.id);
      }
      return UsageError(fmt::format("{}:{}: kolada.kpi.{}: unknown indicator (known: {})",
                                    config.source, entry.line, entry.indicator, known));
    }
    map[entry.indicator] = entry.kpi;
  }
  return map;
}

std::string_view GenderOf(std::string_view sex) {
  if (sex == "F") return "K";
  if (sex == "M") return "M";
  return "T";
}

std::string UnitIdOf(std::string_view unit_type, std::string_view unit) {
  if (unit_type == "region" && unit.size() == 2) return "00" + std::string(unit);
  if (unit_type == "municipality" && IsUnitId(unit)) return std::string(unit);
  return "";
}

Export ExportTable(const indicators::IndicatorTable& table, const KpiMap& kpis) {
  Export out;
  std::vector<bool> unmapped_seen(indicators::kIndicatorCount, false);
  for (const auto& row : table.rows) {
    if (row.period.type != PeriodType::kYear || std::string_view(row.age_group) != "all") continue;
    const std::string unit = UnitIdOf(row.unit_type, row.unit);
    if (unit.empty()) continue;
    const auto& info = indicators::Info(row.indicator);
    auto kpi = kpis.find(info.id);
    if (kpi == kpis.end()) {
      if (!unmapped_seen[static_cast<size_t>(row.indicator)]) {
        unmapped_seen[static_cast<size_t>(row.indicator)] = true;
        out.unmapped.emplace_back(info.id);
      }
      continue;
    }
    Value v;
    v.kpi = kpi->second;
    v.municipality = unit;
    v.period = YearOfMonth(row.period.first_month);
    v.gender = std::string(GenderOf(row.sex));
    if (row.suppressed) {
      v.count = 0;
      v.status = std::string(kSuppressedStatus);
    } else {
      const double value = indicators::RowValue(row);
      if (!std::isfinite(value)) {  // an empty denominator: no value, as Kolada shows it
        v.count = 0;
        v.status = "Missing";
      } else {
        v.value = std::round(value * 1000.0) / 1000.0;
      }
    }
    out.values.push_back(std::move(v));
  }
  return out;
}

std::string KpiMetadataJson(const KpiMap& kpis) {
  Json list = Json::array();
  for (const auto& info : indicators::Catalog()) {
    auto kpi = kpis.find(info.id);
    if (kpi == kpis.end()) continue;
    list.push_back(Json{
        {"id", kpi->second},
        {"title", info.name_sv},
        {"description",
         fmt::format("{}. {}. Beräknad av Nära ur regionens uttag (indikator {}), helår, alla "
                     "åldrar; region och kommuner.",
                     info.name_sv, KindDescription(info.kind), info.id)},
        {"is_divided_by_gender", true},
        {"municipality_type", "A"},
        {"operating_area", "Hälso- och sjukvård"},
        {"nara_indicator", info.id}});
  }
  Json out{{"count", list.size()}, {"values", std::move(list)}};
  return out.dump(2) + "\n";
}

}  // namespace nara::kolada
