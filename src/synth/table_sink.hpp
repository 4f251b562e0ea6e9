// Buffered writing of one generated CSV table, in UTF-8 or Windows-1252, counting lines.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "base/status.hpp"

namespace nara::synth {

// Collects rows in a buffer and writes it to the file in chunks of about 1 MB. Rows are
// appended as UTF-8 text ending in '\n'; when asked, the sink writes line ends as CRLF and
// U+0080..U+00FF (å ä ö é ...) as single Windows-1252 bytes. Not thread-safe.
class TableSink {
 public:
  TableSink() = default;
  TableSink(const TableSink&) = delete;
  TableSink& operator=(const TableSink&) = delete;
  ~TableSink();

  // Creates or truncates `path`. Error: IoError naming the file.
  Status Open(const std::string& path, bool windows1252, bool crlf);
  // The row being built; append to it, then call EndRow.
  std::string& buffer() { return buffer_; }
  // Counts the row just appended and flushes when the buffer is large. Error: the write failed
  // (IoError naming the file).
  Status EndRow();
  // Writes what is left and closes the file. Error: IoError naming the file.
  Status Close();
  // The 1-based line number the next row will have (the header is line 1).
  int64_t next_line() const { return lines_ + 1; }
  // Bytes written to the file so far.
  int64_t bytes_written() const { return bytes_; }

 private:
  Status Flush();

  FILE* file_ = nullptr;
  std::string path_;
  std::string buffer_;
  std::string converted_;
  bool windows1252_ = false;
  bool crlf_ = false;
  int64_t lines_ = 0;
  int64_t bytes_ = 0;
};

}  // namespace nara::synth
