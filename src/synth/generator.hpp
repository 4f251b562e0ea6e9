// `nara synth`: a deterministic generator of realistic synthetic extracts (no real patients).
#pragma once

#include <cstdint>
#include <string>

#include "base/date.hpp"
#include "base/status.hpp"

namespace nara::synth {

enum class Dialect {
  kCanonical,  // the data contract's names, ',', UTF-8, ISO dates, English codes
  kRegister,   // PAR-style names, ';', Windows-1252, CRLF, YYYYMMDD, PVARD/UTSATT codes, LKF
};

struct SynthOptions {
  std::string out_dir;  // created if missing; existing files overwritten
  int64_t stays = 10000;
  uint64_t seed = 1;
  std::string county = "08";  // Region Kalmar län (seed 001)
  Date coverage_from = kNoDate;  // kNoDate: 2020-01-01
  Date coverage_to = kNoDate;    // kNoDate: 2022-12-31
  Dialect dialect = Dialect::kCanonical;
  bool inject_faults = false;  // known bad rows in every table, listed in faults.csv
  std::string reference_dir;   // the project's data/reference (municipalities.csv)
};

// Coverage 2020-01-01 to 2022-12-31, 10 000 stays, seed 1, county 08, canonical dialect.
SynthOptions DefaultOptions();

// Writes extract.toml, episodes.csv (exactly options.stays rows, plus the faults), coordination,
// contacts, waits, population, enrollments and municipalities.csv (and faults.csv with
// inject_faults; a stale faults.csv is removed without) to options.out_dir. The same options
// give byte-identical files; the two dialects hold the same data. Patients are generated one at
// a time, so memory stays small whatever the size.
// Errors: UsageError for impossible options (stays < 1, coverage shorter than 60 days, empty
// out_dir, a county without municipalities); IoError naming the file that could not be read or
// written.
Status Generate(const SynthOptions& options);

}  // namespace nara::synth
