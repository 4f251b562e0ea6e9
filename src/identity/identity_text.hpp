// Identity numbers as exports actually write them: the normalisation before recognition.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/date.hpp"
#include "identity/personnummer.hpp"

namespace nara::identity {

// `text` with the everyday noise of spreadsheets and EHR exports taken off, so that every form
// of one number reads as one:
//   - blanks anywhere (space, tab, CR, LF, and the Unicode spaces: no-break space U+00A0,
//     U+2000-U+200B, narrow no-break space U+202F, U+205F, U+2060, U+3000, U+FEFF) are removed
//     (`19400627 0807`, `400627 - 0807`, `19400627\u00A00807`);
//   - Unicode dashes (U+2010-U+2015, minus sign U+2212, fullwidth and small hyphen-minus) become
//     '-';
//   - one or more leading apostrophes (Excel's text marker `'`, or U+2018/U+2019) are dropped;
//   - a trailing decimal zero (`.0`, `.00`, `,0`: a number saved as a spreadsheet float) after
//     a digit is dropped.
// Anything else is kept as it is. The result is what ParseIdentityNumber is given.
std::string NormaliseIdentityText(std::string_view text);

// What the value of a patient column is.
enum class PatientTextKind {
  kOther,                    // no identity number (an already pseudonymised LopNr)
  kIdentityNumber,           // an identity number in one of ParseIdentityNumber's forms
  kMalformedIdentityNumber,  // near that shape but not one: treated as identifying
};

struct PatientText {
  PatientTextKind kind = PatientTextKind::kOther;
  // kIdentityNumber: the number (its canonical form is what is pseudonymised).
  std::optional<IdentityNumber> number;
  // kMalformedIdentityNumber: its digits and letters (upper case), without separators: what is
  // pseudonymised, so its written forms give one pseudonym too. Clear text: never store or
  // print it.
  std::string compact;
};

// Classifies a patient value after NormaliseIdentityText:
//   - kIdentityNumber when ParseIdentityNumber recognises the normalised text, or, when it holds
//     no '+', the text with every separator taken out (`1940-06-27-0807`, `400627/0807`);
//   - kMalformedIdentityNumber when the normalised text is only digits, separators
//     (- + . / _ :) and at most one letter, with 10 to 12 digits and letters together
//     (`19400627080`, `40062-70807`): near enough to an identity number that it must not be
//     taken for a pseudonym;
//   - kOther otherwise.
// `reference` as for ParseIdentityNumber.
PatientText ClassifyPatientText(std::string_view text, Date reference);

}  // namespace nara::identity
