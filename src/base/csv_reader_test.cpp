// Tests of the CSV reader: the whole dialect of data contract §1.1, with exact errors.
#include "base/csv_reader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace nara {
namespace {

using ::testing::ElementsAre;

std::vector<std::vector<std::string>> ReadAll(CsvReader& reader,
                                              std::vector<int64_t>* lines = nullptr,
                                              std::vector<std::string>* errors = nullptr) {
  std::vector<std::vector<std::string>> rows;
  CsvRecord record;
  while (reader.Next(record)) {
    rows.emplace_back(record.fields.begin(), record.fields.end());
    if (lines != nullptr) lines->push_back(record.line);
    if (errors != nullptr) errors->push_back(record.error);
  }
  return rows;
}

TEST(CsvReaderTest, DetectsTheDelimiterFromTheHeader) {
  auto comma = CsvReader::Open("a,b;c\n1,2;3\n", "t.csv");
  ASSERT_TRUE(comma.ok());
  EXPECT_EQ(comma->delimiter(), ',');
  EXPECT_THAT(comma->header(), ElementsAre("a", "b;c"));
  auto semicolon = CsvReader::Open("a;b;\"c,d,e\"\n", "t.csv");
  ASSERT_TRUE(semicolon.ok());
  EXPECT_EQ(semicolon->delimiter(), ';');  // the quoted comma does not count
  auto tie = CsvReader::Open("a;b,c\n", "t.csv");
  ASSERT_TRUE(tie.ok());
  EXPECT_EQ(tie->delimiter(), ',');
  auto single = CsvReader::Open("patient\nX\n", "t.csv");
  ASSERT_TRUE(single.ok());
  EXPECT_EQ(ReadAll(*single), (std::vector<std::vector<std::string>>{{"X"}}));
}

TEST(CsvReaderTest, EncodingsAreDetectedAndSwedishLettersSurvive) {
  auto bom = CsvReader::Open("\xEF\xBB\xBFkommun\nM\xC3\xB6rbyl\xC3\xA5nga\n", "t.csv");
  ASSERT_TRUE(bom.ok());
  EXPECT_EQ(bom->encoding(), TextEncoding::kUtf8WithBom);
  EXPECT_EQ(bom->header()[0], "kommun");
  EXPECT_EQ(ReadAll(*bom)[0][0], "M\xC3\xB6rbyl\xC3\xA5nga");
  // Windows-1252: å ä ö Å Ä Ö as single bytes, and the euro sign at 0x80.
  auto cp1252 = CsvReader::Open("namn\n\xE5\xE4\xF6\xC5\xC4\xD6 \x80\n", "t.csv");
  ASSERT_TRUE(cp1252.ok());
  EXPECT_EQ(cp1252->encoding(), TextEncoding::kWindows1252);
  EXPECT_EQ(ReadAll(*cp1252)[0][0],
            "\xC3\xA5\xC3\xA4\xC3\xB6\xC3\x85\xC3\x84\xC3\x96 \xE2\x82\xAC");
  EXPECT_EQ(Windows1252ToUtf8("\x81"), "\xEF\xBF\xBD");
}

TEST(CsvReaderTest, QuotingLineEndsBlankLinesAndLineNumbers) {
  auto reader = CsvReader::Open(
      "id,text,n\r\n"
      "1,\"a, \"\"quoted\"\"\nline\",  7 \r\n"
      "\r\n"
      "2,,\r\n"
      "3,\"x\",\"\"\n"
      "\n\n",
      "t.csv");
  ASSERT_TRUE(reader.ok());
  std::vector<int64_t> lines;
  const auto rows = ReadAll(*reader, &lines);
  EXPECT_EQ(rows, (std::vector<std::vector<std::string>>{
                      {"1", "a, \"quoted\"\nline", "7"}, {"2", "", ""}, {"3", "x", ""}}));
  EXPECT_THAT(lines, ElementsAre(2, 5, 6));
  EXPECT_EQ(reader->blank_lines(), 3);
}

TEST(CsvReaderTest, LastLineWithoutNewlineAndHeaderOnly) {
  auto last = CsvReader::Open("a,b\n1,2", "t.csv");
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(ReadAll(*last), (std::vector<std::vector<std::string>>{{"1", "2"}}));
  auto header_only = CsvReader::Open("a,b\n", "t.csv");
  ASSERT_TRUE(header_only.ok());
  EXPECT_TRUE(ReadAll(*header_only).empty());
}

TEST(CsvReaderTest, MalformedRowsAreReportedAndReadingGoesOn) {
  auto reader = CsvReader::Open("a,b\n\"x\"y,2\n3,4\n5,\"open\n", "t.csv");
  ASSERT_TRUE(reader.ok());
  std::vector<int64_t> lines;
  std::vector<std::string> errors;
  const auto rows = ReadAll(*reader, &lines, &errors);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(errors[0], "text after closing quote");
  EXPECT_EQ(rows[1], (std::vector<std::string>{"3", "4"}));
  EXPECT_EQ(errors[1], "");
  EXPECT_EQ(errors[2], "unterminated quote: a quoted field runs to the end of the file");
  EXPECT_THAT(lines, ElementsAre(2, 3, 4));
}

TEST(CsvReaderTest, UnusableFilesAreClearErrors) {
  auto empty = CsvReader::Open("", "episodes.csv");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().message(),
            "episodes.csv: the file is empty; a header line naming the columns is required");
  auto blank = CsvReader::Open("\n \r\n", "episodes.csv");
  ASSERT_FALSE(blank.ok());
  auto binary = CsvReader::Open(std::string("a,b\n\0\x01", 6), "episodes.csv");
  ASSERT_FALSE(binary.ok());
  EXPECT_EQ(binary.status().message(),
            "episodes.csv: not a text file (it contains NUL bytes); export the table as CSV");
  auto missing = CsvReader::OpenFile("/nonexistent/episodes.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace nara
