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

TEST(CsvFieldTest, FormulaLikeTextIsWrittenAsText) {
  EXPECT_EQ(CsvField("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(CsvField("+46 70"), "\"'+46 70\"");
  EXPECT_EQ(CsvField("-2+3"), "\"'-2+3\"");
  EXPECT_EQ(CsvField("@SUM(A1)"), "\"'@SUM(A1)\"");
  EXPECT_EQ(CsvField("\tcmd"), "\"'\tcmd\"");
  EXPECT_EQ(CsvField("\r=1"), "\"'\r=1\"");
  EXPECT_EQ(CsvField("-"), "\"'-\"");
  EXPECT_EQ(CsvField("a=1"), "a=1");  // only the first character matters
}

TEST(CsvFieldTest, NumbersStayNumbers) {
  for (const char* number : {"-3", "+3", "-0.25", "-0,25", "12", "1e-3", "-1.5E+10"}) {
    EXPECT_FALSE(LooksLikeFormula(number)) << number;
  }
  EXPECT_EQ(CsvField("-3"), "-3");
  EXPECT_EQ(CsvField("-12.500"), "-12.500");
  EXPECT_EQ(CsvField("-0,25"), "\"-0,25\"");  // quoted for its comma, not guarded
  for (const char* text : {"-3-", "--3", "-.5", "-3.", "-1e", "+-1", "-3 "}) {
    EXPECT_TRUE(LooksLikeFormula(text)) << text;
  }
}

TEST(CsvFieldTest, AppendsInPlace) {
  std::string out = "x,";
  AppendCsvField("=1", out);
  AppendCsvField("ok", out);
  EXPECT_EQ(out, "x,\"'=1\"ok");
}

}  // namespace
}  // namespace nara
