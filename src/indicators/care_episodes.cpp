#include "indicators/care_episodes.hpp"

#include <algorithm>

namespace nara::indicators {

void MergeCareEpisodes(const model::Stays& s, size_t begin, size_t end,
                       const std::vector<model::CareType>& care_types,
                       std::vector<CareEpisode>* out) {
  std::vector<CareEpisode>& episodes = *out;
  episodes.clear();
  bool open = false;
  for (size_t stay = begin; stay < end; ++stay) {
    if (std::find(care_types.begin(), care_types.end(), s.care_type[stay]) == care_types.end()) {
      continue;
    }
    const Date admitted = DateOf(s.admitted_at[stay]);
    const Date discharged =
        s.discharged_at[stay] == kNoDateTime ? kNoDate : DateOf(s.discharged_at[stay]);
    if (!episodes.empty()) {
      CareEpisode& current = episodes.back();
      const bool transfer =
          s.discharged_to[current.discharging_stay] == model::Place::kOtherHospital;
      const bool joins = open || admitted <= current.discharged ||
                         (transfer && admitted <= current.discharged + 1);
      if (joins) {
        if (discharged == kNoDate) {
          open = true;
          current.discharged = kNoDate;
        } else if (!open && discharged >= current.discharged) {
          current.discharged = discharged;
          current.discharging_stay = static_cast<uint32_t>(stay);
        }
        continue;
      }
    }
    open = discharged == kNoDate;
    episodes.push_back(
        {static_cast<uint32_t>(stay), static_cast<uint32_t>(stay), admitted, discharged});
  }
}

}  // namespace nara::indicators
