// Every indicator of the catalogue has its own display names.
#include "server/indicator_names.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace nara::server {
namespace {

TEST(IndicatorNamesTest, EveryIndicatorHasItsOwnNames) {
  std::set<std::string_view> swedish;
  for (const auto& info : indicators::Catalog()) {
    const IndicatorNames names = NamesOf(info.indicator);
    EXPECT_NE(names.sv, info.id) << info.id;
    EXPECT_NE(names.en, info.id) << info.id;
    EXPECT_TRUE(swedish.insert(names.sv).second) << "duplicate name " << names.sv;
  }
}

TEST(IndicatorNamesTest, NamesFollowTheIdNotThePosition) {
  EXPECT_EQ(NamesOf(indicators::Indicator::kReadmission30d).en,
            "Unplanned readmissions within 30 days");
  EXPECT_EQ(NamesOf(indicators::Indicator::kLiableDays).sv, "Dagar med betalningsansvar");
}

}  // namespace
}  // namespace nara::server
