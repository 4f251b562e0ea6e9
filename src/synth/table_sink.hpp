// Buffered writing of one generated CSV table, in UTF-8 or Windows-1252, counting lines.
#pragma once

#include <cstdio>
#include <string>

#include "base/status.hpp"

namespace nara::synth {

// Collects rows in a buffer and writes it in large chunks. Rows are appended as UTF-8 text
// ending in '\n'; the sink converts line ends to CRLF and text to Windows-1252 when asked.
// Not thread-safe.
class TableSink {
 public:
  TableSink() = default;
  TableSink(const TableSink&) = delete;
  TableSink& operator=(const TableSink&) = delete;
  ~TableSink();

  Status Open(const std::string& path, bool windows1252, bool crlf);
  std::string& buffer() { return buffer_; }
  // Call after each row: counts it and flushes when the buffer is large.
  Status EndRow();
  Status Close();
  // The 1-based line number the next row will have (the header is line 1).
  int64_t next_line() const { return line_ + 1; }

 private:
  Status Flush();
  FILE* file_ = nullptr;
  std::string path_;
  std::string buffer_;
  std::string converted_;
  bool windows1252_ = false;
  bool crlf_ = false;
  int64_t line_ = 0;
};

}  // namespace nara::synth
