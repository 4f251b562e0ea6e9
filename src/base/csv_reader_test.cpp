// Tests of the CSV reader: the dialect of data contract §1.1, line numbers, malformed records.
#include "base/csv_reader.hpp"
#include "base/csv_test_util.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace nara {
namespace {

using ::testing::ElementsAre;
using testing_util::OpenOk;
using testing_util::ReadAll;
using testing_util::Row;

// --- Delimiter -------------------------------------------------------------------------------

TEST(CsvReaderTest, CommaDelimiter) {
  CsvReader reader = OpenOk("episode_id,patient,admitted_at\n1,p1,2019-01-01\n");
  EXPECT_EQ(reader.delimiter(), ',');
  EXPECT_THAT(reader.header(), ElementsAre("episode_id", "patient", "admitted_at"));
  auto rows = ReadAll(reader);
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_THAT(rows[0].fields, ElementsAre("1", "p1", "2019-01-01"));
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_EQ(rows[0].error, "");
}

TEST(CsvReaderTest, SemicolonDelimiterKeepsDecimalCommas) {
  CsvReader reader = OpenOk("kommun;vikt;namn\n2380;1,5;Östersund\n");
  EXPECT_EQ(reader.delimiter(), ';');
  auto rows = ReadAll(reader);
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_THAT(rows[0].fields, ElementsAre("2380", "1,5", "Östersund"));
}

TEST(CsvReaderTest, DelimiterTieIsComma) {
  EXPECT_EQ(OpenOk("a,b;c\n").delimiter(), ',');
  EXPECT_EQ(OpenOk("single_column\nx\n").delimiter(), ',');
}

TEST(CsvReaderTest, DelimiterCountsOnlyOutsideQuotes) {
  // Three semicolons inside quotes, two commas outside.
  CsvReader reader = OpenOk("\"a;b;c;d\",e,f\n1,2,3\n");
  EXPECT_EQ(reader.delimiter(), ',');
  EXPECT_THAT(reader.header(), ElementsAre("a;b;c;d", "e", "f"));
  // And the other way round.
  CsvReader semicolons = OpenOk("\"x,y,z\";b;c\n");
  EXPECT_EQ(semicolons.delimiter(), ';');
  EXPECT_THAT(semicolons.header(), ElementsAre("x,y,z", "b", "c"));
}

TEST(CsvReaderTest, DelimiterDetectedFromHeaderOnly) {
  // The data rows are full of commas; the header has one semicolon.
  CsvReader reader = OpenOk("a;b\n1,2,3,4;5\n");
  EXPECT_EQ(reader.delimiter(), ';');
  auto rows = ReadAll(reader);
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_THAT(rows[0].fields, ElementsAre("1,2,3,4", "5"));
}

// --- Header ----------------------------------------------------------------------------------

TEST(CsvReaderTest, HeaderFieldsAreTrimmed) {
  CsvReader reader = OpenOk(" episode_id ,\tpatient\t, \" quoted \" \r\n");
  EXPECT_THAT(reader.header(), ElementsAre("episode_id", "patient", "quoted"));
  EXPECT_EQ(reader.header_line(), 1);
}

TEST(CsvReaderTest, BlankLinesBeforeHeaderAreSkippedAndCounted) {
  CsvReader reader = OpenOk("\n  \r\na,b\n1,2\n");
  EXPECT_THAT(reader.header(), ElementsAre("a", "b"));
  EXPECT_EQ(reader.header_line(), 3);
  EXPECT_EQ(reader.blank_lines(), 2);
  auto rows = ReadAll(reader);
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].line, 4);
}

TEST(CsvReaderTest, HeaderOnlyHasNoRecords) {
  CsvReader reader = OpenOk("a,b,c\n");
  EXPECT_THAT(reader.header(), ElementsAre("a", "b", "c"));
  CsvRecord record;
  EXPECT_FALSE(reader.Next(record));
  EXPECT_FALSE(reader.Next(record));  // stays at the end
  EXPECT_EQ(reader.blank_lines(), 0);

  CsvReader no_newline = OpenOk("a,b,c");
  EXPECT_THAT(no_newline.header(), ElementsAre("a", "b", "c"));
  EXPECT_FALSE(no_newline.Next(record));
}

