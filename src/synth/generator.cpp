// The synthetic extract generator: patients one at a time, each with stays, coordination
// events, contacts and waits drawn to match the seeds' orders of magnitude.
#include "synth/generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_set>
#include <vector>

#include "synth/random.hpp"
#include "synth/table_sink.hpp"

namespace nara::synth {
namespace {

namespace fs = std::filesystem;

struct Municipality {
  std::string code;
  std::string name;
  std::string area;
  int hospital;  // index into kHospitals: the nearest one
};

constexpr std::array<const char*, 3> kHospitals = {"Västerviks sjukhus", "Oskarshamns sjukhus",
                                                   "Länssjukhuset i Kalmar"};
constexpr std::array<const char*, 3> kAreas = {"norra", "mellersta", "södra"};

struct Clinic {
  const char* name;
  int mvo;
};
constexpr Clinic kMedicine{"Medicin", 101};
constexpr Clinic kSurgery{"Kirurgi", 201};
constexpr Clinic kOrthopaedics{"Ortopedi", 301};
constexpr Clinic kGeriatrics{"Geriatrik", 107};
constexpr Clinic kPsychiatry{"Psykiatri", 931};

// Main diagnoses: about 6 % on the chronic ACSC list (avoidable care for the chronically ill is
// some 500-700 stays per 100 000 a year), the rest not.
constexpr std::array<const char*, 7> kChronicDiagnoses = {"I50.9", "J44.1", "E11.9", "I10.9",
                                                         "I20.9", "J45.9", "D50.9"};
constexpr std::array<const char*, 9> kDiagnoses = {"S72.0", "K80.2", "R07.4", "J18.9", "N39.0",
                                                   "A41.9", "I63.9", "K35.8", "R55.9"};
constexpr std::array<const char*, 4> kPsychiatricDiagnoses = {"F32.1", "F20.0", "F10.2", "F41.1"};

struct Person {
  char pnr[13];
  bool male;
  Date birth;
  int municipality;  // index into the region's municipalities, or -1 (other county)
  std::string other_municipality;
  bool psychiatric;
  bool high_use;
};

struct Event {
  DateTime at;
  const char* canonical;
  const char* swedish;
};

struct Fault {
  std::string file;
  int64_t line;
  std::string column;
  std::string code;
};

class Generator {
 public:
  explicit Generator(const SynthOptions& options) : o_(options), rng_(options.seed) {}
  Status Run();

 private:
  Status LoadMunicipalities();
  Status OpenSinks();
  Person MakePerson();
  Status Patient();
  Status WriteStay(const Person& person, int index_in_patient, DateTime admitted,
                   DateTime discharged, bool acute, const Clinic& clinic, int hospital,
                   const char* discharged_to, bool open);
  void Events(const std::string& episode, DateTime admitted, DateTime discharged, bool open,
              bool old, int ready_days);
  Status Contacts(const Person& person, Date until);
  Status Waits(const Person& person, Date until);
  Status Population();
  Status Municipalities();
  Status Faults();
  Status Manifest();

  bool reg() const { return o_.dialect == Dialect::kRegister; }
  std::string DateText(Date date) const {
    const CivilDate c = CivilFromDays(date);
    return reg() ? fmt::format("{:04d}{:02d}{:02d}", c.year, c.month, c.day) : FormatDate(date);
  }
  // Register extracts give dates only for stays; the canonical form has times.
  std::string StayTime(DateTime at) const {
    return reg() ? DateText(DateOf(at)) : FormatDateTime(at);
  }
  std::string PatientText(const Person& person) const;
  std::string MunicipalityText(const Person& person) const;
  std::string HealthCenter(const Person& person) const;

