// Tests of CsvReader::OpenFile: file names in messages, mapped large files, I/O errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "base/csv_reader.hpp"
#include "base/csv_test_util.hpp"

namespace nara {
namespace {

using ::testing::ElementsAre;
using testing_util::OpenOk;
using testing_util::ReadAll;

class CsvReaderFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("nara_csv_reader_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(CsvReaderFileTest, OpenFileUsesFileNameForMessages) {
  const auto path = dir_ / "episodes.csv";
  std::ofstream(path, std::ios::binary) << "episode_id;kommun\r\nA1;2380\r\n";
  auto reader = CsvReader::OpenFile(path.string());
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  EXPECT_EQ(reader->file_name(), "episodes.csv");
  EXPECT_EQ(reader->delimiter(), ';');
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_THAT(rows[0].fields, ElementsAre("A1", "2380"));

  const auto empty = dir_ / "waits.csv";
  std::ofstream(empty, std::ios::binary) << "";
  auto empty_reader = CsvReader::OpenFile(empty.string());
  ASSERT_FALSE(empty_reader.ok());
  EXPECT_EQ(empty_reader.status().message(),
            "waits.csv: no header line: the file is empty or holds only blank lines; the first "
            "line must name the columns");
}

// Files of 1 MiB and more are mapped rather than copied: the same records, encodings and
// errors as the small-file path.
std::string LargeCsv(const std::string& town, size_t rows) {
  std::string text = "id;kommun\r\n";
  for (size_t i = 0; i < rows; ++i) text += std::to_string(i) + ";" + town + "\r\n";
  return text;
}

TEST_F(CsvReaderFileTest, ALargeUtf8FileReadsAsASmallOne) {
  const auto path = dir_ / "contacts.csv";
  const std::string text = LargeCsv("Östersund", 100000);
  ASSERT_GT(text.size(), size_t{1} << 20);
  std::ofstream(path, std::ios::binary) << text;
  auto mapped = CsvReader::OpenFile(path.string());
  ASSERT_TRUE(mapped.ok()) << mapped.status().message();
  EXPECT_EQ(mapped->byte_size(), text.size());
  EXPECT_EQ(mapped->encoding(), TextEncoding::kUtf8);
  // Moved readers keep reading the mapping.
  CsvReader reader = std::move(*mapped);
  const auto rows = ReadAll(reader);
  ASSERT_EQ(rows.size(), 100000U);
  EXPECT_THAT(rows.back().fields, ElementsAre("99999", "Östersund"));
  EXPECT_EQ(rows.back().line, 100001);
  auto copied = OpenOk(text);
  EXPECT_EQ(ReadAll(copied).back().fields, rows.back().fields);
}

// Resident bytes (Rss of /proc/self/smaps) of the mapping that holds `address`, or -1.
long ResidentKilobytesOfMapping(const void* address) {
  std::ifstream smaps("/proc/self/smaps");
  const auto at = reinterpret_cast<uintptr_t>(address);
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    uintptr_t from = 0, to = 0;
    if (std::sscanf(line.c_str(), "%lx-%lx ", &from, &to) == 2 && line.find('-') < 17) {
      inside = from <= at && at < to;
    } else if (inside && line.rfind("Rss:", 0) == 0) {
      return std::strtol(line.c_str() + 4, nullptr, 10);
    }
  }
  return -1;
}

// A mapped file's pages are handed back once read (ReleaseReadPages): after the open check and
// after the last record only a partial page can stay resident; a record read again (ReaderAt)
// from released pages is read from the page cache, unchanged.
TEST_F(CsvReaderFileTest, AMappedFileIsNotHeldResidentOnceRead) {
  const auto path = dir_ / "episodes.csv";
  std::string text = "id,kommun\n";
  for (size_t i = 0; text.size() < (size_t{20} << 20); ++i) {
    text += std::to_string(i) + ",Östersund\n";
  }
  std::ofstream(path, std::ios::binary) << text;
  auto reader = CsvReader::OpenFile(path.string());
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  CsvRecord first;
  ASSERT_TRUE(reader->Next(first));
  const CsvRecord kept = first;
  const char* const mapping = first.fields[0].data();
  const long after_open = ResidentKilobytesOfMapping(mapping);
  ASSERT_GE(after_open, 0) << "no mapping holds the text";
  EXPECT_LT(after_open, 4096) << "the open check left the file resident";
  CsvRecord record;
  size_t rows = 1;
  while (reader->Next(record)) {
    ASSERT_EQ(record.fields[0], std::to_string(rows));
    ++rows;
  }
  EXPECT_LE(ResidentKilobytesOfMapping(mapping), 64);
  CsvReader again = reader->ReaderAt(kept.offset, kept.line);
  ASSERT_TRUE(again.Next(record));
  EXPECT_EQ(record.line, 2);
  EXPECT_THAT(record.fields, ElementsAre("0", "Östersund"));
}

TEST_F(CsvReaderFileTest, ALargeWindows1252FileIsTranscoded) {
  const auto path = dir_ / "contacts.csv";
  std::ofstream(path, std::ios::binary) << LargeCsv("\xD6stersund", 100000);  // Ö in 1252
  auto reader = CsvReader::OpenFile(path.string());
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  EXPECT_EQ(reader->encoding(), TextEncoding::kWindows1252);
  const auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 100000U);
  EXPECT_THAT(rows[5].fields, ElementsAre("5", "Östersund"));
}

