// Tests for the dictionary encoding: code 0, first-seen order, absent text, many codes.
#include "model/dictionary.hpp"

#include <gtest/gtest.h>

#include <string>

namespace nara::model {
namespace {

TEST(DictionaryTest, EmptyTextIsCodeZeroAndOthersCountFromOneInFirstSeenOrder) {
  Dictionary dictionary;
  EXPECT_EQ(dictionary.size(), 1u);
  EXPECT_EQ(dictionary.Intern(""), 0u);
  EXPECT_EQ(dictionary.Find(""), 0u);
  EXPECT_EQ(dictionary.Intern("Medicin"), 1u);
  EXPECT_EQ(dictionary.Intern("Kirurgi"), 2u);
  EXPECT_EQ(dictionary.Intern("Medicin"), 1u);
  EXPECT_EQ(dictionary.Intern("medicin"), 3u);  // case matters
  EXPECT_EQ(dictionary.size(), 4u);
  EXPECT_EQ(dictionary.Name(0), "");
  EXPECT_EQ(dictionary.Name(2), "Kirurgi");
  EXPECT_EQ(dictionary.names(), (std::vector<std::string>{"", "Medicin", "Kirurgi", "medicin"}));
}

TEST(DictionaryTest, FindNeverAdds) {
  Dictionary dictionary;
  EXPECT_EQ(dictionary.Find("Geriatrik"), UINT32_MAX);
  dictionary.Intern("Geriatrik");
  EXPECT_EQ(dictionary.Find("Geriatrik"), 1u);
  EXPECT_EQ(dictionary.Find("Geriatri"), UINT32_MAX);
  EXPECT_EQ(dictionary.size(), 2u);
}

TEST(DictionaryTest, AddAbsentGivesTheNextCodeAndIsFoundAfterwards) {
  Dictionary dictionary;
  EXPECT_EQ(dictionary.Intern("E1"), 1u);
  ASSERT_EQ(dictionary.Find("E2"), UINT32_MAX);
  EXPECT_EQ(dictionary.AddAbsent("E2"), 2u);
  EXPECT_EQ(dictionary.Find("E2"), 2u);
  EXPECT_EQ(dictionary.Intern("E2"), 2u);
  EXPECT_EQ(dictionary.Name(2), "E2");
}

TEST(DictionaryTest, ManyCodesSurviveGrowthAndCopies) {
  Dictionary dictionary;
  constexpr uint32_t kCount = 50'000;
  for (uint32_t i = 1; i <= kCount; ++i) {
    ASSERT_EQ(dictionary.Intern("EP-" + std::to_string(i * 7919)), i);
  }
  const Dictionary copy = dictionary;
  for (uint32_t i = 1; i <= kCount; ++i) {
    const std::string name = "EP-" + std::to_string(i * 7919);
    ASSERT_EQ(copy.Find(name), i);
    ASSERT_EQ(copy.Name(i), name);
  }
  EXPECT_EQ(copy.Find("EP-1"), UINT32_MAX);
  EXPECT_GT(copy.MemoryBytes(), kCount * sizeof(std::string));
}

}  // namespace
}  // namespace nara::model
