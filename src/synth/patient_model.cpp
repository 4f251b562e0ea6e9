// Draws one synthetic patient at a time. The rates below are tuned so that Nära's indicators on
// the output look like a Swedish region's (the seeds' orders of magnitude): about half the stays
// of patients 65+, unplanned readmission within 30 days 16-20 % at 65+ and ~10 % below, ~25 %
// planned stays, ~3 % transfers and ~3 % deaths among the old, ~35 % linked stays, a quarter of
// stays with a discharge-ready notice (half go home on day 0 or 1, mean about 2 days).
#include "synth/patient_model.hpp"

#include <algorithm>
#include <iterator>

namespace nara::synth {
namespace {

// Every patient's stays form a renewal process with memoryless gaps started this long before
// coverage_from, so stays are spread evenly over the coverage and its first months already hold
// readmissions; stays discharged before coverage_from are not written.
constexpr int kWarmUpDays = 365;
constexpr int kOldestAge = 104;

struct Weighted {
  const char* code;
  int weight;
};

// Main diagnoses (ICD-10-SE) by clinic and admission kind. Medicine carries most of the chronic
// conditions on the avoidable-care list (data/reference/acsc_chronic.csv: I50, J44, E11.6, I10,
// I20, J45, D50), some 6 % of all stays (600-800 avoidable stays per 100 000 a year).
constexpr Weighted kMedicineAcute[] = {
    {"I50.9", 5}, {"J44.1", 3}, {"E11.6", 1}, {"I10", 1},   {"I20.9", 1},  {"J45.9", 1},
    {"D50.9", 1}, {"J18.9", 12}, {"N39.0", 8}, {"A41.9", 6}, {"I63.9", 8}, {"I48.9", 10},
    {"R07.4", 12}, {"R55.9", 6}, {"E87.1", 4}, {"I21.4", 8}, {"K92.2", 4}};
constexpr Weighted kMedicinePlanned[] = {{"I48.9", 3}, {"C34.9", 3}, {"D50.9", 1},
                                         {"E11.6", 1}, {"N18.5", 2}, {"I50.9", 1}};
constexpr Weighted kSurgeryAcute[] = {{"K35.8", 6}, {"K80.0", 5}, {"K56.6", 4},
                                      {"K57.3", 4}, {"R10.4", 8}, {"K85.9", 3}};
constexpr Weighted kSurgeryPlanned[] = {{"K80.2", 6}, {"C18.9", 3}, {"K40.9", 3}, {"C50.9", 3}};
constexpr Weighted kOrthopaedicsAcute[] = {{"S72.0", 8}, {"S72.1", 4}, {"S82.6", 3},
                                           {"S52.5", 2}, {"S32.0", 2}, {"M54.5", 2}};
constexpr Weighted kOrthopaedicsPlanned[] = {{"M16.1", 5}, {"M17.1", 5}, {"M19.0", 1},
                                             {"T84.0", 1}};
constexpr Weighted kGeriatricDiagnoses[] = {{"R26.8", 4}, {"I50.9", 4}, {"N39.0", 4}, {"F03.9", 3},
                                    {"J18.9", 4}, {"E86.9", 2}, {"R41.0", 2}, {"J44.1", 1}};
constexpr Weighted kPsychiatricDiagnoses[] = {{"F32.1", 5}, {"F20.0", 4}, {"F10.2", 4}, {"F41.1", 2},
                                     {"F31.3", 2}, {"F43.2", 2}, {"F60.3", 1}};
constexpr const char* kOtherDiagnoses[] = {"I10",   "E11.9", "I48.9", "N18.3", "E78.0",
                                           "F03.9", "J44.9", "Z95.1", "M81.9"};

template <size_t N>
const char* Pick(Random& random, const Weighted (&table)[N]) {
  int total = 0;
  for (const Weighted& w : table) total += w.weight;
  int roll = random.Between(0, total - 1);
  for (const Weighted& w : table) {
    if (roll < w.weight) return w.code;
    roll -= w.weight;
  }
  return table[N - 1].code;
}

// Minutes after midnight.
constexpr int kNoon = 12 * 60;

// Day of the week, 0 = Monday (1970-01-01 was a Thursday).
int Weekday(Date day) { return ((day % 7) + 7 + 3) % 7; }

// Sorts a few events by time, stably, without allocating (std::stable_sort may).
void SortByTime(std::vector<Event>& events, size_t begin) {
  for (size_t i = begin + 1; i < events.size(); ++i) {
    const Event moving = events[i];
    size_t j = i;
    while (j > begin && events[j - 1].at > moving.at) {
      events[j] = events[j - 1];
      --j;
    }
    events[j] = moving;
  }
}

}  // namespace

struct PatientModel::StayPlan {
  DateTime admitted;
  DateTime discharged;  // planned, even when after coverage_to
  bool linked;          // the municipality and primary care were notified (2 kap. 1 §)
  bool ready;
  bool revoked;    // the first ready period was revoked (the patient got worse)
  bool duplicate;  // a second ready notice inside the open period
  DateTime notices[2];  // the ready notices; equal unless revoked
  DateTime revoked_at;
  DateTime duplicate_at;
};

PatientModel::PatientModel(const Region& region, Date coverage_from, Date coverage_to,
                           uint64_t seed)
    : region_(region),
      from_(coverage_from),
      to_(coverage_to),
      random_(seed),
      identities_(coverage_from - (kOldestAge + 2) * 366, coverage_from) {}

void PatientModel::Next(int64_t max_stays, PatientRecord& record) {
  do {
    record.stays.clear();
    record.events.clear();
    record.contacts.clear();
    record.waits.clear();
    record.enrollment = Enrollment{};
    DrawPerson(record.person);
    Date death = kNoDate;
    DrawStays(max_stays, record, death);
    if (record.stays.empty()) continue;
    const Date until = death != kNoDate ? death : to_;
    DrawContacts(record.person, until, record);
    DrawWaits(record.person, until, record);
    DrawEnrollment(record.person, death, record);
  } while (record.stays.empty());
}

void PatientModel::DrawPerson(Person& person) {
  person = Person{};
  person.male = random_.Chance(0.48);
  const double u = random_.Uniform();
  const int age = u < 0.10   ? random_.Between(0, 17)
                  : u < 0.67 ? random_.Between(18, 64)
                  : u < 0.85 ? random_.Between(65, 79)
                             : 80 + std::min(kOldestAge - 80, random_.Geometric(6.0));
  const Date birth = from_ - age * 365 - age / 4 - random_.Between(0, 364);
  if (random_.Chance(0.98)) {
    const double w = random_.Uniform();
    const auto& cumulative = region_.cumulative_weight;
    const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), w);
    person.municipality = std::min(static_cast<int>(it - cumulative.begin()),
                                   static_cast<int>(cumulative.size()) - 1);
    const OwnMunicipality& m = region_.municipalities[static_cast<size_t>(person.municipality)];
    person.health_center = m.first_center + random_.Between(0, m.centers - 1);
  } else {
    person.other_municipality = static_cast<int>(random_.Index(region_.other_codes.size()));
  }
  person.parish = random_.Between(1, 4);
  person.psychiatric = age >= 18 && age < 80 && random_.Chance(0.10);
  person.frequent = random_.Chance(age >= 65 ? 0.15 : 0.03);
  const bool coordination = random_.Chance(0.01);
  const bool wrong_check_digit = random_.Chance(0.0005);
  person.birth = identities_.Assign(birth, person.male, coordination, wrong_check_digit,
                                    person.identity);
}