TEST(CsvReaderTest, EmptyFileIsAnError) {
  auto reader = CsvReader::Open("", "episodes.csv");
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(reader.status().message(),
            "episodes.csv: no header line: the file is empty or holds only blank lines; the "
            "first line must name the columns");
}

TEST(CsvReaderTest, OnlyBlankLinesIsAnError) {
  auto reader = CsvReader::Open("\r\n  \n\t\n", "waits.csv");
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(reader.status().message(),
            "waits.csv: no header line: the file is empty or holds only blank lines; the first "
            "line must name the columns");
  auto bom_only = CsvReader::Open("\xEF\xBB\xBF", "waits.csv");
  EXPECT_FALSE(bom_only.ok());
}

TEST(CsvReaderTest, MalformedHeaderIsAnError) {
  auto unterminated = CsvReader::Open("\n\"a,b\n1,2\n", "contacts.csv");
  ASSERT_FALSE(unterminated.ok());
  EXPECT_EQ(unterminated.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(unterminated.status().message(),
            "contacts.csv:2: the header is malformed (unterminated quote); the first line must "
            "name the columns, with every quote closed");
  auto after_quote = CsvReader::Open("\"a\"x,b\n", "contacts.csv");
  ASSERT_FALSE(after_quote.ok());
  EXPECT_EQ(after_quote.status().message(),
            "contacts.csv:1: the header is malformed (text after closing quote); the first line "
            "must name the columns, with every quote closed");
}

// --- Encodings -------------------------------------------------------------------------------

TEST(CsvReaderTest, Utf8) {
  CsvReader reader = OpenOk("kommun,namn\n2380,Östersund\n");
  EXPECT_EQ(reader.encoding(), TextEncoding::kUtf8);
  EXPECT_EQ(ReadAll(reader)[0].fields[1], "Östersund");
}

TEST(CsvReaderTest, BomIsStripped) {
  CsvReader reader = OpenOk("\xEF\xBB\xBFkommun;namn\n0880;Kalmar\n");
  EXPECT_EQ(reader.encoding(), TextEncoding::kUtf8WithBom);
  EXPECT_EQ(reader.delimiter(), ';');
  EXPECT_THAT(reader.header(), ElementsAre("kommun", "namn"));
  EXPECT_EQ(reader.byte_size(), std::string("kommun;namn\n0880;Kalmar\n").size());
}

TEST(CsvReaderTest, InvalidByteInBomFileIsRefusedNamingTheLine) {
  // The BOM says UTF-8: a stray Latin-1 byte is neither replaced nor re-decoded silently.
  auto reader =
      CsvReader::Open("\xEF\xBB\xBFkommun;namn\n0880;Kalmar\n1480;G\xF6teborg\n", "x.csv");
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kInvalidInput);
  EXPECT_THAT(reader.status().message(),
              ::testing::StartsWith("x.csv:3: byte 0xF6 is not valid UTF-8, but the file is "
                                    "UTF-8 elsewhere (it starts with a UTF-8 byte-order mark)"));
}

TEST(CsvReaderTest, OneInvalidByteInAUtf8FileIsRefusedNotReadAsWindows1252) {
  // "Länssjukhuset" in UTF-8 on line 2, one Latin-1 "ö" on line 4: before, the whole file was
  // re-decoded as Windows-1252 ("LÃ¤nssjukhuset") without a word.
  auto reader = CsvReader::Open(
      "unit,n\nL\xC3\xA4nssjukhuset,1\nKalmar,2\nV\xE4xj\xF6,3\n", "episodes.csv");
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kInvalidInput);
  EXPECT_THAT(reader.status().message(),
              ::testing::StartsWith("episodes.csv:4: byte 0xE4 is not valid UTF-8, but the file "
                                    "is UTF-8 elsewhere (it holds UTF-8 letters): it mixes "
                                    "encodings"));
}

TEST(CsvReaderTest, CrOnlyLineEndsAreReadAsLines) {
  CsvReader reader = OpenOk("patient,unit\rLOP1,\"two\rlines\"\r\rLOP2,b\rLOP3,c");
  EXPECT_THAT(reader.header(), ElementsAre("patient", "unit"));
  auto rows = ReadAll(reader);
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_THAT(rows[0].fields, ElementsAre("LOP1", "two\nlines"));
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_THAT(rows[1].fields, ElementsAre("LOP2", "b"));
  EXPECT_EQ(rows[1].line, 5);  // after the quoted line break and a blank line
  EXPECT_THAT(rows[2].fields, ElementsAre("LOP3", "c"));
  EXPECT_EQ(reader.blank_lines(), 1);
}

