// Names of the reject and flag codes, and the per-table reject log.
#include "ingest/reject_log.hpp"

#include <algorithm>
#include <array>

namespace nara::ingest {

std::string_view RejectCodeName(RejectCode code) {
  // clang-format off
  static constexpr std::array<std::string_view, 22> kNames = {
      "field_count",       "malformed_row",        "missing_value",
      "bad_date",          "bad_number",           "bad_code",
      "unknown_municipality", "duplicate_episode_id", "discharge_before_admission",
      "overlapping_stay",  "unknown_episode",      "ready_notice_after_discharge",
      "negative_count",    "field_too_long",       "identity_number_in_text",
      "unlinked_event",    "ambiguous_event",      "population_total_mismatch",
      "population_total_only", "population_incomplete_band", "duplicate_population_row",
      "duplicate_stay"};
  // clang-format on
  return kNames[static_cast<size_t>(code)];
}

std::string_view FlagCodeName(FlagCode code) {
  switch (code) {
    case FlagCode::kBadCheckDigit: return "bad_check_digit";
    case FlagCode::kOverlappingStay: return "overlapping_stay";
    case FlagCode::kDerivedIdTie: return "derived_id_tie";
    case FlagCode::kEventInOverlappingStays: return "event_in_overlapping_stays";
  }
  return "";
}

void RejectLog::Append(const RejectLog& other) {
  rejects_.insert(rejects_.end(), other.rejects_.begin(), other.rejects_.end());
  for (const auto& [code, count] : other.flags_) flags_[code] += count;
  flagged_.insert(flagged_.end(), other.flagged_.begin(), other.flagged_.end());
}

void RejectLog::RemoveRejectsAndSortByLine(std::vector<size_t> indexes) {
  std::sort(indexes.begin(), indexes.end());
  std::vector<Reject> kept;
  kept.reserve(rejects_.size());
  size_t next = 0;
  for (size_t i = 0; i < rejects_.size(); ++i) {
    while (next < indexes.size() && indexes[next] < i) ++next;
    if (next < indexes.size() && indexes[next] == i) continue;
    kept.push_back(std::move(rejects_[i]));
  }
  std::stable_sort(kept.begin(), kept.end(),
                   [](const Reject& a, const Reject& b) { return a.line < b.line; });
  rejects_ = std::move(kept);
}

void RejectLog::AddFlag(int64_t line, std::string_view column, FlagCode code,
                        std::string_view message, std::string_view row) {
  ++flags_[code];
  flagged_.push_back(FlaggedRow{file_, line, std::string(column), code,
                                RedactIdentityNumbers(message), RedactIdentityNumbers(row)});
}

void RejectLog::Add(int64_t line, std::string_view column, RejectCode code,
                    std::string_view message, std::string_view row) {
  rejects_.push_back(Reject{file_, line, std::string(column), code, RedactIdentityNumbers(message),
                            RedactIdentityNumbers(row)});
}

}  // namespace nara::ingest
