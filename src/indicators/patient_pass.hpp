// One pass over one patient's stays, events, contacts and waits: everything every indicator
// needs, added into a dense Accumulator.
#pragma once

#include <cstdint>
#include <vector>

#include "base/period.hpp"
#include "config/config.hpp"
#include "indicators/accumulator.hpp"
#include "indicators/care_episodes.hpp"
#include "indicators/unit_space.hpp"
#include "model/extract.hpp"
#include "settlement/ready_periods.hpp"
#include "settlement/settle.hpp"

namespace nara::indicators {

// Things the pass noticed that the run reports (ready-period anomalies of indicators.md §4).
using PassCounters = settlement::ReadyPeriodCounters;

// Per-run facts the pass looks up by code.
struct PassInputs {
  const model::Extract* extract;
  const config::Config* config;
  const UnitSpace* units;
  std::vector<uint8_t> avoidable_diagnosis;  // by Extract::diagnoses code: on the ACSC list
  std::vector<uint8_t> has_population;       // by municipality index: population rows exist
  // The settlement of every month inside coverage (nullptr: none), and its basis rows by stay:
  // rows liable_rows[liable_begin[stay] .. liable_begin[stay + 1]).
  const settlement::Settlement* liable = nullptr;
  std::vector<uint32_t> liable_rows;
  std::vector<uint32_t> liable_begin;
};

// Runs the per-patient computations for patients [first, last) into `accumulator`. Patients of
// the range must have their rows contiguous in the sorted columns (they are: every table is
// sorted by patient). Uses no heap allocation per row: scratch vectors are reused.
// Thread-compatible: one PatientPass per thread, sharing the immutable inputs.
class PatientPass {
 public:
  PatientPass(const PassInputs& inputs, Accumulator& accumulator)
      : in_(inputs), acc_(accumulator) {}

  void Run(uint32_t first_patient, uint32_t last_patient);
  const PassCounters& counters() const { return counters_; }

 private:
  void Stays(uint32_t patient, size_t begin, size_t end);
  void Readmissions(size_t begin, size_t end);
  void Stay(size_t stay);
  void Liable(size_t stay);
  void Contacts(uint32_t patient, size_t begin, size_t end);
  void Waits(uint32_t patient, size_t begin, size_t end);

  // Sex and age classes of a stay at `on` (its own columns, else the patient's).
  int StaySex(size_t stay) const;
  int StayAge(size_t stay, Date on) const;
  UnitSlots StayUnits(size_t municipality_stay, size_t discharging_stay) const;
  UnitSlots ResidenceUnits(uint16_t municipality) const;

  const PassInputs& in_;
  Accumulator& acc_;
  PassCounters counters_;
  std::vector<CareEpisode> episodes_;
  std::vector<settlement::ReadyPeriod> ready_periods_;
  model::Sex patient_sex_ = model::Sex::kUnknown;
  Date patient_birth_ = kNoDate;
};

}  // namespace nara::indicators
