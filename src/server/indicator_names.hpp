// Display names of the indicators for the dashboard's catalogue (Swedish from the indicator
// pages in docs/indicators/, English translations).
#pragma once

#include <string_view>
#include <vector>

#include "indicators/catalog.hpp"

namespace nara::server {

struct IndicatorNames {
  std::string_view sv;
  std::string_view en;
};

IndicatorNames NamesOf(indicators::Indicator indicator);

// "share", "mean", "rate" or "count".
std::string_view KindName(indicators::Kind kind);

// The unit types an indicator has (docs/indicators/README.md "Units").
const std::vector<std::string_view>& UnitTypesOf(indicators::Family family);

}  // namespace nara::server
