#include "indicators/row_filter.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "indicators/groups.hpp"

namespace nara::indicators {

Result<RowFilter> RowFilter::Make(const RowFilterOptions& options) {
  RowFilter filter;
  for (const auto& id : options.indicators) {
    const auto indicator = FindIndicator(id);
    if (!indicator) {
      return UsageError(fmt::format("--indicator {}: no such indicator (see docs/indicators/)", id));
    }
    filter.indicators_.insert(*indicator);
  }
  for (const auto& name : options.period_types) {
    const auto type = ParsePeriodType(name);
    if (!type) {
      return UsageError(fmt::format(
          "--period-type {}: expected month, quarter, tertial, half_year, year, rolling_12 or "
          "range",
          name));
    }
    filter.period_types_.insert(*type);
  }
  for (const auto& name : options.unit_types) {
    bool known = false;
    for (int t = 0; t < kUnitTypeCount; ++t) {
      known = known || name == UnitTypeName(static_cast<UnitType>(t));
    }
    if (!known) {
      return UsageError(fmt::format(
          "--unit-type {}: expected region, county, area, municipality, hospital, clinic or "
          "health_center",
          name));
    }
    filter.unit_types_.insert(name);
  }
  filter.units_.insert(options.units.begin(), options.units.end());
  return filter;
}

bool RowFilter::empty() const {
  return indicators_.empty() && period_types_.empty() && unit_types_.empty() && units_.empty();
}

bool RowFilter::Keeps(const Row& row) const {
  return (indicators_.empty() || indicators_.count(row.indicator) > 0) &&
         (period_types_.empty() || period_types_.count(row.period.type) > 0) &&
         (unit_types_.empty() || unit_types_.count(std::string_view(row.unit_type)) > 0) &&
         (units_.empty() || units_.count(row.unit) > 0);
}

size_t RowFilter::Apply(std::vector<Row>& rows) const {
  if (empty()) return rows.size();
  rows.erase(std::remove_if(rows.begin(), rows.end(), [&](const Row& row) { return !Keeps(row); }),
             rows.end());
  return rows.size();
}

}  // namespace nara::indicators
