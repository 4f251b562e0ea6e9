// Redaction of identity-number-shaped text.
#include "ingest/redaction.hpp"

namespace nara::ingest {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpperLetter(char c) { return c >= 'A' && c <= 'Z'; }

// Length of an identity-number-shaped run starting at text[pos], or 0. The run must not be
// preceded by a digit (checked by the caller).
size_t MatchAt(std::string_view text, size_t pos) {
  size_t digits = 0;
  while (pos + digits < text.size() && IsDigit(text[pos + digits])) ++digits;
  // 10 or 12 digits in a row.
  if (digits == 10 || digits == 12) return digits;
  // 6 or 8 digits, an optional separator, then a letter or digit and three digits.
  if (digits != 6 && digits != 8) return 0;
  size_t i = pos + digits;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  if (i + 4 > text.size()) return 0;
  if (!IsDigit(text[i]) && !IsUpperLetter(text[i])) return 0;
  for (size_t k = 1; k < 4; ++k) {
    if (!IsDigit(text[i + k])) return 0;
  }
  if (i + 4 < text.size() && IsDigit(text[i + 4])) return 0;
  return i + 4 - pos;
}

}  // namespace

std::string RedactIdentityNumbers(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    if (IsDigit(text[pos]) && (pos == 0 || !IsDigit(text[pos - 1]))) {
      const size_t length = MatchAt(text, pos);
      if (length > 0) {
        out += "[personnummer]";
        pos += length;
        continue;
      }
    }
    out.push_back(text[pos]);
    ++pos;
  }
  return out;
}

std::string QuoteForMessage(std::string_view value) {
  std::string redacted = RedactIdentityNumbers(value);
  if (redacted.size() > 40) {
    redacted.resize(40);
    redacted += "...";
  }
  return "\"" + redacted + "\"";
}

}  // namespace nara::ingest
