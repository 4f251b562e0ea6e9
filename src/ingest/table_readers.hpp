// Readers of the optional tables of data contract §1.4-1.8, one .cpp each.
#pragma once

#include "base/csv_reader.hpp"
#include "ingest/raw_tables.hpp"

namespace nara::ingest {

// Each reads every row of `reader` into `out` in file order. Rows that break a rule of data
// contract §2 go to out.log; each fails only when the table is unusable (a required column is
// missing) or identifiable data is not allowed.
Status ReadCoordination(CsvReader& reader, const ReadContext& context, RawEvents& out);
Status ReadContacts(CsvReader& reader, const ReadContext& context, RawContacts& out);
Status ReadWaits(CsvReader& reader, const ReadContext& context, RawWaits& out);
Status ReadPopulation(CsvReader& reader, const ReadContext& context, RawPopulation& out);
Status ReadEnrollments(CsvReader& reader, const ReadContext& context, RawEnrollments& out);

}  // namespace nara::ingest