int PatientModel::DrawClinic(const Person& person, bool acute, int age) {
  if (person.psychiatric && random_.Chance(0.85)) return kPsychiatry;
  const double u = random_.Uniform();
  if (!acute) return u < 0.4 ? kSurgery : u < 0.8 ? kOrthopaedics : kMedicine;
  if (u < 0.15) return kSurgery;
  if (u < (age >= 65 ? 0.29 : 0.27)) return kOrthopaedics;
  if (age >= 75 && u > 0.80) return kGeriatrics;
  return kMedicine;
}

const char* PatientModel::DrawDiagnosis(int clinic, bool acute) {
  switch (clinic) {
    case kSurgery: return acute ? Pick(random_, kSurgeryAcute) : Pick(random_, kSurgeryPlanned);
    case kOrthopaedics:
      return acute ? Pick(random_, kOrthopaedicsAcute) : Pick(random_, kOrthopaedicsPlanned);
    case kGeriatrics: return Pick(random_, kGeriatricDiagnoses);
    case kPsychiatry: return Pick(random_, kPsychiatricDiagnoses);
    default: return acute ? Pick(random_, kMedicineAcute) : Pick(random_, kMedicinePlanned);
  }
}

void PatientModel::DrawStays(int64_t max_stays, PatientRecord& record, Date& death) {
  const Person& person = record.person;
  const bool resident = person.municipality >= 0;
  const int home_hospital =
      resident ? region_.municipalities[static_cast<size_t>(person.municipality)].hospital
               : region_.central_hospital;
  const int hospitals = static_cast<int>(region_.hospitals.size());
  auto draw_hospital = [&] {
    return random_.Chance(0.8) ? home_hospital : region_.central_hospital;
  };
  const int age_at_start = AgeOn(person.birth, from_);
  // Mean days between care episodes: the patient's own pace of inpatient care.
  const double gap = person.psychiatric ? 330
                     : person.frequent  ? 120
                     : age_at_start >= 80 ? 480
                     : age_at_start >= 65 ? 650
                                          : 1400;
  // Some patients start their inpatient care during the coverage: they replace those who die,
  // so the number of stays per year stays level.
  const Date entry = random_.Chance(age_at_start >= 65 ? 0.12 : 0.04)
                         ? from_ + random_.Between(0, to_ - from_)
                         : from_ - kWarmUpDays;
  Date day = entry + random_.Geometric(gap);
  bool acute = random_.Chance(0.75);
  int hospital = draw_hospital();
  Place admitted_from = Place::kHome;
  bool special_housing = age_at_start >= 80 && random_.Chance(0.06);
  if (special_housing) admitted_from = Place::kSpecialHousing;
  int transfer_clinic = -1;  // the clinic of the stay that transferred the patient here
  DateTime earliest = kNoDateTime;  // a transfer is admitted after the previous discharge
  while (day <= to_ && static_cast<int64_t>(record.stays.size()) < max_stays) {
    const int age = AgeOn(person.birth, day);
    const int clinic = transfer_clinic >= 0 && random_.Chance(0.5)
                           ? transfer_clinic
                           : DrawClinic(person, acute, age);
    const bool psychiatric = clinic == kPsychiatry;
    // Planned care is admitted on weekdays in the morning; acute care mostly in the daytime.
    if (!acute && transfer_clinic < 0) {
      const int weekday = Weekday(day);
      if (weekday >= 5) day += 7 - weekday;
      if (day > to_) break;
    }
    int minute = !acute                   ? random_.Between(7 * 60, 10 * 60)
                 : random_.Chance(0.72) ? random_.Between(8 * 60, 21 * 60)
                                        : random_.Between(0, 24 * 60 - 1);
    DateTime admitted = StartOf(day) + minute;
    if (earliest != kNoDateTime && admitted < earliest) admitted = earliest;
    const Date admission_day = DateOf(admitted);
    if (admission_day > to_) break;
    // How the stay ends is decided first: the dying and the transferred get no ready notice.
    const double death_risk = psychiatric ? 0.002 : age >= 80 ? 0.045 : age >= 65 ? 0.02 : 0.003;
    const bool dies = random_.Chance(death_risk);
    const bool transfer = !dies && !psychiatric && transfer_clinic < 0 && hospitals > 1 &&
                          random_.Chance(0.035);
    StayPlan plan{};
    plan.admitted = admitted;
    plan.linked = random_.Chance(psychiatric ? 0.22 : age >= 65 ? 0.5 : 0.18);
    plan.ready = !dies && !transfer && random_.Chance(plan.linked ? 0.65 : 0.05);
    int medical = psychiatric ? 2 + random_.Geometric(16.0)
                              : random_.Geometric(age >= 65 ? 5.0 : 3.6);
    int ready_days = 0, revoked_days = 0, relapse_days = 0;
    if (plan.ready) {
      medical = std::max(medical, 1);
      const double r = random_.Uniform();
      ready_days = r < 0.27   ? 0
                   : r < 0.52 ? 1
                   : random_.Chance(0.05) ? random_.Between(7, 30)
                                          : std::min(30, 2 + random_.Geometric(1.6));
      plan.revoked = random_.Chance(0.05);
      if (plan.revoked) {
        revoked_days = random_.Between(0, 3);
        relapse_days = random_.Between(1, 6);
      }
      plan.duplicate = ready_days >= 1 && random_.Chance(0.01);
    }
    const Date discharge_day =
        admission_day + medical + revoked_days + relapse_days + ready_days;
    DateTime discharged = StartOf(discharge_day) + random_.Between(9 * 60, 18 * 60);
    if (plan.ready) {
      auto notice_time = [&](Date notice_day) {
        const double t = random_.Uniform();
        return StartOf(notice_day) + (t < 0.03   ? kNoon
                                      : t < 0.06 ? kNoon + 1
                                                 : random_.Between(7 * 60, 17 * 60));
      };
      const Date last_notice_day = discharge_day - ready_days;
      if (plan.revoked) {
        const Date first_notice_day = last_notice_day - relapse_days - revoked_days;
        plan.notices[0] = notice_time(first_notice_day);
        plan.revoked_at = std::max(plan.notices[0] + 60,
                                   StartOf(first_notice_day + revoked_days) +
                                       random_.Between(8 * 60, 18 * 60));
        plan.notices[1] = std::max(plan.revoked_at + 60, notice_time(last_notice_day));
      } else {
        plan.notices[0] = notice_time(last_notice_day);
        plan.notices[1] = plan.notices[0];
      }
      discharged = std::max(discharged, plan.notices[1] + random_.Between(30, 240));
    }
    discharged = std::max(discharged, admitted + random_.Between(120, 360));
    if (plan.duplicate) {
      plan.duplicate_at = plan.notices[1] + random_.Between(60, ready_days * 24 * 60 - 60);
      plan.duplicate = plan.duplicate_at < discharged;
    }
    plan.discharged = discharged;
    const Date out_day = DateOf(discharged);
    const bool open = out_day > to_;
    Place discharged_to = Place::kHome;
    if (dies) {
      discharged_to = Place::kDeceased;
    } else if (transfer) {
      discharged_to = Place::kOtherHospital;
    } else if (special_housing ||
               random_.Chance(age >= 80 ? 0.07 : age >= 65 ? 0.03 : 0.0)) {
      discharged_to = Place::kSpecialHousing;
    }
    if (out_day >= from_) {
      Stay stay;
      stay.number = next_episode_++;
      stay.admitted = admitted;
      stay.discharged = open ? kNoDateTime : discharged;
      stay.hospital = hospital;
      stay.clinic = clinic;
      stay.acute = acute;
      stay.admitted_from = admitted_from;
      stay.discharged_to = open ? Place::kNone : discharged_to;
      stay.main_diagnosis = DrawDiagnosis(clinic, acute);
      // Up to three distinct secondary diagnoses, more for the old.
      const int others = random_.Between(0, age >= 65 ? 3 : 1);
      const size_t first = random_.Index(std::size(kOtherDiagnoses));
      for (int i = 0; i < others; ++i) {
        stay.other_diagnoses[i] =
            kOtherDiagnoses[(first + static_cast<size_t>(i)) % std::size(kOtherDiagnoses)];
      }
      stay.age = AgeOn(person.birth, open ? to_ : out_day);
      record.stays.push_back(stay);
      DrawEvents(plan, record);
    }
    if (open) break;
    if (dies) {
      death = out_day;
      break;
    }
    earliest = kNoDateTime;
    if (transfer) {
      // Another hospital takes over the same day or the next (one care episode).
      hospital = hospital == region_.central_hospital
                     ? (home_hospital != hospital ? home_hospital : (hospital + 1) % hospitals)
                     : region_.central_hospital;
      day = out_day + random_.Between(0, 1);
      earliest = day == out_day ? discharged + random_.Between(30, 180) : kNoDateTime;
      acute = true;
      admitted_from = Place::kOtherHospital;
      transfer_clinic = clinic;
      continue;
    }
    transfer_clinic = -1;
    if (discharged_to == Place::kSpecialHousing) special_housing = true;
    admitted_from = special_housing ? Place::kSpecialHousing : Place::kHome;
    const double readmission = psychiatric      ? 0.15
                               : person.frequent ? 0.30
                               : age >= 65      ? 0.10
                                                : 0.045;
    if (random_.Chance(readmission)) {
      day = out_day + 1 + std::min(29, random_.Geometric(7.0));
      acute = true;
    } else {
      day = out_day + 31 + random_.Geometric(gap);
      acute = random_.Chance(0.67);
    }
    hospital = draw_hospital();
  }
}

