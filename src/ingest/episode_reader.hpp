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

// ICD-10 code without dot, upper case ("i50.9" -> "I509"); empty when it is not shaped like one
// (a letter, two digits, then up to 5 letters or digits).
std::string NormaliseDiagnosis(std::string_view text);

// The contract's column names of episodes.csv (for extract.toml's [columns.episodes]).
std::vector<std::string> EpisodeColumnNames();

// The stays' patient column: its name and aliases (for IdentityLookup, which reads it again).
const ColumnSpec& EpisodePatientColumn();

}  // namespace nara::ingest
