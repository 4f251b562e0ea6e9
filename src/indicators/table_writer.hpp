// Writes the indicator table as CSV, JSON or XLSX (data contract §4.1).
#pragma once

#include <cstdio>
#include <string>

#include "base/status.hpp"
#include "indicators/engine.hpp"
#include "model/vocabulary.hpp"

namespace nara::indicators {

// value with 3 decimals, rounded half away from zero; empty for a suppressed row.
std::string FormatValue(const Row& row);

// CSV or JSON text of the whole table.
std::string TableCsv(const IndicatorTable& table);
// The CSV text written to `file` a chunk at a time (the same bytes as TableCsv, without holding
// them all); kIoError naming `name` when a write fails.
Status WriteTableCsv(const IndicatorTable& table, std::FILE* file, const std::string& name);
std::string TableJson(const IndicatorTable& table);
struct XlsxOptions {
  model::Language language = model::Language::kSwedish;
  const model::UnitNames* unit_names = nullptr;  // municipality and county names; not owned
  int min_count = 0;  // the suppression applied to the table, stated on the contents sheet
};

// An XLSX workbook at `path` for a reader, in Swedish by default: a contents sheet (each
// indicator's sheet, name, measure and rows; the suppression; the notes), then one sheet per
// indicator named by its id (never split: an indicator with more rows than a sheet holds is a
// usage error before anything is written), with the indicator's name, unit names, Swedish words
// for period types, unit types, sexes and age groups, widths, a frozen header and an autofilter.
Status WriteTableXlsx(const IndicatorTable& table, const std::string& path,
                      const XlsxOptions& options = {});

}  // namespace nara::indicators