// Coordination events of one stay (data contract §1.4; lag 2017:612), none after discharge and
// none after coverage_to, in time order.
void PatientModel::DrawEvents(const StayPlan& plan, PatientRecord& record) {
  std::vector<Event>& events = record.events;
  Stay& stay = record.stays.back();
  const size_t begin = events.size();
  const DateTime admitted = plan.admitted;
  const DateTime discharged = plan.discharged;
  auto inside = [&](DateTime at) { return std::clamp(at, admitted + 1, discharged); };
  if (plan.linked) {
    // 2 kap. 1-3 §: the notice is due within 24 h; most are sent in time, a few exactly at the
    // limit or one minute past it.
    const double u = random_.Uniform();
    const int minutes = u < 0.02   ? 24 * 60
                        : u < 0.04 ? 24 * 60 + 1
                        : u < 0.88 ? random_.Between(10, 24 * 60 - 1)
                                   : random_.Between(24 * 60 + 2, 3 * 24 * 60);
    const DateTime notice = std::min(admitted + minutes, discharged);
    events.push_back({notice, EventKind::kAdmissionNotice});
    if (random_.Chance(0.7)) {
      events.push_back(
          {inside(notice + random_.Between(30, 2 * 24 * 60)), EventKind::kFixedCareContact});
    }
  }
  if (plan.ready) {
    events.push_back({plan.notices[0], EventKind::kReadyNotice});
    if (plan.revoked) {
      events.push_back({plan.revoked_at, EventKind::kReadyRevoked});
      events.push_back({plan.notices[1], EventKind::kReadyNotice});
    }
    if (plan.duplicate) events.push_back({plan.duplicate_at, EventKind::kReadyNotice});
    // 4 kap. 3 §: the SIP invitation is due within 3 days of the ready notice.
    if (random_.Chance(plan.linked ? 0.55 : 0.2)) {
      const int delay = random_.Chance(0.85) ? random_.Between(30, 3 * 24 * 60)
                                             : random_.Between(3 * 24 * 60 + 1, 6 * 24 * 60);
      const DateTime invitation = inside(plan.notices[1] + delay);
      events.push_back({invitation, EventKind::kSipInvitation});
      if (random_.Chance(0.75)) {
        const DateTime held = inside(invitation + random_.Between(24 * 60, 4 * 24 * 60));
        events.push_back({held, EventKind::kSipHeld});
        if (random_.Chance(0.15)) {
          events.push_back({inside(held + random_.Between(60, 24 * 60)),
                            EventKind::kSipFollowup});
        }
      }
    }
  }
  if (plan.linked && stay.discharged_to != Place::kDeceased) {
    if (random_.Chance(0.7)) {
      events.push_back(
          {inside(discharged - random_.Between(60, 2 * 24 * 60)), EventKind::kDischargePlan});
    }
    // 3 kap. 2 §: information no later than the discharge day.
    if (random_.Chance(0.9)) {
      events.push_back({inside(discharged - random_.Between(0, 180)), EventKind::kInformationSent});
    }
  }
  SortByTime(events, begin);
  // A stay still open at coverage_to keeps only what had happened by then.
  const DateTime cut = StartOf(to_ + 1) - 1;
  while (events.size() > begin && events.back().at > cut) events.pop_back();
  stay.first_event = static_cast<uint32_t>(begin);
  stay.events = static_cast<uint32_t>(events.size() - begin);
}

}  // namespace nara::synth
