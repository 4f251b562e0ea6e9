// Tests of the indicator table's CSV form: values, empty cells, quoting, chunked writing.
#include "indicators/table_writer.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace nara::indicators {
namespace {

Row Make(Indicator indicator, int64_t numerator, int64_t denominator, const char* unit = "0880") {
  return Row{indicator,      *ParsePeriod("2019-03"),
             "municipality", unit,
             "all",          "all",
             numerator,      denominator,
             false};
}

TEST(TableWriterTest, ValuesAreRoundedHalfAwayFromZeroToThreeDecimals) {
  EXPECT_EQ(FormatValue(Make(Indicator::kReadmission30d, 2, 3)), "66.667");   // share
  EXPECT_EQ(FormatValue(Make(Indicator::kReadmission30d, 1, 8)), "12.500");
  EXPECT_EQ(FormatValue(Make(Indicator::kLengthOfStayMean, 1, 8)), "0.125");  // mean
  EXPECT_EQ(FormatValue(Make(Indicator::kLengthOfStayMean, 1, 2000)), "0.001");  // 0.0005 up
  EXPECT_EQ(FormatValue(Make(Indicator::kLengthOfStayMean, 1, 2001)), "0.000");
  EXPECT_EQ(FormatValue(Make(Indicator::kLengthOfStayMean, 0, 7)), "0.000");
  EXPECT_EQ(FormatValue(Make(Indicator::kLiableAmount, 123456789012, 1)), "123456789012.000");
  EXPECT_EQ(FormatValue(Make(Indicator::kInpatientStaysPer100k, 3, 7)), "42857.143");  // rate
  Row hidden = Make(Indicator::kReadmission30d, 2, 3);
  hidden.suppressed = true;
  EXPECT_EQ(FormatValue(hidden), "");
}

TEST(TableWriterTest, CsvLeavesCountDenominatorsAndSuppressedCellsEmptyAndQuotesUnits) {
  IndicatorTable table;
  table.rows.push_back(Make(Indicator::kReadmission30d, 2, 3));
  table.rows.push_back(Make(Indicator::kLiableDays, 17, 4));  // a count: no denominator
  Row hidden = Make(Indicator::kReadmission30d, 2, 3);
  hidden.suppressed = true;
  table.rows.push_back(hidden);
  table.rows.push_back(Make(Indicator::kReadmission30d, 1, 2, "Kalmar, \"Västra\""));
  EXPECT_EQ(TableCsv(table),
            "indicator,period,unit_type,unit,sex,age_group,numerator,denominator,value,"
            "suppressed\n"
            "readmission_30d,2019-03,municipality,0880,all,all,2,3,66.667,0\n"
            "liable_days,2019-03,municipality,0880,all,all,17,,17.000,0\n"
            "readmission_30d,2019-03,municipality,0880,all,all,,3,,1\n"
            "readmission_30d,2019-03,municipality,\"Kalmar, \"\"Västra\"\"\",all,all,1,2,50.000,"
            "0\n");
}

TEST(TableWriterTest, CsvWritesAFormulaShapedUnitAsText) {
  IndicatorTable table;
  table.rows.push_back(Make(Indicator::kReadmission30d, 1, 2, "=HYPERLINK(1)"));
  table.rows.push_back(Make(Indicator::kReadmission30d, 1, 2, "-3"));  // a plain number stays
  EXPECT_EQ(TableCsv(table),
            "indicator,period,unit_type,unit,sex,age_group,numerator,denominator,value,"
            "suppressed\n"
            "readmission_30d,2019-03,municipality,\"'=HYPERLINK(1)\",all,all,1,2,50.000,0\n"
            "readmission_30d,2019-03,municipality,-3,all,all,1,2,50.000,0\n");
}

TEST(TableWriterTest, EachRowGetsTheLabelOfItsOwnPeriod) {
  // Rows carry a Period; the writers format its label once per run of equal periods.
  IndicatorTable table;
  for (const char* label : {"2019-03", "2019-03", "2019-Q1", "2019-03", "2018-04/2019-03"}) {
    Row row = Make(Indicator::kReadmission30d, 1, 2);
    row.period = *ParsePeriod(label);
    table.rows.push_back(row);
  }
  EXPECT_EQ(TableCsv(table),
            "indicator,period,unit_type,unit,sex,age_group,numerator,denominator,value,"
            "suppressed\n"
            "readmission_30d,2019-03,municipality,0880,all,all,1,2,50.000,0\n"
            "readmission_30d,2019-03,municipality,0880,all,all,1,2,50.000,0\n"
            "readmission_30d,2019-Q1,municipality,0880,all,all,1,2,50.000,0\n"
            "readmission_30d,2019-03,municipality,0880,all,all,1,2,50.000,0\n"
            "readmission_30d,2018-04/2019-03,municipality,0880,all,all,1,2,50.000,0\n");
  const std::string json = TableJson(table);
  EXPECT_NE(json.find("\"period\":\"2019-Q1\""), std::string::npos);
  EXPECT_NE(json.find("\"period\":\"2018-04/2019-03\""), std::string::npos);
}

TEST(TableWriterTest, WritingToAFileGivesTheSameBytesAcrossChunks) {
  IndicatorTable table;
  for (int i = 0; i < 40000; ++i) table.rows.push_back(Make(Indicator::kReadmission30d, i, i + 1));
  std::FILE* file = std::tmpfile();
  ASSERT_NE(file, nullptr);
  ASSERT_TRUE(WriteTableCsv(table, file, "tmp").ok());
  std::string written(static_cast<size_t>(std::ftell(file)), '\0');
  std::rewind(file);
  ASSERT_EQ(std::fread(written.data(), 1, written.size(), file), written.size());
  std::fclose(file);
  EXPECT_EQ(written, TableCsv(table));

  IndicatorTable empty;
  file = std::tmpfile();
  ASSERT_TRUE(WriteTableCsv(empty, file, "tmp").ok());
  EXPECT_EQ(std::ftell(file), static_cast<long>(TableCsv(empty).size()));
  std::fclose(file);
}

}  // namespace
}  // namespace nara::indicators
