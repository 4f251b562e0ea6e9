// The indicator catalogue.
#include "indicators/catalog.hpp"

namespace nara::indicators {

const std::array<IndicatorInfo, kIndicatorCount>& Catalog() {
  using I = Indicator;
  using K = Kind;
  using F = Family;
  static const std::array<IndicatorInfo, kIndicatorCount> kCatalog = {{
      {I::kAdmissionNotice24hShare, "admission_notice_24h_share", K::kShare, F::kStay, false,
       "Inskrivningsmeddelande inom 24 timmar",
       "Admission notice within 24 hours"},
      {I::kAvoidableHospitalisationPer100k, "avoidable_hospitalisation_per_100k", K::kRate,
       F::kPopulation, false,
       "Undvikbar slutenvård för kroniker",
       "Avoidable hospitalisation, chronic conditions"},
      {I::kCareGuaranteeAssessment3d, "care_guarantee_assessment_3d", K::kShare,
       F::kCareGuarantee, false,
       "Vårdgaranti: Medicinsk bedömning inom 3 dagar",
       "Care guarantee: assessment within 3 days"},
      {I::kCareGuaranteeContact0d, "care_guarantee_contact_0d", K::kShare, F::kCareGuarantee,
       false,
       "Vårdgaranti: Kontakt samma dag",
       "Care guarantee: contact the same day"},
      {I::kCareGuaranteeFirstVisit90d, "care_guarantee_first_visit_90d", K::kShare,
       F::kCareGuarantee, false,
       "Vårdgaranti: Första besök inom 90 dagar",
       "Care guarantee: first visit within 90 days"},
      {I::kCareGuaranteeFirstVisit90dWaiting, "care_guarantee_first_visit_90d_waiting", K::kShare,
       F::kCareGuarantee, false,
       "Vårdgaranti: väntande, första besök inom 90 dagar",
       "Care guarantee: waiting, first visit within 90 days"},
      {I::kCareGuaranteeTreatment90d, "care_guarantee_treatment_90d", K::kShare,
       F::kCareGuarantee, false,
       "Vårdgaranti: Behandling inom 90 dagar",
       "Care guarantee: treatment within 90 days"},
      {I::kCareGuaranteeTreatment90dWaiting, "care_guarantee_treatment_90d_waiting", K::kShare,
       F::kCareGuarantee, false,
       "Vårdgaranti: väntande, behandling inom 90 dagar",
       "Care guarantee: waiting, treatment within 90 days"},
      {I::kDigitalContacts, "digital_contacts", K::kCount, F::kPrimaryCount, false,
       "Digitala vårdkontakter i primärvården",
       "Digital contacts in primary care"},
      {I::kDischargePlanShare, "discharge_plan_share", K::kShare, F::kStay, false,
       "Utskrivningsplan",
       "Discharge plan"},
      {I::kDischargedDay01Share, "discharged_day01_share", K::kShare, F::kStay, false,
       "Andel hemgångna dag 0 eller 1",
       "Share discharged on day 0 or 1"},
      {I::kEmergencyVisitsPer100k, "emergency_visits_per_100k", K::kRate, F::kPopulation, false,
       "Besök på akutmottagning per 100 000",
       "Emergency department visits per 100 000"},
      {I::kFixedCareContactShare, "fixed_care_contact_share", K::kShare, F::kStay, false,
       "Fast vårdkontakt utsedd",
       "Named care contact appointed"},
      {I::kHomeVisits, "home_visits", K::kCount, F::kPrimaryCount, false,
       "Hembesök i primärvården",
       "Home visits in primary care"},
      {I::kInpatientStaysPer100k, "inpatient_stays_per_100k", K::kRate, F::kPopulation, false,
       "Vårdtillfällen per 100 000 invånare",
       "Inpatient stays per 100 000 inhabitants"},
      {I::kLengthOfStayMean, "length_of_stay_mean", K::kMean, F::kStay, false,
       "Medelvårdtid",
       "Mean length of stay"},
      {I::kLiableAmount, "liable_amount", K::kCount, F::kPopulation, false,
       "Betalningsansvar, belopp (kr)",
       "Liable amount (SEK)"},
      {I::kLiableDays, "liable_days", K::kCount, F::kPopulation, false,
       "Dagar med betalningsansvar",
       "Liable days"},
      {I::kPrimaryCareVisitsPer100k, "primary_care_visits_per_100k", K::kRate, F::kPopulation,
       false,
       "Besök i primärvård per 100 000",
       "Primary care visits per 100 000"},
      {I::kReadmission30d, "readmission_30d", K::kShare, F::kStay, true,
       "Oplanerade återinskrivningar inom 30 dagar",
       "Unplanned readmissions within 30 days"},
      {I::kReadmission30d65plus, "readmission_30d_65plus", K::kShare, F::kStay, true,
       "Oplanerade återinskrivningar inom 30 dagar, 65 år och äldre",
       "Unplanned readmissions within 30 days, 65 and older"},
      {I::kReadyDaysMeanPsychiatric, "ready_days_mean_psychiatric", K::kMean, F::kStay, false,
       "Utskrivningsklara dagar i genomsnitt, psykiatrisk vård",
       "Mean discharge-ready days, psychiatric care"},
      {I::kReadyDaysMeanSomatic, "ready_days_mean_somatic", K::kMean, F::kStay, false,
       "Utskrivningsklara dagar i genomsnitt, somatisk vård",
       "Mean discharge-ready days, somatic care"},
      {I::kReadyDaysTotal, "ready_days_total", K::kCount, F::kStay, false,
       "Utskrivningsklara dagar, summa",
       "Discharge-ready days, total"},
      {I::kSipFollowupShare, "sip_followup_share", K::kShare, F::kStay, false,
       "Uppföljning av SIP",
       "Coordinated individual plan followed up"},
      {I::kSipShare, "sip_share", K::kShare, F::kStay, false,
       "Samordnad individuell plan (SIP) upprättad",
       "Coordinated individual plan (SIP) made"},
      {I::kSpecialistVisitsPer100k, "specialist_visits_per_100k", K::kRate, F::kPopulation,
       false,
       "Besök i specialiserad vård per 100 000",
       "Specialist care visits per 100 000"},
  }};
  return kCatalog;
}

std::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kShare: return "share";
    case Kind::kMean: return "mean";
    case Kind::kRate: return "rate";
    case Kind::kCount: return "count";
  }
  return "count";
}

bool AppliesTo(Family family, UnitType type) {
  switch (family) {
    case Family::kStay: return true;
    case Family::kPopulation: return type <= UnitType::kMunicipality;
    case Family::kPrimaryCount:
      return type <= UnitType::kMunicipality || type == UnitType::kHealthCenter;
    case Family::kCareGuarantee:
      return type <= UnitType::kMunicipality || type == UnitType::kClinic ||
             type == UnitType::kHealthCenter;
  }
  return false;
}

std::vector<std::string_view> UnitTypesOf(Family family) {
  std::vector<std::string_view> types;
  for (int type = 0; type < kUnitTypeCount; ++type) {
    if (AppliesTo(family, static_cast<UnitType>(type))) {
      types.emplace_back(UnitTypeName(static_cast<UnitType>(type)));
    }
  }
  return types;
}

std::optional<Indicator> FindIndicator(std::string_view id) {
  for (const auto& info : Catalog()) {
    if (info.id == id) return info.indicator;
  }
  return std::nullopt;
}

}  // namespace nara::indicators
