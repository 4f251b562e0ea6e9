// Nära's indicator table in Kolada's shape (docs/kolada.md): the mapping of indicator ids to KPI
// ids (nara.toml [kolada.kpi]), the yearly region and municipality cells as Kolada values, and
// the KPI metadata from the indicator catalogue.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.hpp"
#include "config/config.hpp"
#include "indicators/catalog.hpp"
#include "indicators/engine.hpp"
#include "kolada/kolada_values.hpp"

namespace nara::kolada {

// Indicator id -> KPI id.
using KpiMap = std::map<std::string, std::string, std::less<>>;

// The mapping of nara.toml checked against the catalogue: an unknown indicator id is a usage
// error naming the file, line and key ("nara.toml:14: kolada.kpi.readmision_30d: unknown
// indicator (known: ...)").
Result<KpiMap> CheckMapping(const config::Config& config);

// Kolada's gender of a Nära sex group: all -> T, F -> K, M -> M.
std::string_view GenderOf(std::string_view sex);
// Kolada's unit id of a Nära unit: region "23" -> "0023", municipality "2380" -> "2380"; empty
// for every other unit type.
std::string UnitIdOf(std::string_view unit_type, std::string_view unit);
// Kolada's status of a suppressed cell (its value is null and its count 0).
inline constexpr std::string_view kSuppressedStatus = "suppressed";

struct Export {
  std::vector<Value> values;
  std::vector<std::string> unmapped;  // indicator ids with yearly rows but no KPI id
};

// The yearly (calendar year) cells of every mapped indicator for the region and its
// municipalities, all ages, in the table's order: value rounded to 3 decimals; a suppressed
// cell has value null, count 0 and status "suppressed".
Export ExportTable(const indicators::IndicatorTable& table, const KpiMap& kpis);

// The KPI metadata `{"count":N,"values":[{"id","title","description","is_divided_by_gender",
// "municipality_type","operating_area","nara_indicator"}]}` of the mapped indicators.
std::string KpiMetadataJson(const KpiMap& kpis);

}  // namespace nara::kolada
