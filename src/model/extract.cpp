// Memory accounting of the columnar extract.
#include "model/extract.hpp"

namespace nara::model {
namespace {

template <typename T>
size_t Bytes(const std::vector<T>& column) {
  return column.capacity() * sizeof(T);
}

template <typename... Columns>
void ReserveAll(size_t rows, Columns&... columns) {
  (columns.reserve(rows), ...);
}

}  // namespace

void Stays::Reserve(size_t rows) {
  ReserveAll(rows, episode_id, admitted_at, discharged_at, birth_date, age, municipality,
             hospital, clinic, health_center, main_diagnosis, specialty, sex, care_type,
             admission_kind, admitted_from, discharged_to, flags, line);
}

void Events::Reserve(size_t rows) { ReserveAll(rows, at, kind, line); }

void Contacts::Reserve(size_t rows) {
  ReserveAll(rows, at, unit, municipality, level, kind, profession, emergency);
}

void Waits::Reserve(size_t rows) {
  ReserveAll(rows, municipality, unit, step, start, end, patient_chosen_days);
}

size_t Extract::MemoryBytes() const {
  size_t bytes = 0;
  bytes += Bytes(patients.pseudonym) + Bytes(patients.sex) + Bytes(patients.birth_date);
  const Stays& s = stays;
  bytes += Bytes(s.patient) + Bytes(s.episode_id) + Bytes(s.admitted_at) +
           Bytes(s.discharged_at) + Bytes(s.birth_date) + Bytes(s.age) + Bytes(s.municipality) +
           Bytes(s.hospital) + Bytes(s.clinic) + Bytes(s.health_center) +
           Bytes(s.main_diagnosis) + Bytes(s.specialty) + Bytes(s.sex) + Bytes(s.care_type) +
           Bytes(s.admission_kind) + Bytes(s.admitted_from) + Bytes(s.discharged_to) +
           Bytes(s.flags) + Bytes(s.line) + Bytes(s.event_begin);
  bytes += Bytes(events.stay) + Bytes(events.at) + Bytes(events.kind) + Bytes(events.line);
  const Contacts& c = contacts;
  bytes += Bytes(c.patient) + Bytes(c.at) + Bytes(c.unit) + Bytes(c.municipality) +
           Bytes(c.level) + Bytes(c.kind) + Bytes(c.profession) + Bytes(c.emergency);
  const Waits& w = waits;
  bytes += Bytes(w.patient) + Bytes(w.municipality) + Bytes(w.unit) + Bytes(w.step) +
           Bytes(w.start) + Bytes(w.end) + Bytes(w.patient_chosen_days);
  bytes += Bytes(population) + Bytes(enrollments);
  bytes += episode_ids.MemoryBytes() + units.MemoryBytes() + diagnoses.MemoryBytes() +
           programmes.MemoryBytes();
  return bytes;
}

}  // namespace nara::model
