// The indicator catalogue.
#include "indicators/catalog.hpp"

namespace nara::indicators {

const std::array<IndicatorInfo, kIndicatorCount>& Catalog() {
  using I = Indicator;
  using K = Kind;
  using F = Family;
  static const std::array<IndicatorInfo, kIndicatorCount> kCatalog = {{
      {I::kAdmissionNotice24hShare, "admission_notice_24h_share", K::kShare, F::kStay, false},
      {I::kAvoidableHospitalisationPer100k, "avoidable_hospitalisation_per_100k", K::kRate,
       F::kPopulation, false},
      {I::kCareGuaranteeAssessment3d, "care_guarantee_assessment_3d", K::kShare,
       F::kCareGuarantee, false},
      {I::kCareGuaranteeContact0d, "care_guarantee_contact_0d", K::kShare, F::kCareGuarantee,
       false},
      {I::kCareGuaranteeFirstVisit90d, "care_guarantee_first_visit_90d", K::kShare,
       F::kCareGuarantee, false},
      {I::kCareGuaranteeFirstVisit90dWaiting, "care_guarantee_first_visit_90d_waiting", K::kShare,
       F::kCareGuarantee, false},
      {I::kCareGuaranteeTreatment90d, "care_guarantee_treatment_90d", K::kShare,
       F::kCareGuarantee, false},
      {I::kCareGuaranteeTreatment90dWaiting, "care_guarantee_treatment_90d_waiting", K::kShare,
       F::kCareGuarantee, false},
      {I::kDigitalContacts, "digital_contacts", K::kCount, F::kPrimaryCount, false},
      {I::kDischargePlanShare, "discharge_plan_share", K::kShare, F::kStay, false},
      {I::kDischargedDay01Share, "discharged_day01_share", K::kShare, F::kStay, false},
      {I::kEmergencyVisitsPer100k, "emergency_visits_per_100k", K::kRate, F::kPopulation, false},
      {I::kFixedCareContactShare, "fixed_care_contact_share", K::kShare, F::kStay, false},
      {I::kHomeVisits, "home_visits", K::kCount, F::kPrimaryCount, false},
      {I::kInpatientStaysPer100k, "inpatient_stays_per_100k", K::kRate, F::kPopulation, false},
      {I::kLengthOfStayMean, "length_of_stay_mean", K::kMean, F::kStay, false},
      {I::kLiableAmount, "liable_amount", K::kCount, F::kPopulation, false},
      {I::kLiableDays, "liable_days", K::kCount, F::kPopulation, false},
      {I::kPrimaryCareVisitsPer100k, "primary_care_visits_per_100k", K::kRate, F::kPopulation,
       false},
      {I::kReadmission30d, "readmission_30d", K::kShare, F::kStay, true},
      {I::kReadmission30d65plus, "readmission_30d_65plus", K::kShare, F::kStay, true},
      {I::kReadyDaysMeanPsychiatric, "ready_days_mean_psychiatric", K::kMean, F::kStay, false},
      {I::kReadyDaysMeanSomatic, "ready_days_mean_somatic", K::kMean, F::kStay, false},
      {I::kReadyDaysTotal, "ready_days_total", K::kCount, F::kStay, false},
      {I::kSipFollowupShare, "sip_followup_share", K::kShare, F::kStay, false},
      {I::kSipShare, "sip_share", K::kShare, F::kStay, false},
      {I::kSpecialistVisitsPer100k, "specialist_visits_per_100k", K::kRate, F::kPopulation,
       false},
  }};
  return kCatalog;
}

std::optional<Indicator> FindIndicator(std::string_view id) {
  for (const auto& info : Catalog()) {
    if (info.id == id) return info.indicator;
  }
  return std::nullopt;
}

}  // namespace nara::indicators
