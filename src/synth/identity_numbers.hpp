// Synthetic Swedish identity numbers: the check digit and a supply of unique serial numbers.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/date.hpp"

namespace nara::synth {

// The check digit of a personnummer or samordningsnummer (Skatteverket: modulus 10 with weights
// 2, 1, 2, 1, ... over the ten-digit form YYMMDDNNN): `nine_digits` is YYMMDDNNN, each '0'-'9'.
int IdentityCheckDigit(std::string_view nine_digits);

// Hands out distinct 12-digit numbers YYYYMMDDNNNC. The serial NNN is drawn from a per-day
// permutation (its last digit odd for men, even for women), so two patients never share a
// number and no set of used numbers has to be kept. Not thread-safe.
class IdentityNumbers {
 public:
  // Birth dates handed to Assign must lie in [earliest_birth, latest_birth].
  IdentityNumbers(Date earliest_birth, Date latest_birth);

  // Writes the 12 digits (no terminator) to `out`. A samordningsnummer (`coordination`) has the
  // day of birth + 60. With `wrong_check_digit` the last digit is off by one, as in the few bad
  // numbers real extracts hold. When all 500 serials of the day are taken the next day is used:
  // returns the birth date the number encodes.
  Date Assign(Date birth, bool male, bool coordination, bool wrong_check_digit, char* out);

 private:
  Date earliest_;
  // Serials handed out per (day, sex, coordination): index (day - earliest) * 4 + kind.
  std::vector<uint16_t> used_;
};

}  // namespace nara::synth
