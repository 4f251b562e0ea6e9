// Wilson and Poisson intervals; normal tests of a difference.
#include "goals/intervals.hpp"

#include <algorithm>
#include <cmath>

namespace nara::goals {

Interval WilsonPercent(int64_t k, int64_t n, double z) {
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(k) / nn;
  const double z2 = z * z;
  const double centre = (p + z2 / (2 * nn)) / (1 + z2 / nn);
  const double half = z * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / (1 + z2 / nn);
  return {100 * std::max(0.0, centre - half), 100 * std::min(1.0, centre + half)};
}

Interval PoissonScaled(int64_t k, double scale, double z) {
  const double count = static_cast<double>(k);
  const double half = z * std::sqrt(count);
  return {std::max(0.0, count - half) * scale, (count + half) * scale};
}

std::optional<Interval> ValueInterval(const Observation& o) {
  if (o.suppressed || !o.numerator) return std::nullopt;
  switch (o.kind) {
    case ValueKind::kShare:
      if (!o.denominator || *o.denominator <= 0) return std::nullopt;
      return WilsonPercent(*o.numerator, *o.denominator);
    case ValueKind::kRate:
      if (!o.denominator || *o.denominator <= 0) return std::nullopt;
      return PoissonScaled(*o.numerator, 100000.0 / static_cast<double>(*o.denominator));
    case ValueKind::kCount:
      return PoissonScaled(*o.numerator, 1.0);
    default:
      return std::nullopt;
  }
}

Significance DifferenceSignificance(const Observation& a, const Observation& b) {
  if (a.suppressed || b.suppressed || !a.numerator || !b.numerator) {
    return Significance::kUnknown;
  }
  const ValueKind kind = a.kind != ValueKind::kUnknown ? a.kind : b.kind;
  const double ka = static_cast<double>(*a.numerator);
  const double kb = static_cast<double>(*b.numerator);
  double difference = 0;
  double se = 0;
  if (kind == ValueKind::kShare || kind == ValueKind::kRate) {
    if (!a.denominator || !b.denominator || *a.denominator <= 0 || *b.denominator <= 0) {
      return Significance::kUnknown;
    }
    const double na = static_cast<double>(*a.denominator);
    const double nb = static_cast<double>(*b.denominator);
    const double pa = ka / na;
    const double pb = kb / nb;
    difference = pa - pb;
    se = kind == ValueKind::kShare ? std::sqrt(pa * (1 - pa) / na + pb * (1 - pb) / nb)
                                   : std::sqrt(ka / (na * na) + kb / (nb * nb));
  } else if (kind == ValueKind::kCount) {
    difference = ka - kb;
    se = std::sqrt(ka + kb);
  } else {
    return Significance::kUnknown;
  }
  if (se == 0) return difference == 0 ? Significance::kNotSignificant : Significance::kSignificant;
  return std::fabs(difference) / se > kZ95 ? Significance::kSignificant
                                           : Significance::kNotSignificant;
}

}  // namespace nara::goals
