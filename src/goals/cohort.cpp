// Programme before/after with a matched comparison group (docs/cohort.md).
#include "goals/cohort.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "indicators/groups.hpp"

namespace nara::goals {
namespace {

constexpr uint16_t kNoMunicipality = std::numeric_limits<uint16_t>::max();

// Per-patient ranges into the stays and contacts (both sorted by patient).
struct PatientIndex {
  std::vector<uint32_t> stay_begin;
  std::vector<uint32_t> contact_begin;

  explicit PatientIndex(const model::Extract& x)
      : stay_begin(x.patients.size() + 1, 0), contact_begin(x.patients.size() + 1, 0) {
    for (uint32_t p : x.stays.patient) ++stay_begin[p + 1];
    for (uint32_t p : x.contacts.patient) ++contact_begin[p + 1];
    for (size_t i = 1; i < stay_begin.size(); ++i) {
      stay_begin[i] += stay_begin[i - 1];
      contact_begin[i] += contact_begin[i - 1];
    }
  }
};

WindowUse UseIn(const model::Extract& x, const PatientIndex& index, uint32_t patient, Date from,
                Date to) {
  WindowUse use;
  for (uint32_t i = index.stay_begin[patient]; i < index.stay_begin[patient + 1]; ++i) {
    const Date day = DateOf(x.stays.admitted_at[i]);
    if (day >= from && day <= to && x.stays.admission_kind[i] == model::AdmissionKind::kAcute) {
      ++use.acute_admissions;
    }
  }
  for (uint32_t i = index.contact_begin[patient]; i < index.contact_begin[patient + 1]; ++i) {
    const Date day = DateOf(x.contacts.at[i]);
    if (day >= from && day <= to && x.contacts.emergency[i] == 1) ++use.emergency_visits;
  }
  return use;
}

// The matching key of a patient on a day: sex, age group, municipality of residence (latest
// stay admitted before the day, else latest contact), prior-use bucket.
struct MatchKey {
  model::Sex sex;
  std::string age_group;
  uint16_t municipality;
  int prior_use;
  bool operator==(const MatchKey&) const = default;
};

// Sex from the identity number, else from the patient's stays (register extracts with
// pseudonymised patient columns carry sex and birth date as columns).
model::Sex SexOf(const model::Extract& x, const PatientIndex& index, uint32_t patient) {
  if (x.patients.sex[patient] != model::Sex::kUnknown) return x.patients.sex[patient];
  for (uint32_t i = index.stay_begin[patient]; i < index.stay_begin[patient + 1]; ++i) {
    if (x.stays.sex[i] != model::Sex::kUnknown) return x.stays.sex[i];
  }
  return model::Sex::kUnknown;
}

std::string AgeGroupOn(const model::Extract& x, const PatientIndex& index, uint32_t patient,
                       Date day) {
  Date birth = x.patients.birth_date[patient];
  for (uint32_t i = index.stay_begin[patient];
       birth == kNoDate && i < index.stay_begin[patient + 1]; ++i) {
    birth = x.stays.birth_date[i];
  }
  if (birth != kNoDate) return AgeGroupOf(AgeOn(birth, day));
  // No birth date: the `age` column of the latest stay, aged by the years since then.
  for (uint32_t i = index.stay_begin[patient + 1]; i > index.stay_begin[patient]; --i) {
    if (x.stays.age[i - 1] >= 0) {
      const int years = (day - DateOf(x.stays.admitted_at[i - 1])) / 365;
      return AgeGroupOf(x.stays.age[i - 1] + std::max(0, years));
    }
  }
  return "unknown";
}

uint16_t MunicipalityOn(const model::Extract& x, const PatientIndex& index, uint32_t patient,
                        Date day) {
  uint16_t found = kNoMunicipality;
  for (uint32_t i = index.stay_begin[patient]; i < index.stay_begin[patient + 1]; ++i) {
    if (DateOf(x.stays.admitted_at[i]) < day) found = x.stays.municipality[i];
  }
  if (found != kNoMunicipality) return found;
  for (uint32_t i = index.contact_begin[patient]; i < index.contact_begin[patient + 1]; ++i) {
    if (DateOf(x.contacts.at[i]) < day) found = x.contacts.municipality[i];
  }
  return found;
}

int64_t Total(const WindowUse& use) { return use.emergency_visits + use.acute_admissions; }

Interval MeanInterval(const std::vector<double>& values, double& mean) {
  const double n = static_cast<double>(values.size());
  mean = 0;
  if (values.empty()) return {0, 0};
  for (double v : values) mean += v;
  mean /= n;
  double squares = 0;
  for (double v : values) squares += (v - mean) * (v - mean);
  const double sd = values.size() > 1 ? std::sqrt(squares / (n - 1)) : 0;
  const double half = kZ95 * sd / std::sqrt(n);
  return {mean - half, mean + half};
}

template <typename Field>
MeasureSummary Summarise(const std::vector<const CohortMember*>& members, Field field) {
  MeasureSummary s;
  std::vector<double> differences;
  for (const CohortMember* m : members) {
    const int64_t before = field(m->before);
    const int64_t after = field(m->after);
    s.total_before += before;
    s.total_after += after;
    differences.push_back(static_cast<double>(after - before));
  }
  if (members.empty()) return s;
  const double n = static_cast<double>(members.size());
  s.mean_before = static_cast<double>(s.total_before) / n;
  s.mean_after = static_cast<double>(s.total_after) / n;
  s.difference_interval = MeanInterval(differences, s.mean_difference);
  return s;
}

template <typename Field>
DiffInDiff DifferenceInDifferences(const CohortResult& r, Field field) {
  std::vector<double> values;
  for (const CohortMember& m : r.members) {
    if (m.control < 0) continue;
    const CohortMember& c = r.controls[static_cast<size_t>(m.control)];
    values.push_back(static_cast<double>((field(m.after) - field(m.before)) -
                                         (field(c.after) - field(c.before))));
  }
  DiffInDiff did;
  did.pairs = static_cast<int64_t>(values.size());
  did.interval = MeanInterval(values, did.estimate);
  return did;
}

}  // namespace

const char* AgeGroupOf(int age) { return indicators::AgeGroupName(std::max(0, age)); }

int PriorUseBucket(int64_t use) {
  if (use <= 2) return static_cast<int>(use);
  if (use <= 4) return 3;
  if (use <= 7) return 4;
  return 5;
}

Result<CohortResult> AnalyseProgramme(const model::Extract& x, const CohortOptions& options) {
  if (options.window_days < 1) return UsageError("--window must be at least 1 day");
  const uint32_t code = x.programmes.Find(options.programme);
  if (code == UINT32_MAX || code == 0) {
    std::vector<std::string> names(x.programmes.names().begin() + 1, x.programmes.names().end());
    return NotFound(fmt::format(
        "programme \"{}\" is not in the extract's enrollments.csv "
        "(programmes there: {})",
        options.programme, names.empty() ? "none" : fmt::format("{}", fmt::join(names, ", "))));
  }
  CohortResult r;
  r.programme = options.programme;
  r.window_days = options.window_days;
  const int w = options.window_days;
  // First enrolment per patient: a patient enrolled twice is analysed from the first start.
  std::vector<Date> first_start(x.patients.size(), kNoDate);
  for (const auto& e : x.enrollments) {
    if (e.programme != code) continue;
    Date& start = first_start[e.patient];
    if (start == kNoDate || e.start < start) start = e.start;
  }
  const PatientIndex index(x);
  auto key_of = [&](uint32_t patient, Date day, const WindowUse& before) {
    return MatchKey{SexOf(x, index, patient), AgeGroupOn(x, index, patient, day),
                    MunicipalityOn(x, index, patient, day), PriorUseBucket(Total(before))};
  };
  std::vector<bool> used(x.patients.size(), false);
  for (uint32_t p = 0; p < x.patients.size(); ++p) {
    const Date s = first_start[p];
    if (s == kNoDate) continue;
    ++r.enrolled;
    if (s - w < x.manifest.coverage_from || s + w - 1 > x.manifest.coverage_to) {
      ++r.outside_coverage;
      continue;
    }
    CohortMember m{p, s, UseIn(x, index, p, s - w, s - 1), UseIn(x, index, p, s, s + w - 1), -1};
    const MatchKey key = key_of(p, s, m.before);
    // The first unused never-enrolled patient (in pseudonym order) with the same key.
    for (uint32_t c = 0; c < x.patients.size(); ++c) {
      if (used[c] || first_start[c] != kNoDate || SexOf(x, index, c) != key.sex) continue;
      const WindowUse before = UseIn(x, index, c, s - w, s - 1);
      if (PriorUseBucket(Total(before)) != key.prior_use) continue;
      if (!(key_of(c, s, before) == key)) continue;
      used[c] = true;
      m.control = static_cast<int64_t>(r.controls.size());
      r.controls.push_back({c, s, before, UseIn(x, index, c, s, s + w - 1), -1});
      break;
    }
    r.members.push_back(m);
  }
  auto emergency = [](const WindowUse& u) { return u.emergency_visits; };
  auto admissions = [](const WindowUse& u) { return u.acute_admissions; };
  std::vector<const CohortMember*> all, matched, controls;
  for (const CohortMember& m : r.members) {
    all.push_back(&m);
    if (m.control >= 0) {
      matched.push_back(&m);
      controls.push_back(&r.controls[static_cast<size_t>(m.control)]);
    }
  }
  r.emergency = Summarise(all, emergency);
  r.admissions = Summarise(all, admissions);
  r.emergency_matched = Summarise(matched, emergency);
  r.admissions_matched = Summarise(matched, admissions);
  r.control_emergency = Summarise(controls, emergency);
  r.control_admissions = Summarise(controls, admissions);
  r.did_emergency = DifferenceInDifferences(r, emergency);
  r.did_admissions = DifferenceInDifferences(r, admissions);
  return r;
}

}  // namespace nara::goals
