// CSV, JSON and XLSX forms of the indicator table.
#include "indicators/table_writer.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <cmath>
#include <nlohmann/json.hpp>

namespace nara::indicators {

std::string FormatValue(const Row& row) {
  if (row.suppressed) return "";
  const double value = RowValue(row);
  const double rounded = std::round(value * 1000.0) / 1000.0;  // half away from zero
  return fmt::format("{:.3f}", rounded == 0 ? 0.0 : rounded);
}

std::string TableCsv(const IndicatorTable& table) {
  std::string out =
      "indicator,period,unit_type,unit,sex,age_group,numerator,denominator,value,suppressed\n";
  out.reserve(table.rows.size() * 80);
  for (const Row& row : table.rows) {
    const bool count = Info(row.indicator).kind == Kind::kCount;
    const std::string unit = row.unit.find_first_of(",\"") == std::string::npos
                                 ? row.unit
                                 : "\"" + row.unit + "\"";
    fmt::format_to(std::back_inserter(out), "{},{},{},{},{},{},{},{},{},{}\n",
                   Info(row.indicator).id, row.period, row.unit_type, unit, row.sex,
                   row.age_group, row.suppressed ? "" : std::to_string(row.numerator),
                   count ? "" : std::to_string(row.denominator), FormatValue(row),
                   row.suppressed ? 1 : 0);
  }
  return out;
}

std::string TableJson(const IndicatorTable& table) {
  // Written directly rather than through a JSON DOM: tables have millions of rows.
  std::string out = "{\"rows\":[";
  out.reserve(table.rows.size() * 170);
  bool first = true;
  for (const Row& row : table.rows) {
    const bool count = Info(row.indicator).kind == Kind::kCount;
    fmt::format_to(std::back_inserter(out),
                   "{}{{\"indicator\":\"{}\",\"period\":\"{}\",\"unit_type\":\"{}\","
                   "\"unit\":{},\"sex\":\"{}\",\"age_group\":\"{}\",\"numerator\":{},"
                   "\"denominator\":{},\"value\":{},\"suppressed\":{}}}",
                   first ? "" : ",", Info(row.indicator).id, row.period, row.unit_type,
                   nlohmann::json(row.unit).dump(), row.sex, row.age_group,
                   row.suppressed ? "null" : std::to_string(row.numerator),
                   count ? "null" : std::to_string(row.denominator),
                   row.suppressed ? "null" : FormatValue(row), row.suppressed ? 1 : 0);
    first = false;
  }
  out += "],\"notes\":";
  out += nlohmann::json(table.notes).dump();
  out += "}\n";
  return out;
}

Status WriteTableXlsx(const IndicatorTable& table, const std::string& path) {
  // Rows are written in order, so the workbook can stream them (constant memory).
  lxw_workbook_options workbook_options = {};
  workbook_options.constant_memory = LXW_TRUE;
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &workbook_options);
  if (workbook == nullptr) return IoError(fmt::format("{}: cannot create the workbook", path));
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  lxw_format* decimals = workbook_add_format(workbook);
  format_set_num_format(decimals, "0.000");
  const char* headers[] = {"indikator", "period", "enhetstyp", "enhet", "kön", "åldersgrupp",
                           "täljare", "nämnare", "värde", "undertryckt"};
  // A sheet holds at most 1 048 576 rows: a larger table continues on "indikatorer 2", ...
  constexpr lxw_row_t kRowsPerSheet = 1048575;
  lxw_worksheet* sheet = nullptr;
  lxw_row_t r = kRowsPerSheet + 1;
  int sheets = 0;
  for (const Row& row : table.rows) {
    if (r > kRowsPerSheet) {
      ++sheets;
      const std::string name = sheets == 1 ? "indikatorer" : fmt::format("indikatorer {}", sheets);
      sheet = workbook_add_worksheet(workbook, name.c_str());
      for (lxw_col_t col = 0; col < 10; ++col) {
        worksheet_write_string(sheet, 0, col, headers[col], bold);
      }
      worksheet_freeze_panes(sheet, 1, 0);
      r = 1;
    }
    const bool count = Info(row.indicator).kind == Kind::kCount;
    worksheet_write_string(sheet, r, 0, std::string(Info(row.indicator).id).c_str(), nullptr);
    worksheet_write_string(sheet, r, 1, row.period.c_str(), nullptr);
    worksheet_write_string(sheet, r, 2, row.unit_type, nullptr);
    worksheet_write_string(sheet, r, 3, row.unit.c_str(), nullptr);
    worksheet_write_string(sheet, r, 4, row.sex, nullptr);
    worksheet_write_string(sheet, r, 5, row.age_group, nullptr);
    if (!row.suppressed) {
      worksheet_write_number(sheet, r, 6, static_cast<double>(row.numerator), nullptr);
      worksheet_write_number(sheet, r, 8, std::stod(FormatValue(row)), decimals);
    }
    if (!count) worksheet_write_number(sheet, r, 7, static_cast<double>(row.denominator), nullptr);
    worksheet_write_number(sheet, r, 9, row.suppressed ? 1 : 0, nullptr);
    ++r;
  }
  if (sheet == nullptr) {
    sheet = workbook_add_worksheet(workbook, "indikatorer");
    for (lxw_col_t col = 0; col < 10; ++col) {
      worksheet_write_string(sheet, 0, col, headers[col], bold);
    }
  }
  const lxw_error error = workbook_close(workbook);
  if (error != LXW_NO_ERROR) {
    return IoError(fmt::format("{}: cannot write the workbook: {}", path, lxw_strerror(error)));
  }
  return Status::Ok();
}

}  // namespace nara::indicators
