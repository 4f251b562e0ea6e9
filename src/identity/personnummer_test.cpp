// The identity-number parser against the shared conformance vectors, and the century rule,
// samordningsnummer, interim numbers, leap days, flagged numbers and text that is not a number.
// Failure messages name the vector by index, never by its number.
#include "identity/personnummer.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace nara::identity {
namespace {

// Later than every vector's birth date, so every 10-digit form gets the vector's century unless
// it is written with '+' or without a separator (then the latest century that fits).
const Date kReference = DaysFromCivil(2025, 1, 15);

std::string_view Canonical(const IdentityNumber& number) {
  return std::string_view(number.canonical, 12);
}

std::string TypeName(IdKind kind) {
  switch (kind) {
    case IdKind::kPersonnummer: return "ssn";
    case IdKind::kSamordningsnummer: return "con";
    case IdKind::kInterim: return "interim";
  }
  return "?";
}

bool HasInnerBlank(const std::string& text) { return text.find(' ') != std::string::npos; }

std::string WithoutSeparator(std::string text) {
  std::erase_if(text, [](char c) { return c == '-' || c == '+' || c == ' '; });
  return text;
}

// Checks every entry of a vector file in every written form; counts the forms that parsed.
void CheckVectorFile(const std::string& name, int& parsed) {
  std::ifstream in(std::string(NARA_SOURCE_DIR) + "/tests/data/personnummer/" + name);
  EXPECT_TRUE(in.good()) << name;
  const nlohmann::json vectors = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  EXPECT_TRUE(vectors.is_array() && vectors.size() >= 12) << name;
  if (!vectors.is_array()) return;
  for (size_t index = 0; index < vectors.size(); ++index) {
    const nlohmann::json& entry = vectors[index];
    const bool valid = entry.at("valid").get<bool>();
    const std::string type = entry.at("type").get<std::string>();
    const bool male = entry.at("isMale").get<bool>();
    ASSERT_NE(male, entry.at("isFemale").get<bool>()) << name << " entry " << index;
    const std::string long_form = WithoutSeparator(entry.at("long_format").get<std::string>());

    std::vector<std::pair<std::string, std::string>> forms;
    for (const char* form : {"long_format", "short_format", "separated_format",
                             "separated_long"}) {
      forms.emplace_back(form, entry.at(form).get<std::string>());
    }
    if (entry.at("integer").get<int64_t>() != 0) {
      forms.emplace_back("integer", std::to_string(entry.at("integer").get<int64_t>()));
    }
    for (const auto& [form, text] : forms) {
      const std::string where = name + " entry " + std::to_string(index) + " " + form;
      const auto number = ParseIdentityNumber(text, kReference);
      if (HasInnerBlank(text)) {
        // "YYMMDD NNNC": a blank is not a separator, so this is no identity number at all (the
        // vector says invalid); the caller hashes it as written, like a LopNr.
        EXPECT_FALSE(number.has_value()) << where;
        EXPECT_FALSE(valid) << where;
        continue;
      }
      ASSERT_TRUE(number.has_value()) << where;
      ++parsed;
      EXPECT_EQ(IsValid(*number), valid) << where;
      EXPECT_EQ(TypeName(number->kind), type) << where;
      EXPECT_EQ(number->sex, male ? Sex::kMale : Sex::kFemale) << where;
      EXPECT_TRUE(Canonical(*number).substr(2) == std::string_view(long_form).substr(2)) << where;
      const bool has_century = text.size() >= 12;
      if (has_century) {
        EXPECT_TRUE(Canonical(*number) == long_form) << where;
      }
      EXPECT_NE(number->birth_date, kNoDate) << where;  // every vector's date exists
    }
  }
}

TEST(PersonnummerTest, AgreesWithEveryListVector) {
  int parsed = 0;
  CheckVectorFile("list.json", parsed);
  // 14 entries in 4 forms, 13 integers, less the 4 forms of the entry with a blank.
  EXPECT_EQ(parsed, 14 * 4 + 13 - 4);
}

TEST(PersonnummerTest, AgreesWithEveryInterimVector) {
  int parsed = 0;
  CheckVectorFile("interim.json", parsed);
  EXPECT_EQ(parsed, 12 * 4);
}

TEST(PersonnummerTest, CenturyOfTenDigitFormsIsTheLatestNotAfterTheReference) {
  auto plain = ParseIdentityNumber("0905271474", kReference);
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->birth_date, DaysFromCivil(2009, 5, 27));
  EXPECT_TRUE(Canonical(*plain) == "200905271474");
  auto dash = ParseIdentityNumber("090527-1474", kReference);
  ASSERT_TRUE(dash);
  EXPECT_EQ(dash->birth_date, DaysFromCivil(2009, 5, 27));
  // '+': 100 years or older, one century earlier still.
  auto plus = ParseIdentityNumber("090527+1474", kReference);
  ASSERT_TRUE(plus);
  EXPECT_EQ(plus->birth_date, DaysFromCivil(1909, 5, 27));
  EXPECT_TRUE(Canonical(*plus) == "190905271474");
  EXPECT_TRUE(IsValid(*plus));
  // In the 12-digit form the year already says the century; '+' changes nothing.
  auto long_plus = ParseIdentityNumber("19090527+1474", kReference);
  ASSERT_TRUE(long_plus);
  EXPECT_EQ(long_plus->birth_date, DaysFromCivil(1909, 5, 27));

