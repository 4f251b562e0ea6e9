// Turns the patient column into a pseudonym at the moment it is read (data contract §3).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.hpp"
#include "base/status.hpp"
#include "base/string_index.hpp"
#include "identity/personnummer.hpp"
#include "identity/pseudonymiser.hpp"
#include "model/codes.hpp"

namespace nara::ingest {

// What the patient column of one row resolves to. Holds no clear identity number.
struct ResolvedPatient {
  uint64_t pseudonym = 0;
  model::Sex sex = model::Sex::kUnknown;  // from the identity number
  Date birth_date = kNoDate;               // from the identity number
  bool identifiable = false;               // the value was an identity number
  bool bad_check_digit = false;
  uint32_t local = 0;  // the value's index among the resolver's distinct values (CollectPatients)
};

// Resolves patient values of one table, caching by value so each distinct patient is hashed
// once. The cache holds clear values only in memory and only for the reader's lifetime. Not
// thread-safe: one per table reader (the Pseudonymiser it points to is shared and thread-safe).
class PatientResolver {
 public:
  // `reference` decides the century of 10-digit numbers (the extract's creation date).
  // `allow_identifiable` is false when Nära runs without a real key and without --test-data:
  // then an identity number is a whole-run error.
  PatientResolver(const identity::Pseudonymiser& pseudonymiser, Date reference,
                  bool allow_identifiable)
      : pseudonymiser_(pseudonymiser), reference_(reference),
        allow_identifiable_(allow_identifiable) {}

  // Fails (kInvalidInput) only when the value is an identity number and identifiable data is not
  // allowed; the message names the file and line, never the value.
  Result<ResolvedPatient> Resolve(std::string_view value, std::string_view file, int64_t line);

  // Appends every distinct patient value resolved so far (pseudonym, sex, birth date; no clear
  // value), in the order first seen: the one with `local` i is the i-th appended.
  void CollectPatients(std::vector<ResolvedPatient>& out) const;

 private:
  const identity::Pseudonymiser& pseudonymiser_;
  Date reference_;
  bool allow_identifiable_;
  // The cache: the i-th distinct (trimmed) value and what it resolved to, in first-seen order,
  // and the index from value to i. A lookup by the row's string_view builds no std::string.
  std::vector<std::string> values_;
  std::vector<ResolvedPatient> patients_;
  StringIndex index_;
};

}  // namespace nara::ingest
