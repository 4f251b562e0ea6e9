// The audit trail of settlement runs: what changed since a previous run (changes.csv), the
// economists' "why did March change?". The checksums of run.json are base/sha256.hpp's.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.hpp"

namespace nara::settlement {

// A basis row as the comparison sees it: (municipality, month, patient_ref, episode_id) with the
// sums over that stay's ready periods in the month.
struct Change {
  std::string municipality;
  std::string month;
  std::string patient_ref;
  std::string episode_id;
  std::string what;  // added, removed, changed
  int64_t old_ready_days = 0, new_ready_days = 0;
  int64_t old_liable_days = 0, new_liable_days = 0;
  int64_t old_amount = 0, new_amount = 0;
};

// Compares two basis.csv texts, only for months in [first_month, last_month] (labels such as
// `2022-03`, compared as text) so that months one run did not settle are not reported as added
// or removed. Sorted by municipality, month, patient_ref, episode_id. kInvalidInput when a text is
// not a basis.csv (missing columns), naming `old_name`.
Result<std::vector<Change>> CompareBasis(const std::string& old_basis, const std::string& old_name,
                                         const std::string& new_basis,
                                         const std::string& first_month,
                                         const std::string& last_month);

// `municipality,month,patient_ref,episode_id,change,old_ready_days,new_ready_days,
// old_liable_days,new_liable_days,old_amount,new_amount`
std::string ChangesCsv(const std::vector<Change>& changes);

// One line per municipality and month with changes: counts of added/removed/changed stays and
// the difference in liable days and amount.
std::string ChangesSummary(const std::vector<Change>& changes);

}  // namespace nara::settlement
