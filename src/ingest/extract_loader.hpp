// Loads an extract folder into the columnar model, with the ingest report of data contract §2.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base/status.hpp"
#include "identity/pseudonymiser.hpp"
#include "ingest/reject_log.hpp"
#include "ingest/table_scan.hpp"
#include "model/extract.hpp"

namespace nara::ingest {

struct LoadOptions {
  std::string extract_dir;
  std::string reference_dir;  // the bundled data/reference folder (municipalities.csv)
  const identity::Pseudonymiser* pseudonymiser = nullptr;
  // False when running without a real key and without --test-data: identity numbers in the
  // patient column are then a whole-run error (data contract §3).
  bool allow_identifiable = false;
  int threads = 2;
  // With two or more threads, episodes.csv, coordination.csv and contacts.csv from this size on
  // are each read in two halves at once.
  size_t split_from_bytes = size_t{16} << 20;
};

// What ingest did with every row: counts per table, rejected rows with their reasons, flags.
struct IngestReport {
  std::string extract_dir;
  std::vector<TableCounts> tables;  // in the contract's order; absent tables have present=false
  std::vector<Reject> rejects;      // sorted by file (contract order), then line
  std::map<std::pair<std::string, std::string>, int64_t> reject_counts;  // (file, code) -> rows
  std::map<std::pair<std::string, std::string>, int64_t> flag_counts;    // (file, code) -> rows
  std::vector<FlaggedRow> flagged;  // the flagged rows that are listed (flags.csv), file order
  int64_t bytes_read = 0;
  double seconds = 0;

  int64_t rows_rejected() const { return static_cast<int64_t>(rejects.size()); }
};

struct LoadedExtract {
  model::Extract extract;
  IngestReport report;
};

// Reads `options.extract_dir`: extract.toml and episodes.csv are required, every other table of
// data contract §1 is read when present. Tables are read in parallel (`threads`), then patients
// are indexed by pseudonym and every table is sorted (stays by patient and admission, events
// by stay and time, contacts and waits by patient and time).
// Fails (kInvalidInput / kIoError) only when the extract cannot be used at all: a missing
// manifest or episodes.csv, a missing required column, identifiable data without a key. Row
// faults never fail the load: they are in report.rejects.
Result<LoadedExtract> LoadExtract(const LoadOptions& options);

}  // namespace nara::ingest
