// Tables as read, in file order, before patients are indexed and rows sorted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/patient_resolver.hpp"
#include "ingest/reject_log.hpp"
#include "ingest/table_scan.hpp"
#include "model/extract.hpp"

namespace nara::ingest {

// What every table reader hands to the loader: its counts, its rejects, and for each row read
// its patient (the model columns' `patient` are filled by the loader).
struct RawTableBase {
  TableCounts counts;
  RejectLog log;
  std::vector<uint32_t> patient_local;    // one per kept row: index into `patients`
  std::vector<ResolvedPatient> patients;  // distinct patient values seen (no clear values)
  explicit RawTableBase(std::string file) : log(file) { counts.file = std::move(file); }
};

struct RawStays : RawTableBase {
  RawStays() : RawTableBase("episodes.csv") {}
  model::Stays stays;          // patient and event_begin not yet filled
  model::Dictionary episode_ids;
  model::Dictionary units;
  model::Dictionary diagnoses;  // only kept rows' codes, in first-seen order
  bool par_form = false;        // the file was in the PAR form: its episode ids are derived

  // The second half of a split episodes.csv (extract_loader): its reader cannot see the first
  // half's episode ids, so it keeps what AppendEpisodes needs to judge its rows against them
  // afterwards, as one reader of the whole file would have.
  bool second_half = false;
  // Second half only: where each kept row's record starts (CsvRecord::offset).
  std::vector<size_t> record_offset;
  // Second half only: the rows rejected after the duplicate-id check (a duplicate of the first
  // half would have been rejected as that instead).
  struct LateReject {
    size_t reject;       // index in log.rejects()
    size_t offset;       // CsvRecord::offset
    uint64_t pseudonym;  // the row's patient
    std::string episode_id;
  };
  std::vector<LateReject> late_rejects;
};

struct RawEvents : RawTableBase {
  RawEvents() : RawTableBase("coordination.csv") {}
  model::Events events;               // stay not yet filled
  model::Dictionary episode_ids;      // the episode ids as written (each distinct one once)
  std::vector<uint32_t> episode_code;  // per event, its code in episode_ids; resolved by the loader
  // Events keyed by patient (a `patient` column instead of `episode_id`): patient_local holds
  // each event's patient, episode_code stays empty, and the loader links each event to a stay
  // (event_linker.hpp). at_has_time: 1 where `at` had a time of day.
  bool keyed_by_patient = false;
  std::vector<uint8_t> at_has_time;
};

struct RawContacts : RawTableBase {
  RawContacts() : RawTableBase("contacts.csv") {}
  model::Contacts contacts;
  model::Dictionary units;
};

struct RawWaits : RawTableBase {
  RawWaits() : RawTableBase("waits.csv") {}
  model::Waits waits;
  model::Dictionary units;
};

struct RawPopulation : RawTableBase {
  RawPopulation() : RawTableBase("population.csv") {}
  explicit RawPopulation(std::string file) : RawTableBase(std::move(file)) {}  // population.json
  std::vector<model::PopulationRow> rows;
};

struct RawEnrollments : RawTableBase {
  RawEnrollments() : RawTableBase("enrollments.csv") {}
  std::vector<model::Enrollment> rows;  // patient not yet filled
  model::Dictionary programmes;
};

// Settings every table reader needs.
struct ReadContext {
  const class MunicipalityTable* municipalities;
  const identity::Pseudonymiser* pseudonymiser;
  Date reference;            // for the century of 10-digit identity numbers
  bool allow_identifiable;
  std::string pvard_planned;
  const ExtractMapping* mapping = nullptr;  // extract.toml [columns]/[values], or none

  // The mapping of `file` ("episodes.csv"), or nullptr.
  const TableMapping* MappingFor(std::string_view file) const {
    return mapping != nullptr ? mapping->For(file) : nullptr;
  }
};

// Resolves the patient column of `row` and marks it for redaction. Rejects the row (nullopt)
// when the value is empty; sets `fatal` (and returns nullopt) when identifiable data is not
// allowed. Flags a wrong check digit.
inline std::optional<ResolvedPatient> ResolveRowPatient(RowContext& row, size_t spec,
                                                        PatientResolver& resolver,
                                                        std::string_view file, Status& fatal) {
  const std::string_view text = row.Get(spec);
  bool blank = true;
  for (char c : text) blank = blank && (c == ' ' || c == '\t');
  if (blank) {
    row.RejectMissing(spec);
    return std::nullopt;
  }
  auto patient = resolver.Resolve(text, file, row.line());
  if (!patient.ok()) {
    fatal = patient.status();
    return std::nullopt;
  }
  row.set_patient_column(spec, patient->pseudonym);
  if (patient->bad_check_digit) {
    row.Flag(spec, FlagCode::kBadCheckDigit,
             "the identity number's check digit is wrong; kept and pseudonymised as written");
  }
  return *patient;
}

// The end of every reader of a table with a patient column: the scan's status, then a fatal
// identity error, else the distinct patients handed to the loader.
inline Status FinishPatientTable(const Status& scan, const Status& fatal,
                                 const PatientResolver& resolver, RawTableBase& out) {
  NARA_RETURN_IF_ERROR(scan);
  NARA_RETURN_IF_ERROR(fatal);
  resolver.CollectPatients(out.patients);
  return Status::Ok();
}

}  // namespace nara::ingest
