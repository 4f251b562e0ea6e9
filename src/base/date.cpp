// Civil-date conversion and the date / date-time parsers of data contract §1.1.
#include "base/date.hpp"

#include <fmt/format.h>

#include "base/year_range.hpp"

namespace nara {
namespace {

// Parses exactly `count` ASCII digits at `text[pos]`; -1 when any is not a digit.
int Digits(std::string_view text, size_t pos, size_t count) {
  if (pos + count > text.size()) return -1;
  int value = 0;
  for (size_t i = 0; i < count; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Parses the date at the start of `text`; sets `consumed` to its length (8 or 10).
std::optional<Date> ParseDatePrefix(std::string_view text, size_t& consumed) {
  int year, month, day;
  if (text.size() >= 10 && text[4] == '-' && text[7] == '-') {
    year = Digits(text, 0, 4);
    month = Digits(text, 5, 2);
    day = Digits(text, 8, 2);
    consumed = 10;
  } else {
    year = Digits(text, 0, 4);
    month = Digits(text, 4, 2);
    day = Digits(text, 6, 2);
    consumed = 8;
  }
  if (year < kMinYear || year > kMaxYear || month < 0 || day < 0) return std::nullopt;
  if (!IsValidCivilDate(year, month, day)) return std::nullopt;
  return DaysFromCivil(year, month, day);
}

}  // namespace

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

bool IsValidCivilDate(int year, int month, int day) {
  return month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

// Howard Hinnant's days_from_civil algorithm (public domain description of the Gregorian
// calendar arithmetic), written out here.
Date DaysFromCivil(int year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const int year_of_era = year - era * 400;
  const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

CivilDate CivilFromDays(Date date) {
  const int z = date + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int day_of_era = z - era * 146097;
  const int year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int mp = (5 * day_of_year + 2) / 153;
  const int day = day_of_year - (153 * mp + 2) / 5 + 1;
  const int month = mp < 10 ? mp + 3 : mp - 9;
  const int year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return {year, month, day};
}

std::optional<Date> ParseDate(std::string_view text) {
  text = Trim(text);
  size_t consumed = 0;
  auto date = ParseDatePrefix(text, consumed);
  if (!date || consumed != text.size()) return std::nullopt;
  return date;
}

std::optional<ParsedDateTime> ParseDateTime(std::string_view text) {
  text = Trim(text);
  size_t consumed = 0;
  auto date = ParseDatePrefix(text, consumed);
  if (!date) return std::nullopt;
  if (consumed == text.size()) return ParsedDateTime{StartOf(*date), false};
  const char separator = text[consumed];
  if (separator != ' ' && separator != 'T') return std::nullopt;
  std::string_view time = text.substr(consumed + 1);
  const int hour = Digits(time, 0, 2);
  const int minute = Digits(time, 3, 2);
  if (time.size() < 5 || time[2] != ':' || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    return std::nullopt;
  }
  if (time.size() != 5) {
    const int second = Digits(time, 6, 2);
    if (time.size() != 8 || time[5] != ':' || second < 0 || second > 59) return std::nullopt;
  }
  return ParsedDateTime{StartOf(*date) + hour * 60 + minute, true};
}

std::string FormatDate(Date date) {
  const CivilDate civil = CivilFromDays(date);
  return fmt::format("{:04d}-{:02d}-{:02d}", civil.year, civil.month, civil.day);
}

std::string FormatDateTime(DateTime at) {
  const int minute = MinuteOfDay(at);
  return fmt::format("{} {:02d}:{:02d}", FormatDate(DateOf(at)), minute / 60, minute % 60);
}

int AgeOn(Date birth, Date on) {
  const CivilDate b = CivilFromDays(birth);
  const CivilDate o = CivilFromDays(on);
  int age = o.year - b.year;
  if (o.month < b.month || (o.month == b.month && o.day < b.day)) --age;
  return age;
}

}  // namespace nara
