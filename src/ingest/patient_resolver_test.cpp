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

}  // namespace
}  // namespace nara::ingest
