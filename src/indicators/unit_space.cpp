// Unit slots: which units exist in an extract, in output order.
#include "indicators/unit_space.hpp"

#include <algorithm>
#include <map>

namespace nara::indicators {

const char* UnitTypeName(UnitType type) {
  static constexpr const char* kNames[] = {"region", "county", "area", "municipality",
                                           "hospital", "clinic", "health_center"};
  return kNames[static_cast<size_t>(type)];
}

UnitSpace::UnitSpace(const model::Extract& extract) {
  const auto& municipalities = extract.municipalities;
  const uint32_t unit_count = extract.units.size();
  // Which unit codes play which role.
  std::vector<uint8_t> as_hospital(unit_count), as_clinic(unit_count), as_health_center(unit_count);
  const model::Stays& stays = extract.stays;
  for (size_t i = 0; i < stays.size(); ++i) {
    as_hospital[stays.hospital[i]] = 1;
    as_clinic[stays.clinic[i]] = 1;
    as_health_center[stays.health_center[i]] = 1;
  }
  for (size_t i = 0; i < extract.contacts.size(); ++i) {
    if (extract.contacts.level[i] == model::ContactLevel::kPrimary) {
      as_health_center[extract.contacts.unit[i]] = 1;
    }
  }
  for (size_t i = 0; i < extract.waits.size(); ++i) {
    const bool specialist = extract.waits.step[i] == model::WaitStep::kFirstVisit ||
                            extract.waits.step[i] == model::WaitStep::kTreatment;
    (specialist ? as_clinic : as_health_center)[extract.waits.unit[i]] = 1;
  }

  auto add_type = [&](UnitType type, std::map<std::string, std::vector<size_t>> members,
                      std::vector<int>& slot_of, size_t size) {
    slot_of.assign(size, -1);
    for (const auto& [label, indexes] : members) {
      const int slot = static_cast<int>(type_.size());
      type_.push_back(type);
      label_.push_back(label);
      for (size_t index : indexes) slot_of[index] = slot;
    }
  };
  type_.push_back(UnitType::kRegion);
  label_.push_back(extract.manifest.county);
  region_ = 0;
  // Only municipalities the extract mentions get slots (SCB's list has all 290).
  std::vector<uint8_t> used(municipalities.size());
  for (uint16_t m : stays.municipality) used[m] = 1;
  for (uint16_t m : extract.contacts.municipality) used[m] = 1;
  for (uint16_t m : extract.waits.municipality) used[m] = 1;
  for (const auto& row : extract.population) used[row.municipality] = 1;
  std::map<std::string, std::vector<size_t>> counties, areas, codes;
  for (size_t m = 0; m < municipalities.size(); ++m) {
    if (!used[m]) continue;
    counties[municipalities[m].code.substr(0, 2)].push_back(m);
    if (!municipalities[m].area.empty()) areas[municipalities[m].area].push_back(m);
    codes[municipalities[m].code].push_back(m);
  }
  add_type(UnitType::kCounty, counties, county_, municipalities.size());
  add_type(UnitType::kArea, areas, area_, municipalities.size());
  add_type(UnitType::kMunicipality, codes, municipality_, municipalities.size());
  auto by_name = [&](const std::vector<uint8_t>& in_role) {
    std::map<std::string, std::vector<size_t>> members;
    for (uint32_t code = 1; code < unit_count; ++code) {
      if (in_role[code]) members[extract.units.Name(code)].push_back(code);
    }
    return members;
  };
  add_type(UnitType::kHospital, by_name(as_hospital), hospital_, unit_count);
  add_type(UnitType::kClinic, by_name(as_clinic), clinic_, unit_count);
  add_type(UnitType::kHealthCenter, by_name(as_health_center), health_center_, unit_count);
}

}  // namespace nara::indicators