  // The birthday compared with the reference date: on the day counts as born.
  const Date day_before = DaysFromCivil(2009, 5, 26);
  const Date same_day = DaysFromCivil(2009, 5, 27);
  EXPECT_EQ(ParseIdentityNumber("0905271474", day_before)->birth_date,
            DaysFromCivil(1909, 5, 27));
  EXPECT_EQ(ParseIdentityNumber("0905271474", same_day)->birth_date, DaysFromCivil(2009, 5, 27));
  EXPECT_EQ(ParseIdentityNumber("090527+1474", same_day)->birth_date,
            DaysFromCivil(1909, 5, 27));
  EXPECT_EQ(ParseIdentityNumber("090527+1474", day_before)->birth_date,
            DaysFromCivil(1809, 5, 27));
  // The same text gives the same result for the same reference (no clock).
  EXPECT_TRUE(Canonical(*ParseIdentityNumber("0905271474", day_before)) == "190905271474");
}

TEST(PersonnummerTest, SamordningsnummerBirthDateIsTheDayMinusSixty) {
  auto number = ParseIdentityNumber("7302889931", kReference);
  ASSERT_TRUE(number);
  EXPECT_EQ(number->kind, IdKind::kSamordningsnummer);
  EXPECT_EQ(number->birth_date, DaysFromCivil(1973, 2, 28));
  EXPECT_TRUE(Canonical(*number) == "197302889931");  // the canonical form keeps day + 60
  EXPECT_TRUE(IsValid(*number));
  // The century is chosen with the real day (31), not the coded one (91).
  auto on_birthday = ParseIdentityNumber("210791-9967", DaysFromCivil(2021, 7, 31));
  ASSERT_TRUE(on_birthday);
  EXPECT_EQ(on_birthday->birth_date, DaysFromCivil(2021, 7, 31));
  auto day_before = ParseIdentityNumber("210791-9967", DaysFromCivil(2021, 7, 30));
  ASSERT_TRUE(day_before);
  EXPECT_EQ(day_before->birth_date, DaysFromCivil(1921, 7, 31));
  // Day 92 would be the 32nd: a samordningsnummer with an impossible date.
  auto impossible = ParseIdentityNumber("19730292-9931", kReference);
  ASSERT_TRUE(impossible);
  EXPECT_EQ(impossible->kind, IdKind::kSamordningsnummer);
  EXPECT_EQ(impossible->birth_date, kNoDate);
  EXPECT_FALSE(IsValid(*impossible));
}

TEST(PersonnummerTest, WrongCheckDigitIsFlaggedNotDropped) {
  auto number = ParseIdentityNumber("19700428-9895", kReference);
  ASSERT_TRUE(number);
  EXPECT_FALSE(number->check_digit_ok);
  EXPECT_FALSE(IsValid(*number));
  EXPECT_TRUE(Canonical(*number) == "197004289895");  // still pseudonymised as written
  EXPECT_EQ(number->birth_date, DaysFromCivil(1970, 4, 28));
  EXPECT_EQ(number->kind, IdKind::kPersonnummer);
  EXPECT_EQ(number->sex, Sex::kMale);
  // Serial 000 is never issued, even with a correct check digit.
  auto zero_serial = ParseIdentityNumber("150916-0006", kReference);
  ASSERT_TRUE(zero_serial);
  EXPECT_TRUE(zero_serial->check_digit_ok);
  EXPECT_FALSE(IsValid(*zero_serial));
}

