// Ready periods from a stay's coordination events (indicators.md §4).
#include "settlement/ready_periods.hpp"

#include <algorithm>

namespace nara::settlement {

void ReadyPeriodsOf(const model::Extract& extract, size_t stay, std::vector<ReadyPeriod>& out,
                    ReadyPeriodCounters& counters) {
  out.clear();
  const model::Stays& s = extract.stays;
  const model::Events& events = extract.events;
  const Date discharged =
      s.discharged_at[stay] == kNoDateTime ? kNoDate : DateOf(s.discharged_at[stay]);
  bool open = false;
  for (uint32_t e = s.event_begin[stay]; e < s.event_begin[stay + 1]; ++e) {
    switch (events.kind[e]) {
      case model::EventKind::kReadyNotice:
        if (open) {
          ++counters.duplicate_ready_notices;
        } else {
          out.push_back({events.at[e], kNoDate, false});
          open = true;
        }
        break;
      case model::EventKind::kReadyRevoked: {
        if (!open) {
          ++counters.stray_revocations;
          break;
        }
        ReadyPeriod& period = out.back();
        const Date revoked = DateOf(events.at[e]);
        const bool after_discharge = discharged != kNoDate && revoked > discharged;
        period.end = after_discharge ? discharged : revoked;
        period.revoked = !after_discharge;
        open = false;
        break;
      }
      default:
        break;
    }
  }
  if (open) out.back().end = discharged;  // kNoDate while the stay is open
}

}  // namespace nara::settlement
