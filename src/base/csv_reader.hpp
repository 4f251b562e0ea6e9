// A generic CSV reader for the messy exports of data contract §1.1 (no domain knowledge).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.hpp"
#include "base/text_encoding.hpp"

namespace nara {

// One record (row) of a CSV file.
struct CsvRecord {
  // The fields, in UTF-8. They point into the reader's text or scratch buffer and stay valid
  // until the next call to Next() or until the reader is moved or destroyed.
  std::vector<std::string_view> fields;
  // 1-based physical line where the record starts (the header is line 1 when the file does
  // not open with blank lines). A quoted field with line breaks makes the next record start
  // further down.
  int64_t line = 0;
  // Byte offset in the reader's text where the record starts (CsvReader::ReaderAt reads it again).
  size_t offset = 0;
  // Empty for a well-formed record; else what is wrong: "unterminated quote" or "text after
  // closing quote". Then `fields` holds the fields read before the fault (possibly none).
  std::string error;
};

// Reads one CSV file held in memory, record by record.
//
// The dialect (data contract §1.1): delimiter ',' or ';', detected from the header; UTF-8 with
// or without BOM, or Windows-1252/Latin-1 (detected and transcoded to UTF-8 once, up front);
// LF or CRLF line ends; RFC 4180 quoting. Lines holding only blanks (spaces, tabs, CR) are
// skipped anywhere and counted. The reader does not compare a record's field count with the
// header's: callers decide what a short or long row means.
//
// Lenient where an analyst would expect it: blanks around a quoted field are ignored
// (` "a" ,b`), a quote inside an unquoted field is data (`5" screen`), a lone CR inside an
// unquoted field is data, and a CR just before the end of the file ends the line.
//
// Owns its text: a large UTF-8 file is mapped into memory read-only (no copy; the file must not
// be truncated while it is read), anything else is held in a string. Fields are string_views
// into it, so reading allocates nothing per field except
// for quoted fields with doubled quotes, which are unescaped into one scratch buffer reused per
// record. Thread-compatible: use one reader per thread. Movable between calls to Next().
class CsvReader {
 public:
  // Takes the bytes of a file (any supported encoding) and a display name for messages. Fails
  // with kInvalidInput and a message naming the file when the text has no header line (empty
  // or only blank lines), when the header is malformed (an unterminated quote, text after a
  // closing quote), or when it is not a text file in a supported encoding (UTF-16, or a NUL
  // byte anywhere).
  static Result<CsvReader> Open(std::string bytes, std::string file_name);
  // Reads the file at `path` and opens it as above; the display name is the path's file name
  // (`episodes.csv`). kIoError, naming the path, when the file cannot be read.
  static Result<CsvReader> OpenFile(const std::string& path);

  // ',' or ';': the one occurring more often outside quotes in the header; ',' on a tie.
  char delimiter() const { return delimiter_; }
  TextEncoding encoding() const { return encoding_; }
  const std::string& file_name() const { return file_name_; }
  // The header's fields in UTF-8, trimmed of blanks (quoted ones too).
  const std::vector<std::string>& header() const { return header_; }
  // The line the header starts on (1 unless the file opens with blank lines).
  int64_t header_line() const { return header_line_; }

  // Reads the next record into `record` (reusing its storage); returns false at the end of the
  // text. Quoted fields may hold the delimiter, line breaks and doubled quotes ("" → ") and are
  // kept exactly; unquoted fields are trimmed of spaces and tabs. A malformed record (see
  // CsvRecord::error) is returned with its error, and reading goes on at the line after the
  // one the record started on, so that the rows a stray quote swallowed are still read.
  bool Next(CsvRecord& record);

  // Splits the unread text in two at a line start near its middle, so that two threads can read
  // the halves: this reader keeps the first half and the returned one (same header, dialect and
  // line numbering, sharing the text) reads the second. Only when the first half holds no quote
  // character at all, so the cut cannot fall inside a quoted field; else, or when the text is
  // shorter than `min_bytes`, returns nullopt and nothing changes.
  std::optional<CsvReader> SplitOffSecondHalf(size_t min_bytes);

  // A reader of the same text (shared, not copied), header and dialect whose next record is the
  // one starting at `offset` on physical line `line` (a CsvRecord's offset and line): to read one
  // record again, e.g. to build a rejected row's text after the fact. Its blank-line count is 0.
  CsvReader ReaderAt(size_t offset, int64_t line) const;

  // About how many records follow: the bytes left divided by the mean length of the lines in
  // the next 64 KiB, plus 5 %. For reserving columns; 0 at the end of the text.
  size_t EstimateRecordsLeft() const;

  // Blank lines skipped so far (before the header too).
  int64_t blank_lines() const { return blank_lines_; }
  // Bytes of the UTF-8 text (after transcoding, without a BOM).
  size_t byte_size() const { return text_.size(); }

 private:
  // Where an unescaped quoted field lives in scratch_ until the record is complete.
  struct ScratchField {
    size_t field_index;
    size_t offset;
    size_t length;
  };

  CsvReader() = default;
  // Skips blank lines at pos_; returns false at the end of the text.
  bool SkipBlankLines();
  // Parses the record starting at pos_ (at a non-blank line) into `record` and moves pos_ past
  // it (or, for a malformed record, to the line after its first line).
  void ParseRecord(CsvRecord& record);

  // Hands the mapped pages of the text already read (before pos_) back to the kernel
  // (MADV_DONTNEED): they are read again from the page cache if a record is read again
  // (ReaderAt), so the process does not hold a whole table's text while its columns grow. Only
  // for a file mapping (a string's pages would be zeroed); whole pages only.
  void ReleaseReadPages();

  // Makes `bytes` (already UTF-8) the text, held by the reader.
  void HoldText(std::string bytes);
  // Detects the delimiter and reads the header at the start of the text.
  Status ReadHeader();

  std::string_view text_;                   // UTF-8; points into what keep_alive_ holds
  std::shared_ptr<const void> keep_alive_;  // the owned string or the file mapping
  std::string file_name_;
  TextEncoding encoding_ = TextEncoding::kUtf8;
  char delimiter_ = ',';
  std::vector<std::string> header_;
  int64_t header_line_ = 1;
  bool mapped_ = false;  // text_ is a read-only file mapping (its pages may be released)
  size_t released_ = 0;  // pages before this offset of text_ were released
  size_t pos_ = 0;    // offset of the next unread byte of text_
  int64_t line_ = 1;  // physical line of text_[pos_]
  int64_t blank_lines_ = 0;
  std::string scratch_;  // unescaped quoted fields of the current record
  std::vector<ScratchField> scratch_fields_;
};

}  // namespace nara
