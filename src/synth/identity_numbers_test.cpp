// Tests of the synthetic identity numbers: Skatteverket's check digit, uniqueness, sex digit.
#include "synth/identity_numbers.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace nara::synth {
namespace {

TEST(IdentityNumbersTest, CheckDigitOfKnownNumbers) {
  EXPECT_EQ(IdentityCheckDigit("121212121"), 2);  // 19121212-1212, Skatteverket's example
  EXPECT_EQ(IdentityCheckDigit("811218987"), 6);  // 811218-9876
  EXPECT_EQ(IdentityCheckDigit("701063239"), 1);  // samordningsnummer 701063-2391
}

TEST(IdentityNumbersTest, NumbersAreDistinctValidAndCarryBirthAndSex) {
  const Date day = DaysFromCivil(1941, 3, 9);
  IdentityNumbers numbers(day - 10, day + 10);
  std::set<std::string> seen;
  for (int i = 0; i < 600; ++i) {  // more than one day's 500 serials for men
    char out[12];
    const Date birth = numbers.Assign(day, true, false, false, out);
    const std::string id(out, 12);
    EXPECT_TRUE(seen.insert(id).second) << i;
    EXPECT_EQ((id[10] - '0') % 2, 1);
    EXPECT_EQ(IdentityCheckDigit(id.substr(2, 9)), id[11] - '0');
    EXPECT_NE(id.substr(8, 3), "000");
    EXPECT_EQ(id.substr(0, 8), i < 500 ? "19410309" : "19410310") << i;
    EXPECT_EQ(birth, i < 500 ? day : day + 1) << i;
  }
  char out[12];
  numbers.Assign(day, false, true, true, out);
  const std::string id(out, 12);
  EXPECT_EQ(id.substr(0, 8), "19410369");  // samordningsnummer: day + 60
  EXPECT_EQ((id[10] - '0') % 2, 0);
  EXPECT_NE(IdentityCheckDigit(id.substr(2, 9)), id[11] - '0');  // wrong on purpose
}

}  // namespace
}  // namespace nara::synth
