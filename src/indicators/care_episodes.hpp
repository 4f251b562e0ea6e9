// The care-episode merge of indicators.md §2: one patient's stays of the readmission care types
// joined into care episodes (overlapping and nested stays, and transfers to another hospital
// admitted by the next day), the unit that readmissions are counted on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/date.hpp"
#include "model/codes.hpp"
#include "model/extract.hpp"

namespace nara::indicators {

struct CareEpisode {
  uint32_t first_stay;        // the stay that opened the episode (its admission)
  uint32_t discharging_stay;  // the stay whose discharge ends it
  Date admitted;
  Date discharged;  // kNoDate while open
};

// Replaces `*out` with the care episodes of stays [begin, end) (one patient's, sorted by
// admission) of the care types `care_types`, in admission order. A stay joins the current
// episode when it is admitted on or before the episode's discharge date, or by the next day after
// a discharge to another hospital, or while the episode is open (not discharged).
void MergeCareEpisodes(const model::Stays& stays, size_t begin, size_t end,
                       const std::vector<model::CareType>& care_types,
                       std::vector<CareEpisode>* out);

}  // namespace nara::indicators
