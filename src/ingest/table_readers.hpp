// Readers of the optional tables of data contract §1.4-1.8, one .cpp each.
#pragma once

#include "base/csv_reader.hpp"
#include "ingest/raw_tables.hpp"

namespace nara::ingest {

// Each reads every row of `reader` into `out` in file order. Rows that break a rule of data
// contract §2 go to out.log; each fails only when the table is unusable (a required column is
// missing) or identifiable data is not allowed.
Status ReadCoordination(CsvReader& reader, const ReadContext& context, RawEvents& out);
// The contract's column names of coordination.csv, contacts.csv and waits.csv (for extract.toml's
// mapping: extract_mapping.cpp).
std::vector<std::string> CoordinationColumnNames();
std::vector<std::string> ContactColumnNames();
std::vector<std::string> WaitColumnNames();
// population.csv's banded form and enrollments.csv (the columns [columns.population] and
// [columns.enrollments] may name).
std::vector<std::string> PopulationColumnNames();
std::vector<std::string> EnrollmentColumnNames();
Status ReadContacts(CsvReader& reader, const ReadContext& context, RawContacts& out);
Status ReadWaits(CsvReader& reader, const ReadContext& context, RawWaits& out);
// population.csv in the contract's banded form or as downloaded from SCB (BE0101N1; `path` is
// the file, re-read when SCB's title lines come before the header). extract.toml's
// [columns.population]/[values.population.*] map the banded form; a file with a
// [columns.population] mapping is read as the banded form.
Status ReadPopulation(CsvReader& reader, const std::string& path, const ReadContext& context,
                      RawPopulation& out);
// population.json: JSON-stat2 as SCB's API returns it. Fails (kInvalidInput) when the file is
// not a JSON-stat2 dataset with the dimensions Region, Alder, Kon and Tid.
Status ReadPopulationJson(const std::string& path, const ReadContext& context,
                          RawPopulation& out);
// The same for the file's bytes (the fuzz target's entry).
Status ParsePopulationJson(std::string bytes, const ReadContext& context, RawPopulation& out);
Status ReadEnrollments(CsvReader& reader, const ReadContext& context, RawEnrollments& out);

}  // namespace nara::ingest
