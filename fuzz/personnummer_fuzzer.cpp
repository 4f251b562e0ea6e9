// fuzz-module: identity
// Fuzzes identity-number parsing: no crash; a recognised number has a 12-character canonical
// form that parses to itself.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "identity/personnummer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const nara::Date reference = nara::DaysFromCivil(2026, 11, 1);
  auto number = nara::identity::ParseIdentityNumber(text, reference);
  if (!number) return 0;
  if (std::strlen(number->canonical) != 12) std::abort();
  auto again = nara::identity::ParseIdentityNumber(number->canonical, reference);
  if (!again || std::strcmp(again->canonical, number->canonical) != 0 ||
      again->check_digit_ok != number->check_digit_ok) {
    std::abort();
  }
  return 0;
}