TEST(CsvReaderTest, CrOnlyThenLfLineEndsAreRefusedNamingTheFile) {
  auto reader = CsvReader::Open("patient,unit\rLOP1,a\rLOP2,b\nLOP3,c\n", "contacts.csv");
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kInvalidInput);
  EXPECT_THAT(reader.status().message(),
              ::testing::StartsWith("contacts.csv:1: the first line ends with a CR alone"));
  EXPECT_THAT(reader.status().message(), ::testing::Not(::testing::HasSubstr("LOP")));
}

TEST(CsvReaderTest, CrLfAndALoneCrInsideAFieldStayAsTheyWere) {
  auto rows = ReadAll("a,b\r\nx\ry,1\r\n");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_THAT(rows[0].fields, ElementsAre("x\ry", "1"));
}

TEST(CsvReaderTest, Windows1252IsTranscoded) {
  CsvReader reader = OpenOk(
      "kommun;namn;l\xE4n\r\n2380;\xD6stersund;J\xE4mtland\r\n0000;\xE5\xE4\xF6\xC5\xC4\xD6"
      "\xE9;x\r\n");
  EXPECT_EQ(reader.encoding(), TextEncoding::kWindows1252);
  EXPECT_THAT(reader.header(), ElementsAre("kommun", "namn", "län"));
  auto rows = ReadAll(reader);
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_THAT(rows[0].fields, ElementsAre("2380", "Östersund", "Jämtland"));
  EXPECT_THAT(rows[1].fields, ElementsAre("0000", "åäöÅÄÖé", "x"));
  EXPECT_EQ(rows[1].line, 3);
}

TEST(CsvReaderTest, Utf16IsRefused) {
  const std::string utf16(
      "\xFF\xFE"
      "a\0,\0b\0\n\0",
      10);
  auto reader = CsvReader::Open(utf16, "episodes.csv");
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(reader.status().message(),
            "episodes.csv: encoded as UTF-16, which cannot be read; save it as CSV in UTF-8 or "
            "Windows-1252");
}

TEST(CsvReaderTest, NulByteIsRefused) {
  const std::string text("a,b\n1,2\n3,\0\n", 12);
  auto reader = CsvReader::Open(text, "episodes.csv");
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(reader.status().message(),
            "episodes.csv:3: contains a NUL byte, so it is not a CSV text file (UTF-16 or "
            "binary?); export it again as CSV in UTF-8 or Windows-1252");
}

// --- Line ends and blank lines ---------------------------------------------------------------

TEST(CsvReaderTest, Crlf) {
  auto rows = ReadAll("a,b\r\n1,2\r\n\"3\",\"4\"\r\n5, 6 \r\n");
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_THAT(rows[0].fields, ElementsAre("1", "2"));
  EXPECT_THAT(rows[1].fields, ElementsAre("3", "4"));
  EXPECT_THAT(rows[2].fields, ElementsAre("5", "6"));
  EXPECT_EQ(rows[2].line, 4);
}

TEST(CsvReaderTest, LoneCrInUnquotedFieldIsData) {
  auto rows = ReadAll("a,b\nx\ry,z\n");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_THAT(rows[0].fields, ElementsAre("x\ry", "z"));
  EXPECT_EQ(rows[0].line, 2);
}

TEST(CsvReaderTest, CrAtEndOfFileEndsTheLine) {
  auto rows = ReadAll("a,b\n1,2\r");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_THAT(rows[0].fields, ElementsAre("1", "2"));
  auto quoted = ReadAll("a,b\n1,\"2\"\r");
  ASSERT_EQ(quoted.size(), 1U);
  EXPECT_THAT(quoted[0].fields, ElementsAre("1", "2"));
  EXPECT_EQ(quoted[0].error, "");
}

TEST(CsvReaderTest, BlankLinesMidFileAreSkippedAndCounted) {
  CsvReader reader = OpenOk("a,b\n1,2\n\n   \n\t\r\n3,4\n");
  auto rows = ReadAll(reader);
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_THAT(rows[1].fields, ElementsAre("3", "4"));
  EXPECT_EQ(rows[1].line, 6);
  EXPECT_EQ(reader.blank_lines(), 3);
}

