// Normalisation of identity numbers written by spreadsheets and EHR exports.
#include "identity/identity_text.hpp"

namespace nara::identity {
namespace {

// What a character of the input stands for once normalised.
enum class Mapped { kKeep, kBlank, kDash, kApostrophe };

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
char ToUpper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// The character at text[pos] (ASCII, or the UTF-8 sequence of one of the Unicode blanks, dashes
// and apostrophes listed in the header) and its length in bytes.
Mapped MapAt(std::string_view text, size_t pos, size_t& length) {
  const auto byte = [&](size_t i) -> unsigned char {
    if (pos + i >= text.size()) return 0;
    return static_cast<unsigned char>(text[pos + i]);
  };
  length = 1;
  const unsigned char c = byte(0);
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
    return Mapped::kBlank;
  }
  if (c == '\'') return Mapped::kApostrophe;
  if (c == 0xC2 && byte(1) == 0xA0) {  // U+00A0 no-break space
    length = 2;
    return Mapped::kBlank;
  }
  if (c < 0xE1 || c > 0xEF) return Mapped::kKeep;
  length = 3;
  const unsigned char b1 = byte(1);
  const unsigned char b2 = byte(2);
  if (c == 0xE1 && b1 == 0x9A && b2 == 0x80) return Mapped::kBlank;  // U+1680
  if (c == 0xE2 && b1 == 0x80) {
    if (b2 >= 0x80 && b2 <= 0x8B) return Mapped::kBlank;       // U+2000-U+200B
    if (b2 == 0xAF) return Mapped::kBlank;                     // U+202F narrow no-break space
    if (b2 >= 0x90 && b2 <= 0x95) return Mapped::kDash;        // U+2010-U+2015
    if (b2 == 0x98 || b2 == 0x99) return Mapped::kApostrophe;  // U+2018, U+2019
  }
  if (c == 0xE2 && b1 == 0x81 && (b2 == 0x9F || b2 == 0xA0)) return Mapped::kBlank;  // U+205F/60
  if (c == 0xE2 && b1 == 0x88 && b2 == 0x92) return Mapped::kDash;   // U+2212 minus sign
  if (c == 0xE3 && b1 == 0x80 && b2 == 0x80) return Mapped::kBlank;  // U+3000
  if (c == 0xEF && b1 == 0xBB && b2 == 0xBF) return Mapped::kBlank;  // U+FEFF
  if (c == 0xEF && b1 == 0xB9 && b2 == 0xA3) return Mapped::kDash;   // U+FE63 small hyphen-minus
  if (c == 0xEF && b1 == 0xBC && b2 == 0x8D) return Mapped::kDash;   // U+FF0D fullwidth
  length = 1;
  return Mapped::kKeep;
}

bool IsSeparator(char c) {
  return c == '-' || c == '+' || c == '.' || c == '/' || c == '_' || c == ':';
}

}  // namespace

std::string NormaliseIdentityText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool leading = true;  // nothing but blanks and apostrophes seen yet
  for (size_t pos = 0; pos < text.size();) {
    size_t length = 1;
    const Mapped mapped = MapAt(text, pos, length);
    switch (mapped) {
      case Mapped::kBlank:
        break;
      case Mapped::kDash:
        out.push_back('-');
        leading = false;
        break;
      case Mapped::kApostrophe:
        if (!leading) out.push_back('\'');
        break;
      case Mapped::kKeep:
        out.append(text.substr(pos, length));
        leading = false;
        break;
    }
    pos += length;
  }
  // A trailing decimal zero after a digit: 194006270807.0 (a spreadsheet float).
  size_t zeros = 0;
  while (zeros < out.size() && out[out.size() - 1 - zeros] == '0') ++zeros;
  if (zeros > 0 && out.size() >= zeros + 2) {
    const size_t point = out.size() - 1 - zeros;
    if ((out[point] == '.' || out[point] == ',') && IsDigit(out[point - 1])) out.resize(point);
  }
  return out;
}

PatientText ClassifyPatientText(std::string_view text, Date reference) {
  PatientText result;
  const std::string normalised = NormaliseIdentityText(text);
  if (auto number = ParseIdentityNumber(normalised, reference)) {
    result.kind = PatientTextKind::kIdentityNumber;
    result.number = number;
    return result;
  }
  size_t digits = 0;
  size_t letters = 0;
  bool plus = false;
  for (const char c : normalised) {
    if (IsDigit(c)) {
      ++digits;
    } else if (IsLetter(c)) {
      ++letters;
    } else if (IsSeparator(c)) {
      plus = plus || c == '+';
    } else {
      return result;  // kOther
    }
  }
  if (letters > 1 || digits + letters < 10 || digits + letters > 12) return result;
  for (const char c : normalised) {
    if (IsDigit(c) || IsLetter(c)) result.compact.push_back(ToUpper(c));
  }
  // Separators in other places ('+' says the century, so it is not dropped).
  if (!plus) {
    if (auto number = ParseIdentityNumber(result.compact, reference)) {
      result.kind = PatientTextKind::kIdentityNumber;
      result.number = number;
      result.compact.clear();
      return result;
    }
  }
  result.kind = PatientTextKind::kMalformedIdentityNumber;
  return result;
}

}  // namespace nara::identity
