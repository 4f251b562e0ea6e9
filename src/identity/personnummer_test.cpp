// Conformance of the identity-number parser with the shared test vectors, plus the century rule,
// samordningsnummer and interim numbers.
#include "identity/personnummer.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

namespace nara::identity {
namespace {

const Date kReference = DaysFromCivil(2026, 11, 1);

nlohmann::json Vectors(const char* name) {
  std::ifstream in(std::string(NARA_SOURCE_DIR) + "/tests/data/personnummer/" + name);
  return nlohmann::json::parse(in);
}

std::string TypeName(IdKind kind) {
  switch (kind) {
    case IdKind::kPersonnummer: return "ssn";
    case IdKind::kSamordningsnummer: return "con";
    case IdKind::kInterim: return "interim";
  }
  return "";
}

void CheckVectors(const char* file) {
  const auto vectors = Vectors(file);
  ASSERT_GT(vectors.size(), 5u);
  int checked = 0;
  for (const auto& entry : vectors) {
    const bool valid = entry["valid"].get<bool>();
    for (const char* form : {"long_format", "short_format", "separated_format",
                             "separated_long"}) {
      const std::string text = entry[form].get<std::string>();
      auto number = ParseIdentityNumber(text, kReference);
      // An invalid entry may fail to parse at all (a blank inside, an unknown letter).
      if (!valid && !number) continue;
      ASSERT_TRUE(number.has_value()) << file << " " << form << " entry " << checked;
      EXPECT_EQ(IsValid(*number), valid) << file << " " << form << " entry " << checked;
      if (valid) {
        EXPECT_EQ(TypeName(number->kind), entry["type"].get<std::string>())
            << file << " " << form << " entry " << checked;
        EXPECT_EQ(number->sex == Sex::kMale, entry["isMale"].get<bool>())
            << file << " " << form << " entry " << checked;
        EXPECT_EQ(number->sex == Sex::kFemale, entry["isFemale"].get<bool>())
            << file << " " << form << " entry " << checked;
      }
    }
    if (entry["integer"].get<int64_t>() != 0) {
      auto number = ParseIdentityNumber(std::to_string(entry["integer"].get<int64_t>()),
                                        kReference);
      ASSERT_TRUE(number.has_value() || !valid);
      if (number) {
        EXPECT_EQ(IsValid(*number), valid);
      }
    }
    ++checked;
  }
}

TEST(PersonnummerTest, AgreesWithEveryConformanceVector) { CheckVectors("list.json"); }
TEST(PersonnummerTest, AgreesWithEveryInterimVector) { CheckVectors("interim.json"); }

TEST(PersonnummerTest, CenturyOfTenDigitFormsFollowsTheReferenceDateAndPlus) {
  const Date reference = DaysFromCivil(2019, 1, 15);
  auto young = ParseIdentityNumber("121212-1212", reference);
  ASSERT_TRUE(young);
  EXPECT_EQ(young->birth_date, DaysFromCivil(2012, 12, 12));
  EXPECT_EQ(std::string(young->canonical), "201212121212");
  auto old = ParseIdentityNumber("121212+1212", reference);
  ASSERT_TRUE(old);
  EXPECT_EQ(old->birth_date, DaysFromCivil(1912, 12, 12));
  // Born later in the year than the reference date: the previous century.
  auto later = ParseIdentityNumber("190601-1234", reference);
  ASSERT_TRUE(later);
  EXPECT_EQ(CivilFromDays(later->birth_date).year, 1919);
}

TEST(PersonnummerTest, SamordningsnummerLeapDayAndWrongCheckDigit) {
  auto co = ParseIdentityNumber("701063-2391", kReference);
  ASSERT_TRUE(co);
  EXPECT_EQ(co->kind, IdKind::kSamordningsnummer);
  EXPECT_EQ(co->birth_date, DaysFromCivil(1970, 10, 3));
  auto leap = ParseIdentityNumber("20000229-2399", kReference);
  ASSERT_TRUE(leap);
  EXPECT_TRUE(IsValid(*leap));
  auto wrong = ParseIdentityNumber("19121212-1213", kReference);
  ASSERT_TRUE(wrong);  // kept and flagged, not dropped
  EXPECT_FALSE(wrong->check_digit_ok);
  EXPECT_FALSE(IsValid(*wrong));
  auto impossible = ParseIdentityNumber("19190230-1234", kReference);
  ASSERT_TRUE(impossible);
  EXPECT_EQ(impossible->birth_date, kNoDate);
}

TEST(PersonnummerTest, NonIdentityTextIsNotRecognised) {
  for (const char* text : {"", "123456", "abc", "LOP123", "1234567890123", "19121212--1212",
                           "1912121A1212", "V0000001234"}) {
    EXPECT_FALSE(ParseIdentityNumber(text, kReference)) << text;
  }
}

}  // namespace
}  // namespace nara::identity
