// The in-memory columnar extract: every table of data contract §1 as flat, sorted columns.
#pragma once

#include <cstdint>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "base/date.hpp"
#include "model/codes.hpp"
#include "model/dictionary.hpp"

namespace nara::model {

// What extract.toml says (data contract §1.2).
struct Manifest {
  std::string region;
  std::string county;  // SCB county code, 2 digits: the unit of unit_type `region`
  Date coverage_from = kNoDate;
  Date coverage_to = kNoDate;
  DateTime created = kNoDateTime;
  std::string pvard_planned = "1";  // [codes] pvard_planned
  // [coordination] link_after_discharge_days: a patient-keyed event after discharge links to the
  // patient's latest stay discharged at most this many days before it (docs/input_formats.md).
  int link_after_discharge_days = 30;
  // Set by the loader, not read from extract.toml: episodes.csv was in the PAR form, so every
  // episode_id is derived (`PAR-...`), not an id the region's systems know.
  bool stay_ids_derived = false;
};

// One municipality known to the run: SCB's list plus the extract's municipalities.csv.
struct Municipality {
  std::string code;    // 4 digits
  std::string name;
  std::string county;  // 2 digits
  std::string area;    // analysis area, may be empty
};

// Patients, indexed 0..size()-1 in the order of their pseudonyms (so the index, and every
// ordering built on it, is the same on every run with the same key). Only pseudonyms are held:
// the clear identity number is gone once ingest has hashed it.
struct Patients {
  std::vector<uint64_t> pseudonym;  // first 8 bytes of HMAC-SHA-256 (see identity::Pseudonymiser)
  std::vector<Sex> sex;             // from the identity number, else kUnknown
  std::vector<Date> birth_date;     // from the identity number, else kNoDate
  size_t size() const { return pseudonym.size(); }
};

// Flag bits of a stay.
enum StayFlag : uint8_t {
  kAdmittedHasTime = 1 << 0,    // admitted_at had a time of day
  kDischargedHasTime = 1 << 1,  // discharged_at had a time of day
  kBadCheckDigit = 1 << 2,      // the personnummer's check digit was wrong (kept, flagged)
};

// Stays (rows of episodes.csv), sorted by patient, admission time, then episode_id. Column i of
// every vector describes stay i. Coordination events of stay i are
// events[event_begin[i] .. event_begin[i+1]).
struct Stays {
  std::vector<uint32_t> patient;        // index into Patients
  std::vector<uint32_t> episode_id;     // code in Extract::episode_ids
  std::vector<DateTime> admitted_at;
  std::vector<DateTime> discharged_at;  // kNoDateTime: still admitted at coverage_to
  std::vector<Date> birth_date;         // kNoDate when unknown
  std::vector<int16_t> age;             // the `age` column, -1 when absent
  std::vector<uint16_t> municipality;   // index into Extract::municipalities
  std::vector<uint32_t> hospital;       // code in Extract::units
  std::vector<uint32_t> clinic;         // code in Extract::units
  std::vector<uint32_t> health_center;  // code in Extract::units
  std::vector<uint32_t> main_diagnosis; // code in Extract::diagnoses (normalised: no dot, upper)
  std::vector<uint16_t> specialty;      // MVO, 0 when absent
  std::vector<Sex> sex;
  std::vector<CareType> care_type;
  std::vector<AdmissionKind> admission_kind;
  std::vector<Place> admitted_from;
  std::vector<Place> discharged_to;
  std::vector<uint8_t> flags;           // StayFlag bits
  std::vector<uint32_t> line;           // line in episodes.csv, for audit trails
  std::vector<uint32_t> event_begin;    // size() + 1 entries
  size_t size() const { return patient.size(); }
  // Every column with one entry per stay (event_begin excluded), listed once: reserving,
  // reordering, appending and memory accounting fold over it, so a new column cannot be missed.
  auto Columns() {
    return std::tie(patient, episode_id, admitted_at, discharged_at, birth_date, age,
                    municipality, hospital, clinic, health_center, main_diagnosis, specialty, sex,
                    care_type, admission_kind, admitted_from, discharged_to, flags, line);
  }
  auto Columns() const { return const_cast<Stays*>(this)->Columns(); }
  // Room for `rows` stays in the columns a reader fills (all but the first, the key).
  void Reserve(size_t rows);
};

// Coordination events, grouped by stay and sorted by time within a stay (ties in file order).
struct Events {
  std::vector<uint32_t> stay;
  std::vector<DateTime> at;
  std::vector<EventKind> kind;
  std::vector<uint32_t> line;  // line in coordination.csv
  size_t size() const { return stay.size(); }
  auto Columns() { return std::tie(stay, at, kind, line); }  // see Stays::Columns
  auto Columns() const { return const_cast<Events*>(this)->Columns(); }
  void Reserve(size_t rows);
};

// Outpatient and primary-care contacts, sorted by patient and time.
struct Contacts {
  std::vector<uint32_t> patient;
  std::vector<DateTime> at;
  std::vector<uint32_t> unit;          // code in Extract::units
  std::vector<uint16_t> municipality;  // index into Extract::municipalities
  std::vector<ContactLevel> level;
  std::vector<ContactKind> kind;
  std::vector<Profession> profession;
  std::vector<uint8_t> emergency;      // 1 = emergency-department visit
  size_t size() const { return patient.size(); }
  auto Columns() {  // see Stays::Columns
    return std::tie(patient, at, unit, municipality, level, kind, profession, emergency);
  }
  auto Columns() const { return const_cast<Contacts*>(this)->Columns(); }
  void Reserve(size_t rows);
};

// Care-guarantee waits, sorted by patient and start.
struct Waits {
  std::vector<uint32_t> patient;
  std::vector<uint16_t> municipality;
  std::vector<uint32_t> unit;          // code in Extract::units
  std::vector<WaitStep> step;
  std::vector<Date> start;
  std::vector<Date> end;               // kNoDate: still waiting
  std::vector<int32_t> patient_chosen_days;
  size_t size() const { return patient.size(); }
  auto Columns() {  // see Stays::Columns
    return std::tie(patient, municipality, unit, step, start, end, patient_chosen_days);
  }
  auto Columns() const { return const_cast<Waits*>(this)->Columns(); }
  void Reserve(size_t rows);
};

// Population on 31 December of `year` (SCB), one row per municipality, sex and age band.
struct PopulationRow {
  int32_t year;
  uint16_t municipality;
  Sex sex;
  int16_t age_from;
  int16_t age_to;  // inclusive; -1 = open band (85+)
  int64_t count;
};

// Calls `f` on each column of `columns` (a table's Columns() tie).
template <typename Tuple, typename F>
void ForEachColumn(Tuple&& columns, F&& f) {
  std::apply([&](auto&... column) { (f(column), ...); }, columns);
}

// Calls `f(a_column, b_column)` on the columns of two ties of the same table, pairwise.
template <typename A, typename B, typename F>
void ForEachColumnPair(A&& a, B&& b, F&& f) {
  [&]<size_t... I>(std::index_sequence<I...>) {
    (f(std::get<I>(a), std::get<I>(b)), ...);
  }(std::make_index_sequence<std::tuple_size_v<std::remove_reference_t<A>>>{});
}

struct Enrollment {
  uint32_t patient;
  uint32_t programme;  // code in Extract::programmes
  Date start;
  Date end;            // kNoDate: still enrolled
};

// A whole extract after ingest. Owns its columns; immutable once built, so any number of
// threads may read it at once.
struct Extract {
  Manifest manifest;
  std::vector<Municipality> municipalities;
  Patients patients;
  Stays stays;
  Events events;
  Contacts contacts;
  Waits waits;
  std::vector<PopulationRow> population;
  std::vector<Enrollment> enrollments;
  Dictionary episode_ids;
  Dictionary units;       // hospitals, clinics, health centres and contact/wait units
  Dictionary diagnoses;
  Dictionary programmes;
  bool test_key = false;  // pseudonymised with the public test key (synthetic data only)

  // Bytes held by the columns and dictionaries (capacity, not size), for the sizing report.
  size_t MemoryBytes() const;
};

}  // namespace nara::model
