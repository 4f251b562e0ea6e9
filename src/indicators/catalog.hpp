// The indicators Nära computes (indicators.md §3-7): ids, kinds and which unit types they have.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "indicators/groups.hpp"

namespace nara::indicators {

// How value is made from numerator and denominator (indicators.md §1).
enum class Kind : uint8_t {
  kShare,  // 100 * numerator / denominator
  kMean,   // numerator / denominator
  kRate,   // 100 000 * numerator / population
  kCount,  // value = numerator, empty denominator
};

// Which unit types an indicator has (docs/indicators/README.md "Units").
enum class Family : uint8_t {
  kStay,            // all seven unit types
  kPopulation,      // region, county, area, municipality
  kPrimaryCount,    // those four + health_center (the contact's unit)
  kCareGuarantee,   // those four + clinic or health_center (the wait's unit)
};

// Every indicator, in output order (sorted by id).
enum class Indicator : uint8_t {
  kAdmissionNotice24hShare,
  kAvoidableHospitalisationPer100k,
  kCareGuaranteeAssessment3d,
  kCareGuaranteeContact0d,
  kCareGuaranteeFirstVisit90d,
  kCareGuaranteeFirstVisit90dWaiting,
  kCareGuaranteeTreatment90d,
  kCareGuaranteeTreatment90dWaiting,
  kDigitalContacts,
  kDischargePlanShare,
  kDischargedDay01Share,
  kEmergencyVisitsPer100k,
  kFixedCareContactShare,
  kHomeVisits,
  kInpatientStaysPer100k,
  kLengthOfStayMean,
  kLiableAmount,
  kLiableDays,
  kPrimaryCareVisitsPer100k,
  kReadmission30d,
  kReadmission30d65plus,
  kReadyDaysMeanPsychiatric,
  kReadyDaysMeanSomatic,
  kReadyDaysTotal,
  kSipFollowupShare,
  kSipShare,
  kSpecialistVisitsPer100k,
};
inline constexpr int kIndicatorCount = 27;

struct IndicatorInfo {
  Indicator indicator;
  std::string_view id;
  Kind kind;
  Family family;
  bool needs_follow_up;  // readmissions: the period needs window_days of follow-up in coverage
  std::string_view name_sv;  // display names (docs/indicators/ pages; English translations)
  std::string_view name_en;
};

const std::array<IndicatorInfo, kIndicatorCount>& Catalog();
inline const IndicatorInfo& Info(Indicator indicator) {
  return Catalog()[static_cast<size_t>(indicator)];
}
std::optional<Indicator> FindIndicator(std::string_view id);

// "share", "mean", "rate" or "count".
std::string_view KindName(Kind kind);

// Whether indicators of `family` have rows for units of `type` (docs/indicators/README.md
// "Units"), and the names of those unit types in output order.
bool AppliesTo(Family family, UnitType type);
std::vector<std::string_view> UnitTypesOf(Family family);

}  // namespace nara::indicators
