// Dense aggregation arrays: numerator and denominator per indicator, unit slot, month, sex
// class and age class.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "indicators/catalog.hpp"
#include "indicators/groups.hpp"

namespace nara::indicators {

// A record is added once, in its own sex and age class (indicators/groups.hpp); the output's
// `all` rows are sums over classes, so a record of unknown sex counts in `all` only.

struct Cell {
  int64_t numerator = 0;
  int64_t denominator = 0;  // for counts: the number of items
};

// One per thread; Merge() adds another in. Not thread-safe.
class Accumulator {
 public:
  Accumulator(int slots, int first_month, int months);

  // Adds to the cell of every slot in `slots` (entries < 0 are skipped) for `month` (a month
  // index; months outside the accumulator's range are ignored).
  void Add(Indicator indicator, const UnitSlots& slots, int month,
           int sex_class, int age_class, int64_t numerator, int64_t denominator);

  const Cell& At(Indicator indicator, int slot, int month_offset, int klass) const {
    return cells_[Index(indicator, slot, month_offset, klass)];
  }
  void Merge(const Accumulator& other);
  int slots() const { return slots_; }
  int first_month() const { return first_month_; }
  int months() const { return months_; }

 private:
  size_t Index(Indicator indicator, int slot, int month_offset, int klass) const {
    return ((static_cast<size_t>(indicator) * static_cast<size_t>(slots_) +
             static_cast<size_t>(slot)) * static_cast<size_t>(months_) +
            static_cast<size_t>(month_offset)) * kClasses + static_cast<size_t>(klass);
  }
  int slots_;
  int first_month_;
  int months_;
  std::vector<Cell> cells_;
};

}  // namespace nara::indicators
