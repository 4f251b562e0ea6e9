#include "base/csv_field.hpp"

#include <gtest/gtest.h>

namespace nara {
namespace {

TEST(CsvFieldTest, QuotesOnlyWhenItMust) {
  EXPECT_EQ(CsvField("Kalmar"), "Kalmar");
  EXPECT_EQ(CsvField(""), "");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hej\""), "\"say \"\"hej\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField("cr\r"), "\"cr\r\"");
}

}  // namespace
}  // namespace nara
