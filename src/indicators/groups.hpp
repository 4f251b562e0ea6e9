// The breakdowns of the indicator table (data contract §4.1), named once: unit types and a
// record's unit slots indexed by them, sex groups and the one age-band table.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "model/age_bands.hpp"
#include "model/codes.hpp"

namespace nara::indicators {

enum class UnitType : uint8_t {
  kRegion,
  kCounty,
  kArea,
  kMunicipality,
  kHospital,
  kClinic,
  kHealthCenter
};
inline constexpr int kUnitTypeCount = 7;
const char* UnitTypeName(UnitType type);  // region, county, ..., health_center

// The unit slot (UnitSpace) a record adds to for each unit type; -1 where it has none.
class UnitSlots {
 public:
  UnitSlots() { slots_.fill(-1); }
  int& operator[](UnitType type) { return slots_[static_cast<size_t>(type)]; }
  int operator[](UnitType type) const { return slots_[static_cast<size_t>(type)]; }
  auto begin() const { return slots_.begin(); }
  auto end() const { return slots_.end(); }

 private:
  std::array<int, kUnitTypeCount> slots_;
};

// Sex classes of the accumulator: 0 unknown, 1 M, 2 F (model::Sex's values). Output sex groups:
// all, M, F (a record of unknown sex counts in `all` only).
inline constexpr int kSexClasses = 3;
inline constexpr std::array<const char*, kSexClasses> kSexGroupNames = {"all", "M", "F"};
inline int SexClass(model::Sex sex) { return static_cast<int>(sex); }

// The age bands of the indicator table, in output order (model/age_bands.hpp).
using model::AgeBand;
using model::kAgeBands;
// Age classes of the accumulator: 0 unknown, then 1 + the band's index. Output age groups: all,
// then the bands' names.
inline constexpr int kAgeClasses = 1 + static_cast<int>(kAgeBands.size());
inline constexpr std::array<const char*, kAgeClasses> kAgeGroupNames = {
    "all", kAgeBands[0].name, kAgeBands[1].name, kAgeBands[2].name, kAgeBands[3].name};
inline constexpr int kAgeClass65to79 = 3;  // the first class of 65 and older

// The age class of an age in whole years (-1: unknown -> 0).
inline int AgeClass(int age) {
  if (age < 0) return 0;
  for (size_t band = 0; band + 1 < kAgeBands.size(); ++band) {
    if (age <= kAgeBands[band].to) return static_cast<int>(band) + 1;
  }
  return static_cast<int>(kAgeBands.size());
}
// The band name of an age in whole years (>= 0): "0-17" ... "80+".
inline const char* AgeGroupName(int age) {
  return kAgeBands[static_cast<size_t>(AgeClass(age) - 1)].name;
}

// Classes are numbered sex-major: class = sex_class * kAgeClasses + age_class.
inline constexpr int kClasses = kSexClasses * kAgeClasses;
inline constexpr int ClassOf(int sex_class, int age_class) {
  return sex_class * kAgeClasses + age_class;
}
// Output groups (sex group x age group), numbered the same way: group 0 is all/all.
inline constexpr int kGroups = kClasses;

}  // namespace nara::indicators
