// Swedish identity numbers: personnummer, samordningsnummer and hospitals' interim numbers.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "base/date.hpp"

namespace nara::identity {

enum class IdKind : uint8_t {
  kPersonnummer,       // folkbokföringslagen 18 §
  kSamordningsnummer,  // 18 a §: day of birth + 60
  kInterim,            // a letter in the serial (reservnummer used by hospitals), e.g. 000101-T220
};

enum class Sex : uint8_t { kUnknown = 0, kMale = 1, kFemale = 2 };

// A recognised identity number. Holds the clear value: it lives only on the stack of the
// pseudonymiser's caller and is never stored or printed.
struct IdentityNumber {
  IdKind kind = IdKind::kPersonnummer;
  char canonical[13] = {};     // YYYYMMDDNNNC and NUL (interim: a letter at index 8)
  bool check_digit_ok = false; // Luhn over the 10-digit form (interim: letter counts as 1)
  Date birth_date = kNoDate;   // kNoDate when the date is impossible
  Sex sex = Sex::kUnknown;     // the serial's last digit before the check digit: odd = male
};

// Recognises YYYYMMDDNNNC, YYMMDDNNNC, and the same with '-' or '+' before the last four
// (blanks trimmed). The century of a 10-digit form is the latest that puts the birth on or before
// `reference`; '+' (100 years or older) one century earlier still. `reference` is the extract's
// creation date, never the clock, so results are reproducible. Returns nullopt when the text does
// not have that shape (an already pseudonymised LopNr, say). A wrong check digit or impossible
// date still returns a value (see IsValid).
std::optional<IdentityNumber> ParseIdentityNumber(std::string_view text, Date reference);

// A valid number: a possible date, a serial other than 000 and a correct check digit (the
// conformance vectors' `valid`).
bool IsValid(const IdentityNumber& number);

}  // namespace nara::identity