TEST(CsvReaderTest, BlankLinesAtEndAreSkippedAndCounted) {
  CsvReader reader = OpenOk("a,b\r\n1,2\r\n\r\n\r\n  ");
  auto rows = ReadAll(reader);
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_THAT(rows[0].fields, ElementsAre("1", "2"));
  EXPECT_EQ(reader.blank_lines(), 3);
}

TEST(CsvReaderTest, NoTrailingNewline) {
  auto rows = ReadAll("a,b\n1,2\n3,4");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_THAT(rows[1].fields, ElementsAre("3", "4"));
  EXPECT_EQ(rows[1].line, 3);
  auto quoted = ReadAll("a,b\n1,\"x\"");
  ASSERT_EQ(quoted.size(), 1U);
  EXPECT_THAT(quoted[0].fields, ElementsAre("1", "x"));
  EXPECT_EQ(quoted[0].error, "");
  auto empty_last = ReadAll("a,b\n1,");
  ASSERT_EQ(empty_last.size(), 1U);
  EXPECT_THAT(empty_last[0].fields, ElementsAre("1", ""));
}

// --- Fields ----------------------------------------------------------------------------------

TEST(CsvReaderTest, EmptyFields) {
  auto rows = ReadAll("a,b,c\n,,\n1,,3\n\"\",\"\",\n");
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_THAT(rows[0].fields, ElementsAre("", "", ""));
  EXPECT_THAT(rows[1].fields, ElementsAre("1", "", "3"));
  EXPECT_THAT(rows[2].fields, ElementsAre("", "", ""));
}

TEST(CsvReaderTest, UnquotedFieldsAreTrimmedQuotedKeptExactly) {
  auto rows = ReadAll("a;b;c;d\n  x y \t;\t\t;\" z \" ; \"\tq\t\"\n");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_THAT(rows[0].fields, ElementsAre("x y", "", " z ", "\tq\t"));
  EXPECT_EQ(rows[0].error, "");
}

TEST(CsvReaderTest, FieldCountMayDifferFromHeader) {
  auto rows = ReadAll("a,b,c\n1\n1,2,3,4\n");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_THAT(rows[0].fields, ElementsAre("1"));
  EXPECT_EQ(rows[0].error, "");
  EXPECT_THAT(rows[1].fields, ElementsAre("1", "2", "3", "4"));
  EXPECT_EQ(rows[1].error, "");
}

TEST(CsvReaderTest, QuoteInsideUnquotedFieldIsData) {
  auto rows = ReadAll("a,b\n5\" screen,x\"y\"\n");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_THAT(rows[0].fields, ElementsAre("5\" screen", "x\"y\""));
}

TEST(CsvReaderTest, QuotedDelimiter) {
  auto rows = ReadAll("id,diagnoses,x\n1,\"I50.9,E11.9, J44\",y\n");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_THAT(rows[0].fields, ElementsAre("1", "I50.9,E11.9, J44", "y"));
}

TEST(CsvReaderTest, DoubledQuotes) {
  auto rows = ReadAll(
      "a,b,c\n\"say \"\"hi\"\"\",\"\"\"\",\"x\"\"\"\"y\"\n\"plain\",\"\"\"lead\",\"trail\"\"\"\n");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_THAT(rows[0].fields, ElementsAre("say \"hi\"", "\"", "x\"\"y"));
  EXPECT_EQ(rows[0].error, "");
  EXPECT_THAT(rows[1].fields, ElementsAre("plain", "\"lead", "trail\""));
}