  const SynthOptions& o_;
  Random rng_;
  std::vector<Municipality> region_;
  std::vector<std::string> other_codes_;
  TableSink episodes_, coordination_, contacts_, waits_, enrollments_;
  int64_t stays_written_ = 0;
  int64_t episode_counter_ = 0, contact_counter_ = 0, wait_counter_ = 0;
  std::unordered_set<uint64_t> used_numbers_;
  std::vector<Event> events_;
  // Population basis: (year, municipality, sex, band) -> persons.
  std::map<std::tuple<int, int, int, int>, int64_t> persons_;
  int64_t patients_ = 0;
  std::string first_stay_patient_;
  std::string first_stay_admitted_;
  std::string first_stay_place_;  // hospital and clinic fields of the first stay
  std::vector<Fault> faults_;
};

int Band(int age) { return age <= 17 ? 0 : age <= 64 ? 1 : age <= 79 ? 2 : 3; }

void FillCheckDigit(char* pnr, bool wrong) {
  int sum = 0;
  for (int i = 0; i < 9; ++i) {
    int product = (pnr[2 + i] - '0') * (i % 2 == 0 ? 2 : 1);
    sum += product / 10 + product % 10;
  }
  int check = (10 - sum % 10) % 10;
  if (wrong) check = (check + 1) % 10;
  pnr[11] = static_cast<char>('0' + check);
  pnr[12] = '\0';
}

Status Generator::LoadMunicipalities() {
  const std::string path = (fs::path(o_.reference_dir) / "municipalities.csv").string();
  std::ifstream in(path);
  if (!in) return IoError(fmt::format("{}: cannot read the municipality list", path));
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    std::string code, name, county;
    std::getline(fields, code, ',');
    std::getline(fields, name, ',');
    std::getline(fields, county, ',');
    if (!county.empty() && county.back() == '\r') county.pop_back();
    if (county == o_.county) {
      region_.push_back({code, name, "", 0});
    } else {
      other_codes_.push_back(code);
    }
  }
  if (region_.empty()) {
    return UsageError(fmt::format("--county {}: no municipality has that county code", o_.county));
  }
  for (size_t i = 0; i < region_.size(); ++i) {
    const size_t third = std::min<size_t>(2, i * 3 / region_.size());
    region_[i].area = kAreas[third];
    region_[i].hospital = static_cast<int>(third);
  }
  return Status::Ok();
}

std::string Generator::PatientText(const Person& person) const {
  if (!reg()) return person.pnr;
  const CivilDate today = CivilFromDays(o_.coverage_to + 20);
  const int birth_year = CivilFromDays(person.birth).year;
  const char separator = today.year - birth_year >= 100 ? '+' : '-';
  return fmt::format("{}{}{}", std::string_view(person.pnr + 2, 6), separator,
                     std::string_view(person.pnr + 8, 4));
}

std::string Generator::MunicipalityText(const Person& person) const {
  const std::string& code = person.municipality >= 0
                                ? region_[static_cast<size_t>(person.municipality)].code
                                : person.other_municipality;
  return reg() ? code + "01" : code;  // LKF: kommun + församling
}

std::string Generator::HealthCenter(const Person& person) const {
  if (person.municipality < 0) return "";
  return "VC " + region_[static_cast<size_t>(person.municipality)].name;
}

Status Generator::OpenSinks() {
  const bool w = reg();
  const fs::path dir(o_.out_dir);
  NARA_RETURN_IF_ERROR(episodes_.Open((dir / "episodes.csv").string(), w, w));
  NARA_RETURN_IF_ERROR(coordination_.Open((dir / "coordination.csv").string(), w, w));
  NARA_RETURN_IF_ERROR(contacts_.Open((dir / "contacts.csv").string(), w, w));
  NARA_RETURN_IF_ERROR(waits_.Open((dir / "waits.csv").string(), w, w));
  NARA_RETURN_IF_ERROR(enrollments_.Open((dir / "enrollments.csv").string(), w, w));
  episodes_.buffer() +=
      w ? "VTF_ID;PERSONNUMMER;KON;ALDER;LKF;SJUKHUS;KLINIK;MVO;INDATUMA;UTDATUMA;PVARD;INSATT;"
          "UTSATT;HDIA;BDIA;VARDCENTRAL\n"
        : "episode_id,patient,sex,birth_date,age,municipality,hospital,clinic,specialty,care_type,"
          "admitted_at,discharged_at,admission_kind,admitted_from,discharged_to,main_diagnosis,"
          "other_diagnoses,health_center\n";
  coordination_.buffer() += w ? "VTF_ID;HANDELSE;TIDPUNKT\n" : "episode_id,event,at\n";
  contacts_.buffer() +=
      w ? "KONTAKT_ID;PERSONNUMMER;DATUM;NIVA;TYP;YRKE;ENHET;AKUT;KOMMUN\n"
        : "contact_id,patient,at,level,kind,profession,unit,emergency,municipality\n";
  waits_.buffer() += w ? "VANTETID_ID;PERSONNUMMER;KOMMUN;ENHET;STEG;STARTDATUM;SLUTDATUM;"
                         "PATIENTVALD_VANTAN\n"
                       : "wait_id,patient,municipality,unit,step,start,end,patient_chosen_days\n";
  enrollments_.buffer() += w ? "PERSONNUMMER;PROGRAM;STARTDATUM;SLUTDATUM\n"
                             : "patient,programme,start,end\n";
  for (TableSink* sink : {&episodes_, &coordination_, &contacts_, &waits_, &enrollments_}) {
    NARA_RETURN_IF_ERROR(sink->EndRow());
  }
  return Status::Ok();
}

Person Generator::MakePerson() {
  Person person{};
  person.male = rng_.Chance(0.49);
  const double u = rng_.Uniform();
  const int age = u < 0.08 ? rng_.Between(0, 17)
                  : u < 0.45 ? rng_.Between(18, 64)
                  : u < 0.75 ? rng_.Between(65, 79)
                             : rng_.Between(80, 101);
  person.birth = o_.coverage_from - age * 365 - rng_.Between(0, 364);
  if (rng_.Chance(0.98)) {
    person.municipality = rng_.Between(0, static_cast<int>(region_.size()) - 1);
  } else {
    person.municipality = -1;
    person.other_municipality =
        other_codes_[static_cast<size_t>(rng_.Between(0, static_cast<int>(other_codes_.size()) - 1))];
  }
  person.psychiatric = age >= 18 && age < 80 && rng_.Chance(0.08);
  person.high_use = age >= 65 && rng_.Chance(0.15);
  const bool coordination_number = rng_.Chance(0.01);
  const bool wrong_check = rng_.Chance(0.0005);
  const CivilDate birth = CivilFromDays(person.birth);
  while (true) {
    int serial = rng_.Between(0, 99) * 10 + rng_.Between(0, 4) * 2 + (person.male ? 1 : 0);
    if (serial == 0) serial = 2;
    fmt::format_to(person.pnr, "{:04d}{:02d}{:02d}{:03d}", birth.year, birth.month,
                   birth.day + (coordination_number ? 60 : 0), serial);
    FillCheckDigit(person.pnr, wrong_check);
    const uint64_t key = std::stoull(std::string(person.pnr, 12));
    if (used_numbers_.insert(key).second) break;
  }
  return person;
}

// Coordination events of one stay (data contract §1.4), in time order.
void Generator::Events(const std::string& episode, DateTime admitted, DateTime discharged,
                       bool open, bool old, int ready_days) {
  events_.clear();
  const bool linked = rng_.Chance(old ? 0.55 : 0.22);
  if (linked) {
    const double u = rng_.Uniform();
    const int minutes = u < 0.03 ? 24 * 60 : u < 0.05 ? 24 * 60 + 1
                        : u < 0.88 ? rng_.Between(10, 24 * 60 - 1)
                                   : rng_.Between(24 * 60 + 2, 4 * 24 * 60);
    const DateTime at = admitted + minutes;
    if (open || at <= discharged) {
      events_.push_back({at, "admission_notice", "inskrivningsmeddelande"});
    }
  }
  if (!open && ready_days >= 0 && (linked || rng_.Chance(0.1))) {
    const Date discharge_date = DateOf(discharged);
    const Date notice_date = discharge_date - ready_days;
    const double u = rng_.Uniform();
    int minute = u < 0.04 ? 12 * 60 : u < 0.08 ? 12 * 60 + 1 : rng_.Between(8 * 60, 17 * 60);
    DateTime notice = StartOf(notice_date) + minute;
    if (notice <= admitted) notice = admitted + 30;
    if (notice > discharged) notice = discharged;
    if (ready_days >= 3 && rng_.Chance(0.05)) {
      // The patient got worse: revoked the next day, a new notice the day after.
      events_.push_back({notice, "ready_notice", "underrättelse utskrivningsklar"});
      events_.push_back({StartOf(notice_date + 1) + 10 * 60, "ready_revoked",
                         "utskrivningsklar återtagen"});
      events_.push_back({StartOf(notice_date + 2) + 9 * 60, "ready_notice",
                         "underrättelse utskrivningsklar"});
    } else {
      events_.push_back({notice, "ready_notice", "underrättelse utskrivningsklar"});
      if (ready_days >= 2 && rng_.Chance(0.01)) {
        events_.push_back({StartOf(notice_date + 1) + 9 * 60 + 30, "ready_notice",
                           "underrättelse utskrivningsklar"});
      }
    }
    if (rng_.Chance(0.6)) {
      const DateTime at = std::min(discharged, notice + rng_.Between(60, 3 * 24 * 60));
      events_.push_back({at, "sip_invitation", "kallelse till SIP"});
      if (rng_.Chance(0.7)) events_.push_back({at, "sip_held", "SIP upprättad"});
    }
  }
  if (linked && !open) {
    if (rng_.Chance(0.65)) {
      events_.push_back({std::min(discharged, admitted + rng_.Between(120, 3 * 24 * 60)),
                         "fixed_care_contact", "fast vårdkontakt utsedd"});
    }
    if (rng_.Chance(0.7)) {
      events_.push_back({std::max(admitted, discharged - rng_.Between(60, 24 * 60)),
                         "discharge_plan", "utskrivningsplan"});
    }
    if (rng_.Chance(0.2)) {
      events_.push_back({discharged, "sip_followup", "uppföljning av SIP"});
    }
    if (rng_.Chance(0.85)) {
      events_.push_back({discharged, "information_sent", "information överförd"});
    }
  }
  std::stable_sort(events_.begin(), events_.end(),
                   [](const Event& a, const Event& b) { return a.at < b.at; });
  for (const Event& event : events_) {
    if (reg()) {
      fmt::format_to(std::back_inserter(coordination_.buffer()), "{};{};{}\n", episode,
                     event.swedish, FormatDateTime(event.at));
    } else {
      fmt::format_to(std::back_inserter(coordination_.buffer()), "{},{},{}\n", episode,
                     event.canonical, FormatDateTime(event.at));
    }
    (void)coordination_.EndRow();
  }
}

Status Generator::WriteStay(const Person& person, int index_in_patient, DateTime admitted,
                            DateTime discharged, bool acute, const Clinic& clinic, int hospital,
                            const char* discharged_to, bool open) {
  const std::string episode = fmt::format("V{:010d}", ++episode_counter_);
  const bool psychiatric = clinic.mvo >= 900;
  const char* diagnosis =
      psychiatric ? kPsychiatricDiagnoses[static_cast<size_t>(rng_.Between(0, 3))]
      : rng_.Chance(0.06) ? kChronicDiagnoses[static_cast<size_t>(rng_.Between(0, 6))]
                          : kDiagnoses[static_cast<size_t>(rng_.Between(0, 8))];
  const Date discharge_date = open ? o_.coverage_to : DateOf(discharged);
  const int age = AgeOn(person.birth, discharge_date);
  const char* admitted_from = index_in_patient > 0 && rng_.Chance(0.05) ? "other_hospital" : "home";
  std::string& b = episodes_.buffer();
  if (reg()) {
    auto code = [](const char* place) {
      const std::string_view p(place);
      return p == "other_hospital" ? "1" : p == "special_housing" ? "2" : p == "home" ? "3"
             : p == "deceased" ? "4" : "";
    };
    std::string diag(diagnosis);
    diag.erase(std::remove(diag.begin(), diag.end(), '.'), diag.end());
    fmt::format_to(std::back_inserter(b), "{};{};{};{};{};{};{};{};{};{};{};{};{};{};{};{}\n",
                   episode, PatientText(person), person.male ? 1 : 2, age,
                   MunicipalityText(person), kHospitals[static_cast<size_t>(hospital)],
                   clinic.name, clinic.mvo, StayTime(admitted), open ? "" : StayTime(discharged),
                   acute ? 2 : 1, code(admitted_from), open ? "" : code(discharged_to), diag,
                   age >= 70 ? "I10 E119" : "", HealthCenter(person));
  } else {
    fmt::format_to(std::back_inserter(b),
                   "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", episode,
                   PatientText(person), person.male ? "M" : "F", FormatDate(person.birth), age,
                   MunicipalityText(person), kHospitals[static_cast<size_t>(hospital)],
                   clinic.name, clinic.mvo, psychiatric ? "psychiatric" : "somatic",
                   FormatDateTime(admitted), open ? "" : FormatDateTime(discharged),
                   acute ? "acute" : "planned", admitted_from, open ? "" : discharged_to,
                   diagnosis, age >= 70 ? "\"I10 E11.9\"" : "", HealthCenter(person));
  }
  if (stays_written_ == 0) {
    first_stay_patient_ = PatientText(person);
    first_stay_admitted_ = StayTime(admitted);
    first_stay_place_ = fmt::format("{}{}{}", kHospitals[static_cast<size_t>(hospital)],
                                    reg() ? ';' : ',', clinic.name);
  }
  ++stays_written_;
  NARA_RETURN_IF_ERROR(episodes_.EndRow());
  // Ready days: half go home on day 0 or 1 (seed 004's "hem dag 0+1"), a long tail to 30.
  const double u = rng_.Uniform();
  int ready_days = u < 0.28 ? 0 : u < 0.52 ? 1 : std::min(30, 2 + rng_.Geometric(2.2));
  if (!open && DateOf(discharged) - DateOf(admitted) < ready_days) ready_days = -1;
  Events(episode, admitted, discharged, open, age >= 65, ready_days);
  return Status::Ok();
}

Status Generator::Patient() {
  const Person person = MakePerson();
  ++patients_;
  const int age_at_start = AgeOn(person.birth, o_.coverage_from);
  const bool old = age_at_start >= 65;
  const int span = o_.coverage_to - o_.coverage_from;
  Date day = o_.coverage_from + rng_.Between(0, span);
  bool acute = rng_.Chance(0.75);
  int hospital = person.municipality >= 0
                     ? region_[static_cast<size_t>(person.municipality)].hospital
                     : 2;
  const int max_stays = 1 + rng_.Geometric(person.high_use ? 4.0 : old ? 1.6 : 0.9);
  Date death = kNoDate;
  int stays = 0;
  bool transfer_pending = false;
  while (stays < max_stays && stays_written_ < o_.stays && day <= o_.coverage_to) {
    const bool psychiatric = person.psychiatric && rng_.Chance(0.9);
    Clinic clinic = kMedicine;
    if (psychiatric) {
      clinic = kPsychiatry;
    } else if (transfer_pending) {
      clinic = kGeriatrics;
    } else {
      const double c = rng_.Uniform();
      clinic = c < 0.45 ? kMedicine : c < 0.7 ? kSurgery : c < 0.85 ? kOrthopaedics
               : old ? kGeriatrics : kMedicine;
    }
    const DateTime admitted = StartOf(day) + rng_.Between(0, 23) * 60 + rng_.Between(0, 59);
    int length = psychiatric ? 1 + rng_.Geometric(11) : rng_.Geometric(4.2);
    if (stays_written_ == 0) length = std::max(length, 2);  // the overlap fault needs a night
    const Date discharge_day = day + length;
    DateTime discharged = StartOf(discharge_day) + rng_.Between(8, 19) * 60 + rng_.Between(0, 59);
    if (discharged <= admitted) discharged = admitted + 120;
    const bool open = discharge_day > o_.coverage_to;
    const char* discharged_to = "home";
    const double next = rng_.Uniform();
    const bool dies = old && next < 0.03;
    const bool transfer = !dies && !psychiatric && next < 0.06 && next >= 0.03;
    if (dies) {
      discharged_to = "deceased";
    } else if (transfer) {
      discharged_to = "other_hospital";
    } else if (old && rng_.Chance(0.12)) {
      discharged_to = "special_housing";
    }
    NARA_RETURN_IF_ERROR(WriteStay(person, stays, admitted, discharged, acute, clinic, hospital,
                                   discharged_to, open));
    ++stays;
    if (open) break;
    const Date out = DateOf(discharged);
    if (dies) {
      death = out;
      break;
    }
    transfer_pending = transfer;
    if (transfer) {
      hospital = (hospital + 1) % static_cast<int>(kHospitals.size());
      day = out + rng_.Between(0, 1);
      acute = true;
      continue;
    }
    const double readmit = person.high_use ? 0.42 : old ? 0.22 : 0.10;
    if (rng_.Chance(readmit)) {
      day = out + rng_.Between(1, 30);
      acute = true;
    } else {
      day = out + 31 + rng_.Geometric(240);
      acute = rng_.Chance(0.72);
    }
    hospital = person.municipality >= 0
                   ? region_[static_cast<size_t>(person.municipality)].hospital
                   : 2;
  }
  const Date until = death != kNoDate ? death : o_.coverage_to;
  NARA_RETURN_IF_ERROR(Contacts(person, until));
  NARA_RETURN_IF_ERROR(Waits(person, until));
  // The mobile care team enrols some frequent elderly patients (seed 000).
  if (person.high_use && stays >= 3 && rng_.Chance(0.08)) {
    const Date start = o_.coverage_from + rng_.Between(120, std::max(121, span - 120));
    std::string& b = enrollments_.buffer();
    const std::string end = rng_.Chance(0.3) ? DateText(start + rng_.Between(60, 300)) : "";
    const char d = reg() ? ';' : ',';
    fmt::format_to(std::back_inserter(b), "{}{}MiNT{}{}{}{}\n", PatientText(person), d, d,
                   DateText(start), d, end);
    NARA_RETURN_IF_ERROR(enrollments_.EndRow());
  }
  // Population basis, on 31 December of each year of coverage.
  if (person.municipality >= 0) {
    const int first_year = CivilFromDays(o_.coverage_from).year;
    const int last_year = CivilFromDays(o_.coverage_to).year;
    for (int year = first_year; year <= last_year; ++year) {
      const int age = AgeOn(person.birth, DaysFromCivil(year, 12, 31));
      if (age < 0) continue;
      ++persons_[{year, person.municipality, person.male ? 1 : 2, Band(age)}];
    }
  }
  return Status::Ok();
}

Status Generator::Contacts(const Person& person, Date until) {
  const int days = until - o_.coverage_from;
  if (days <= 0) return Status::Ok();
  const int count = rng_.Between(0, std::max(1, days * 5 / 365));  // about 2.5 a year
  const char d = reg() ? ';' : ',';
  const bool old = AgeOn(person.birth, o_.coverage_from) >= 65;
  for (int i = 0; i < count; ++i) {
    const Date day = o_.coverage_from + rng_.Between(0, days);
    const bool emergency = rng_.Chance(0.08);
    const bool primary = !emergency && rng_.Chance(0.7);
    const double k = rng_.Uniform();
    const char* kind = emergency ? "visit"
                       : k < 0.58 ? "visit"
                       : k < (old ? 0.72 : 0.62) ? "home_visit"
                       : k < 0.85 ? "phone"
                       : k < 0.94 ? "video"
                                  : "chat";
    const double p = rng_.Uniform();
    const char* profession = p < 0.5 ? "physician" : p < 0.85 ? "nurse" : "other";
    std::string unit = emergency ? "Akutmottagningen" : primary ? HealthCenter(person) : "Medicin";
    if (unit.empty()) unit = "Medicin";
    fmt::format_to(std::back_inserter(contacts_.buffer()), "K{:010d}{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}\n",
                   ++contact_counter_, d, PatientText(person), d, DateText(day), d,
                   primary ? "primary" : "specialist", d, kind, d, profession, d, unit, d,
                   emergency ? "yes" : "no", d, MunicipalityText(person).substr(0, 4));
    NARA_RETURN_IF_ERROR(contacts_.EndRow());
  }
  return Status::Ok();
}

Status Generator::Waits(const Person& person, Date until) {
  if (!rng_.Chance(0.4) || until <= o_.coverage_from) return Status::Ok();
  const char d = reg() ? ';' : ',';
  const int step = rng_.Between(0, 3);
  static constexpr const char* kSteps[] = {"contact", "assessment", "first_visit", "treatment"};
  const Date start = o_.coverage_from + rng_.Between(0, until - o_.coverage_from);
  int length;
  switch (step) {
    case 0: length = rng_.Chance(0.9) ? 0 : rng_.Between(1, 3); break;
    case 1: length = rng_.Chance(0.85) ? rng_.Between(0, 3) : rng_.Between(4, 10); break;
    default: length = rng_.Chance(0.86) ? rng_.Between(7, 90) : rng_.Between(91, 200); break;
  }
  const int chosen = step >= 2 && rng_.Chance(0.05) ? rng_.Between(5, 30) : 0;
  const Date end = start + length + chosen;
  const std::string end_text = end > o_.coverage_to ? "" : DateText(end);
  std::string unit = step < 2 ? HealthCenter(person) : (rng_.Chance(0.5) ? "Ortopedi" : "Kirurgi");
  if (unit.empty()) unit = "Ortopedi";
  fmt::format_to(std::back_inserter(waits_.buffer()), "W{:010d}{}{}{}{}{}{}{}{}{}{}{}{}{}{}\n",
                 ++wait_counter_, d, PatientText(person), d,
                 MunicipalityText(person).substr(0, 4), d, unit, d, kSteps[step], d,
                 DateText(start), d, end_text, d, chosen);
  return waits_.EndRow();
}

Status Generator::Population() {
  TableSink sink;
  NARA_RETURN_IF_ERROR(sink.Open((fs::path(o_.out_dir) / "population.csv").string(), reg(), reg()));
  const char d = reg() ? ';' : ',';
  sink.buffer() += reg() ? "AR;KOMMUN;KON;ALDER_FRAN;ALDER_TILL;ANTAL\n"
                         : "year,municipality,sex,age_from,age_to,count\n";
  NARA_RETURN_IF_ERROR(sink.EndRow());
  // Scale the patients up to a population in which inpatient stays are about 12 000 per
  // 100 000 inhabitants a year (Swedish regions: 10 000-14 000).
  const double years = static_cast<double>(o_.coverage_to - o_.coverage_from + 1) / 365.25;
  const double population = static_cast<double>(stays_written_) / years / 0.12;
  const double factor = population / static_cast<double>(std::max<int64_t>(1, patients_));
  static constexpr const char* kBands[][2] = {{"0", "17"}, {"18", "64"}, {"65", "79"}, {"80", ""}};
  const int first_year = CivilFromDays(o_.coverage_from).year;
  const int last_year = CivilFromDays(o_.coverage_to).year;
  for (int year = first_year; year <= last_year; ++year) {
    for (size_t m = 0; m < region_.size(); ++m) {
      for (int sex = 1; sex <= 2; ++sex) {
        for (int band = 0; band < 4; ++band) {
          auto it = persons_.find({year, static_cast<int>(m), sex, band});
          const double persons = it == persons_.end() ? 0.0 : static_cast<double>(it->second);
          // Young people are rarer among patients than in the population.
          const double boost = band == 0 ? 4.0 : band == 1 ? 2.5 : 1.0;
          const auto count = static_cast<int64_t>(persons * factor * boost / 1.6 + 0.5);
          fmt::format_to(std::back_inserter(sink.buffer()), "{}{}{}{}{}{}{}{}{}{}{}\n", year, d,
                         region_[m].code, d, sex == 1 ? "M" : "F", d, kBands[band][0], d,
                         kBands[band][1], d, count);
          NARA_RETURN_IF_ERROR(sink.EndRow());
        }
      }
    }
  }
  if (o_.inject_faults) {
    faults_.push_back({"population.csv", sink.next_line(), "count", "negative_count"});
    fmt::format_to(std::back_inserter(sink.buffer()), "{}{}{}{}M{}0{}17{}-5\n", first_year, d,
                   region_[0].code, d, d, d, d);
    NARA_RETURN_IF_ERROR(sink.EndRow());
  }
  return sink.Close();
}

Status Generator::Municipalities() {
  TableSink sink;
  NARA_RETURN_IF_ERROR(
      sink.Open((fs::path(o_.out_dir) / "municipalities.csv").string(), reg(), reg()));
  const char d = reg() ? ';' : ',';
  sink.buffer() += reg() ? "KOMMUNKOD;NAMN;LAN;OMRADE\n" : "code,name,county,area\n";
  NARA_RETURN_IF_ERROR(sink.EndRow());
  for (const auto& m : region_) {
    fmt::format_to(std::back_inserter(sink.buffer()), "{}{}{}{}{}{}{}\n", m.code, d, m.name, d,
                   o_.county, d, m.area);
    NARA_RETURN_IF_ERROR(sink.EndRow());
  }
  return sink.Close();
}

// Known bad rows, one of each kind of data contract §2, at the end of each table.
Status Generator::Faults() {
  const char d = reg() ? ';' : ',';
  auto episode = [&](const std::string& id, const std::string& patient, const std::string& muni,
                     const std::string& admitted, const std::string& discharged,
                     const std::string& kind, const char* column, const char* code) {
    faults_.push_back({"episodes.csv", episodes_.next_line(), column, code});
    std::string& b = episodes_.buffer();
    if (reg()) {
      fmt::format_to(std::back_inserter(b), "{};{};2;80;{};{};Medicin;101;{};{};{};3;3;I509;;\n",
                     id, patient, muni, kHospitals[0], admitted, discharged, kind);
    } else {
      fmt::format_to(std::back_inserter(b),
                     "{},{},F,1940-01-01,80,{},{},Medicin,101,somatic,{},{},{},home,home,I50.9,,\n",
                     id, patient, muni, kHospitals[0], admitted, discharged, kind);
    }
    return episodes_.EndRow();
  };
  const std::string patient = first_stay_patient_;
  const std::string muni = region_[0].code;
  const std::string planned = reg() ? "1" : "planned";
  const std::string day = reg() ? "20200210" : "2020-02-10";
  const std::string later = reg() ? "20200212" : "2020-02-12";
  NARA_RETURN_IF_ERROR(episode("F0000000001", patient, muni, reg() ? "20190230" : "2019-02-30",
                               later, planned, "admitted_at", "bad_date"));
  NARA_RETURN_IF_ERROR(episode("F0000000002", patient, muni, later, day, planned,
                               "discharged_at", "discharge_before_admission"));
  NARA_RETURN_IF_ERROR(episode("F0000000003", patient, "9999", day, later, planned,
                               "municipality", "unknown_municipality"));
  NARA_RETURN_IF_ERROR(episode("V0000000001", patient, muni, day, later, planned, "episode_id",
                               "duplicate_episode_id"));
  NARA_RETURN_IF_ERROR(episode("F0000000005", patient, muni, day, later, "", "admission_kind",
                               "missing_value"));
  NARA_RETURN_IF_ERROR(episode("F0000000006", patient, muni, day, later, "9", "admission_kind",
                               "bad_code"));
  // Overlaps the patient's first stay (same hospital and clinic).
  faults_.push_back({"episodes.csv", episodes_.next_line(), "admitted_at", "overlapping_stay"});
  {
    std::string& b = episodes_.buffer();
    if (reg()) {
      fmt::format_to(std::back_inserter(b), "X0000000007;{};2;80;{};{};101;{};{};2;3;3;I509;;\n",
                     patient, muni, first_stay_place_, first_stay_admitted_,
                     first_stay_admitted_);
    } else {
      fmt::format_to(std::back_inserter(b),
                     "X0000000007,{},F,1940-01-01,80,{},{},101,somatic,{},{},acute,home,"
                     "home,I50.9,,\n",
                     patient, muni, first_stay_place_, first_stay_admitted_,
                     first_stay_admitted_);
    }
    NARA_RETURN_IF_ERROR(episodes_.EndRow());
  }
  auto event = [&](const std::string& episode_id, const char* name, const std::string& at,
                   const char* column, const char* code) {
    faults_.push_back({"coordination.csv", coordination_.next_line(), column, code});
    fmt::format_to(std::back_inserter(coordination_.buffer()), "{}{}{}{}{}\n", episode_id, d, name,
                   d, at);
    return coordination_.EndRow();
  };
  NARA_RETURN_IF_ERROR(event("X9999999999", reg() ? "inskrivningsmeddelande" : "admission_notice",
                             "2020-03-01 10:00", "episode_id", "unknown_episode"));
  NARA_RETURN_IF_ERROR(event("V0000000002", reg() ? "underrättelse utskrivningsklar" : "ready_notice",
                             "2099-01-01 10:00", "at", "ready_notice_after_discharge"));
  NARA_RETURN_IF_ERROR(event("V0000000002", "teleport", "2020-03-01 10:00", "event", "bad_code"));
  NARA_RETURN_IF_ERROR(event("V0000000002", reg() ? "inskrivningsmeddelande" : "admission_notice",
                             "2020-02-30 10:00", "at", "bad_date"));
  faults_.push_back({"contacts.csv", contacts_.next_line(), "municipality", "unknown_municipality"});
  fmt::format_to(std::back_inserter(contacts_.buffer()),
                 "KF1{}{}{}{}{}primary{}visit{}nurse{}VC{}no{}9999\n", d, patient, d, day, d, d,
                 d, d, d, d);
  NARA_RETURN_IF_ERROR(contacts_.EndRow());
  faults_.push_back({"waits.csv", waits_.next_line(), "start", "bad_date"});
  fmt::format_to(std::back_inserter(waits_.buffer()), "WF1{}{}{}{}{}Ortopedi{}treatment{}{}{}{}0\n",
                 d, patient, d, muni, d, d, d, reg() ? "20200230" : "2020-02-30", d, d);
  NARA_RETURN_IF_ERROR(waits_.EndRow());
  faults_.push_back({"enrollments.csv", enrollments_.next_line(), "patient", "missing_value"});
  fmt::format_to(std::back_inserter(enrollments_.buffer()), "{}MiNT{}{}{}\n", d, d, day, d);
  NARA_RETURN_IF_ERROR(enrollments_.EndRow());
  return Status::Ok();
}

Status Generator::Manifest() {
  const std::string path = (fs::path(o_.out_dir) / "extract.toml").string();
  std::ofstream out(path, std::ios::binary);
  static const std::map<std::string, std::string> kRegionNames = {
      {"08", "Region Kalmar län"}, {"23", "Region Jämtland Härjedalen"},
      {"25", "Region Norrbotten"}};
  const auto name = kRegionNames.count(o_.county) ? kRegionNames.at(o_.county)
                                                  : "Region " + o_.county;
  out << fmt::format(
      "# Synthetic extract made by `nara synth` (seed {}, {} stays): no real patients.\n"
      "region = \"{}\"\ncounty = \"{}\"\ncoverage_from = {}\ncoverage_to = {}\n"
      "created = {}T08:00:00\n",
      o_.seed, o_.stays, name, o_.county, FormatDate(o_.coverage_from),
      FormatDate(o_.coverage_to), FormatDate(o_.coverage_to + 20));
  if (!out) return IoError(fmt::format("{}: cannot write the manifest", path));
  return Status::Ok();
}

Status Generator::Run() {
  std::error_code error;
  fs::create_directories(o_.out_dir, error);
  if (error) return IoError(fmt::format("{}: cannot create the folder: {}", o_.out_dir,
                                        error.message()));
  NARA_RETURN_IF_ERROR(LoadMunicipalities());
  NARA_RETURN_IF_ERROR(OpenSinks());
  while (stays_written_ < o_.stays) NARA_RETURN_IF_ERROR(Patient());
  if (o_.inject_faults) NARA_RETURN_IF_ERROR(Faults());
  for (TableSink* sink : {&episodes_, &coordination_, &contacts_, &waits_, &enrollments_}) {
    NARA_RETURN_IF_ERROR(sink->Close());
  }
  NARA_RETURN_IF_ERROR(Population());
  NARA_RETURN_IF_ERROR(Municipalities());
  NARA_RETURN_IF_ERROR(Manifest());
  const fs::path faults = fs::path(o_.out_dir) / "faults.csv";
  if (o_.inject_faults) {
    std::ofstream out(faults, std::ios::binary);
    out << "file,line,column,code\n";
    for (const auto& fault : faults_) {
      out << fault.file << "," << fault.line << "," << fault.column << "," << fault.code << "\n";
    }
  } else {
    fs::remove(faults, error);
  }
  return Status::Ok();
}

}  // namespace

SynthOptions DefaultOptions() {
  SynthOptions options;
  options.coverage_from = DaysFromCivil(2020, 1, 1);
  options.coverage_to = DaysFromCivil(2022, 12, 31);
  return options;
}

Status Generate(const SynthOptions& options) {
  if (options.stays < 1) return UsageError("--stays must be at least 1");
  if (options.coverage_to - options.coverage_from < 60) {
    return UsageError("the coverage must be at least two months long");
  }
  Generator generator(options);
  return generator.Run();
}

}  // namespace nara::synth
