#include "model/vocabulary.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace nara::model {
namespace {

constexpr Language kSv = Language::kSwedish;
constexpr Language kEn = Language::kEnglish;

TEST(VocabularyTest, UnitTypesSexesAndPeriodTypesInBothLanguages) {
  EXPECT_EQ(UnitTypeWord("municipality", kSv), "Kommun");
  EXPECT_EQ(UnitTypeWord("health_center", kSv), "Vårdcentral");
  EXPECT_EQ(UnitTypeWord("health_center", kEn), "Health centre");
  EXPECT_EQ(UnitTypeWord("county", kSv), "Län");
  EXPECT_EQ(SexWord("F", kSv), "Kvinnor");
  EXPECT_EQ(SexWord("M", kEn), "Men");
  EXPECT_EQ(SexWord("all", kSv), "Alla");
  EXPECT_EQ(PeriodTypeWord("rolling_12", kSv), "Rullande 12 månader");
  EXPECT_EQ(PeriodTypeWord("half_year", kEn), "Half year");
  EXPECT_EQ(CareTypeWord("psychiatric", kSv), "Psykiatrisk vård");
  // An id the table does not know is shown as it is, never as an empty cell.
  EXPECT_EQ(UnitTypeWord("ward", kSv), "ward");
}

TEST(VocabularyTest, AgeGroups) {
  EXPECT_EQ(AgeGroupWord("all", kSv), "Alla åldrar");
  EXPECT_EQ(AgeGroupWord("0-17", kSv), "0–17 år");
  EXPECT_EQ(AgeGroupWord("65-79", kEn), "65–79 years");
  EXPECT_EQ(AgeGroupWord("80+", kSv), "80 år och äldre");
  EXPECT_EQ(AgeGroupWord("80+", kEn), "80 years and over");
}

TEST(VocabularyTest, UnitNames) {
  UnitNames names;
  names.Add("municipality", "0880", "Kalmar");
  names.Add("county", "08", "Kalmar län");
  EXPECT_EQ(names.Find("municipality", "0880"), "Kalmar");
  EXPECT_EQ(names.Find("county", "08"), "Kalmar län");
  EXPECT_TRUE(names.Find("county", "0880").empty());
  EXPECT_TRUE(names.Find("hospital", "Länssjukhuset").empty());
}

// The dashboard's words (web/src/i18n.ts) are the same as these: one vocabulary (issue 15).
TEST(VocabularyTest, TheDashboardUsesTheSameWords) {
  std::ifstream file(std::string(NARA_SOURCE_DIR) + "/web/src/i18n.ts");
  ASSERT_TRUE(file) << "web/src/i18n.ts";
  std::stringstream text;
  text << file.rdbuf();
  const std::string i18n = text.str();
  const size_t english = i18n.find("const en:");
  ASSERT_NE(english, std::string::npos);
  auto expect = [&](const std::string& key, std::string_view sv, std::string_view en) {
    const std::string want_sv = key + ": '" + std::string(sv) + "'";
    const std::string want_en = key + ": '" + std::string(en) + "'";
    const size_t at_sv = i18n.find(want_sv);
    EXPECT_TRUE(at_sv != std::string::npos && at_sv < english) << want_sv;
    EXPECT_NE(i18n.find(want_en, english), std::string::npos) << want_en;
  };
  for (const char* type :
       {"region", "county", "area", "municipality", "hospital", "clinic", "health_center"}) {
    expect(std::string("ut_") + type, UnitTypeWord(type, kSv), UnitTypeWord(type, kEn));
  }
  for (const char* sex : {"all", "M", "F"}) {
    expect(std::string("sex_") + sex, SexWord(sex, kSv), SexWord(sex, kEn));
  }
  expect("age_all", AgeGroupWord("all", kSv), AgeGroupWord("all", kEn));
  for (const char* type : {"month", "quarter", "tertial", "half_year", "year", "rolling_12"}) {
    expect(std::string("pt_") + type, PeriodTypeWord(type, kSv), PeriodTypeWord(type, kEn));
  }
}

}  // namespace
}  // namespace nara::model
