// The one way back from a pseudonym to an identity number: `nara settle --with-identity` (docs:
// settlement.md, privacy.md). The original episodes.csv is read again under the run's key and the
// identity number behind each wanted pseudonym is kept in memory, for the per-municipality basis
// workbooks only. Nothing here is stored, logged or printed.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "base/date.hpp"
#include "base/status.hpp"
#include "identity/pseudonymiser.hpp"

namespace nara::ingest {

class IdentityLookup {
 public:
  // Reads the patient column of `extract_dir`/episodes.csv (found as the stays' reader finds it:
  // its names and aliases, the PAR form's LopNr/personnummer, or extract.toml's
  // [columns.episodes] mapping) and keeps, for each value that is an identity number whose pseudonym
  // under `pseudonymiser` is in `wanted`, that number written `YYYYMMDD-NNNC` (an interim
  // number with its letter). `reference` decides the century of 10-digit numbers, as at ingest
  // (the extract's creation date). Values that are no identity number (a LopNr) give nothing.
  // Errors (kIoError, kInvalidInput) name the file, never a value.
  static Result<IdentityLookup> Read(const std::string& extract_dir,
                                     const identity::Pseudonymiser& pseudonymiser, Date reference,
                                     const std::unordered_set<uint64_t>& wanted);

  // The identity number behind `pseudonym`, or "" when there is none.
  const std::string& Find(uint64_t pseudonym) const;
  size_t size() const { return numbers_.size(); }

 private:
  std::unordered_map<uint64_t, std::string> numbers_;
};

}  // namespace nara::ingest
