// Dense aggregation arrays.
#include "indicators/accumulator.hpp"

namespace nara::indicators {

Accumulator::Accumulator(int slots, int first_month, int months)
    : slots_(slots), first_month_(first_month), months_(months),
      cells_(static_cast<size_t>(kIndicatorCount) * static_cast<size_t>(slots) *
             static_cast<size_t>(months) * kClasses) {}

void Accumulator::Add(Indicator indicator, const UnitSlots& slots, int month,
                      int sex_class, int age_class, int64_t numerator, int64_t denominator) {
  const int offset = month - first_month_;
  if (offset < 0 || offset >= months_) return;
  const int klass = ClassOf(sex_class, age_class);
  for (int slot : slots) {
    if (slot < 0) continue;
    Cell& cell = cells_[Index(indicator, slot, offset, klass)];
    cell.numerator += numerator;
    cell.denominator += denominator;
  }
}

void Accumulator::Merge(const Accumulator& other) {
  for (size_t i = 0; i < cells_.size(); ++i) {
    cells_[i].numerator += other.cells_[i].numerator;
    cells_[i].denominator += other.cells_[i].denominator;
  }
}

}  // namespace nara::indicators
