// Indicator names and unit types for the catalogue.
#include "server/indicator_names.hpp"

#include <array>

namespace nara::server {

IndicatorNames NamesOf(indicators::Indicator indicator) {
  // In catalogue order (indicators::Indicator).
  static constexpr std::array<IndicatorNames, indicators::kIndicatorCount> kNames = {{
      {"Inskrivningsmeddelande inom 24 timmar", "Admission notice within 24 hours"},
      {"Undvikbar slutenvård för kroniker", "Avoidable hospitalisation, chronic conditions"},
      {"Vårdgaranti: Medicinsk bedömning inom 3 dagar", "Care guarantee: assessment within 3 days"},
      {"Vårdgaranti: Kontakt samma dag", "Care guarantee: contact the same day"},
      {"Vårdgaranti: Första besök inom 90 dagar", "Care guarantee: first visit within 90 days"},
      {"Vårdgaranti: väntande, första besök inom 90 dagar",
       "Care guarantee: waiting, first visit within 90 days"},
      {"Vårdgaranti: Behandling inom 90 dagar", "Care guarantee: treatment within 90 days"},
      {"Vårdgaranti: väntande, behandling inom 90 dagar",
       "Care guarantee: waiting, treatment within 90 days"},
      {"Digitala vårdkontakter i primärvården", "Digital contacts in primary care"},
      {"Utskrivningsplan", "Discharge plan"},
      {"Andel hemgångna dag 0 eller 1", "Share discharged on day 0 or 1"},
      {"Besök på akutmottagning per 100 000", "Emergency department visits per 100 000"},
      {"Fast vårdkontakt utsedd", "Named care contact appointed"},
      {"Hembesök i primärvården", "Home visits in primary care"},
      {"Vårdtillfällen per 100 000 invånare", "Inpatient stays per 100 000 inhabitants"},
      {"Medelvårdtid", "Mean length of stay"},
      {"Besök i primärvård per 100 000", "Primary care visits per 100 000"},
      {"Oplanerade återinskrivningar inom 30 dagar", "Unplanned readmissions within 30 days"},
      {"Oplanerade återinskrivningar inom 30 dagar, 65 år och äldre",
       "Unplanned readmissions within 30 days, 65 and older"},
      {"Utskrivningsklara dagar i genomsnitt, psykiatrisk vård",
       "Mean discharge-ready days, psychiatric care"},
      {"Utskrivningsklara dagar i genomsnitt, somatisk vård",
       "Mean discharge-ready days, somatic care"},
      {"Utskrivningsklara dagar, summa", "Discharge-ready days, total"},
      {"Uppföljning av SIP", "Coordinated individual plan followed up"},
      {"Samordnad individuell plan (SIP) upprättad", "Coordinated individual plan (SIP) made"},
      {"Besök i specialiserad vård per 100 000", "Specialist care visits per 100 000"},
  }};
  return kNames[static_cast<size_t>(indicator)];
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
