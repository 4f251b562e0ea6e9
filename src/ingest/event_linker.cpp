// Patient-keyed events to stays: the linking rule of docs/input_formats.md.
#include "ingest/event_linker.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "base/date.hpp"
#include "identity/pseudonymiser.hpp"
#include "ingest/redaction.hpp"

namespace nara::ingest {
namespace {

// Whether every stay of `stays` is at the same hospital and the same named clinic: the stays the
// loader flags overlapping_stay when they overlap (an empty clinic never is).
bool SameClinic(const model::Stays& s, const std::vector<uint32_t>& stays) {
  for (uint32_t stay : stays) {
    if (s.clinic[stay] == 0 || s.clinic[stay] != s.clinic[stays.front()] ||
        s.hospital[stay] != s.hospital[stays.front()]) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::vector<uint32_t> LinkEventsByPatient(RawEvents& raw, const model::Extract& extract,
                                          int after_discharge_days) {
  const model::Events& e = raw.events;
  const model::Stays& s = extract.stays;
  const auto& pseudonyms = extract.patients.pseudonym;
  // Each distinct patient of the events looked up once: its index among the extract's
  // patients, or UINT32_MAX when no stay names them.
  std::vector<uint32_t> patient_of_local(raw.patients.size(), UINT32_MAX);
  for (size_t i = 0; i < raw.patients.size(); ++i) {
    auto it = std::lower_bound(pseudonyms.begin(), pseudonyms.end(), raw.patients[i].pseudonym);
    if (it != pseudonyms.end() && *it == raw.patients[i].pseudonym) {
      patient_of_local[i] = static_cast<uint32_t>(it - pseudonyms.begin());
    }
  }
  auto episode = [&](uint32_t stay) {
    return QuoteForMessage(extract.episode_ids.Name(s.episode_id[stay]));
  };
  // A stay's discharge as written: a date alone when it had no time of day.
  auto discharge = [&](uint32_t stay) {
    return (s.flags[stay] & model::kDischargedHasTime) ? FormatDateTime(s.discharged_at[stay])
                                                       : FormatDate(DateOf(s.discharged_at[stay]));
  };
  std::vector<uint32_t> linked(e.at.size(), UINT32_MAX);
  std::vector<uint32_t> open;
  for (size_t i = 0; i < e.at.size(); ++i) {
    const uint32_t local = raw.patient_local[i];
    const DateTime at = e.at[i];
    const bool event_time = raw.at_has_time[i] != 0;
    // The event's time as written: a date alone when it had no time of day.
    const std::string at_text = event_time ? FormatDateTime(at) : FormatDate(DateOf(at));
    // The rejected row's text, only when one is rejected.
    auto row = [&] {
      return fmt::format("patient_ref:{},event={},at={}",
                         identity::Pseudonymiser::FormatRef(raw.patients[local].pseudonym),
                         model::EventKindName(e.kind[i]), FormatDateTime(at));
    };
    auto where = [&](const char* column) {
      return fmt::format("{}:{}: column '{}': ", raw.log.file(), e.line[i], column);
    };
    const uint32_t patient = patient_of_local[local];
    // The patient's stays (none when they are known only from another table, e.g. contacts).
    const auto first = patient == UINT32_MAX
                           ? s.patient.end()
                           : std::lower_bound(s.patient.begin(), s.patient.end(), patient);
    const auto last = std::upper_bound(first, s.patient.end(), patient);
    if (first == last) {
      raw.log.Add(e.line[i], "patient", RejectCode::kUnlinkedEvent,
                  where("patient") +
                      "no stay of this patient is in episodes.csv (or their stays were rejected)",
                  row());
      continue;
    }
    open.clear();
    uint32_t latest = UINT32_MAX;  // the latest stay discharged before the event
    bool latest_tied = false;
    for (auto it = first; it != last; ++it) {
      const auto stay = static_cast<uint32_t>(it - s.patient.begin());
      const bool admitted_time = (s.flags[stay] & model::kAdmittedHasTime) && event_time;
      const bool admitted = admitted_time ? s.admitted_at[stay] <= at
                                          : DateOf(s.admitted_at[stay]) <= DateOf(at);
      if (!admitted) continue;
      const DateTime discharged = s.discharged_at[stay];
      const bool discharged_time = (s.flags[stay] & model::kDischargedHasTime) && event_time;
      const bool before = discharged != kNoDateTime &&
                          (discharged_time ? discharged < at : DateOf(discharged) < DateOf(at));
      if (!before) {
        open.push_back(stay);
      } else if (latest == UINT32_MAX || discharged > s.discharged_at[latest]) {
        latest = stay;
        latest_tied = false;
      } else if (discharged == s.discharged_at[latest]) {
        latest_tied = true;
      }
    }
    if (open.size() == 1) {
      linked[i] = open[0];
      continue;
    }
    if (open.size() > 1) {
      std::string stays;
      for (size_t k = 0; k < open.size() && k < 3; ++k) {
        stays += fmt::format("{}{} (line {})", k == 0 ? "" : ", ", episode(open[k]),
                             s.line[open[k]]);
      }
      if (open.size() > 3) stays += fmt::format(" and {} more", open.size() - 3);
      if (SameClinic(s, open)) {
        // Overlapping stays of one clinic (the loader's overlapping_stay: an EHR artefact, one
        // care episode): the stay admitted last, the last of `open` in the stays' order
        // (admission, then episode_id). Flagged, so the region sees the choice.
        linked[i] = open.back();
        raw.log.AddFlag(e.line[i], "at", FlagCode::kEventInOverlappingStays,
                        where("at") + fmt::format("{} falls in {} overlapping stays of this "
                                                  "patient in the same clinic: episodes {}; "
                                                  "linked to the one admitted last, {}",
                                                  at_text, open.size(), stays,
                                                  episode(open.back())),
                        row());
        continue;
      }
      raw.log.Add(e.line[i], "at", RejectCode::kAmbiguousEvent,
                  where("at") + fmt::format("{} falls in {} stays of this patient: episodes {}; "
                                            "give the event's episode_id instead",
                                            at_text, open.size(), stays),
                  row());
      continue;
    }
    if (latest != UINT32_MAX) {
      const DateTime discharged = s.discharged_at[latest];
      const int days = DateOf(at) - DateOf(discharged);
      if (days <= after_discharge_days && latest_tied) {
        raw.log.Add(e.line[i], "at", RejectCode::kAmbiguousEvent,
                    where("at") + fmt::format("{} is after two or more stays of this patient "
                                              "discharged at the same time {}; give the event's "
                                              "episode_id instead",
                                              at_text, discharge(latest)),
                    row());
        continue;
      }
      if (days <= after_discharge_days) {
        linked[i] = latest;
        continue;
      }
      raw.log.Add(
          e.line[i], "at", RejectCode::kUnlinkedEvent,
          where("at") + fmt::format("{} falls in no stay of this patient and is {} days after "
                                    "the latest discharge before it ({}, episode {}), more "
                                    "than the {} of [coordination] link_after_discharge_days",
                                    at_text, days, discharge(latest),
                                    episode(latest), after_discharge_days),
          row());
      continue;
    }
    raw.log.Add(e.line[i], "at", RejectCode::kUnlinkedEvent,
                where("at") + fmt::format("{} is before every stay of this patient in "
                                          "episodes.csv",
                                          at_text),
                row());
  }
  return linked;
}

}  // namespace nara::ingest
