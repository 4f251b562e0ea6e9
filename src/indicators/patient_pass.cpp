// The per-patient computations of indicators.md §2-7.
#include "indicators/patient_pass.hpp"

#include <algorithm>

#include "indicators/care_episodes.hpp"

namespace nara::indicators {
namespace {

using model::EventKind;
using I = Indicator;

// d(x) of a stay's discharge.
Date DischargeDate(const model::Stays& stays, size_t stay) {
  return stays.discharged_at[stay] == kNoDateTime ? kNoDate : DateOf(stays.discharged_at[stay]);
}

}  // namespace

void PatientPass::Run(uint32_t first_patient, uint32_t last_patient) {
  const model::Extract& x = *in_.extract;
  auto first_row = [&](const std::vector<uint32_t>& column, uint32_t patient) {
    return static_cast<size_t>(std::lower_bound(column.begin(), column.end(), patient) -
                               column.begin());
  };
  size_t stay = first_row(x.stays.patient, first_patient);
  size_t contact = first_row(x.contacts.patient, first_patient);
  size_t wait = first_row(x.waits.patient, first_patient);
  for (uint32_t patient = first_patient; patient < last_patient; ++patient) {
    const size_t stay_end = [&] {
      size_t i = stay;
      while (i < x.stays.size() && x.stays.patient[i] == patient) ++i;
      return i;
    }();
    // The patient's sex and birth date: the identity number's, else the first stay that has them.
    patient_sex_ = x.patients.sex[patient];
    patient_birth_ = x.patients.birth_date[patient];
    for (size_t i = stay; i < stay_end; ++i) {
      if (patient_sex_ == model::Sex::kUnknown) patient_sex_ = x.stays.sex[i];
      if (patient_birth_ == kNoDate) patient_birth_ = x.stays.birth_date[i];
    }
    Stays(patient, stay, stay_end);
    stay = stay_end;
    size_t contact_end = contact;
    while (contact_end < x.contacts.size() && x.contacts.patient[contact_end] == patient) {
      ++contact_end;
    }
    Contacts(patient, contact, contact_end);
    contact = contact_end;
    size_t wait_end = wait;
    while (wait_end < x.waits.size() && x.waits.patient[wait_end] == patient) ++wait_end;
    Waits(patient, wait, wait_end);
    wait = wait_end;
  }
}

int PatientPass::StaySex(size_t stay) const {
  const model::Sex sex = in_.extract->stays.sex[stay];
  return SexClass(sex != model::Sex::kUnknown ? sex : patient_sex_);
}

int PatientPass::StayAge(size_t stay, Date on) const {
  const model::Stays& s = in_.extract->stays;
  const Date birth = s.birth_date[stay] != kNoDate ? s.birth_date[stay] : patient_birth_;
  if (birth != kNoDate) return AgeClass(AgeOn(birth, on));
  return AgeClass(s.age[stay]);
}

UnitSlots PatientPass::ResidenceUnits(uint16_t municipality) const {
  const UnitSpace& u = *in_.units;
  UnitSlots slots;
  slots[UnitType::kRegion] = u.region();
  slots[UnitType::kCounty] = u.county_of(municipality);
  slots[UnitType::kArea] = u.area_of(municipality);
  slots[UnitType::kMunicipality] = u.municipality(municipality);
  return slots;
}

UnitSlots PatientPass::StayUnits(size_t municipality_stay, size_t discharging) const {
  const model::Stays& s = in_.extract->stays;
  UnitSlots slots = ResidenceUnits(s.municipality[municipality_stay]);
  slots[UnitType::kHospital] = in_.units->hospital(s.hospital[discharging]);
  slots[UnitType::kClinic] = in_.units->clinic(s.clinic[discharging]);
  slots[UnitType::kHealthCenter] = in_.units->health_center(s.health_center[discharging]);
  return slots;
}

void PatientPass::Stays(uint32_t, size_t begin, size_t end) {
  for (size_t stay = begin; stay < end; ++stay) {
    Stay(stay);
    Liable(stay);
  }
  Readmissions(begin, end);
}

// indicators.md §4: the settlement's liable days and amounts, each in the month of its dates, by
// the municipality of residence (the payer).
void PatientPass::Liable(size_t stay) {
  if (in_.liable == nullptr) return;
  const model::Stays& s = in_.extract->stays;
  const auto residence = ResidenceUnits(s.municipality[stay]);
  const int sex = StaySex(stay);
  for (uint32_t i = in_.liable_begin[stay]; i < in_.liable_begin[stay + 1]; ++i) {
    const settlement::BasisRow& row = in_.liable->basis[in_.liable_rows[i]];
    const int age = StayAge(stay, LastDayOfMonth(row.month));
    acc_.Add(I::kLiableDays, residence, row.month, sex, age, row.liable_days, 1);
    if (!in_.liable->missing_price_years.count(YearOfMonth(row.month))) {
      acc_.Add(I::kLiableAmount, residence, row.month, sex, age, row.amount, 1);
    }
  }
}

// indicators.md §2-3: the patient's care episodes (care_episodes.hpp), then index episodes and
// their acute readmissions 1..window days later.
void PatientPass::Readmissions(size_t begin, size_t end) {
  const model::Stays& s = in_.extract->stays;
  const config::ReadmissionSettings& settings = in_.config->readmission;
  MergeCareEpisodes(s, begin, end, settings.care_types, &episodes_);
  const Date coverage_from = in_.extract->manifest.coverage_from;
  const Date coverage_to = in_.extract->manifest.coverage_to;
  const int window = settings.window_days;
  for (size_t e = 0; e < episodes_.size(); ++e) {
    const CareEpisode& index = episodes_[e];
    if (index.discharged == kNoDate) continue;
    if (s.discharged_to[index.discharging_stay] == model::Place::kDeceased) continue;
    if (index.discharged < coverage_from || index.discharged + window > coverage_to) continue;
    bool readmitted = false;
    for (size_t f = e + 1; f < episodes_.size(); ++f) {
      const int days = episodes_[f].admitted - index.discharged;
      if (days > window) break;
      if (days >= 1 && s.admission_kind[episodes_[f].first_stay] == model::AdmissionKind::kAcute) {
        readmitted = true;
        break;
      }
    }
    const auto slots = StayUnits(index.first_stay, index.discharging_stay);
    const int sex = StaySex(index.discharging_stay);
    const Date birth_stay_age_on = index.discharged;
    const int age_class = StayAge(index.discharging_stay, birth_stay_age_on);
    const int month = MonthOf(index.discharged);
    const int64_t hit = readmitted ? 1 : 0;
    acc_.Add(I::kReadmission30d, slots, month, sex, age_class, hit, 1);
    if (age_class >= kAgeClass65to79) acc_.Add(I::kReadmission30d65plus, slots, month, sex, age_class, hit, 1);
  }
}

// indicators.md §4-6 for one stay: ready periods, coordination, care use.
void PatientPass::Stay(size_t stay) {
  const model::Extract& x = *in_.extract;
  const model::Stays& s = x.stays;
  const Date discharged = DischargeDate(s, stay);
  if (discharged == kNoDate || discharged < x.manifest.coverage_from ||
      discharged > x.manifest.coverage_to) {
    return;
  }
  const bool discharge_has_time = (s.flags[stay] & model::kDischargedHasTime) != 0;
  // Ready periods: the settlement module's one definition (indicators.md §4).
  settlement::ReadyPeriodsOf(x, stay, ready_periods_, counters_);
  int64_t ready_total = 0;
  int64_t ready_last = -1;
  const size_t ready_periods = ready_periods_.size();
  for (const settlement::ReadyPeriod& period : ready_periods_) {
    ready_last = period.ready_days();
    ready_total += ready_last;
  }
  bool linked = false;
  DateTime first_admission_notice = kNoDateTime;
  bool fixed_care_contact = false, discharge_plan = false, sip = false, sip_followup = false;
  for (uint32_t e = s.event_begin[stay]; e < s.event_begin[stay + 1]; ++e) {
    const DateTime at = x.events.at[e];
    switch (x.events.kind[e]) {
      case EventKind::kAdmissionNotice:
        if (!linked) first_admission_notice = at;
        linked = true;
        break;
      case EventKind::kFixedCareContact:
        if (discharge_has_time ? at <= s.discharged_at[stay] : DateOf(at) <= discharged) {
          fixed_care_contact = true;
        }
        break;
      case EventKind::kDischargePlan: discharge_plan = true; break;
      case EventKind::kSipHeld: sip = true; break;
      case EventKind::kSipFollowup: sip_followup = true; break;
      default: break;
    }
  }
  const auto slots = StayUnits(stay, stay);
  const int sex = StaySex(stay);
  const int age = StayAge(stay, discharged);
  const int month = MonthOf(discharged);
  if (ready_periods > 0) {
    acc_.Add(s.care_type[stay] == model::CareType::kPsychiatric ? I::kReadyDaysMeanPsychiatric
                                                                : I::kReadyDaysMeanSomatic,
             slots, month, sex, age, ready_total, 1);
    acc_.Add(I::kReadyDaysTotal, slots, month, sex, age, ready_total, 1);
    acc_.Add(I::kDischargedDay01Share, slots, month, sex, age, ready_last <= 1 ? 1 : 0, 1);
  }
  if (linked) {
    const DateTime deadline = s.admitted_at[stay] + 24 * 60;
    acc_.Add(I::kAdmissionNotice24hShare, slots, month, sex, age,
             first_admission_notice <= deadline ? 1 : 0, 1);
    acc_.Add(I::kFixedCareContactShare, slots, month, sex, age, fixed_care_contact ? 1 : 0, 1);
    acc_.Add(I::kDischargePlanShare, slots, month, sex, age, discharge_plan ? 1 : 0, 1);
    acc_.Add(I::kSipShare, slots, month, sex, age, sip ? 1 : 0, 1);
    acc_.Add(I::kSipFollowupShare, slots, month, sex, age, sip_followup ? 1 : 0, 1);
  }
  acc_.Add(I::kLengthOfStayMean, slots, month, sex, age,
           discharged - DateOf(s.admitted_at[stay]), 1);
  if (in_.has_population[s.municipality[stay]]) {
    const auto residence = ResidenceUnits(s.municipality[stay]);
    acc_.Add(I::kInpatientStaysPer100k, residence, month, sex, age, 1, 0);
    if (s.admission_kind[stay] == model::AdmissionKind::kAcute &&
        in_.avoidable_diagnosis[s.main_diagnosis[stay]]) {
      acc_.Add(I::kAvoidableHospitalisationPer100k, residence, month, sex, age, 1, 0);
    }
  }
}

// indicators.md §6: contacts per population and primary-care counts.
void PatientPass::Contacts(uint32_t, size_t begin, size_t end) {
  const model::Contacts& c = in_.extract->contacts;
  const int sex = SexClass(patient_sex_);
  for (size_t i = begin; i < end; ++i) {
    const Date day = DateOf(c.at[i]);
    const int month = MonthOf(day);
    const int age = patient_birth_ == kNoDate ? 0 : AgeClass(AgeOn(patient_birth_, day));
    const auto residence = ResidenceUnits(c.municipality[i]);
    const bool primary = c.level[i] == model::ContactLevel::kPrimary;
    const model::ContactKind kind = c.kind[i];
    if (in_.has_population[c.municipality[i]]) {
      const bool visit = kind == model::ContactKind::kVisit ||
                         kind == model::ContactKind::kHomeVisit ||
                         kind == model::ContactKind::kVideo;
      if (visit) {
        acc_.Add(primary ? I::kPrimaryCareVisitsPer100k : I::kSpecialistVisitsPer100k, residence,
                 month, sex, age, 1, 0);
      }
      if (c.emergency[i]) acc_.Add(I::kEmergencyVisitsPer100k, residence, month, sex, age, 1, 0);
    }
    if (primary) {
      auto slots = residence;
      slots[UnitType::kHealthCenter] = in_.units->health_center(c.unit[i]);
      if (kind == model::ContactKind::kHomeVisit) {
        acc_.Add(I::kHomeVisits, slots, month, sex, age, 1, 1);
      }
      if (kind == model::ContactKind::kVideo || kind == model::ContactKind::kChat) {
        acc_.Add(I::kDigitalContacts, slots, month, sex, age, 1, 1);
      }
    }
  }
}

// indicators.md §7: completed waits by the month of their end; open waits at every month end.
void PatientPass::Waits(uint32_t, size_t begin, size_t end) {
  const model::Waits& w = in_.extract->waits;
  const config::CareGuaranteeLimits& limits = in_.config->care_guarantee;
  const int sex = SexClass(patient_sex_);
  const Date coverage_to = in_.extract->manifest.coverage_to;
  for (size_t i = begin; i < end; ++i) {
    const int age = patient_birth_ == kNoDate ? 0 : AgeClass(AgeOn(patient_birth_, w.start[i]));
    auto slots = ResidenceUnits(w.municipality[i]);
    Indicator completed, waiting;
    int limit;
    bool has_waiting = true;
    switch (w.step[i]) {
      case model::WaitStep::kContact:
        completed = I::kCareGuaranteeContact0d;
        waiting = completed;
        limit = limits.contact_days;
        has_waiting = false;
        slots[UnitType::kHealthCenter] = in_.units->health_center(w.unit[i]);
        break;
      case model::WaitStep::kAssessment:
        completed = I::kCareGuaranteeAssessment3d;
        waiting = completed;
        limit = limits.assessment_days;
        has_waiting = false;
        slots[UnitType::kHealthCenter] = in_.units->health_center(w.unit[i]);
        break;
      case model::WaitStep::kFirstVisit:
        completed = I::kCareGuaranteeFirstVisit90d;
        waiting = I::kCareGuaranteeFirstVisit90dWaiting;
        limit = limits.first_visit_days;
        slots[UnitType::kClinic] = in_.units->clinic(w.unit[i]);
        break;
      case model::WaitStep::kTreatment:
      default:
        completed = I::kCareGuaranteeTreatment90d;
        waiting = I::kCareGuaranteeTreatment90dWaiting;
        limit = limits.treatment_days;
        slots[UnitType::kClinic] = in_.units->clinic(w.unit[i]);
        break;
    }
    const int chosen = w.patient_chosen_days[i];
    if (w.end[i] != kNoDate) {
      const int days = w.end[i] - w.start[i] - chosen;
      acc_.Add(completed, slots, MonthOf(w.end[i]), sex, age, days <= limit ? 1 : 0, 1);
    }
    if (!has_waiting) continue;
    // Open on the last day of month m: started on or before it and not ended by it.
    const Date last_open_day = w.end[i] == kNoDate ? coverage_to : w.end[i] - 1;
    for (int month = MonthOf(w.start[i]); month <= MonthOf(last_open_day); ++month) {
      const Date month_end = LastDayOfMonth(month);
      if (month_end < w.start[i] || month_end > last_open_day) continue;
      const int waited = month_end - w.start[i] - chosen;
      acc_.Add(waiting, slots, month, sex, age, waited <= limit ? 1 : 0, 1);
    }
  }
}

}  // namespace nara::indicators
