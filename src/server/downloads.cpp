// CSV and XLSX of row lists.
#include "server/downloads.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

#include "base/atomic_file.hpp"
#include "base/csv_field.hpp"
#include "base/file.hpp"
#include "base/zip_check.hpp"
#include "indicators/catalog.hpp"
#include "model/vocabulary.hpp"
#include "settlement/settle.hpp"

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

namespace {

// A column of a download as a reader sees it in the workbook: header and width.
struct ColumnWords {
  std::string_view id;
  const char* sv;
  const char* en;
  double width;
};
constexpr ColumnWords kColumnWords[] = {
    {"indicator", "Indikator", "Indicator", 40},
    {"period", "Period", "Period", 14},
    {"unit_type", "Enhetstyp", "Unit type", 13},
    {"unit", "Enhet", "Unit", 22},
    {"sex", "Kön", "Sex", 9},
    {"age_group", "Åldersgrupp", "Age group", 16},
    {"numerator", "Täljare", "Numerator", 11},
    {"denominator", "Nämnare", "Denominator", 11},
    {"value", "Värde", "Value", 11},
    {"suppressed", "Undertryckt", "Suppressed", 12},
    {"old_numerator", "Täljare före", "Numerator before", 13},
    {"old_denominator", "Nämnare före", "Denominator before", 13},
    {"new_numerator", "Täljare efter", "Numerator after", 13},
    {"new_denominator", "Nämnare efter", "Denominator after", 13},
    {"change", "Förändring", "Change", 12},
    {"municipality", "Kommun", "Municipality", 12},
    {"month", "Månad", "Month", 10},
    {"episodes", "Vårdtillfällen", "Stays", 14},
    {"ready_days", "Utskrivningsklara dagar", "Discharge-ready days", 14},
    {"liable_days", "Dagar med betalningsansvar", "Liable days", 14},
    {"amount", "Belopp (kr)", "Amount (SEK)", 14},
    {"price_missing", "Pris saknas för år", "No price for year", 12},
    {"patient_ref", "Patientref", "Patient ref", 19},
    {"episode_id", "Vårdtillfälle", "Stay", 16},
    {"care_type", "Vårdtyp", "Care type", 16},
    {"ready_at", "Utskrivningsklar", "Discharge-ready", 18},
    {"ready_until", "Till", "Until", 18},
    {"price_per_day", "Pris per dag (kr)", "Price per day (SEK)", 13},
    {"liable", "Betalningsansvar", "Liable", 14},
    {"reason", "Orsak", "Reason", 40},
};

const ColumnWords* WordsOf(std::string_view column) {
  for (const ColumnWords& words : kColumnWords) {
    if (words.id == column) return &words;
  }
  return nullptr;
}

// The cell text of a coded value in the reader's words; other values as CellText.
std::string WordOf(std::string_view column, const nlohmann::ordered_json& value, bool sv) {
  const model::Language language = sv ? model::Language::kSwedish : model::Language::kEnglish;
  if (value.is_boolean()) return value.get<bool>() ? (sv ? "Ja" : "Yes") : (sv ? "Nej" : "No");
  if (!value.is_string()) return CellText(value);
  const std::string text = value.get<std::string>();
  if (column == "indicator") {
    const auto indicator = indicators::FindIndicator(text);
    if (!indicator) return text;
    const auto& info = indicators::Info(*indicator);
    return std::string(sv ? info.name_sv : info.name_en);
  }
  if (column == "unit_type") return std::string(model::UnitTypeWord(text, language));
  if (column == "sex") return std::string(model::SexWord(text, language));
  if (column == "age_group") return model::AgeGroupWord(text, language);
  if (column == "care_type") return std::string(model::CareTypeWord(text, language));
  if (column == "reason") return settlement::ReasonTextsOfCodes(text, !sv);
  if (column == "change") {
    if (text == "added") return sv ? "tillkommen" : "added";
    if (text == "removed") return sv ? "borttagen" : "removed";
    if (text == "changed") return sv ? "ändrad" : "changed";
  }
  return text;
}

}  // namespace

