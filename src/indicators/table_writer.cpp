// CSV, JSON and XLSX forms of the indicator table.
#include "indicators/table_writer.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "base/csv_field.hpp"
#include "base/period.hpp"
#include "model/vocabulary.hpp"

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

namespace {

// The columns of an indicator sheet: header (Swedish, English) and width in characters.
struct SheetColumn {
  const char* sv;
  const char* en;
  double width;
};
constexpr SheetColumn kSheetColumns[] = {
    {"Indikator", "Indicator", 44},   {"Period", "Period", 16},
    {"Periodtyp", "Period type", 20}, {"Enhetstyp", "Unit type", 13},
    {"Enhet", "Unit", 22},            {"Enhetsnamn", "Unit name", 30},
    {"Kön", "Sex", 9},                {"Åldersgrupp", "Age group", 18},
    {"Täljare", "Numerator", 11},     {"Nämnare", "Denominator", 11},
    {"Värde", "Value", 11},           {"Undertryckt", "Suppressed", 12},
};
constexpr lxw_col_t kSheetColumnCount = sizeof(kSheetColumns) / sizeof(kSheetColumns[0]);

// A sheet holds 1 048 576 rows, the header included.
constexpr size_t kRowsPerSheet = 1048575;

const char* Tr(bool sv, const char* swedish, const char* english) {
  return sv ? swedish : english;
}

// The indicator's unit of measure for the contents sheet.
const char* KindWord(Kind kind, bool sv) {
  switch (kind) {
    case Kind::kShare:
      return Tr(sv, "andel (%)", "share (%)");
    case Kind::kMean:
      return Tr(sv, "medelvärde", "mean");
    case Kind::kRate:
      return Tr(sv, "per 100 000 invånare", "per 100 000 inhabitants");
    case Kind::kCount:
      return Tr(sv, "antal", "count");
  }
  return "";
}

}  // namespace

