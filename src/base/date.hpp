// Calendar dates and local date-times as plain integers, with the parsers of data contract §1.1.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nara {

// A calendar date as days since 1970-01-01 (proleptic Gregorian). Day arithmetic in the
// indicator definitions ("days from a to b" = d(b) - d(a)) is plain subtraction.
using Date = int32_t;

// A local Swedish wall-clock time as minutes since 1970-01-01 00:00. No time zone or DST
// arithmetic is done: the definitions count calendar days and compare times of day (12:00),
// and the extracts give local time. 24 hours after a date-time is +1440 minutes.
using DateTime = int32_t;

inline constexpr Date kNoDate = INT32_MIN;
inline constexpr DateTime kNoDateTime = INT32_MIN;
inline constexpr int32_t kMinutesPerDay = 24 * 60;

struct CivilDate {
  int year;
  int month;  // 1-12
  int day;    // 1-31
};

// Days since 1970-01-01 of a valid civil date (no validation; see IsValidCivilDate).
Date DaysFromCivil(int year, int month, int day);
CivilDate CivilFromDays(Date date);
bool IsLeapYear(int year);
int DaysInMonth(int year, int month);
bool IsValidCivilDate(int year, int month, int day);

inline Date DateOf(DateTime at) {
  // Floor division so that times before 1970 map to the right day.
  return at >= 0 ? at / kMinutesPerDay : -((-at + kMinutesPerDay - 1) / kMinutesPerDay);
}
inline int MinuteOfDay(DateTime at) { return at - DateOf(at) * kMinutesPerDay; }
inline DateTime StartOf(Date date) { return date * kMinutesPerDay; }

// Parses `YYYY-MM-DD` or `YYYYMMDD` with surrounding blanks allowed. Returns nullopt for
// anything else, including impossible dates such as 2019-02-30. Years 1800-2199.
std::optional<Date> ParseDate(std::string_view text);

// A parsed date-time and whether the text had a time of day (register extracts give dates only,
// and rules that compare with event times then compare dates; data contract §1.1).
struct ParsedDateTime {
  DateTime at;
  bool has_time;
};

// Parses a date (time 00:00, has_time = false), `YYYY-MM-DD HH:MM[:SS]`, or ISO 8601 with `T`
// (`2019-03-01T12:01`, `2019-03-01T12:01:30`, an optional fraction and `Z`/offset are not
// accepted: the contract says local time). Seconds are truncated to the minute.
std::optional<ParsedDateTime> ParseDateTime(std::string_view text);

// `2019-03-01`
std::string FormatDate(Date date);
// `2019-03-01 12:01`
std::string FormatDateTime(DateTime at);

// Age in whole years on `on` for someone born on `birth` (a birthday on 29 February counts as
// reached on 1 March in non-leap years).
int AgeOn(Date birth, Date on);

}  // namespace nara
