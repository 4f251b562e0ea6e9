// Small-number suppression of the indicator table (data contract §4.1, `--suppress N`).
#pragma once

#include <vector>

#include "indicators/engine.hpp"

namespace nara::indicators {

// Primary: a row whose numerator is 1..N-1 or whose denominator (items, for counts) is below N
// is suppressed. Secondary: within every set of sibling rows that add up to a total row (M + F =
// all for the same age group; the four age groups = all for the same sex; the municipalities of
// a county = the county), when exactly one sibling is suppressed and the total is shown, the
// smallest other sibling is suppressed too, repeated until no set has a lone hidden cell. A
// suppressed row keeps its place; writers leave numerator and value empty. N <= 0 does nothing.
// Returns the number of rows suppressed.
int64_t Suppress(std::vector<Row>& rows, int min_count);

}  // namespace nara::indicators
