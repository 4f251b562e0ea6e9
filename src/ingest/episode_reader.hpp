// Reads episodes.csv (data contract §1.3): one row per inpatient stay.
#pragma once

#include "base/csv_reader.hpp"
#include "ingest/column_map.hpp"
#include "ingest/raw_tables.hpp"

namespace nara::ingest {

// Reads every row of `reader` into `out` (file order). Rows that break a rule of data contract
// §2 go to out.log; fails only when the table is unusable (a required column is missing) or
// identifiable data is not allowed.
Status ReadEpisodes(CsvReader& reader, const ReadContext& context, RawStays& out);

// Appends the rows of the second half of a split episodes.csv (read by another thread with
// `tail.second_half` set, from `tail_reader`, still open) to the first half's: counts, rejects,
// patients and columns, so that `into` is what one reader of the whole file gives. Rows whose
// episode id the first half kept are rejected as duplicates here (their rejects built from their
// records, read again), codes are re-interned row by row in file order. Not for the PAR form
// (its derived ids depend on every earlier row: such a file is not split).
Status AppendEpisodes(RawStays& tail, const CsvReader& tail_reader, const ReadContext& context,
                      RawStays& into);

// Whether a header is the PAR form's (no stay id, INDATUM and SJUKHUS): its ids are derived.
bool IsParForm(const std::vector<std::string>& header);

// ICD-10 code without dot, upper case ("i50.9" -> "I509"); empty when it is not shaped like one
// (a letter, two digits, then up to 5 letters or digits).
std::string NormaliseDiagnosis(std::string_view text);

// The contract's column names of episodes.csv (for extract.toml's [columns.episodes]).
std::vector<std::string> EpisodeColumnNames();

// The stays' patient column: its name and aliases (for IdentityLookup, which reads it again).
const ColumnSpec& EpisodePatientColumn();

}  // namespace nara::ingest
