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
  std::string out_dir;
  int64_t stays = 10000;
  uint64_t seed = 1;
  std::string county = "08";  // Region Kalmar län (seed 001)
  Date coverage_from = kNoDate;
  Date coverage_to = kNoDate;
  Dialect dialect = Dialect::kCanonical;
  bool inject_faults = false;  // known bad rows in every table, listed in faults.csv
  std::string reference_dir;   // data/reference (municipalities.csv)
};

// Coverage 2020-01-01 to 2022-12-31, 10 000 stays, seed 1.
SynthOptions DefaultOptions();

// Writes extract.toml, episodes.csv, coordination.csv, contacts.csv, waits.csv,
// population.csv, enrollments.csv and municipalities.csv (and faults.csv) to options.out_dir.
// The same options give byte-identical files. Errors name the file that could not be written.
Status Generate(const SynthOptions& options);

}  // namespace nara::synth
