// Helpers shared by the CSV reader's tests.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/csv_reader.hpp"

namespace nara::testing_util {

// A record copied out of the reader, so that it outlives the next call to Next().
struct Row {
  int64_t line;
  std::vector<std::string> fields;
  std::string error;
};

inline CsvReader OpenOk(std::string text) {
  auto reader = CsvReader::Open(std::move(text), "test.csv");
  EXPECT_TRUE(reader.ok()) << reader.status().message();
  return std::move(reader).value();
}

inline std::vector<Row> ReadAll(CsvReader& reader) {
  std::vector<Row> rows;
  CsvRecord record;
  while (reader.Next(record)) {
    rows.push_back({record.line, {record.fields.begin(), record.fields.end()}, record.error});
  }
  return rows;
}

inline std::vector<Row> ReadAll(std::string text) {
  CsvReader reader = OpenOk(std::move(text));
  return ReadAll(reader);
}

}  // namespace nara::testing_util
