// Rejected rows and flagged values of one ingest: where, which rule, and a message.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/redaction.hpp"

namespace nara::ingest {

// Stable reason codes (data contract §2). The names are part of the public interface: they
// appear in rejects.csv and the ingest report, and scripts filter on them.
enum class RejectCode : uint8_t {
  kFieldCount,                // the row has more or fewer fields than the header
  kMalformedRow,              // broken quoting
  kMissingValue,              // a required value is empty
  kBadDate,                   // not a date, or an impossible one (2019-02-30)
  kBadNumber,                 // not an integer where one is required
  kBadCode,                   // a coded value outside the contract's list
  kUnknownMunicipality,       // not in SCB's list nor the extract's municipalities.csv
  kDuplicateEpisodeId,        // a second row with an episode_id already seen
  kDischargeBeforeAdmission,
  kOverlappingStay,           // no longer given (issue 13: such a stay is kept and flagged);
                              // the name stays reserved
  kUnknownEpisode,            // an event whose episode is not in episodes.csv (or was rejected)
  kReadyNoticeAfterDischarge,
  kNegativeCount,
  kFieldTooLong,          // a field longer than kMaxFieldBytes
  kIdentityNumberInText,  // a unit name, programme or episode id shaped like an identity number
  // Events keyed by patient (event_linker) and SCB population forms (population_reader).
  kUnlinkedEvent,            // a patient-keyed event that falls in no stay of the patient
  kAmbiguousEvent,           // a patient-keyed event that falls in two or more open stays
  kPopulationTotalMismatch,  // an SCB total row that differs from the sum of its parts
  kPopulationTotalOnly,      // an SCB total row whose parts are not in the file
  kPopulationIncompleteBand, // single ages that do not cover a whole age band of Nära
  kDuplicatePopulationRow,   // a second row for the same region, age, sex and year
  // Issue 13 (PAR form, overlapping stays kept):
  kDuplicateStay,  // same patient, admission, discharge and unit as an earlier stay (or, in the
                   // PAR form, a row identical to an earlier one)
};

// Values kept but flagged (the row is used).
enum class FlagCode : uint8_t {
  kBadCheckDigit,    // personnummer with a wrong check digit: kept, pseudonymised, flagged
  kOverlappingStay,  // starts before an earlier stay of the patient in the same clinic ends: kept
  kDerivedIdTie,     // PAR form: another row has the same derived-id key; the line number added
  kEventInOverlappingStays,  // a patient-keyed event inside overlapping stays of one clinic:
                             // linked to the one admitted last (event_linker)
};

std::string_view RejectCodeName(RejectCode code);
std::string_view FlagCodeName(FlagCode code);

struct Reject {
  std::string file;     // e.g. "episodes.csv"
  int64_t line;         // 1-based physical line of the row
  std::string column;   // canonical column name, empty when the whole row is at fault
  RejectCode code;
  std::string message;  // for the analyst; never holds an identity number
  std::string row;      // the row as read, identity numbers replaced (see RedactIdentityNumbers)
                        // and long fields cut
};

// A row kept but listed in flags.csv (the flag codes that name a row, e.g. overlapping_stay).
struct FlaggedRow {
  std::string file;
  int64_t line;
  std::string column;
  FlagCode code;
  std::string message;  // redacted, as a reject's
  std::string row;
};

// Collects the rejects and flags of one table. Not thread-safe: one per table reader.
class RejectLog {
 public:
  explicit RejectLog(std::string file) : file_(std::move(file)) {}

  // Every reject passes here: the message and row are redacted (RedactIdentityNumbers) whatever
  // the caller built them from, so no identity-number-shaped text reaches a report.
  void Add(int64_t line, std::string_view column, RejectCode code, std::string_view message,
           std::string_view row);
  void Flag(FlagCode code) { ++flags_[code]; }
  // Flags a kept row and lists it (flags.csv), redacted as Add does; counts it as Flag does.
  void AddFlag(int64_t line, std::string_view column, FlagCode code, std::string_view message,
               std::string_view row);
  // Adds another log's rejects (after this one's) and flag counts: for a table read in parts.
  void Append(const RejectLog& other);
  // Drops the rejects at `indexes` (any order) and puts the rest in line order (stable): for a
  // table half whose rows were judged again after it was read (AppendEpisodes).
  void RemoveRejectsAndSortByLine(std::vector<size_t> indexes);

  const std::string& file() const { return file_; }
  const std::vector<Reject>& rejects() const { return rejects_; }
  const std::map<FlagCode, int64_t>& flags() const { return flags_; }
  const std::vector<FlaggedRow>& flagged() const { return flagged_; }

 private:
  std::string file_;
  std::vector<Reject> rejects_;
  std::map<FlagCode, int64_t> flags_;
  std::vector<FlaggedRow> flagged_;
};

}  // namespace nara::ingest