TEST(PersonnummerTest, LeapDay) {
  auto in_2000 = ParseIdentityNumber("000229-2399", kReference);
  ASSERT_TRUE(in_2000);
  EXPECT_EQ(in_2000->birth_date, DaysFromCivil(2000, 2, 29));
  EXPECT_TRUE(IsValid(*in_2000));
  // 1900 was not a leap year: '+', or a reference before 2000-02-29, gives an impossible date.
  for (const auto& number : {ParseIdentityNumber("000229+2399", kReference),
                             ParseIdentityNumber("0002292399", DaysFromCivil(2000, 2, 28)),
                             ParseIdentityNumber("19000229-2399", kReference)}) {
    ASSERT_TRUE(number);
    EXPECT_EQ(number->birth_date, kNoDate);
    EXPECT_TRUE(number->check_digit_ok);  // the 10-digit form is the same
    EXPECT_FALSE(IsValid(*number));
  }
  auto not_leap = ParseIdentityNumber("010229-2398", kReference);
  ASSERT_TRUE(not_leap);
  EXPECT_EQ(not_leap->birth_date, kNoDate);
}

TEST(PersonnummerTest, BirthDatesOutsideThePossibleRangeAreImpossible) {
  // Born after the extract was made, or before 1800.
  auto future = ParseIdentityNumber("20250116-1234", kReference);
  ASSERT_TRUE(future);
  EXPECT_EQ(future->birth_date, kNoDate);
  auto ancient = ParseIdentityNumber("17991231-1234", kReference);
  ASSERT_TRUE(ancient);
  EXPECT_EQ(ancient->birth_date, kNoDate);
  auto month_13 = ParseIdentityNumber("801301-1234", kReference);
  ASSERT_TRUE(month_13);
  EXPECT_EQ(month_13->birth_date, kNoDate);
  EXPECT_TRUE(Canonical(*month_13) == "198013011234");
}

TEST(PersonnummerTest, InterimNumbers) {
  auto lower = ParseIdentityNumber("000101-t220", kReference);
  ASSERT_TRUE(lower);
  EXPECT_EQ(lower->kind, IdKind::kInterim);
  EXPECT_TRUE(Canonical(*lower) == "20000101T220");  // one pseudonym however it is written
  EXPECT_TRUE(IsValid(*lower));
  EXPECT_EQ(lower->sex, Sex::kFemale);
  // A letter no scheme uses: an interim number, not valid.
  auto unknown_letter = ParseIdentityNumber("20000101-E220", kReference);
  ASSERT_TRUE(unknown_letter);
  EXPECT_EQ(unknown_letter->kind, IdKind::kInterim);
  EXPECT_TRUE(unknown_letter->check_digit_ok);
  EXPECT_FALSE(IsValid(*unknown_letter));
}

TEST(PersonnummerTest, SexIsTheNinthDigitOfTheShortForm) {
  EXPECT_EQ(ParseIdentityNumber("19570428-9999", kReference)->sex, Sex::kMale);
  EXPECT_EQ(ParseIdentityNumber("19460823-9986", kReference)->sex, Sex::kFemale);
}

TEST(PersonnummerTest, BlanksAroundAreTrimmed) {
  auto number = ParseIdentityNumber(" \t19570428-9999\r\n", kReference);
  ASSERT_TRUE(number);
  EXPECT_TRUE(Canonical(*number) == "195704289999");
  EXPECT_TRUE(IsValid(*number));
}

TEST(PersonnummerTest, TextThatIsNoIdentityNumberIsNotRecognised) {
  for (const char* text :
       {"", "   ", "123456", "abc", "LOP1234567", "1957042899999", "19570428-99999",
        "570428--9999", "5704289999-", "5704289999+", "57-04289999", "195704-289999",
        "19570428 9999", "570428 9999", "570428_9999", "1957-04-28", "T704289999",
        "570428-99A9", "5704289999\xc3\xa4", "2000010T1220", "570428/9999", "+5704289999"}) {
    EXPECT_FALSE(ParseIdentityNumber(text, kReference).has_value())
        << "case of length " << std::string_view(text).size();
  }
}

}  // namespace
}  // namespace nara::identity
