// fuzz-module: identity
// Fuzzes identity-number parsing: no crash, and a recognised number is self-consistent: its
// 12-character canonical form parses back to the same number, its 10-digit form with the right
// separator gives the same century, and validity implies a birth date and a good check digit.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "identity/personnummer.hpp"

namespace {

bool Same(const nara::identity::IdentityNumber& a, const nara::identity::IdentityNumber& b) {
  return std::memcmp(a.canonical, b.canonical, sizeof(a.canonical)) == 0 && a.kind == b.kind &&
         a.check_digit_ok == b.check_digit_ok && a.birth_date == b.birth_date && a.sex == b.sex;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using nara::identity::ParseIdentityNumber;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const nara::Date reference = nara::DaysFromCivil(2025, 1, 15);
  const auto number = ParseIdentityNumber(text, reference);
  if (!number) return 0;
  if (std::strlen(number->canonical) != 12) std::abort();
  if (number->sex == nara::identity::Sex::kUnknown) std::abort();
  if (nara::identity::IsValid(*number) &&
      (!number->check_digit_ok || number->birth_date == nara::kNoDate ||
       number->birth_date > reference)) {
    std::abort();
  }

  const auto again = ParseIdentityNumber(number->canonical, reference);
  if (!again || !Same(*again, *number)) std::abort();

  // A number with a birth date, written as YYMMDD-NNNC (under 100 years old) or YYMMDD+NNNC
  // (100 to 199), comes back with the same century.
  const int age =
      number->birth_date == nara::kNoDate ? -1 : nara::AgeOn(number->birth_date, reference);
  if (age >= 0 && age < 200) {
    std::string short_form(number->canonical + 2, 6);
    short_form += age >= 100 ? '+' : '-';
    short_form.append(number->canonical + 8, 4);
    const auto from_short = ParseIdentityNumber(short_form, reference);
    if (!from_short || !Same(*from_short, *number)) std::abort();
  }
  return 0;
}