Status WriteTableXlsx(const IndicatorTable& table, const std::string& path,
                      const XlsxOptions& options) {
  const bool sv = options.language == model::Language::kSwedish;
  // The rows are sorted by indicator (data contract §4.1): one sheet per indicator, in table
  // order, so an indicator is never split across sheets. An indicator with more rows than a sheet
  // holds is refused before anything is written.
  struct Run {
    Indicator indicator;
    size_t begin;
    size_t end;
  };
  std::vector<Run> runs;
  std::vector<std::string> sheet_names;  // per run: the id, cut to Excel's 31 characters
  for (size_t i = 0; i < table.rows.size(); ++i) {
    if (runs.empty() || runs.back().indicator != table.rows[i].indicator) {
      runs.push_back({table.rows[i].indicator, i, i});
    }
    runs.back().end = i + 1;
  }
  std::set<std::string> taken;
  for (const Run& run : runs) {
    std::string name(Info(run.indicator).id.substr(0, 31));
    for (int n = 2; !taken.insert(name).second; ++n) {
      const std::string suffix = fmt::format("~{}", n);
      name = std::string(Info(run.indicator).id.substr(0, 31 - suffix.size())) + suffix;
    }
    sheet_names.push_back(name);
  }
  for (const Run& run : runs) {
    if (run.end - run.begin > kRowsPerSheet) {
      return UsageError(fmt::format(
          "{}: indicator {} has {} rows, more than an Excel sheet holds ({}); narrow the table "
          "with --unit-type, --period-type or --unit, or write csv",
          path, Info(run.indicator).id, run.end - run.begin, kRowsPerSheet));
    }
  }
  // Rows are written in order, so the workbook can stream them (constant memory).
  lxw_workbook_options workbook_options = {};
  workbook_options.constant_memory = LXW_TRUE;
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &workbook_options);
  if (workbook == nullptr) return IoError(fmt::format("{}: cannot create the workbook", path));
  lxw_format* header = workbook_add_format(workbook);
  format_set_bold(header);
  format_set_text_wrap(header);
  format_set_bottom(header, LXW_BORDER_THIN);
  lxw_format* title = workbook_add_format(workbook);
  format_set_bold(title);
  format_set_font_size(title, 14);
  lxw_format* whole = workbook_add_format(workbook);
  format_set_num_format(whole, "#,##0");
  lxw_format* one_decimal = workbook_add_format(workbook);
  format_set_num_format(one_decimal, "#,##0.0");
  lxw_format* wrap = workbook_add_format(workbook);
  format_set_text_wrap(wrap);

  // The contents sheet: what each sheet holds, the suppression applied and the table's notes.
  lxw_worksheet* contents = workbook_add_worksheet(workbook, Tr(sv, "Innehåll", "Contents"));
  worksheet_set_landscape(contents);
  worksheet_set_paper(contents, 9);
  worksheet_fit_to_pages(contents, 1, 0);
  worksheet_set_column(contents, 0, 0, 32, nullptr);
  worksheet_set_column(contents, 1, 1, 36, nullptr);
  worksheet_set_column(contents, 2, 2, 60, nullptr);
  worksheet_set_column(contents, 3, 3, 22, nullptr);
  worksheet_set_column(contents, 4, 4, 10, nullptr);
  lxw_row_t c = 0;
  worksheet_write_string(contents, c++, 0, Tr(sv, "Nära – indikatortabell", "Nära – indicator table"),
                         title);
  const std::string suppression =
      options.min_count > 0
          ? fmt::format(fmt::runtime(Tr(sv,
                           "Röjandeskydd: celler med färre än {} fall och celler som skulle "
                           "avslöja dem är undertryckta (tomma, markerade Ja).",
                           "Disclosure control: cells with fewer than {} cases, and cells that "
                           "would reveal them, are suppressed (empty, marked Yes).")),
                        options.min_count)
          : std::string(Tr(sv, "Röjandeskydd: av (tabellen är för intern användning).",
                           "Disclosure control: off (the table is for internal use)."));
  worksheet_write_string(contents, c++, 0, suppression.c_str(), nullptr);
  ++c;
  worksheet_write_string(contents, c, 0, Tr(sv, "Flik", "Sheet"), header);
  worksheet_write_string(contents, c, 1, Tr(sv, "Id", "Id"), header);
  worksheet_write_string(contents, c, 2, Tr(sv, "Indikator", "Indicator"), header);
  worksheet_write_string(contents, c, 3, Tr(sv, "Mått", "Measure"), header);
  worksheet_write_string(contents, c, 4, Tr(sv, "Rader", "Rows"), header);
  ++c;
  for (size_t i = 0; i < runs.size(); ++i) {
    const Run& run = runs[i];
    const IndicatorInfo& info = Info(run.indicator);
    worksheet_write_string(contents, c, 0, sheet_names[i].c_str(), nullptr);
    worksheet_write_string(contents, c, 1, std::string(info.id).c_str(), nullptr);
    worksheet_write_string(contents, c, 2, std::string(sv ? info.name_sv : info.name_en).c_str(),
                           nullptr);
    worksheet_write_string(contents, c, 3, KindWord(info.kind, sv), nullptr);
    worksheet_write_number(contents, c, 4, static_cast<double>(run.end - run.begin), whole);
    ++c;
  }
  if (runs.empty()) {
    worksheet_write_string(contents, c++, 0,
                           Tr(sv, "Tabellen har inga rader.", "The table has no rows."), nullptr);
  }
  if (!table.NotesIn(sv).empty()) {
    ++c;
    worksheet_write_string(contents, c++, 0, Tr(sv, "Anmärkningar", "Notes"), header);
    for (const auto& note : table.NotesIn(sv)) {
      worksheet_write_string(contents, c++, 0, note.c_str(), nullptr);
    }
  }

  PeriodLabelCache labels;
  for (size_t i = 0; i < runs.size(); ++i) {
    const Run& run = runs[i];
    const IndicatorInfo& info = Info(run.indicator);
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, sheet_names[i].c_str());
    if (sheet == nullptr) {
      workbook_close(workbook);
      return Status(StatusCode::kInternal,
                    fmt::format("{}: cannot add the sheet {}", path, sheet_names[i]));
    }
    for (lxw_col_t col = 0; col < kSheetColumnCount; ++col) {
      worksheet_set_column(sheet, col, col, kSheetColumns[col].width, nullptr);
      worksheet_write_string(sheet, 0, col, Tr(sv, kSheetColumns[col].sv, kSheetColumns[col].en),
                             header);
    }
    worksheet_freeze_panes(sheet, 1, 0);
    // Printed: landscape A4, one page wide, the header on every page.
    worksheet_set_landscape(sheet);
    worksheet_set_paper(sheet, 9);
    worksheet_fit_to_pages(sheet, 1, 0);
    worksheet_repeat_rows(sheet, 0, 0);
    worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(run.end - run.begin),
                         kSheetColumnCount - 1);
    const std::string name(sv ? info.name_sv : info.name_en);
    const bool count = info.kind == Kind::kCount;
    lxw_format* value_format = count ? whole : one_decimal;
    lxw_row_t r = 1;
    for (size_t i = run.begin; i < run.end; ++i, ++r) {
      const Row& row = table.rows[i];
      worksheet_write_string(sheet, r, 0, name.c_str(), nullptr);
      worksheet_write_string(sheet, r, 1, labels.LabelOf(row.period).c_str(), nullptr);
      worksheet_write_string(
          sheet, r, 2,
          std::string(model::PeriodTypeWord(PeriodTypeName(row.period.type), options.language))
              .c_str(),
          nullptr);
      worksheet_write_string(
          sheet, r, 3, std::string(model::UnitTypeWord(row.unit_type, options.language)).c_str(),
          nullptr);
      worksheet_write_string(sheet, r, 4, row.unit.c_str(), nullptr);
      const std::string_view unit_name =
          options.unit_names != nullptr ? options.unit_names->Find(row.unit_type, row.unit)
                                        : std::string_view();
      worksheet_write_string(sheet, r, 5,
                             unit_name.empty() ? row.unit.c_str() : std::string(unit_name).c_str(),
                             nullptr);
      worksheet_write_string(sheet, r, 6,
                             std::string(model::SexWord(row.sex, options.language)).c_str(),
                             nullptr);
      worksheet_write_string(sheet, r, 7, model::AgeGroupWord(row.age_group, options.language).c_str(),
                             nullptr);
      if (!row.suppressed) {
        worksheet_write_number(sheet, r, 8, static_cast<double>(row.numerator), whole);
        worksheet_write_number(sheet, r, 10, std::stod(FormatValue(row)), value_format);
      }
      if (!count) {
        worksheet_write_number(sheet, r, 9, static_cast<double>(row.denominator), whole);
      }
      if (row.suppressed) worksheet_write_string(sheet, r, 11, Tr(sv, "Ja", "Yes"), nullptr);
    }
  }
  const lxw_error error = workbook_close(workbook);
  if (error != LXW_NO_ERROR) {
    return IoError(fmt::format("{}: cannot write the workbook: {}", path, lxw_strerror(error)));
  }
  return Status::Ok();
}

}  // namespace nara::indicators
