// The catalogue: every indicator has its own display names; unit types follow the family.
#include "indicators/catalog.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace nara::indicators {
namespace {

TEST(CatalogTest, EveryIndicatorHasItsOwnNames) {
  std::set<std::string_view> swedish;
  for (const auto& info : Catalog()) {
    EXPECT_FALSE(info.name_sv.empty()) << info.id;
    EXPECT_FALSE(info.name_en.empty()) << info.id;
    EXPECT_NE(info.name_sv, info.id) << info.id;
    EXPECT_TRUE(swedish.insert(info.name_sv).second) << "duplicate name " << info.name_sv;
  }
}

TEST(CatalogTest, EntriesAreInIndicatorOrder) {
  for (size_t i = 0; i < Catalog().size(); ++i) {
    EXPECT_EQ(static_cast<size_t>(Catalog()[i].indicator), i) << Catalog()[i].id;
  }
  EXPECT_EQ(Info(Indicator::kReadmission30d).name_en, "Unplanned readmissions within 30 days");
  EXPECT_EQ(Info(Indicator::kLiableDays).name_sv, "Dagar med betalningsansvar");
}

TEST(CatalogTest, UnitTypesFollowTheFamily) {
  EXPECT_EQ(UnitTypesOf(Family::kPopulation),
            (std::vector<std::string_view>{"region", "county", "area", "municipality"}));
  EXPECT_EQ(UnitTypesOf(Family::kCareGuarantee),
            (std::vector<std::string_view>{"region", "county", "area", "municipality", "clinic",
                                           "health_center"}));
  EXPECT_EQ(UnitTypesOf(Family::kStay).size(), 7u);
  EXPECT_EQ(KindName(Kind::kRate), "rate");
}

}  // namespace
}  // namespace nara::indicators