Result<std::string> RowsXlsx(const std::string& sheet, const std::vector<std::string>& columns,
                             const nlohmann::ordered_json& rows, bool swedish) {
  // Excel's limit: a larger list is refused (the CSV download has no limit), never cut.
  if (rows.size() >= LXW_ROW_MAX) {
    return UsageError(fmt::format(
        "{} rows are more than a workbook sheet holds ({}): narrow the selection or download csv",
        rows.size(), LXW_ROW_MAX - 1));
  }
  std::string path = (std::filesystem::temp_directory_path() / "nara-download-XXXXXX").string();
  const int fd = mkstemp(path.data());
  if (fd < 0) return IoError("cannot create a temporary file for the workbook");
  close(fd);
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (workbook == nullptr) return IoError("cannot start the workbook");
  lxw_format* header = workbook_add_format(workbook);
  format_set_bold(header);
  format_set_text_wrap(header);
  format_set_bottom(header, LXW_BORDER_THIN);
  lxw_format* decimals = workbook_add_format(workbook);
  format_set_num_format(decimals, "#,##0.0");
  lxw_format* whole = workbook_add_format(workbook);
  format_set_num_format(whole, "#,##0");
  lxw_format* kronor = workbook_add_format(workbook);
  format_set_num_format(kronor, "#,##0 \"kr\"");
  lxw_worksheet* worksheet = workbook_add_worksheet(workbook, sheet.substr(0, 31).c_str());
  for (size_t c = 0; c < columns.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    const ColumnWords* words = WordsOf(columns[c]);
    worksheet_set_column(worksheet, col, col, words ? words->width : 14, nullptr);
    const std::string title = words ? (swedish ? words->sv : words->en) : columns[c];
    worksheet_write_string(worksheet, 0, col, title.c_str(), header);
  }
  worksheet_freeze_panes(worksheet, 1, 0);
  if (!columns.empty()) {
    worksheet_autofilter(worksheet, 0, 0, static_cast<lxw_row_t>(rows.size()),
                         static_cast<lxw_col_t>(columns.size() - 1));
  }
  lxw_row_t r = 1;
  for (const auto& row : rows) {
    for (size_t c = 0; c < columns.size(); ++c) {
      const auto& value = row.value(columns[c], nlohmann::ordered_json());
      const auto col = static_cast<lxw_col_t>(c);
      if (value.is_number()) {
        const std::string_view id = columns[c];
        lxw_format* format = id == "amount" || id == "price_per_day" ? kronor
                             : id == "value" || id == "change"      ? decimals
                             : id == "price_missing"                ? nullptr
                                                                    : whole;
        worksheet_write_number(worksheet, r, col, value.get<double>(), format);
      } else if (!value.is_null()) {
        worksheet_write_string(worksheet, r, col, WordOf(columns[c], value, swedish).c_str(),
                               nullptr);
      }
    }
    ++r;
  }
  errno = 0;
  const lxw_error error = workbook_close(workbook);
  const int close_errno = errno;
  // libxlsxwriter does not check the writes of its temporary sheet files: a full temporary
  // folder shows only in errno and in a cut sheet (base/zip_check.hpp).
  Status complete = Status::Ok();
  if (error == LXW_NO_ERROR && !IsNoRoomError(close_errno)) complete = CheckZipFile(path);
  auto bytes = ReadFile(path, "the workbook");
  std::filesystem::remove(path);
  if (error != LXW_NO_ERROR) {
    return IoError(fmt::format("cannot write the workbook: {}", lxw_strerror(error)));
  }
  if (IsNoRoomError(close_errno)) {
    return IoError(fmt::format("cannot write the workbook: {}", std::strerror(close_errno)));
  }
  if (!complete.ok()) return IoError("cannot write the workbook: it came out incomplete");
  return bytes;
}

}  // namespace nara::server
