// CSV and XLSX of row lists.
#include "server/downloads.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/csv_field.hpp"
#include "base/file.hpp"

namespace nara::server {
namespace {

std::string CellText(const nlohmann::ordered_json& value) {
  if (value.is_null()) return {};
  if (value.is_boolean()) return value.get<bool>() ? "1" : "0";
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

}  // namespace

std::string RowsCsv(const std::vector<std::string>& columns, const nlohmann::ordered_json& rows) {
  std::string out;
  for (size_t i = 0; i < columns.size(); ++i) out += (i > 0 ? "," : "") + columns[i];
  out += "\n";
  for (const auto& row : rows) {
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) out += ',';
      out += CsvField(CellText(row.value(columns[i], nlohmann::ordered_json())));
    }
    out += "\n";
  }
  return out;
}

Result<std::string> RowsXlsx(const std::string& sheet, const std::vector<std::string>& columns,
                             const nlohmann::ordered_json& rows) {
  std::string path = (std::filesystem::temp_directory_path() / "nara-download-XXXXXX").string();
  const int fd = mkstemp(path.data());
  if (fd < 0) return IoError("cannot create a temporary file for the workbook");
  close(fd);
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (workbook == nullptr) return IoError("cannot start the workbook");
  lxw_worksheet* worksheet = workbook_add_worksheet(workbook, sheet.c_str());
  for (size_t c = 0; c < columns.size(); ++c) {
    worksheet_write_string(worksheet, 0, static_cast<lxw_col_t>(c), columns[c].c_str(), nullptr);
  }
  lxw_row_t r = 1;
  for (const auto& row : rows) {
    // Excel's limit; the CSV download has no limit.
    if (r >= LXW_ROW_MAX) break;
    for (size_t c = 0; c < columns.size(); ++c) {
      const auto& value = row.value(columns[c], nlohmann::ordered_json());
      const auto col = static_cast<lxw_col_t>(c);
      if (value.is_number()) {
        worksheet_write_number(worksheet, r, col, value.get<double>(), nullptr);
      } else if (!value.is_null()) {
        worksheet_write_string(worksheet, r, col, CellText(value).c_str(), nullptr);
      }
    }
    ++r;
  }
  const lxw_error error = workbook_close(workbook);
  auto bytes = ReadFile(path, "the workbook");
  std::filesystem::remove(path);
  if (error != LXW_NO_ERROR) {
    return IoError(fmt::format("cannot write the workbook: {}", lxw_strerror(error)));
  }
  return bytes;
}

}  // namespace nara::server