TEST_F(CsvReaderFileTest, ALargeFileWithANulByteIsRefusedWithItsLine) {
  const auto path = dir_ / "contacts.csv";
  std::string text = LargeCsv("Kiruna", 100000);
  text[text.find("\n77;") + 1] = '\0';  // the row of id 77 is on line 79
  std::ofstream(path, std::ios::binary) << text;
  auto reader = CsvReader::OpenFile(path.string());
  ASSERT_FALSE(reader.ok());
  EXPECT_THAT(reader.status().message(),
              ::testing::StartsWith("contacts.csv:79: contains a NUL byte"));
}

// From 64 MiB the text is checked by two threads, one per half: a fault in the second half must
// still decide the encoding or refuse the file.
TEST_F(CsvReaderFileTest, AVeryLargeFileIsCheckedInBothHalves) {
  const auto path = dir_ / "contacts.csv";
  std::string text = LargeCsv("Kiruna", 6000000);
  ASSERT_GT(text.size(), size_t{64} << 20);
  const size_t late = text.find("\n5999990;") + 1;
  text[late + 8] = '\xD6';  // "K" -> Ö in Windows-1252, invalid as UTF-8
  std::ofstream(path, std::ios::binary) << text;
  auto transcoded = CsvReader::OpenFile(path.string());
  ASSERT_TRUE(transcoded.ok()) << transcoded.status().message();
  EXPECT_EQ(transcoded->encoding(), TextEncoding::kWindows1252);

  text[late + 8] = 'K';
  text[late] = '\0';  // the row of id 5999990 is on line 5999992
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  auto refused = CsvReader::OpenFile(path.string());
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.status().message(),
              ::testing::StartsWith("contacts.csv:5999992: contains a NUL byte"));
}

TEST_F(CsvReaderFileTest, MissingFileIsIoError) {
  const std::string path = (dir_ / "missing.csv").string();
  auto reader = CsvReader::OpenFile(path);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kIoError);
  EXPECT_EQ(reader.status().message(), path + ": cannot open: No such file or directory");
}

TEST_F(CsvReaderFileTest, AFifoIsRefusedWithoutWaitingForAWriter) {
  const auto path = dir_ / "waits.csv";
  ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
  auto reader = CsvReader::OpenFile(path.string());  // before: blocked for ever in fopen
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kIoError);
  EXPECT_EQ(reader.status().message(),
            path.string() +
                ": not a regular file (a FIFO): only regular files are read, so "
                "that a device or pipe cannot hang or flood the run; copy the data "
                "into a file");
}

TEST_F(CsvReaderFileTest, ADeviceIsRefusedBeforeReading) {
  auto reader = CsvReader::OpenFile("/dev/zero");  // before: read until memory ran out
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kIoError);
  EXPECT_THAT(reader.status().message(),
              ::testing::StartsWith("/dev/zero: not a regular file (a character device)"));
}

TEST_F(CsvReaderFileTest, ALargeCrOnlyFileIsReadFromACopy) {
  const auto path = dir_ / "contacts.csv";
  std::string text = LargeCsv("Kiruna", 100000);
  std::erase(text, '\n');  // CR LF -> CR
  ASSERT_GT(text.size(), size_t{1} << 20);
  std::ofstream(path, std::ios::binary) << text;
  auto reader = CsvReader::OpenFile(path.string());
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  EXPECT_EQ(ReadAll(*reader).size(), 100000U);
}

// A mapped file cut short while it is read ends the run naming the file (exit 3), not with a
// bare SIGBUS.
TEST_F(CsvReaderFileTest, AMappedFileTruncatedWhileReadEndsTheRunNamingIt) {
  const auto path = dir_ / "contacts.csv";
  std::ofstream(path, std::ios::binary) << LargeCsv("Kiruna", 200000);
  EXPECT_EXIT(
      {
        auto reader = CsvReader::OpenFile(path.string());
        if (!reader.ok()) std::_Exit(10);
        std::filesystem::resize_file(path, 0);
        CsvRecord record;
        while (reader->Next(record)) {
        }
        std::_Exit(11);  // read to the end without noticing
      },
      ::testing::ExitedWithCode(3),
      "nara: contacts.csv: the file was truncated or rewritten while it was read");
}

TEST_F(CsvReaderFileTest, DirectoryIsIoError) {
  auto reader = CsvReader::OpenFile(dir_.string());
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace nara
