// Dense slots for every unit an indicator row can have, grouped by unit type and sorted by code.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "indicators/groups.hpp"
#include "model/extract.hpp"

namespace nara::indicators {


// Maps the extract's units onto slots 0..size()-1: one for the region, one per county, area and
// municipality, and one per distinct hospital, clinic and health-centre value in the role it
// plays. Slots are ordered by unit type, then by the unit's code as a byte string, which is the
// output order. Immutable after construction.
class UnitSpace {
 public:
  explicit UnitSpace(const model::Extract& extract);

  int size() const { return static_cast<int>(type_.size()); }
  UnitType type(int slot) const { return type_[static_cast<size_t>(slot)]; }
  const std::string& label(int slot) const { return label_[static_cast<size_t>(slot)]; }

  int region() const { return region_; }
  // Slots of a municipality (index into Extract::municipalities): county, area (-1 when none),
  // municipality.
  int county_of(uint16_t municipality) const { return county_[municipality]; }
  int area_of(uint16_t municipality) const { return area_[municipality]; }
  int municipality(uint16_t municipality) const { return municipality_[municipality]; }
  // Slot of a unit code (Extract::units) in a role; -1 when the code is 0 (empty).
  int hospital(uint32_t code) const { return hospital_[code]; }
  int clinic(uint32_t code) const { return clinic_[code]; }
  int health_center(uint32_t code) const { return health_center_[code]; }

 private:
  std::vector<UnitType> type_;
  std::vector<std::string> label_;
  int region_ = 0;
  std::vector<int> county_, area_, municipality_;
  std::vector<int> hospital_, clinic_, health_center_;
};

}  // namespace nara::indicators
