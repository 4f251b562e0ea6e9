// Indicator names and unit types for the catalogue.
#include "server/indicator_names.hpp"

#include <array>

namespace nara::server {

IndicatorNames NamesOf(indicators::Indicator indicator) {
  // Keyed by id, not by position, so a new indicator in the catalogue cannot shift the names.
  struct Entry {
    std::string_view id;
    IndicatorNames names;
  };
  static constexpr Entry kNames[] = {
      {"admission_notice_24h_share", "Inskrivningsmeddelande inom 24 timmar",
       "Admission notice within 24 hours"},
      {"avoidable_hospitalisation_per_100k", "Undvikbar slutenvård för kroniker",
       "Avoidable hospitalisation, chronic conditions"},
      {"care_guarantee_assessment_3d", "Vårdgaranti: Medicinsk bedömning inom 3 dagar",
       "Care guarantee: assessment within 3 days"},
      {"care_guarantee_contact_0d", "Vårdgaranti: Kontakt samma dag",
       "Care guarantee: contact the same day"},
      {"care_guarantee_first_visit_90d", "Vårdgaranti: Första besök inom 90 dagar",
       "Care guarantee: first visit within 90 days"},
      {"care_guarantee_first_visit_90d_waiting",
       "Vårdgaranti: väntande, första besök inom 90 dagar",
       "Care guarantee: waiting, first visit within 90 days"},
      {"care_guarantee_treatment_90d", "Vårdgaranti: Behandling inom 90 dagar",
       "Care guarantee: treatment within 90 days"},
      {"care_guarantee_treatment_90d_waiting", "Vårdgaranti: väntande, behandling inom 90 dagar",
       "Care guarantee: waiting, treatment within 90 days"},
      {"digital_contacts", "Digitala vårdkontakter i primärvården",
       "Digital contacts in primary care"},
      {"discharge_plan_share", "Utskrivningsplan", "Discharge plan"},
      {"discharged_day01_share", "Andel hemgångna dag 0 eller 1", "Share discharged on day 0 or 1"},
      {"emergency_visits_per_100k", "Besök på akutmottagning per 100 000",
       "Emergency department visits per 100 000"},
      {"fixed_care_contact_share", "Fast vårdkontakt utsedd", "Named care contact appointed"},
      {"home_visits", "Hembesök i primärvården", "Home visits in primary care"},
      {"inpatient_stays_per_100k", "Vårdtillfällen per 100 000 invånare",
       "Inpatient stays per 100 000 inhabitants"},
      {"length_of_stay_mean", "Medelvårdtid", "Mean length of stay"},
      {"liable_amount", "Betalningsansvar, belopp (kr)", "Liable amount (SEK)"},
      {"liable_days", "Dagar med betalningsansvar", "Liable days"},
      {"primary_care_visits_per_100k", "Besök i primärvård per 100 000",
       "Primary care visits per 100 000"},
      {"readmission_30d", "Oplanerade återinskrivningar inom 30 dagar",
       "Unplanned readmissions within 30 days"},
      {"readmission_30d_65plus", "Oplanerade återinskrivningar inom 30 dagar, 65 år och äldre",
       "Unplanned readmissions within 30 days, 65 and older"},
      {"ready_days_mean_psychiatric", "Utskrivningsklara dagar i genomsnitt, psykiatrisk vård",
       "Mean discharge-ready days, psychiatric care"},
      {"ready_days_mean_somatic", "Utskrivningsklara dagar i genomsnitt, somatisk vård",
       "Mean discharge-ready days, somatic care"},
      {"ready_days_total", "Utskrivningsklara dagar, summa", "Discharge-ready days, total"},
      {"sip_followup_share", "Uppföljning av SIP", "Coordinated individual plan followed up"},
      {"sip_share", "Samordnad individuell plan (SIP) upprättad",
       "Coordinated individual plan (SIP) made"},
      {"specialist_visits_per_100k", "Besök i specialiserad vård per 100 000",
       "Specialist care visits per 100 000"},
  };
  const std::string_view id = indicators::Info(indicator).id;
  for (const Entry& entry : kNames) {
    if (entry.id == id) return entry.names;
  }
  return {id, id};  // a catalogue entry without a display name shows its id
}

std::string_view KindName(indicators::Kind kind) {
  switch (kind) {
    case indicators::Kind::kShare:
      return "share";
    case indicators::Kind::kMean:
      return "mean";
    case indicators::Kind::kRate:
      return "rate";
    case indicators::Kind::kCount:
      return "count";
  }
  return "count";
}

const std::vector<std::string_view>& UnitTypesOf(indicators::Family family) {
  static const std::vector<std::string_view> kStay = {
      "region", "county", "area", "municipality", "hospital", "clinic", "health_center"};
  static const std::vector<std::string_view> kPopulation = {"region", "county", "area",
                                                            "municipality"};
  static const std::vector<std::string_view> kPrimary = {"region", "county", "area", "municipality",
                                                         "health_center"};
  static const std::vector<std::string_view> kGuarantee = {
      "region", "county", "area", "municipality", "clinic", "health_center"};
  switch (family) {
    case indicators::Family::kStay:
      return kStay;
    case indicators::Family::kPopulation:
      return kPopulation;
    case indicators::Family::kPrimaryCount:
      return kPrimary;
    case indicators::Family::kCareGuarantee:
      return kGuarantee;
  }
  return kStay;
}

}  // namespace nara::server
