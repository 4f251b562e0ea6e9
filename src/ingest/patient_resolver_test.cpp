// Tests for the patient resolver's cache: one resolution per distinct value, first-seen order,
// and the refusal of identity numbers without a key.
#include "ingest/patient_resolver.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace nara::ingest {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const Date kReference = DaysFromCivil(2020, 1, 20);

TEST(PatientResolverTest, EachDistinctValueIsCollectedOnceInFirstSeenOrder) {
  const auto pseudonymiser = identity::Pseudonymiser::ForTestData();
  PatientResolver resolver(pseudonymiser, kReference, /*allow_identifiable=*/true);
  const std::vector<std::string> values = {"LOP3", "LOP1", " LOP3\t", "200905271474", "LOP2",
                                           "LOP1", "20090527-1474"};
  std::vector<uint64_t> pseudonyms;
  for (const auto& value : values) {
    auto patient = resolver.Resolve(value, "episodes.csv", 2);
    ASSERT_TRUE(patient.ok()) << value;
    pseudonyms.push_back(patient->pseudonym);
  }
  EXPECT_EQ(pseudonyms[0], pseudonymiser.Pseudonym("LOP3"));
  EXPECT_EQ(pseudonyms[2], pseudonyms[0]);  // blanks trimmed before the cache
  EXPECT_EQ(pseudonyms[5], pseudonyms[1]);
  // Two written forms of one number: two cache entries, one pseudonym.
  EXPECT_EQ(pseudonyms[6], pseudonyms[3]);

  std::vector<ResolvedPatient> collected;
  resolver.CollectPatients(collected);
  ASSERT_EQ(collected.size(), 5u);
  EXPECT_EQ(collected[0].pseudonym, pseudonyms[0]);
  EXPECT_EQ(collected[1].pseudonym, pseudonyms[1]);
  EXPECT_EQ(collected[2].pseudonym, pseudonyms[3]);
  EXPECT_TRUE(collected[2].identifiable);
  EXPECT_EQ(collected[2].sex, model::Sex::kMale);
  EXPECT_EQ(collected[2].birth_date, DaysFromCivil(2009, 5, 27));
  EXPECT_EQ(collected[3].pseudonym, pseudonyms[4]);
  EXPECT_FALSE(collected[3].identifiable);
  EXPECT_EQ(collected[4].pseudonym, pseudonyms[3]);
  // Each distinct value's `local` is its place in that list, also when it is found again.
  for (uint32_t i = 0; i < collected.size(); ++i) EXPECT_EQ(collected[i].local, i);
  EXPECT_EQ(resolver.Resolve(values[5], "episodes.csv", 3)->local, 1u);
}

TEST(PatientResolverTest, IdentityNumberWithoutKeyFailsAndIsNotCached) {
  const auto pseudonymiser = identity::Pseudonymiser::ForTestData();
  PatientResolver resolver(pseudonymiser, kReference, /*allow_identifiable=*/false);
  ASSERT_TRUE(resolver.Resolve("LOP1", "contacts.csv", 2).ok());
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto patient = resolver.Resolve("200905271474", "contacts.csv", 9);
    ASSERT_FALSE(patient.ok());
    EXPECT_EQ(patient.status().code(), StatusCode::kInvalidInput);
    EXPECT_THAT(patient.status().message(), HasSubstr("contacts.csv:9: column 'patient'"));
    EXPECT_THAT(patient.status().message(), Not(HasSubstr("1474")));
  }
  std::vector<ResolvedPatient> collected;
  resolver.CollectPatients(collected);
  ASSERT_EQ(collected.size(), 1u);
  EXPECT_EQ(collected[0].pseudonym, pseudonymiser.Pseudonym("LOP1"));
}

TEST(PatientResolverTest, MessyFormsOfOneNumberGiveOnePseudonymSexAndBirthDate) {
  const auto pseudonymiser = identity::Pseudonymiser::ForTestData();
  PatientResolver resolver(pseudonymiser, kReference, /*allow_identifiable=*/true);
  auto clean = resolver.Resolve("19400627-0807", "episodes.csv", 2);
  ASSERT_TRUE(clean.ok());
  EXPECT_EQ(clean->sex, model::Sex::kFemale);
  EXPECT_EQ(clean->birth_date, DaysFromCivil(1940, 6, 27));
  int line = 3;
  for (const char* messy : {"19400627 0807", "194006270807.0", "'194006270807",
                            "19400627\u00A00807", "400627 - 0807", "400627\u20130807"}) {
    auto patient = resolver.Resolve(messy, "episodes.csv", line++);
    ASSERT_TRUE(patient.ok()) << "line " << line;
    EXPECT_TRUE(patient->identifiable) << "line " << line;
    EXPECT_EQ(patient->pseudonym, clean->pseudonym) << "line " << line;
    EXPECT_EQ(patient->sex, clean->sex) << "line " << line;
    EXPECT_EQ(patient->birth_date, clean->birth_date) << "line " << line;
    EXPECT_FALSE(patient->bad_check_digit) << "line " << line;
  }
}

TEST(PatientResolverTest, MessyAndNearShapedNumbersWithoutKeyFail) {
  const auto pseudonymiser = identity::Pseudonymiser::ForTestData();
  PatientResolver resolver(pseudonymiser, kReference, /*allow_identifiable=*/false);
  int line = 2;
  for (const char* value :
       {"19400627 0807", "194006270807.0", "'194006270807", "19400627\u00A00807", "400627 - 0807",
        "19400627080", "1940-0627-080"}) {
    auto patient = resolver.Resolve(value, "episodes.csv", line);
    ASSERT_FALSE(patient.ok()) << "line " << line;
    EXPECT_EQ(patient.status().code(), StatusCode::kInvalidInput);
    EXPECT_THAT(patient.status().message(),
                HasSubstr("episodes.csv:" + std::to_string(line) + ": column 'patient'"));
    EXPECT_THAT(patient.status().message(), Not(HasSubstr("0807")));
    EXPECT_THAT(patient.status().message(), Not(HasSubstr("080")));
    ++line;
  }
  EXPECT_TRUE(resolver.Resolve("LOP1234567", "episodes.csv", line).ok());
}

TEST(PatientResolverTest, NearShapedValueWithKeyIsFlaggedAndOnePseudonymPerValue) {
  const auto pseudonymiser = identity::Pseudonymiser::ForTestData();
  PatientResolver resolver(pseudonymiser, kReference, /*allow_identifiable=*/true);
  auto first = resolver.Resolve("19400627 080", "episodes.csv", 2);
  auto second = resolver.Resolve("1940-0627-080", "episodes.csv", 3);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(first->identifiable);
  EXPECT_TRUE(first->bad_check_digit);
  EXPECT_EQ(first->sex, model::Sex::kUnknown);
  EXPECT_EQ(first->pseudonym, second->pseudonym);
  EXPECT_NE(first->pseudonym, pseudonymiser.Pseudonym("19400627 080"));
}

}  // namespace
}  // namespace nara::ingest
