// Parsing and validation of personnummer, samordningsnummer and interim numbers.
#include "identity/personnummer.hpp"

#include <cassert>

namespace nara::identity {
namespace {

// As base::ParseDate: no patient in an extract is born before this year.
constexpr int kMinBirthYear = 1800;
// Folkbokföringslagen 18 a §: a samordningsnummer's day is the day of birth plus 60.
constexpr int kSamordningsnummerDayOffset = 60;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
char ToUpper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }
bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view TrimBlanks(std::string_view text) {
  while (!text.empty() && IsBlank(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsBlank(text.back())) text.remove_suffix(1);
  return text;
}

int TwoDigits(const char* digits) { return (digits[0] - '0') * 10 + (digits[1] - '0'); }

// The letters of the interim-number schemes in use (the shared conformance vectors accept these
// and refuse others, such as E).
bool IsInterimLetter(char c) {
  for (const char letter : std::string_view("TRSUWXJKLMN")) {
    if (c == letter) return true;
  }
  return false;
}

// Skatteverket's check: over the 10-digit form YYMMDDNNNC, double the digits at even positions
// (adding the digits of a two-digit product) and keep the others; the sum, check digit included,
// is a multiple of 10. An interim letter counts as 1.
bool CheckDigitOk(const char* ten) {
  int sum = 0;
  for (int i = 0; i < 10; ++i) {
    const int digit = IsDigit(ten[i]) ? ten[i] - '0' : 1;
    const int product = i % 2 == 0 ? 2 * digit : digit;
    sum += product / 10 + product % 10;
  }
  return sum % 10 == 0;
}

// The latest year ending in `two_digit_year` that puts (year, month, day) on or before the
// reference date. Month and day are compared as numbers, so an impossible date gets a century too.
int LatestCenturyYear(int two_digit_year, int month, int day, const CivilDate& reference) {
  int year = reference.year - ((reference.year - two_digit_year) % 100 + 100) % 100;
  if (year == reference.year &&
      (month > reference.month || (month == reference.month && day > reference.day))) {
    year -= 100;
  }
  return year;
}

}  // namespace

std::optional<IdentityNumber> ParseIdentityNumber(std::string_view text, Date reference) {
  assert(reference != kNoDate);
  text = TrimBlanks(text);

  // Take out a separator before the last four characters: 10 or 12 characters remain.
  char body[12];
  size_t length = text.size();
  char separator = '\0';
  if (length == 11 || length == 13) {
    separator = text[length - 5];
    if (separator != '-' && separator != '+') return std::nullopt;
    text.copy(body, length - 5);
    text.substr(length - 4).copy(body + length - 5, 4);
    --length;
  } else if (length == 10 || length == 12) {
    text.copy(body, length);
  } else {
    return std::nullopt;
  }

  // Digits only, except that the serial may start with a letter (an interim number).
  const size_t serial = length - 4;
  const bool interim = IsLetter(body[serial]);
  for (size_t i = 0; i < length; ++i) {
    if (!IsDigit(body[i]) && !(i == serial && interim)) return std::nullopt;
  }

  const char* short_form = body + length - 10;  // YYMMDDNNNC
  const int month = TwoDigits(short_form + 2);
  const int coded_day = TwoDigits(short_form + 4);
  const bool coordination = coded_day > kSamordningsnummerDayOffset;
  const int day = coordination ? coded_day - kSamordningsnummerDayOffset : coded_day;
  int year;
  if (length == 12) {
    year = TwoDigits(body) * 100 + TwoDigits(body + 2);
  } else {
    year = LatestCenturyYear(TwoDigits(short_form), month, day, CivilFromDays(reference));
    if (separator == '+') year -= 100;
  }

  IdentityNumber number;
  number.canonical[0] = static_cast<char>('0' + year / 1000 % 10);
  number.canonical[1] = static_cast<char>('0' + year / 100 % 10);
  for (size_t i = 0; i < 10; ++i) number.canonical[2 + i] = short_form[i];
  number.canonical[8] = ToUpper(number.canonical[8]);
  number.canonical[12] = '\0';

  number.kind = interim        ? IdKind::kInterim
                : coordination ? IdKind::kSamordningsnummer
                               : IdKind::kPersonnummer;
  number.check_digit_ok = CheckDigitOk(number.canonical + 2);
  number.sex = (number.canonical[10] - '0') % 2 == 1 ? Sex::kMale : Sex::kFemale;
  if (year >= kMinBirthYear && IsValidCivilDate(year, month, day)) {
    const Date birth = DaysFromCivil(year, month, day);
    if (birth <= reference) number.birth_date = birth;
  }
  return number;
}

bool IsValid(const IdentityNumber& number) {
  if (!number.check_digit_ok || number.birth_date == kNoDate) return false;
  const char* serial = number.canonical + 8;
  if (number.kind == IdKind::kInterim) return IsInterimLetter(serial[0]);
  return !(serial[0] == '0' && serial[1] == '0' && serial[2] == '0');  // serial 000 is never issued
}

}  // namespace nara::identity
