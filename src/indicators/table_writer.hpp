// Writes the indicator table as CSV, JSON or XLSX (data contract §4.1).
#pragma once

#include <string>

#include "base/status.hpp"
#include "indicators/engine.hpp"

namespace nara::indicators {

enum class TableFormat { kCsv, kJson, kXlsx };

// value with 3 decimals, rounded half away from zero; empty for a suppressed row.
std::string FormatValue(const Row& row);

// CSV or JSON text of the whole table.
std::string TableCsv(const IndicatorTable& table);
std::string TableJson(const IndicatorTable& table);
// An XLSX workbook (sheet "indikatorer", Swedish headers) at `path`.
Status WriteTableXlsx(const IndicatorTable& table, const std::string& path);

}  // namespace nara::indicators
