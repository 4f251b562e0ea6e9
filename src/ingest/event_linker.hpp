// Links coordination events keyed by patient (as the discharge-planning systems export them) to
// the patient's stays.
#pragma once

#include <cstdint>
#include <vector>

#include "ingest/raw_tables.hpp"
#include "model/extract.hpp"

namespace nara::ingest {

// The stay of each event of `raw` (keyed_by_patient), by the rule of docs/input_formats.md:
//   1. the stay admitted at or before the event and not discharged before it (by time when both
//      have one, else by date); two or more such stays at the same hospital and named clinic
//      (overlapping stays of one clinic): the one admitted last, flagged
//      event_in_overlapping_stays; two or more others: ambiguous_event;
//   2. else the latest stay discharged at most `after_discharge_days` days (by date) before the
//      event; two discharged at that same latest time: ambiguous_event;
//   3. else, or when the patient has no stay: unlinked_event.
// Rejected events get UINT32_MAX, with a reject in raw.log naming file, line and column and no
// identity number. `extract.stays` must be sorted by patient (as BuildStays leaves them) and
// `extract.patients` built.
std::vector<uint32_t> LinkEventsByPatient(RawEvents& raw, const model::Extract& extract,
                                          int after_discharge_days);

}  // namespace nara::ingest