TEST(CsvReaderTest, ManyUnescapedFieldsInOneRecordStayValid) {
  // Enough doubled-quote fields to make the scratch buffer grow while the record is parsed.
  std::string text = "h\n";
  std::vector<std::string> expected;
  for (int i = 0; i < 200; ++i) {
    const std::string value(static_cast<size_t>(i % 37) + 1, static_cast<char>('a' + i % 26));
    text += (i == 0 ? "" : ",") + ("\"" + value + "\"\"" + value + "\"");
    expected.push_back(value + "\"" + value);
  }
  text += "\n";
  CsvReader reader = OpenOk(text);
  CsvRecord record;
  ASSERT_TRUE(reader.Next(record));
  ASSERT_EQ(record.fields.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(record.fields[i], expected[i]) << i;
}

TEST(CsvReaderTest, QuotedNewlinesAndLineNumbers) {
  auto rows = ReadAll(
      "id,note,x\n"                     // 1
      "1,\"first line\nsecond\",a\n"    // 2-3
      "2,\"crlf\r\ninside\r\n\",b\r\n"  // 4-6
      "\n"                              // 7 (blank)
      "3,plain,c\n");                   // 8
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_THAT(rows[0].fields, ElementsAre("1", "first line\nsecond", "a"));
  EXPECT_EQ(rows[1].line, 4);
  EXPECT_THAT(rows[1].fields, ElementsAre("2", "crlf\r\ninside\r\n", "b"));
  EXPECT_EQ(rows[2].line, 8);
  EXPECT_THAT(rows[2].fields, ElementsAre("3", "plain", "c"));
}

TEST(CsvReaderTest, MultiLineHeaderField) {
  CsvReader reader = OpenOk("\"long\nname\",b\n1,2\n");
  EXPECT_THAT(reader.header(), ElementsAre("long\nname", "b"));
  auto rows = ReadAll(reader);
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].line, 3);
}

// --- Malformed records -----------------------------------------------------------------------

TEST(CsvReaderTest, UnterminatedQuoteAtEndOfInput) {
  auto rows = ReadAll("a,b\n1,2\n3,\"open\n4,5\n");
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[1].line, 3);
  EXPECT_EQ(rows[1].error, "unterminated quote");
  EXPECT_THAT(rows[1].fields, ElementsAre("3"));
  // Reading goes on with the next line: the swallowed row is still read.
  EXPECT_EQ(rows[2].line, 4);
  EXPECT_THAT(rows[2].fields, ElementsAre("4", "5"));
  EXPECT_EQ(rows[2].error, "");
}

TEST(CsvReaderTest, UnterminatedQuoteOnLastLine) {
  auto rows = ReadAll("a,b\n1,\"x");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].error, "unterminated quote");
  EXPECT_EQ(rows[0].line, 2);
}

TEST(CsvReaderTest, TextAfterClosingQuote) {
  auto rows = ReadAll("a,b,c\n1,\"x\"y,3\n4,\"z\"  ,6\n");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_EQ(rows[0].error, "text after closing quote");
  EXPECT_THAT(rows[0].fields, ElementsAre("1", "x"));
  // Blanks after a closing quote are fine.
  EXPECT_EQ(rows[1].line, 3);
  EXPECT_EQ(rows[1].error, "");
  EXPECT_THAT(rows[1].fields, ElementsAre("4", "z", "6"));
}

TEST(CsvReaderTest, StrayQuoteDoesNotSwallowRows) {
  // The quote opened on line 2 closes on line 4 and is followed by text: line 2 is malformed,
  // and lines 3 and 4 are read again as rows of their own.
  auto rows = ReadAll("a,b,c\n1,\"abc,2019\n2,ok,2019\n3,\"x,2019\n5,ok,2020\n");
  ASSERT_EQ(rows.size(), 4U);
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_EQ(rows[0].error, "text after closing quote");
  EXPECT_EQ(rows[1].line, 3);
  EXPECT_THAT(rows[1].fields, ElementsAre("2", "ok", "2019"));
  EXPECT_EQ(rows[1].error, "");
  EXPECT_EQ(rows[2].line, 4);
  EXPECT_EQ(rows[2].error, "unterminated quote");
  EXPECT_EQ(rows[3].line, 5);
  EXPECT_THAT(rows[3].fields, ElementsAre("5", "ok", "2020"));
}

TEST(CsvReaderTest, ErrorIsClearedOnTheNextRecord) {
  CsvReader reader = OpenOk("a,b\n\"x\"y,1\n2,3\n");
  CsvRecord record;
  ASSERT_TRUE(reader.Next(record));
  EXPECT_EQ(record.error, "text after closing quote");
  ASSERT_TRUE(reader.Next(record));
  EXPECT_EQ(record.error, "");
  EXPECT_THAT(record.fields, ElementsAre("2", "3"));
  EXPECT_FALSE(reader.Next(record));
}

