// The statistical model of one synthetic patient: who they are, their hospital stays with the
// discharge coordination around them, their outpatient contacts, waits and enrolment. Pure
// data and draws; writing rows in a dialect is extract_writer's job.
#pragma once

#include <cstdint>
#include <vector>

#include "base/date.hpp"
#include "synth/identity_numbers.hpp"
#include "synth/random.hpp"
#include "synth/region.hpp"

namespace nara::synth {

enum class Place : uint8_t { kNone, kHome, kOtherHospital, kSpecialHousing, kDeceased };

// Coordination events of data contract §1.4, in its order.
enum class EventKind : uint8_t {
  kAdmissionNotice,
  kFixedCareContact,
  kReadyNotice,
  kReadyRevoked,
  kSipInvitation,
  kSipHeld,
  kSipFollowup,
  kDischargePlan,
  kInformationSent,
};

enum class ContactLevel : uint8_t { kPrimary, kSpecialist };
enum class ContactKind : uint8_t { kVisit, kHomeVisit, kPhone, kVideo, kChat };
enum class Profession : uint8_t { kPhysician, kNurse, kOther };
enum class WaitStep : uint8_t { kContact, kAssessment, kFirstVisit, kTreatment };

// The clinics every hospital has; a stay's specialty (MVO) follows from its clinic.
struct Clinic {
  const char* name;
  int mvo;  // 9xx = psychiatric care
};
inline constexpr int kClinicCount = 5;
inline constexpr Clinic kClinics[kClinicCount] = {
    {"Medicin", 101}, {"Kirurgi", 301}, {"Ortopedi", 311}, {"Geriatrik", 107}, {"Psykiatri", 901},
};
inline constexpr int kMedicine = 0, kSurgery = 1, kOrthopaedics = 2, kGeriatrics = 3,
                     kPsychiatry = 4;

struct Person {
  char identity[12];  // YYYYMMDDNNNC, not terminated
  bool male = false;
  Date birth = 0;
  int municipality = -1;       // index into Region::municipalities, or -1: another county
  int other_municipality = -1; // index into Region::other_codes when municipality is -1
  int parish = 1;              // the last two digits of LKF
  int health_center = -1;      // index into Region::health_centers, -1 for other counties
  bool psychiatric = false;    // most of their stays are psychiatric
  bool frequent = false;       // a frequent user of inpatient care
};

struct Stay {
  int64_t number = 0;  // episode_id = V + 10 digits
  DateTime admitted = 0;
  DateTime discharged = kNoDateTime;  // kNoDateTime: still admitted at coverage_to
  int hospital = 0;
  int clinic = kMedicine;
  bool acute = true;
  Place admitted_from = Place::kHome;
  Place discharged_to = Place::kNone;  // kNone while still admitted
  const char* main_diagnosis = "";     // ICD-10-SE with dot
  const char* other_diagnoses[3] = {nullptr, nullptr, nullptr};
  int age = 0;  // at discharge (at coverage_to while still admitted)
  // The stay's coordination events are PatientRecord::events[first_event, first_event + events),
  // in time order.
  uint32_t first_event = 0;
  uint32_t events = 0;
};

struct Event {
  DateTime at;
  EventKind kind;
};

struct Contact {
  Date day;
  ContactLevel level;
  ContactKind kind;
  Profession profession;
  bool emergency;
  int unit;  // health centre index (primary), clinic index (specialist), hospital (emergency)
};

struct Wait {
  WaitStep step;
  Date start;
  Date end;  // kNoDate: still waiting at coverage_to
  int chosen_days;
  int unit;  // health centre index (contact, assessment) or clinic index
};

struct Enrollment {
  Date start = kNoDate;  // kNoDate: not enrolled
  Date end = kNoDate;    // kNoDate: still enrolled
};

// Everything generated for one patient. The vectors are reused from patient to patient.
struct PatientRecord {
  Person person;
  std::vector<Stay> stays;  // in time order, never overlapping in one clinic
  std::vector<Event> events;
  std::vector<Contact> contacts;  // in date order
  std::vector<Wait> waits;
  Enrollment enrollment;
};

// Draws patients one at a time. Every draw goes through one Random, so the same seed gives the
// same patients whatever the output dialect. Not thread-safe.
class PatientModel {
 public:
  PatientModel(const Region& region, Date coverage_from, Date coverage_to, uint64_t seed);

  // Fills `record` with the next patient who has at least one stay discharged (or still open)
  // inside the coverage, writing at most `max_stays` stays. Episode numbers continue from the
  // previous patient's.
  void Next(int64_t max_stays, PatientRecord& record);

 private:
  struct StayPlan;  // what DrawStays decides about a stay before its events are drawn

  void DrawPerson(Person& person);
  void DrawStays(int64_t max_stays, PatientRecord& record, Date& death);
  void DrawEvents(const StayPlan& plan, PatientRecord& record);
  void DrawContacts(const Person& person, Date until, PatientRecord& record);
  void DrawWaits(const Person& person, Date until, PatientRecord& record);
  void DrawEnrollment(const Person& person, Date death, PatientRecord& record);
  int DrawClinic(const Person& person, bool acute, int age);
  const char* DrawDiagnosis(int clinic, bool acute);

  const Region& region_;
  Date from_;
  Date to_;
  Random random_;
  IdentityNumbers identities_;
  int64_t next_episode_ = 1;
};

}  // namespace nara::synth
