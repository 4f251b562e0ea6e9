// Redaction of identity-number-shaped text.
#include "ingest/redaction.hpp"

namespace nara::ingest {
namespace {

constexpr std::string_view kRedacted = "[personnummer]";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpperLetter(char c) { return c >= 'A' && c <= 'Z'; }

// Bytes of a blank at text[i] (space, tab, no-break space U+00A0, U+2000-U+200B, narrow no-break
// space U+202F, U+3000), or 0.
size_t BlankAt(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) -> unsigned char {
    if (i + k >= text.size()) return 0;
    return static_cast<unsigned char>(text[i + k]);
  };
  if (byte(0) == ' ' || byte(0) == '\t') return 1;
  if (byte(0) == 0xC2 && byte(1) == 0xA0) return 2;
  if (byte(0) == 0xE2 && byte(1) == 0x80 &&
      ((byte(2) >= 0x80 && byte(2) <= 0x8B) || byte(2) == 0xAF)) {
    return 3;
  }
  if (byte(0) == 0xE3 && byte(1) == 0x80 && byte(2) == 0x80) return 3;
  return 0;
}

// Bytes of a dash at text[i] ('-', '+', U+2010-U+2015, the minus sign U+2212), or 0.
size_t DashAt(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) -> unsigned char {
    if (i + k >= text.size()) return 0;
    return static_cast<unsigned char>(text[i + k]);
  };
  if (byte(0) == '-' || byte(0) == '+') return 1;
  if (byte(0) == 0xE2 && byte(1) == 0x80 && byte(2) >= 0x90 && byte(2) <= 0x95) return 3;
  if (byte(0) == 0xE2 && byte(1) == 0x88 && byte(2) == 0x92) return 3;
  return 0;
}

// Length of an identity-number-shaped run starting at text[pos], or 0. The run must not be
// preceded by a digit (checked by the caller).
size_t MatchAt(std::string_view text, size_t pos) {
  size_t digits = 0;
  while (pos + digits < text.size() && IsDigit(text[pos + digits])) ++digits;
  // 10 or 12 digits in a row.
  if (digits == 10 || digits == 12) return digits;
  // 6 or 8 digits, a separator (blanks, at most one dash), then a letter or digit and three
  // digits.
  if (digits != 6 && digits != 8) return 0;
  size_t i = pos + digits;
  bool dash = false;
  while (i < text.size()) {
    if (const size_t blank = BlankAt(text, i); blank > 0) {
      i += blank;
    } else if (const size_t length = DashAt(text, i); length > 0 && !dash) {
      dash = true;
      i += length;
    } else {
      break;
    }
  }
  if (i + 4 > text.size()) return 0;
  if (!IsDigit(text[i]) && !IsUpperLetter(text[i])) return 0;
  for (size_t k = 1; k < 4; ++k) {
    if (!IsDigit(text[i + k])) return 0;
  }
  if (i + 4 < text.size() && IsDigit(text[i + 4])) return 0;
  return i + 4 - pos;
}

// Calls on_match(begin, length) for every identity-number-shaped run, left to right; stops
// early when it returns false.
// A pseudonym as Nära prints it (`patient_ref:` and 16 hex digits) is skipped: its digits are
// no identity number, and the analyst needs it whole.
template <typename OnMatch>
void ForEachMatch(std::string_view text, OnMatch&& on_match) {
  constexpr std::string_view kPatientRef = "patient_ref:";
  size_t pos = 0;
  while (pos < text.size()) {
    if (text[pos] == 'p' && text.substr(pos, kPatientRef.size()) == kPatientRef) {
      size_t end = pos + kPatientRef.size();
      while (end < text.size() && (IsDigit(text[end]) || (text[end] >= 'a' && text[end] <= 'f'))) {
        ++end;
      }
      // Exactly 16 hex digits; anything else is read like other text.
      pos = end - pos == kPatientRef.size() + 16 ? end : pos + kPatientRef.size();
      continue;
    }
    if (IsDigit(text[pos]) && (pos == 0 || !IsDigit(text[pos - 1]))) {
      const size_t length = MatchAt(text, pos);
      if (length > 0) {
        if (!on_match(pos, length)) return;
        pos += length;
        continue;
      }
    }
    ++pos;
  }
}

}  // namespace

bool ContainsIdentityNumber(std::string_view text) {
  bool found = false;
  ForEachMatch(text, [&](size_t, size_t) {
    found = true;
    return false;
  });
  return found;
}

std::string RedactIdentityNumbers(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t copied = 0;
  ForEachMatch(text, [&](size_t begin, size_t length) {
    out.append(text.substr(copied, begin - copied));
    out.append(kRedacted);
    copied = begin + length;
    return true;
  });
  out.append(text.substr(copied));
  return out;
}

std::string RedactAndShorten(std::string_view text, size_t max_bytes) {
  std::string redacted = RedactIdentityNumbers(text);
  if (redacted.size() <= max_bytes) return redacted;
  size_t cut = max_bytes;
  // Not inside a UTF-8 sequence: back up over continuation bytes.
  while (cut > 0 && (static_cast<unsigned char>(redacted[cut]) & 0xC0U) == 0x80U) --cut;
  redacted.resize(cut);
  redacted += "...";
  return redacted;
}

std::string QuoteForMessage(std::string_view value) {
  return "\"" + RedactAndShorten(value, 40) + "\"";
}

}  // namespace nara::ingest
