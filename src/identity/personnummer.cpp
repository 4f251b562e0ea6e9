// Parsing and validation of personnummer, samordningsnummer and interim numbers.
#include "identity/personnummer.hpp"

namespace nara::identity {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Interim numbers (reservnummer) put one of these letters first in the serial.
bool IsInterimLetter(char c) {
  switch (c) {
    case 'T': case 'R': case 'S': case 'U': case 'W': case 'X': case 'J': case 'K': case 'L':
    case 'M': case 'N':
      return true;
    default:
      return false;
  }
}

// Skatteverket: modulus 10 with weights 2,1,2,1... over the first 9 digits of the 10-digit form
// (a letter of an interim number counts as 1).
int CheckDigit(const char* ten) {
  int sum = 0;
  for (int i = 0; i < 9; ++i) {
    const int digit = IsDigit(ten[i]) ? ten[i] - '0' : 1;
    int product = digit * (i % 2 == 0 ? 2 : 1);
    sum += product / 10 + product % 10;
  }
  return (10 - sum % 10) % 10;
}

}  // namespace

std::optional<IdentityNumber> ParseIdentityNumber(std::string_view text, Date reference) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  char separator = 0;
  char compact[12];
  size_t length = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c == '-' || c == '+') && separator == 0 && text.size() - i == 5) {
      separator = c;
      continue;
    }
    if (length >= 12) return std::nullopt;
    compact[length++] = c;
  }
  if (length != 10 && length != 12) return std::nullopt;
  // Serial: positions length-4 .. length-1; the first may be an interim letter.
  const size_t serial = length - 4;
  for (size_t i = 0; i < length; ++i) {
    if (i == serial && IsInterimLetter(compact[i])) continue;
    if (!IsDigit(compact[i])) return std::nullopt;
  }
  IdentityNumber number;
  const bool interim = !IsDigit(compact[serial]);
  int year;
  const char* rest;  // MMDDNNNC
  if (length == 12) {
    year = (compact[0] - '0') * 1000 + (compact[1] - '0') * 100 + (compact[2] - '0') * 10 +
           (compact[3] - '0');
    rest = compact + 4;
  } else {
    const int yy = (compact[0] - '0') * 10 + (compact[1] - '0');
    const CivilDate today = CivilFromDays(reference);
    year = today.year - ((today.year - yy) % 100 + 100) % 100;  // latest year ending in yy
    rest = compact + 2;
    if (separator == '+') year -= 100;
  }
  const int month = (rest[0] - '0') * 10 + (rest[1] - '0');
  int day = (rest[2] - '0') * 10 + (rest[3] - '0');
  number.kind = interim ? IdKind::kInterim : IdKind::kPersonnummer;
  if (day > 60) {
    day -= 60;
    if (!interim) number.kind = IdKind::kSamordningsnummer;
  }
  if (length == 10 && separator != '+' && IsValidCivilDate(year, month, day) &&
      DaysFromCivil(year, month, day) > reference) {
    year -= 100;  // born later in the reference year's calendar but not yet: a century earlier
  }
  number.birth_date = IsValidCivilDate(year, month, day) ? DaysFromCivil(year, month, day)
                                                         : kNoDate;
  // Canonical 12-character form.
  number.canonical[0] = static_cast<char>('0' + (year / 1000) % 10);
  number.canonical[1] = static_cast<char>('0' + (year / 100) % 10);
  number.canonical[2] = static_cast<char>('0' + (year / 10) % 10);
  number.canonical[3] = static_cast<char>('0' + year % 10);
  for (int i = 0; i < 8; ++i) number.canonical[4 + i] = rest[i];
  number.canonical[12] = '\0';
  number.check_digit_ok = CheckDigit(number.canonical + 2) == number.canonical[11] - '0';
  const char sex_digit = number.canonical[10];
  number.sex = (sex_digit - '0') % 2 == 1 ? Sex::kMale : Sex::kFemale;
  return number;
}

bool IsValid(const IdentityNumber& number) {
  // Serial 000 is never issued.
  const bool zero_serial = number.canonical[8] == '0' && number.canonical[9] == '0' &&
                           number.canonical[10] == '0';
  return number.check_digit_ok && number.birth_date != kNoDate && !zero_serial;
}

}  // namespace nara::identity
