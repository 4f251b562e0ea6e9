// fuzz-module: base
// Fuzzes the CSV reader: any bytes are opened (or refused with a message) and every record read
// without a crash; field views stay inside the reader's text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "base/csv_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto reader = nara::CsvReader::Open(std::string(reinterpret_cast<const char*>(data), size),
                                      "fuzz.csv");
  if (!reader.ok()) {
    if (reader.status().message().empty()) std::abort();
    return 0;
  }
  nara::CsvRecord record;
  int64_t last_line = 1;
  size_t total = 0;
  while (reader->Next(record)) {
    if (record.line <= last_line) std::abort();  // lines only go forward
    last_line = record.line;
    for (auto field : record.fields) total += field.size();
  }
  if (total > reader->byte_size() * 2 + 16) std::abort();
  return 0;
}
