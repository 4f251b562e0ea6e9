// fuzz-module: identity
// Fuzzes the normalisation of messy identity numbers (identity_text.hpp): no crash; nothing the
// strict parser recognises is lost; a recognised number keeps its canonical form when noise
// (blanks, Unicode spaces, an apostrophe, '.0', a spaced dash) is added around and inside it;
// a malformed value's compact form is 10 to 12 digits and letters.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "identity/identity_text.hpp"
#include "identity/personnummer.hpp"

namespace {

using nara::identity::ClassifyPatientText;
using nara::identity::PatientText;
using nara::identity::PatientTextKind;

bool SameCanonical(const PatientText& text, const char* canonical) {
  return text.kind == PatientTextKind::kIdentityNumber && text.number &&
         std::memcmp(text.number->canonical, canonical, 13) == 0;
}

constexpr std::string_view kNoise[] = {" ", "\u00A0", "\u202F", "\u2007", "\t", "\u3000"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const nara::Date reference = nara::DaysFromCivil(2025, 1, 15);
  if (nara::identity::NormaliseIdentityText(text).size() > text.size()) std::abort();
  const PatientText result = ClassifyPatientText(text, reference);

  switch (result.kind) {
    case PatientTextKind::kOther:
      if (result.number || !result.compact.empty()) std::abort();
      break;
    case PatientTextKind::kMalformedIdentityNumber:
      if (result.number || result.compact.size() < 10 || result.compact.size() > 12) std::abort();
      for (const char c : result.compact) {
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) std::abort();
      }
      break;
    case PatientTextKind::kIdentityNumber:
      if (!result.number || std::strlen(result.number->canonical) != 12) std::abort();
      break;
  }

  // Whatever the strict parser recognises, the normalising one recognises as the same number.
  if (const auto strict = nara::identity::ParseIdentityNumber(text, reference)) {
    if (!SameCanonical(result, strict->canonical)) std::abort();
  }

  // Noise around and inside a recognised number (its 12-character form, whose century is
  // written out) changes nothing.
  if (result.kind == PatientTextKind::kIdentityNumber && size > 0) {
    const char* canonical = result.number->canonical;
    const std::string_view noise = kNoise[data[0] % std::size(kNoise)];
    const size_t at = 1 + data[size - 1] % 11;
    std::string messy = "'";
    messy.append(noise);
    messy.append(canonical, at);
    messy.append(noise);
    if (data[0] & 0x80) messy.append("-").append(noise);
    messy.append(canonical + at);
    messy.append(".0");
    // A dash is a separator only before the last four characters; elsewhere separators are
    // taken out, so the number is the same either way.
    if (!SameCanonical(ClassifyPatientText(messy, reference), canonical)) std::abort();
  }
  return 0;
}
