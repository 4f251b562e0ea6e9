// Outpatient care of a synthetic patient: contacts, waits (vårdgaranti) and the enrolment in
// the mobile care team; part of PatientModel (patient_model.hpp).
#include "synth/patient_model.hpp"

#include <algorithm>

namespace nara::synth {

void PatientModel::DrawContacts(const Person& person, Date until, PatientRecord& record) {
  const int span = until - from_;
  if (span < 0) return;
  const double years = (span + 1) / 365.25;
  const int age = AgeOn(person.birth, from_);
  const bool resident = person.municipality >= 0;
  // About six contacts a year, more for the old; residents of other counties are seen here only
  // at the hospitals.
  double rate = age >= 80 ? 9.5 : age >= 65 ? 7.5 : age >= 18 ? 5.0 : 4.0;
  if (!resident) rate *= 0.2;
  const int count = random_.CountWithMean(rate * years);
  auto& contacts = record.contacts;
  for (int i = 0; i < count; ++i) {
    contacts.push_back(Contact{from_ + random_.Between(0, span), ContactLevel::kPrimary,
                               ContactKind::kVisit, Profession::kPhysician, false, 0});
  }
  // Days first, attributes after, so the order never depends on how a sort breaks ties.
  std::sort(contacts.begin(), contacts.end(),
            [](const Contact& a, const Contact& b) { return a.day < b.day; });
  const int home_hospital =
      resident ? region_.municipalities[static_cast<size_t>(person.municipality)].hospital
               : region_.central_hospital;
  for (Contact& c : contacts) {
    c.emergency = random_.Chance(0.08);
    if (c.emergency) {
      c.level = ContactLevel::kSpecialist;
      c.unit = random_.Chance(0.85) ? home_hospital : region_.central_hospital;
      continue;
    }
    const bool primary = resident && random_.Chance(0.7);
    const double k = random_.Uniform();
    const double p = random_.Uniform();
    if (primary) {
      c.level = ContactLevel::kPrimary;
      c.unit = person.health_center;
      const double home = age >= 75 ? 0.16 : 0.02;
      c.kind = k < 0.46          ? ContactKind::kVisit
               : k < 0.46 + home ? ContactKind::kHomeVisit
               : k < 0.76 + home ? ContactKind::kPhone
               : k < 0.88 + home ? ContactKind::kVideo
                                 : ContactKind::kChat;
      c.profession = p < 0.45 ? Profession::kPhysician : p < 0.85 ? Profession::kNurse
                                                                  : Profession::kOther;
    } else {
      c.level = ContactLevel::kSpecialist;
      const double u = random_.Uniform();
      c.unit = person.psychiatric && u < 0.7 ? kPsychiatry
               : u < 0.75                    ? kMedicine
               : u < 0.85                    ? kSurgery
               : u < 0.95 || age < 75        ? kOrthopaedics
                                             : kGeriatrics;
      c.kind = k < 0.75 ? ContactKind::kVisit : k < 0.93 ? ContactKind::kPhone
               : k < 0.98                                 ? ContactKind::kVideo
                                                          : ContactKind::kChat;
      c.profession = p < 0.7 ? Profession::kPhysician : p < 0.95 ? Profession::kNurse
                                                                 : Profession::kOther;
    }
  }
}

// Care guarantee 0-3-90-90 (HSF 2017:80 6 kap.): most waits within the limit, some still open at
// coverage_to, a few with days the patient chose to wait.
void PatientModel::DrawWaits(const Person& person, Date until, PatientRecord& record) {
  if (person.municipality < 0) return;  // they wait in their own region
  const int span = until - from_;
  if (span < 0) return;
  const int count = random_.CountWithMean(0.35 * (span + 1) / 365.25);
  for (int i = 0; i < count; ++i) {
    Wait wait{};
    const double s = random_.Uniform();
    wait.step = s < 0.3    ? WaitStep::kContact
                : s < 0.55 ? WaitStep::kAssessment
                : s < 0.82 ? WaitStep::kFirstVisit
                           : WaitStep::kTreatment;
    int length = 0;
    switch (wait.step) {
      case WaitStep::kContact:
        length = random_.Chance(0.9) ? 0 : random_.Between(1, 2);
        break;
      case WaitStep::kAssessment:
        length = random_.Chance(0.87) ? random_.Between(0, 3) : random_.Between(4, 14);
        break;
      case WaitStep::kFirstVisit:
      case WaitStep::kTreatment:
        length = random_.Chance(0.86) ? random_.Between(3, 90) : random_.Between(91, 240);
        wait.chosen_days = random_.Chance(0.07) ? random_.Between(5, 40) : 0;
        break;
    }
    wait.start = from_ + random_.Between(0, span);
    wait.end = wait.start + length + wait.chosen_days;
    if (wait.step == WaitStep::kContact || wait.step == WaitStep::kAssessment) {
      wait.unit = person.health_center;
    } else {
      const double u = random_.Uniform();
      wait.unit = u < 0.4 ? kOrthopaedics : u < 0.75 ? kSurgery : kMedicine;
    }
    if (wait.end > until) {
      if (until != to_) continue;  // the patient died waiting: no row
      wait.end = kNoDate;
    }
    record.waits.push_back(wait);
  }
}

// The mobile care team (seed 000) enrols some old patients with repeated acute stays, soon after
// one of them: at their worst, which is why a naive before/after comparison flatters it.
void PatientModel::DrawEnrollment(const Person& person, Date death, PatientRecord& record) {
  if (AgeOn(person.birth, from_) < 65) return;
  int acute = 0;
  Date second_acute = kNoDate;
  for (const Stay& stay : record.stays) {
    if (!stay.acute || stay.discharged == kNoDateTime) continue;
    if (++acute == 2) second_acute = DateOf(stay.discharged);
  }
  if (acute < 2 || !random_.Chance(0.02)) return;
  const Date start = second_acute + random_.Between(3, 21);
  Date end = random_.Chance(0.3) ? start + random_.Between(60, 300) : kNoDate;
  if (death != kNoDate && (end == kNoDate || end > death)) end = death;
  if (start > to_ || (death != kNoDate && start >= death)) return;
  if (end != kNoDate && end > to_) end = kNoDate;
  record.enrollment = Enrollment{start, end};
}

}  // namespace nara::synth
