// The names of the units whose ids are codes, for the outputs a reader sees (the indicator
// workbook): municipalities from SCB's list and the extract's municipalities.csv, counties from
// SCB's county list (data/reference/counties.csv), the region's own county by the region's name.
#pragma once

#include "base/status.hpp"
#include "model/vocabulary.hpp"
#include "run/open_run.hpp"

namespace nara::run {

// An I/O error naming counties.csv when it cannot be read.
Result<model::UnitNames> UnitNamesOf(const Run& run);

}  // namespace nara::run
