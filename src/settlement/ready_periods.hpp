// Ready periods of a stay (indicators.md §4): the one definition shared by the ready-day
// indicators and the settlement.
#pragma once

#include <cstdint>
#include <vector>

#include "base/date.hpp"
#include "model/extract.hpp"

namespace nara::settlement {

// A stay's discharge-ready period: it starts at a `ready_notice` and ends at the first
// `ready_revoked` after it, or at discharge; while the stay is open (no discharge yet) the last
// period is open too.
struct ReadyPeriod {
  DateTime notice_at = kNoDateTime;
  // The end date d(end): the revocation's date (never after discharge) or the discharge date;
  // kNoDate while the period is open.
  Date end = kNoDate;
  bool revoked = false;  // ended by a revocation (on or before the discharge date)

  bool open() const { return end == kNoDate; }
  Date notice_date() const { return DateOf(notice_at); }
  // Ready days: days from the notice to the end, the notice day being day 0.
  int ready_days() const { return end - notice_date(); }
};

// Anomalies the rules ignore but a run reports.
struct ReadyPeriodCounters {
  int64_t duplicate_ready_notices = 0;  // a ready_notice inside an open ready period
  int64_t stray_revocations = 0;        // a ready_revoked with no open ready period
  void Add(const ReadyPeriodCounters& other) {
    duplicate_ready_notices += other.duplicate_ready_notices;
    stray_revocations += other.stray_revocations;
  }
};

// Replaces `out` with the ready periods of `stay`, in time order. A second notice inside an open
// period is a duplicate (ignored, counted); a revocation without an open period is ignored and
// counted; a revocation dated after discharge ends the period at discharge (not revoked).
// Does not allocate once `out` has grown to the stay's number of periods.
void ReadyPeriodsOf(const model::Extract& extract, size_t stay, std::vector<ReadyPeriod>& out,
                    ReadyPeriodCounters& counters);

}  // namespace nara::settlement
