// One field of a CSV line as Nära writes it (RFC 4180): quoted only when it must be, and never
// read by a spreadsheet as a formula.
#pragma once

#include <string>
#include <string_view>

namespace nara {

namespace internal {

inline bool IsCsvDigit(char c) { return c >= '0' && c <= '9'; }

// True for a plain number: an optional sign, digits, an optional decimal point or comma with
// digits, an optional exponent ("-3", "+1.5", "-0,25", "1e-3"). Such a cell is a value, not a
// formula, and is written as it is.
inline bool IsPlainNumber(std::string_view text) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  const size_t first_digit = i;
  while (i < text.size() && IsCsvDigit(text[i])) ++i;
  if (i == first_digit) return false;
  if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
    const size_t fraction = ++i;
    while (i < text.size() && IsCsvDigit(text[i])) ++i;
    if (i == fraction) return false;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    const size_t exponent = i;
    while (i < text.size() && IsCsvDigit(text[i])) ++i;
    if (i == exponent) return false;
  }
  return i == text.size();
}

}  // namespace internal

// True when a spreadsheet could take `text` for a formula (OWASP "CSV injection"): it begins
// with '=', '+', '-', '@', a tab or a CR, and is not a plain number (a count of -3 stays -3).
inline bool LooksLikeFormula(std::string_view text) {
  if (text.empty()) return false;
  const char first = text.front();
  if (first != '=' && first != '+' && first != '-' && first != '@' && first != '\t' &&
      first != '\r') {
    return false;
  }
  return !internal::IsPlainNumber(text);
}

// Appends `text` as one CSV field: as it is, or in double quotes with inner quotes doubled when
// it holds a comma, a quote or a line break. A text that looks like a formula
// (LooksLikeFormula) gets a leading apostrophe inside quotes ("'=1+2"), which spreadsheets show
// as text; this is the one quoting rule of every CSV Nära writes.
inline void AppendCsvField(std::string_view text, std::string& out) {
  const bool formula = LooksLikeFormula(text);
  if (!formula && text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(text);
    return;
  }
  out.push_back('"');
  if (formula) out.push_back('\'');
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

// `text` as one CSV field (see AppendCsvField).
inline std::string CsvField(std::string_view text) {
  std::string field;
  AppendCsvField(text, field);
  return field;
}

}  // namespace nara
