// Writes the indicator table as CSV, JSON or XLSX (data contract §4.1).
#pragma once

#include <cstdio>
#include <string>

#include "base/status.hpp"
#include "indicators/engine.hpp"

namespace nara::indicators {

// value with 3 decimals, rounded half away from zero; empty for a suppressed row.
std::string FormatValue(const Row& row);

// CSV or JSON text of the whole table.
std::string TableCsv(const IndicatorTable& table);
// The CSV text written to `file` a chunk at a time (the same bytes as TableCsv, without holding
// them all); kIoError naming `name` when a write fails.
Status WriteTableCsv(const IndicatorTable& table, std::FILE* file, const std::string& name);
std::string TableJson(const IndicatorTable& table);
// An XLSX workbook (sheet "indikatorer", Swedish headers) at `path`.
Status WriteTableXlsx(const IndicatorTable& table, const std::string& path);

}  // namespace nara::indicators
