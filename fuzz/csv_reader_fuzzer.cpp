// fuzz-module: base
// Fuzzes the CSV reader and the text encodings: any bytes are opened (or refused with a message
// naming the file) and every record is read without a crash; record lines only go forward; every
// field is valid UTF-8 and no longer than the text; in-place and copying transcoding agree.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/csv_reader.hpp"
#include "base/text_encoding.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);

  std::string in_place = bytes;
  nara::Windows1252ToUtf8InPlace(in_place);
  const std::string copied = nara::Windows1252ToUtf8(bytes);
  if (in_place != copied || !nara::IsValidUtf8(copied)) std::abort();
  if (!nara::IsValidUtf8(nara::ReplaceInvalidUtf8(bytes))) std::abort();

  auto reader = nara::CsvReader::Open(bytes, "fuzz.csv");
  if (!reader.ok()) {
    if (reader.status().message().rfind("fuzz.csv", 0) != 0) std::abort();
    return 0;
  }
  if (reader->delimiter() != ',' && reader->delimiter() != ';') std::abort();
  for (const std::string& name : reader->header()) {
    if (!nara::IsValidUtf8(name)) std::abort();
  }
  nara::CsvRecord record;
  int64_t last_line = reader->header_line();
  while (reader->Next(record)) {
    if (record.line <= last_line) std::abort();
    last_line = record.line;
    if (!record.error.empty() && record.error != "unterminated quote" &&
        record.error != "text after closing quote") {
      std::abort();
    }
    size_t total = 0;
    for (std::string_view field : record.fields) {
      if (!nara::IsValidUtf8(field)) std::abort();
      total += field.size();
    }
    if (total > reader->byte_size()) std::abort();
  }
  if (reader->Next(record)) std::abort();  // stays at the end
  return 0;
}
