// Swedish identity numbers: personnummer, samordningsnummer and hospitals' interim numbers.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "base/date.hpp"
#include "identity/sex.hpp"

namespace nara::identity {

// A personnummer (folkbokföringslagen 18 §) is YYMMDD-NNNC: the birth date, a three-digit serial
// whose last digit is odd for men, and a check digit. A samordningsnummer (18 a §) adds 60 to the
// day. An interim number (reservnummer) is what a hospital gives a patient without either: a
// letter in place of the serial's first digit (YYMMDD-T220).
enum class IdKind : uint8_t {
  kPersonnummer,
  kSamordningsnummer,
  kInterim,  // a letter at index 8 of the 12-character form (T, R, S, U, W, X, J, K, L, M, N)
};

// A recognised identity number. It holds the clear value: keep it on the stack of whoever
// pseudonymises it, and never store, log or print it.
struct IdentityNumber {
  IdKind kind = IdKind::kPersonnummer;
  // YYYYMMDDNNNC and a NUL; an interim number's letter (upper case) at index 8. This is the value
  // that is pseudonymised, so every written form of one number gives one pseudonym.
  char canonical[13] = {};
  // Luhn (modulus 10, weights 2,1,2,1... over the 10-digit form); an interim letter counts as 1.
  bool check_digit_ok = false;
  // The birth date (a samordningsnummer's day minus 60). kNoDate when it is not a calendar date,
  // lies before 1800, or lies after the reference date the number was parsed against.
  Date birth_date = kNoDate;
  // Index 10 of the canonical form (the 9th digit of the 10-digit form): odd = male.
  Sex sex = Sex::kUnknown;
};

// Recognises, with blanks (space, tab, CR, LF) trimmed at both ends:
//   YYYYMMDDNNNC   YYYYMMDD-NNNC   YYMMDDNNNC   YYMMDD-NNNC   YYMMDD+NNNC
// ('+' also accepted in the 12-digit form, where the year already says the century), where the
// first N may be a letter (an interim number; lower case is read as upper case).
// The century of a 10-digit form is the latest that puts the birth date on or before `reference`
// (dates compared as year, month, day even when the date is impossible); '+' (100 years or
// older) means one century earlier still. `reference` is the extract's creation date, never the
// clock, so a re-run gives the same result; it must not be kNoDate.
// Returns nullopt when the text does not have one of these shapes: the caller then treats it as
// an already pseudonymised LopNr. A wrong check digit or an impossible date still returns a value
// (check_digit_ok = false, birth_date = kNoDate): such a number is kept, flagged and pseudonymised.
std::optional<IdentityNumber> ParseIdentityNumber(std::string_view text, Date reference);

// Whether the number could have been issued: correct check digit, a birth date (see
// IdentityNumber::birth_date), a serial other than 000, and for an interim number one of the
// letters T R S U W X J K L M N. This is exactly the `valid` of the shared conformance vectors
// (tests/data/personnummer/).
bool IsValid(const IdentityNumber& number);

}  // namespace nara::identity