// --- Ownership and files ---------------------------------------------------------------------

TEST(CsvReaderTest, MovedReaderKeepsReading) {
  // Short text (inside std::string's small buffer) so that a move copies the bytes.
  CsvReader first = OpenOk("a\n1\n2\n");
  CsvRecord record;
  ASSERT_TRUE(first.Next(record));
  CsvReader second = std::move(first);
  ASSERT_TRUE(second.Next(record));
  EXPECT_THAT(record.fields, ElementsAre("2"));
  EXPECT_EQ(record.line, 3);
}

TEST(CsvReaderTest, EstimatesTheRecordsLeftFromTheMeanLineLength) {
  std::string text = "id,name\n";
  for (int i = 0; i < 100000; ++i) text += "1234567,abcdefghij\n";  // 19 bytes a line
  CsvReader reader = OpenOk(text);
  const size_t estimate = reader.EstimateRecordsLeft();
  EXPECT_GE(estimate, 100000u);
  EXPECT_LE(estimate, 106000u);
  CsvRecord record;
  for (int i = 0; i < 50000; ++i) ASSERT_TRUE(reader.Next(record));
  EXPECT_GE(reader.EstimateRecordsLeft(), 50000u);
  EXPECT_LE(reader.EstimateRecordsLeft(), 53000u);
  while (reader.Next(record)) {
  }
  EXPECT_EQ(reader.EstimateRecordsLeft(), 0u);
  EXPECT_EQ(OpenOk("id\n1").EstimateRecordsLeft(), 1u);  // no line feed left: one record
}


TEST(CsvReaderTest, SplitsTheUnreadTextAtALineStartAndKeepsLineNumbers) {
  std::string text = "id,name\n";
  for (int i = 0; i < 100; ++i) text += std::to_string(i) + ",x\n";
  CsvReader first = OpenOk(text);
  EXPECT_FALSE(first.SplitOffSecondHalf(text.size()));  // shorter than asked: not split
  auto second = first.SplitOffSecondHalf(16);
  ASSERT_TRUE(second);
  std::vector<std::string> ids;
  std::vector<int64_t> lines;
  CsvRecord record;
  for (CsvReader* reader : {&first, &*second}) {
    while (reader->Next(record)) {
      ids.emplace_back(record.fields[0]);
      lines.push_back(record.line);
    }
  }
  ASSERT_EQ(ids.size(), 100u);
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(ids[static_cast<size_t>(i)], std::to_string(i));
    EXPECT_EQ(lines[static_cast<size_t>(i)], i + 2);
  }
  EXPECT_EQ(second->header(), first.header());

  // A quote anywhere before the cut: a line break might be inside a quoted field.
  CsvReader quoted = OpenOk("id,name\n1,\"a\nb\"\n" + text.substr(8));
  EXPECT_FALSE(quoted.SplitOffSecondHalf(16));
}

// A record's offset and line let a second reader read it again, quoted line breaks included.
TEST(CsvReaderTest, ReadsARecordAgainFromItsOffsetAndLine) {
  CsvReader reader = OpenOk("id,name\n1,a\n\n2,\"b\nc\"\n3,\"d\"\"\"\n");
  CsvRecord record;
  std::vector<CsvRecord> records;
  while (reader.Next(record)) records.push_back(record);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].line, 4);
  EXPECT_EQ(records[2].line, 6);
  for (size_t i = 0; i < records.size(); ++i) {
    CsvReader again = reader.ReaderAt(records[i].offset, records[i].line);
    CsvRecord one;
    ASSERT_TRUE(again.Next(one)) << i;
    EXPECT_EQ(one.line, records[i].line);
    EXPECT_EQ(one.offset, records[i].offset);
    ASSERT_EQ(one.fields.size(), 2u);
    EXPECT_EQ(one.fields[0], std::to_string(i + 1));
  }
  CsvReader again = reader.ReaderAt(records[1].offset, records[1].line);
  ASSERT_TRUE(again.Next(record));
  EXPECT_EQ(record.fields[1], "b\nc");
  ASSERT_TRUE(again.Next(record));
  EXPECT_EQ(record.fields[1], "d\"");
  EXPECT_FALSE(again.Next(record));
}

}  // namespace
}  // namespace nara
