// CSV, JSON and XLSX forms of the indicator table.
#include "indicators/table_writer.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "base/csv_field.hpp"
#include "base/period.hpp"

namespace nara::indicators {

namespace {

// Appends `value` rounded half away from zero to 3 decimals ("12.346"; never "-0.000").
void AppendRounded(double value, std::string& out) {
  const double scaled = std::round(value * 1000.0);
  if (!(std::fabs(scaled) < 9.0e15)) {  // beyond exact integers (never in the table): fmt
    fmt::format_to(std::back_inserter(out), "{:.3f}", scaled / 1000.0);
    return;
  }
  auto thousandths = static_cast<int64_t>(scaled);
  if (thousandths < 0) {
    out.push_back('-');
    thousandths = -thousandths;
  }
  const fmt::format_int whole(thousandths / 1000);
  out.append(whole.data(), whole.size());
  const auto fraction = static_cast<int>(thousandths % 1000);
  const char digits[4] = {'.', static_cast<char>('0' + fraction / 100),
                          static_cast<char>('0' + fraction / 10 % 10),
                          static_cast<char>('0' + fraction % 10)};
  out.append(digits, 4);
}

void AppendInt(int64_t value, std::string& out) {
  const fmt::format_int text(value);
  out.append(text.data(), text.size());
}

// Appends the CSV lines of rows [begin, end).
void AppendCsvRows(const std::vector<Row>& rows, size_t begin, size_t end, std::string& out) {
  PeriodLabelCache labels;
  for (size_t i = begin; i < end; ++i) {
    const Row& row = rows[i];
    const IndicatorInfo& info = Info(row.indicator);
    out.append(info.id);
    out.push_back(',');
    out.append(labels.LabelOf(row.period));
    out.push_back(',');
    out.append(row.unit_type);
    out.push_back(',');
    AppendCsvField(row.unit, out);  // from the extract: quoted and formula-safe
    out.push_back(',');
    out.append(row.sex);
    out.push_back(',');
    out.append(row.age_group);
    out.push_back(',');
    if (!row.suppressed) AppendInt(row.numerator, out);
    out.push_back(',');
    if (info.kind != Kind::kCount) AppendInt(row.denominator, out);
    out.push_back(',');
    if (!row.suppressed) AppendRounded(RowValue(row), out);
    out.append(row.suppressed ? ",1\n" : ",0\n");
  }
}

constexpr const char* kCsvHeader =
    "indicator,period,unit_type,unit,sex,age_group,numerator,denominator,value,suppressed\n";

}  // namespace

std::string FormatValue(const Row& row) {
  std::string text;
  if (!row.suppressed) AppendRounded(RowValue(row), text);
  return text;
}

std::string TableCsv(const IndicatorTable& table) {
  std::string out = kCsvHeader;
  out.reserve(table.rows.size() * 80);
  AppendCsvRows(table.rows, 0, table.rows.size(), out);
  return out;
}

Status WriteTableCsv(const IndicatorTable& table, std::FILE* file, const std::string& name) {
  std::string chunk = kCsvHeader;
  constexpr size_t kRowsPerChunk = 16384;
  chunk.reserve(kRowsPerChunk * 96);
  for (size_t begin = 0; begin < table.rows.size() || begin == 0; begin += kRowsPerChunk) {
    const size_t end = std::min(table.rows.size(), begin + kRowsPerChunk);
    AppendCsvRows(table.rows, begin, end, chunk);
    if (std::fwrite(chunk.data(), 1, chunk.size(), file) != chunk.size()) {
      return IoError(fmt::format("{}: cannot write the indicator table", name));
    }
    chunk.clear();
    if (end == table.rows.size()) break;
  }
  if (std::fflush(file) != 0) {
    return IoError(fmt::format("{}: cannot write the indicator table", name));
  }
  return Status::Ok();
}

std::string TableJson(const IndicatorTable& table) {
  // Written directly rather than through a JSON DOM: tables have millions of rows.
  std::string out = "{\"rows\":[";
  out.reserve(table.rows.size() * 170);
  bool first = true;
  PeriodLabelCache labels;
  for (const Row& row : table.rows) {
    const bool count = Info(row.indicator).kind == Kind::kCount;
    fmt::format_to(std::back_inserter(out),
                   "{}{{\"indicator\":\"{}\",\"period\":\"{}\",\"unit_type\":\"{}\","
                   "\"unit\":{},\"sex\":\"{}\",\"age_group\":\"{}\",\"numerator\":{},"
                   "\"denominator\":{},\"value\":{},\"suppressed\":{}}}",
                   first ? "" : ",", Info(row.indicator).id, labels.LabelOf(row.period),
                   row.unit_type, nlohmann::json(row.unit).dump(), row.sex, row.age_group,
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
  PeriodLabelCache labels;
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
    worksheet_write_string(sheet, r, 1, labels.LabelOf(row.period).c_str(), nullptr);
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
