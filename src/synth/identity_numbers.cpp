// Check digits and unique serials of synthetic identity numbers.
#include "synth/identity_numbers.hpp"

#include <cassert>

namespace nara::synth {
namespace {

constexpr int kSerialsPerDay = 500;  // NNN with the last digit's parity fixed by sex

void PutDigits(char* out, int value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

}  // namespace

int IdentityCheckDigit(std::string_view nine_digits) {
  int sum = 0;
  for (size_t i = 0; i < nine_digits.size(); ++i) {
    const int product = (nine_digits[i] - '0') * (i % 2 == 0 ? 2 : 1);
    sum += product / 10 + product % 10;
  }
  return (10 - sum % 10) % 10;
}

IdentityNumbers::IdentityNumbers(Date earliest_birth, Date latest_birth)
    : earliest_(earliest_birth),
      used_(static_cast<size_t>(latest_birth - earliest_birth + 2) * 4, 0) {}

Date IdentityNumbers::Assign(Date birth, bool male, bool coordination, bool wrong_check_digit,
                             char* out) {
  assert(birth >= earliest_);
  const int kind = (male ? 1 : 0) + (coordination ? 2 : 0);
  while (true) {
    size_t slot = static_cast<size_t>(birth - earliest_) * 4 + static_cast<size_t>(kind);
    if (slot >= used_.size()) {
      used_.resize(slot + 4, 0);  // only reached past latest_birth after 500 on one day
    }
    while (used_[slot] < kSerialsPerDay) {
      const int k = used_[slot]++;
      // A bijection of 0..499 that depends on the day, so serials do not run 001, 002, ...
      const int j = (k * 193 + (birth * 7 + kind * 131) % kSerialsPerDay + kSerialsPerDay) %
                    kSerialsPerDay;
      const int serial = (j / 5) * 10 + (j % 5) * 2 + (male ? 1 : 0);
      if (serial == 0) continue;  // 000 is never issued
      const CivilDate civil = CivilFromDays(birth);
      PutDigits(out, civil.year, 4);
      PutDigits(out + 4, civil.month, 2);
      PutDigits(out + 6, civil.day + (coordination ? 60 : 0), 2);
      PutDigits(out + 8, serial, 3);
      int check = IdentityCheckDigit(std::string_view(out + 2, 9));
      if (wrong_check_digit) check = (check + 1) % 10;
      out[11] = static_cast<char>('0' + check);
      return birth;
    }
    ++birth;
  }
}

}  // namespace nara::synth
