// Confidence intervals and tests of difference for shares, rates and counts, so that a report
// can say whether a change is more than chance (small municipalities swing a lot).
#pragma once

#include <cstdint>
#include <optional>

#include "goals/value_table.hpp"

namespace nara::goals {

struct Interval {
  double low;
  double high;
};

enum class Significance { kSignificant, kNotSignificant, kUnknown };

inline constexpr double kZ95 = 1.959963984540054;

// Wilson score interval of k successes in n, in percent. n must be > 0.
Interval WilsonPercent(int64_t k, int64_t n, double z = kZ95);
// Normal-approximation interval of a Poisson count k, clipped at 0, scaled by `scale`
// (100 000 / population for a rate per 100 000; 1 for a count).
Interval PoissonScaled(int64_t k, double scale, double z = kZ95);

// The 95 % interval of an observation's value, when its kind and counts allow one (shares,
// rates per 100 000 and counts; not means, whose spread the table does not hold).
std::optional<Interval> ValueInterval(const Observation& observation);

// Whether two observations of the same indicator differ by more than chance at the 95 % level:
// shares by the two-proportion normal test, rates and counts by the normal approximation of the
// difference of two Poisson counts. kUnknown when either lacks the counts or the kind is a mean.
Significance DifferenceSignificance(const Observation& a, const Observation& b);

}  // namespace nara::goals
