// A CSV reader for the messy exports of data contract §1.1: delimiter and encoding detection,
// RFC 4180 quoting, LF or CRLF, blank lines.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.hpp"

namespace nara {

enum class TextEncoding { kUtf8, kUtf8WithBom, kWindows1252 };

// UTF-8 with BOM; else valid UTF-8; else Windows-1252 (which covers Latin-1).
TextEncoding DetectEncoding(std::string_view bytes);
// Windows-1252 to UTF-8 (bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D, undefined there, become U+FFFD).
std::string Windows1252ToUtf8(std::string_view bytes);
const char* EncodingName(TextEncoding encoding);

struct CsvRecord {
  std::vector<std::string_view> fields;  // valid until the next call to Next()
  int64_t line = 0;                      // 1-based physical line where the record starts
  std::string error;                     // non-empty when the record is malformed
};

// Reads one CSV file held in memory as UTF-8 (transcoded once, up front). Thread-compatible:
// one reader per thread.
class CsvReader {
 public:
  // Detects the encoding and the delimiter (',' or ';', whichever occurs more often outside
  // quotes in the header line; ',' on a tie). Fails (kInvalidInput, naming the file) when there
  // is no header line or the bytes contain NUL (not a text file).
  static Result<CsvReader> Open(std::string bytes, std::string file_name);
  // Reads the file at `path`; the display name is the file's name. kIoError when unreadable.
  static Result<CsvReader> OpenFile(const std::string& path);

  char delimiter() const { return delimiter_; }
  TextEncoding encoding() const { return encoding_; }
  const std::string& file_name() const { return file_name_; }
  // Header fields, trimmed of blanks.
  const std::vector<std::string>& header() const { return header_; }
  size_t byte_size() const { return text_.size(); }
  int64_t blank_lines() const { return blank_lines_; }

  // The next record; false at the end. Blank lines are skipped and counted. Quoted fields may
  // hold the delimiter, line breaks and doubled quotes; unquoted fields are trimmed of blanks.
  // A malformed record (unterminated quote, text after a closing quote) sets record.error and
  // reading goes on with the next line.
  bool Next(CsvRecord& record);

 private:
  CsvReader() = default;
  // Parses one record starting at pos_ into `record`.
  void ParseRecord(CsvRecord& record);

  std::string text_;
  std::string file_name_;
  TextEncoding encoding_ = TextEncoding::kUtf8;
  char delimiter_ = ',';
  std::vector<std::string> header_;
  size_t pos_ = 0;
  int64_t line_ = 1;  // line number of text_[pos_]
  int64_t blank_lines_ = 0;
  std::deque<std::string> unescaped_;  // storage for quoted fields with doubled quotes
};

}  // namespace nara
