// The settlement workbook (libxlsxwriter).
#include "settlement/settlement_workbook.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <vector>

#include "base/period.hpp"
#include "settlement/settlement_csv.hpp"
#include "settlement/summary_lines.hpp"

namespace nara::settlement {
namespace {

struct Formats {
  lxw_format* bold;
  lxw_format* header;  // bold, wrapped, bottom border: the row the filter and the print repeat
  lxw_format* number_header;  // the same, right-aligned over a column of numbers
  lxw_format* centered_header;  // the same, centred over a centred column (ja/nej)
  lxw_format* centered;
  lxw_format* kronor;
  lxw_format* bold_kronor;
  lxw_format* bold_number;
  lxw_format* title;
  lxw_format* section;  // a group heading row ("Kommuner utanför länet")
};

// Every fixed text of the workbook, in Swedish (the default) and English.
struct Texts {
  const char* summary_sheet;
  const char* title;
  const char* region;
  const char* municipality;
  const char* coverage;
  const char* created;
  const char* unknown;
  const char* months;
  const char* agreements;
  const char* none;
  const char* prices;
  const char* prices_none;
  const char* settings;
  const char* defaults;  // the built-in settings (no nara.toml)
  const char* summary_headers[8];
  const char* subtotal;       // "Summa {}"
  const char* care_subtotal;  // "Summa {} vård"
  const char* county_own;
  const char* outside_county;
  const char* county_own_total;
  const char* outside_county_total;
  const char* total;
  const char* episodes_note;
  const char* basis_title;
  const char* basis_headers[13];
  const char* identity_header;  // --with-identity
  const char* somatic;
  const char* psychiatric;
  const char* yes;
  const char* no;
  const char* footer;
  bool english;
};

// `#,##0 "kr"`: in a number format `,` is the grouping placeholder, shown as the reader's
// locale groups digits ("3 496 800 kr" in Swedish, "3,496,800 kr" in English). A literal space
// (`# ##0`) is not grouping: LibreOffice showed "3496 800 kr".
constexpr const char* kKronorFormat = "#,##0 \"kr\"";

constexpr Texts kSwedish = {
    "Sammanställning",
    "Ekonomisk reglering, betalningsansvar enligt lag (2017:612) 5 kap.",
    "Region",
    "Kommun",
    "Underlagets period",
    "Underlaget skapat",
    "okänt",
    "Reglerade månader",
    "Avtal som tillämpats",
    "inget",
    "Pris per dag",
    "inget (inga betalningsansvariga dagar)",
    "Inställningar",
    "standardinställningar (lagens regler, Socialstyrelsens belopp)",
    {"Kommun", "Kommunnamn", "Vårdtyp", "Månad", "Vårdtillfällen", "Utskrivningsklara dagar",
     "Betalningsansvariga dagar", "Belopp (kr)"},
    "Summa {}",
    "Summa {} vård",
    "Länets kommuner",
    "Kommuner utanför länet",
    "Summa länets kommuner",
    "Summa kommuner utanför länet",
    "Totalt",
    "Vårdtillfällen räknas en gång per summa, även när vårdtillfället finns i flera månader.",
    "Individunderlag per utskrivningsklar period och månad",
    {"Månad", "Patientref", "Vårdtillfälle", "Vårdtyp", "Utskrivningsklar från",
     "Utskrivningsklar till", "Utskrivningsklara dagar", "Betalningsansvariga dagar",
     "Pris per dag (kr)", "Belopp (kr)", "Betalningsansvar", "Orsak", "Avtal"},
    "Personnummer",
    "somatisk",
    "psykiatrisk",
    "ja",
    "nej",
    "&LBetalningsansvar&CSida &P av &N&R&A",
    false,
};

constexpr Texts kEnglish = {
    "Summary",
    "Settlement: payment liability under the Act (2017:612), chapter 5",
    "Region",
    "Municipality",
    "Extract coverage",
    "Extract created",
    "unknown",
    "Months settled",
    "Agreements applied",
    "none",
    "Price per day",
    "none (no liable days)",
    "Settings",
    "defaults (the law's rules, Socialstyrelsen's amounts)",
    {"Municipality", "Municipality name", "Care type", "Month", "Stays", "Discharge-ready days",
     "Liable days", "Amount (SEK)"},
    "Total {}",
    "Total {} care",
    "The county's municipalities",
    "Municipalities outside the county",
    "Total of the county's municipalities",
    "Total of municipalities outside the county",
    "Total",
    "Stays are counted once in each total, also when a stay falls in several months.",
    "Individual basis per ready period and month",
    {"Month", "Patient ref", "Stay", "Care type", "Ready from", "Ready until",
     "Discharge-ready days", "Liable days", "Price per day (SEK)", "Amount (SEK)", "Liable",
     "Reason", "Agreement"},
    "Identity number",
    "somatic",
    "psychiatric",
    "yes",
    "no",
    "&LPayment liability&CPage &P of &N&R&A",
    true,
};

std::string Kronor(int64_t amount) {
  // 9300 -> "9 300 kr" (Swedish digit grouping with a space).
  std::string digits = std::to_string(amount < 0 ? -amount : amount);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ' ';
    out += digits[i];
  }
  return (amount < 0 ? "-" : "") + out + " kr";
}

// One agreement for the summary sheet: its model and what differs from the law.
std::string AgreementText(const config::Agreement& a, bool english) {
  std::string text;
  const std::string from = FormatDate(a.valid_from);
  if (a.model == config::SettlementModel::kAverage) {
    std::string threshold = fmt::format("{}", a.average_threshold_days);
    if (!english) std::replace(threshold.begin(), threshold.end(), '.', ',');
    const bool quarter = a.average_period == config::AveragePeriod::kQuarter;
    text = english ? fmt::format("from {}: average model, {} days per ready period and {}", from,
                                 threshold, quarter ? "quarter" : "month")
                   : fmt::format(
                         "från {}: genomsnittsmodell, {} dagar per utskrivningsklar period och {}",
                         from, threshold, quarter ? "kvartal" : "månad");
  } else {
    const char* noon = a.noon_rule ? (english ? " (+1 after 12:00)" : " (+1 efter kl. 12)") : "";
    text = english
               ? fmt::format("from {}: the law's model, {} grace days{}", from, a.grace_days, noon)
               : fmt::format("från {}: lagens modell, {} karensdagar{}", from, a.grace_days, noon);
  }
  if (a.bill_discharge_day) {
    text += english ? ", the discharge day is billed" : ", utskrivningsdagen debiteras";
  }
  if (a.care_type) {
    const bool somatic = *a.care_type == model::CareType::kSomatic;
    text += english ? (somatic ? ", the agreement for somatic care"
                               : ", the agreement for psychiatric care")
                    : (somatic ? ", avtalet för somatisk vård" : ", avtalet för psykiatrisk vård");
  } else if (a.care_types.size() == 1) {
    const bool somatic = a.care_types[0] == model::CareType::kSomatic;
    text += english ? (somatic ? ", somatic care only" : ", psychiatric care only")
                    : (somatic ? ", endast somatisk vård" : ", endast psykiatrisk vård");
  }
  if (a.admission_notice_within_hours == 0) {
    text += english ? ", no admission notice required" : ", inget krav på inskrivningsmeddelande";
  } else if (a.admission_notice_within_hours != 24) {
    text += english
                ? fmt::format(", admission notice within {} hours", a.admission_notice_within_hours)
                : fmt::format(", inskrivningsmeddelande inom {} timmar",
                              a.admission_notice_within_hours);
  }
  if (a.sip_invitation_within_days > 0) {
    text += english
                ? fmt::format(", SIP invitation within {} days", a.sip_invitation_within_days)
                : fmt::format(", kallelse till SIP inom {} dagar", a.sip_invitation_within_days);
  }
  return text;
}

std::string ColumnName(int column) { return std::string(1, static_cast<char>('A' + column)); }

// Writes a SUM formula over rows [first, last] (0-based) of `column`, with its value cached.
void WriteSum(lxw_worksheet* sheet, lxw_row_t row, int column, lxw_row_t first, lxw_row_t last,
              int64_t value, lxw_format* format) {
  if (last < first || row <= last) {  // no rows above: a formula would refer to itself
    worksheet_write_number(sheet, row, static_cast<lxw_col_t>(column), static_cast<double>(value),
                           format);
    return;
  }
  const std::string formula =
      fmt::format("=SUM({0}{1}:{0}{2})", ColumnName(column), first + 1, last + 1);
  worksheet_write_formula_num(sheet, row, static_cast<lxw_col_t>(column), formula.c_str(), format,
                              static_cast<double>(value));
}

// Landscape A4, one page wide, the header row repeated on every page, page numbers below.
void SetUpPrinting(lxw_worksheet* sheet, const Texts& t, lxw_row_t header_row) {
  worksheet_set_landscape(sheet);
  worksheet_set_paper(sheet, 9);  // A4
  worksheet_fit_to_pages(sheet, 1, 0);
  worksheet_repeat_rows(sheet, header_row, header_row);
  worksheet_set_footer(sheet, t.footer);
}

void WriteSumsRow(lxw_worksheet* sheet, const Formats& f, lxw_row_t r, const std::string& label,
                  const Sums& sums) {
  worksheet_write_string(sheet, r, 0, label.c_str(), f.bold);
  worksheet_write_number(sheet, r, 4, static_cast<double>(sums.stays.size()), f.bold_number);
  worksheet_write_number(sheet, r, 5, static_cast<double>(sums.ready_days), f.bold_number);
  worksheet_write_number(sheet, r, 6, static_cast<double>(sums.liable_days), f.bold_number);
  worksheet_write_number(sheet, r, 7, static_cast<double>(sums.amount), f.bold_kronor);
}

const char* CareTypeText(const Texts& t, model::CareType care_type) {
  return care_type == model::CareType::kPsychiatric ? t.psychiatric : t.somatic;
}

// The summary sheet: the run's facts, then the rows per municipality, care type and month with
// a subtotal per municipality, one per care type, per group (the county's own and those outside
// it) and the total. `only_municipality` >= 0: that municipality's rows only.
void WriteSummarySheet(lxw_workbook* workbook, const Formats& f, const Texts& t,
                       const model::Extract& x, const config::Config& config,
                       const SettleRequest& request, const Settlement& settlement,
                       int only_municipality) {
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, t.summary_sheet);
  worksheet_set_column(sheet, 0, 0, 30, nullptr);
  worksheet_set_column(sheet, 1, 1, 18, nullptr);
  worksheet_set_column(sheet, 2, 3, 12, nullptr);
  worksheet_set_column(sheet, 4, 4, 15, nullptr);
  worksheet_set_column(sheet, 5, 6, 24, nullptr);  // "Betalningsansvariga" unbroken, a gap
  worksheet_set_column(sheet, 7, 7, 17, nullptr);
  worksheet_write_string(sheet, 0, 0, t.title, f.title);
  std::string prices;
  for (const auto& [agreement, year, kronor] : settlement.prices_used) {
    if (!prices.empty()) prices += "; ";
    prices +=
        agreement < 0
            ? fmt::format("{}: {}", year, Kronor(kronor))
            : fmt::format("{} ({} {}): {}", year, t.english ? "agreement from" : "avtal från",
                          FormatDate(config.agreements[static_cast<size_t>(agreement)].valid_from),
                          Kronor(kronor));
  }
  std::string agreements;
  for (size_t i = 0; i < config.agreements.size() && i < 32; ++i) {
    if ((settlement.agreements_used & (1u << i)) == 0) continue;
    if (!agreements.empty()) agreements += "; ";
    agreements += AgreementText(config.agreements[i], t.english);
  }
  std::vector<std::pair<const char*, std::string>> facts = {{t.region, x.manifest.region}};
  if (only_municipality >= 0) {
    const model::Municipality& m = x.municipalities[static_cast<size_t>(only_municipality)];
    facts.emplace_back(t.municipality, fmt::format("{} {}", m.code, m.name));
  }
  facts.insert(
      facts.end(),
      {{t.coverage, fmt::format("{} – {}", FormatDate(x.manifest.coverage_from),
                                FormatDate(x.manifest.coverage_to))},
       {t.created, x.manifest.created == kNoDateTime ? std::string(t.unknown)
                                                     : FormatDateTime(x.manifest.created)},
       {t.months,
        fmt::format("{} – {}", MonthLabel(request.first_month), MonthLabel(request.last_month))},
       {t.agreements, agreements.empty() ? std::string(t.none) : agreements},
       {t.prices, prices.empty() ? std::string(t.prices_none) : prices},
       {t.settings, config.source == config::DefaultConfig().source ? std::string(t.defaults)
                                                                    : config.source}});
  lxw_row_t r = 2;
  for (const auto& [label, value] : facts) {
    worksheet_write_string(sheet, r, 0, label, f.bold);
    worksheet_write_string(sheet, r, 1, value.c_str(), nullptr);
    ++r;
  }
  worksheet_write_string(sheet, r++, 0, t.episodes_note, nullptr);
  ++r;
  const lxw_row_t header = r;
  worksheet_set_row(sheet, r, 30, nullptr);  // two lines: the wrapped headers
  for (lxw_col_t c = 0; c < 8; ++c) {
    // Columns 4-7 hold numbers: their headers right-aligned over them.
    worksheet_write_string(sheet, r, c, t.summary_headers[c], c >= 4 ? f.number_header : f.header);
  }
  ++r;
  const std::vector<SummaryLine> lines = SummaryLines(x, settlement, only_municipality);
  Sums total, county_own, outside;
  std::map<int, Sums> by_care_type;
  const bool any_outside = std::any_of(lines.begin(), lines.end(), [&](const SummaryLine& l) {
    return !InCounty(x, l.municipality);
  });
  const bool groups = any_outside && only_municipality < 0;
  if (groups) worksheet_write_string(sheet, r++, 0, t.county_own, f.section);
  for (size_t i = 0; i < lines.size();) {
    const uint16_t municipality = lines[i].municipality;
    const bool outside_county = !InCounty(x, municipality);
    if (groups && outside_county && (i == 0 || InCounty(x, lines[i - 1].municipality))) {
      WriteSumsRow(sheet, f, r++, t.county_own_total, county_own);
      ++r;
      worksheet_write_string(sheet, r++, 0, t.outside_county, f.section);
    }
    const model::Municipality& m = x.municipalities[municipality];
    Sums of_municipality;
    for (; i < lines.size() && lines[i].municipality == municipality; ++i) {
      const SummaryLine& line = lines[i];
      worksheet_write_string(sheet, r, 0, m.code.c_str(), nullptr);
      worksheet_write_string(sheet, r, 1, m.name.c_str(), nullptr);
      worksheet_write_string(sheet, r, 2, CareTypeText(t, line.care_type), nullptr);
      worksheet_write_string(sheet, r, 3, MonthLabel(line.month).c_str(), nullptr);
      worksheet_write_number(sheet, r, 4, static_cast<double>(line.sums.stays.size()), nullptr);
      worksheet_write_number(sheet, r, 5, static_cast<double>(line.sums.ready_days), nullptr);
      worksheet_write_number(sheet, r, 6, static_cast<double>(line.sums.liable_days), nullptr);
      worksheet_write_number(sheet, r, 7, static_cast<double>(line.sums.amount), f.kronor);
      ++r;
      for (Sums* sums : {&of_municipality, &total, outside_county ? &outside : &county_own,
                         &by_care_type[static_cast<int>(line.care_type)]}) {
        sums->stays.insert(line.sums.stays.begin(), line.sums.stays.end());
        sums->ready_days += line.sums.ready_days;
        sums->liable_days += line.sums.liable_days;
        sums->amount += line.sums.amount;
      }
    }
    WriteSumsRow(sheet, f, r++,
                 fmt::format(fmt::runtime(t.subtotal), fmt::format("{} {}", m.code, m.name)),
                 of_municipality);
  }
  if (groups) {
    WriteSumsRow(sheet, f, r++, t.outside_county_total, outside);
  }
  const lxw_row_t last_filtered = r > header + 1 ? r - 1 : header + 1;
  ++r;
  for (const auto& [care_type, sums] : by_care_type) {
    WriteSumsRow(sheet, f, r++,
                 fmt::format(fmt::runtime(t.care_subtotal),
                             CareTypeText(t, static_cast<model::CareType>(care_type))),
                 sums);
  }
  WriteSumsRow(sheet, f, r, t.total, total);
  worksheet_autofilter(sheet, header, 0, last_filtered, 7);
  worksheet_freeze_panes(sheet, header + 1, 0);
  SetUpPrinting(sheet, t, header);
}

// What a municipality's basis sheet shows beside the data contract's columns.
struct BasisColumns {
  const IdentityOfStay* identity = nullptr;  // --with-identity: "Personnummer" after Patientref
  bool stay_id = true;  // "Vårdtillfälle": the region's stay id (docs/settlement.md)
};

void WriteMunicipalitySheet(lxw_workbook* workbook, const Formats& f, const Texts& t,
                            const model::Extract& x, const config::Config& config,
                            const Settlement& settlement, size_t begin, size_t end,
                            const BasisColumns& shown) {
  const model::Municipality& m = x.municipalities[settlement.basis[begin].municipality];
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, MunicipalitySheetName(m).c_str());
  worksheet_write_string(sheet, 0, 0, fmt::format("{} {}", m.code, m.name).c_str(), f.title);
  worksheet_write_string(sheet, 1, 0, t.basis_title, nullptr);
  const auto& headers = t.basis_headers;
  const model::Stays& s = x.stays;
  // The columns in order, each with its header, width (one format per column, the ranges not
  // overlapping) and cell; Personnummer and Vårdtillfälle only when shown.
  enum class Sum { kNone, kReady, kLiable, kAmount };
  struct Column {
    const char* header;
    double width;
    std::function<void(lxw_row_t, const BasisRow&, lxw_col_t)> write;
    Sum sum = Sum::kNone;
    enum class Align { kLeft, kRight, kCenter } align = Align::kLeft;  // its header's too
  };
  using Align = Column::Align;
  auto text = [&](lxw_row_t r, lxw_col_t c, const std::string& value) {
    worksheet_write_string(sheet, r, c, value.c_str(), nullptr);
  };
  std::vector<Column> columns;
  columns.push_back({headers[0], 9, [&](lxw_row_t r, const BasisRow& row, lxw_col_t c) {
                       text(r, c, MonthLabel(row.month));
                     }});
  columns.push_back({headers[1], 18, [&](lxw_row_t r, const BasisRow& row, lxw_col_t c) {
                       text(r, c, PatientRef(x, row.stay));
                     }});
  if (shown.identity != nullptr) {
    columns.push_back({t.identity_header, 15, [&](lxw_row_t r, const BasisRow& row, lxw_col_t c) {
                         text(r, c, (*shown.identity)(row.stay));
                       }});
  }
  if (shown.stay_id) {
    columns.push_back({headers[2], 13, [&](lxw_row_t r, const BasisRow& row, lxw_col_t c) {
                         text(r, c, x.episode_ids.Name(s.episode_id[row.stay]));
                       }});
  }
  columns.push_back({headers[3], 13, [&](lxw_row_t r, const BasisRow& row, lxw_col_t c) {
                       worksheet_write_string(sheet, r, c, CareTypeText(t, s.care_type[row.stay]),
                                              nullptr);
                     }});
  columns.push_back({headers[4], 17, [&](lxw_row_t r, const BasisRow& row, lxw_col_t c) {
                       text(r, c, FormatDateTime(row.period.notice_at));
                     }});
  columns.push_back({headers[5], 15, [&](lxw_row_t r, const BasisRow& row, lxw_col_t c) {
                       if (!row.period.open()) text(r, c, FormatDate(row.period.end));
                     }});
  columns.push_back({headers[6], 20,
                     [&](lxw_row_t r, const BasisRow& row, lxw_col_t c) {
                       worksheet_write_number(sheet, r, c, row.ready_days, nullptr);
                     },
                     Sum::kReady, Align::kRight});
  columns.push_back({headers[7], 20,
                     [&](lxw_row_t r, const BasisRow& row, lxw_col_t c) {
                       worksheet_write_number(sheet, r, c, row.liable_days, nullptr);
                     },
                     Sum::kLiable, Align::kRight});
  columns.push_back({headers[8], 14,
                     [&](lxw_row_t r, const BasisRow& row, lxw_col_t c) {
                       if (row.liable_days > 0) {
                         worksheet_write_number(sheet, r, c,
                                                static_cast<double>(row.price_per_day), f.kronor);
                       }
                     },
                     Sum::kNone, Align::kRight});
  columns.push_back({headers[9], 14,
                     [&](lxw_row_t r, const BasisRow& row, lxw_col_t c) {
                       worksheet_write_number(sheet, r, c, static_cast<double>(row.amount),
                                              f.kronor);
                     },
                     Sum::kAmount, Align::kRight});
  columns.push_back({headers[10], 18,
                     [&](lxw_row_t r, const BasisRow& row, lxw_col_t c) {
                       worksheet_write_string(sheet, r, c, row.liable_days > 0 ? t.yes : t.no,
                                              f.centered);
                     },
                     Sum::kNone, Align::kCenter});
  columns.push_back({headers[11], 40, [&](lxw_row_t r, const BasisRow& row, lxw_col_t c) {
                       text(r, c, ReasonTexts(row.reasons, t.english));
                     }});
  columns.push_back({headers[12], 12, [&](lxw_row_t r, const BasisRow& row, lxw_col_t c) {
                       text(r, c, AgreementList(config, row.agreements, "; "));
                     }});
  const auto last_column = static_cast<lxw_col_t>(columns.size() - 1);
  lxw_row_t r = 3;
  const lxw_row_t header = r;
  worksheet_set_row(sheet, r, 30, nullptr);  // two lines: the wrapped headers
  for (lxw_col_t c = 0; c <= last_column; ++c) {
    worksheet_set_column(sheet, c, c, columns[c].width, nullptr);
    worksheet_write_string(sheet, r, c, columns[c].header,
                           columns[c].align == Align::kRight    ? f.number_header
                           : columns[c].align == Align::kCenter ? f.centered_header
                                                                : f.header);
  }
  const lxw_row_t first = ++r;
  int64_t ready = 0, liable = 0, amount = 0;
  for (size_t i = begin; i < end; ++i) {
    const BasisRow& row = settlement.basis[i];
    for (lxw_col_t c = 0; c <= last_column; ++c) columns[c].write(r, row, c);
    ready += row.ready_days;
    liable += row.liable_days;
    amount += row.amount;
    ++r;
  }
  worksheet_autofilter(sheet, header, 0, r > first ? r - 1 : first, last_column);
  worksheet_write_string(sheet, r, 0, t.total, f.bold);
  for (lxw_col_t c = 0; c <= last_column; ++c) {
    switch (columns[c].sum) {
      case Sum::kReady:
        WriteSum(sheet, r, c, first, r - 1, ready, f.bold_number);
        break;
      case Sum::kLiable:
        WriteSum(sheet, r, c, first, r - 1, liable, f.bold_number);
        break;
      case Sum::kAmount:
        WriteSum(sheet, r, c, first, r - 1, amount, f.bold_kronor);
        break;
      case Sum::kNone:
        break;
    }
  }
  worksheet_freeze_panes(sheet, first, 0);
  SetUpPrinting(sheet, t, header);
}

// Writes one workbook: the summary sheet, then (with `basis_sheets`) a sheet per municipality.
// `only_municipality` >= 0 keeps that municipality's rows only, in both.
Status WriteWorkbook(const model::Extract& extract, const config::Config& config,
                     const SettleRequest& request, const Settlement& settlement,
                     const std::string& path, bool english, int only_municipality,
                     bool basis_sheets, const BasisColumns& shown = {}) {
  const Texts& t = english ? kEnglish : kSwedish;
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (workbook == nullptr) return IoError(fmt::format("{}: cannot create the workbook", path));
  Formats f{};
  f.bold = workbook_add_format(workbook);
  format_set_bold(f.bold);
  f.header = workbook_add_format(workbook);
  format_set_bold(f.header);
  format_set_text_wrap(f.header);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_TOP);
  format_set_bottom(f.header, LXW_BORDER_THIN);
  f.number_header = workbook_add_format(workbook);
  format_set_bold(f.number_header);
  format_set_text_wrap(f.number_header);
  format_set_align(f.number_header, LXW_ALIGN_VERTICAL_TOP);
  format_set_align(f.number_header, LXW_ALIGN_RIGHT);
  format_set_bottom(f.number_header, LXW_BORDER_THIN);
  f.centered_header = workbook_add_format(workbook);
  format_set_bold(f.centered_header);
  format_set_text_wrap(f.centered_header);
  format_set_align(f.centered_header, LXW_ALIGN_VERTICAL_TOP);
  format_set_align(f.centered_header, LXW_ALIGN_CENTER);
  format_set_bottom(f.centered_header, LXW_BORDER_THIN);
  f.centered = workbook_add_format(workbook);
  format_set_align(f.centered, LXW_ALIGN_CENTER);
  f.title = workbook_add_format(workbook);
  format_set_bold(f.title);
  format_set_font_size(f.title, 13);
  f.section = workbook_add_format(workbook);
  format_set_bold(f.section);
  format_set_italic(f.section);
  f.kronor = workbook_add_format(workbook);
  format_set_num_format(f.kronor, kKronorFormat);
  f.bold_kronor = workbook_add_format(workbook);
  format_set_num_format(f.bold_kronor, kKronorFormat);
  format_set_bold(f.bold_kronor);
  f.bold_number = workbook_add_format(workbook);
  format_set_bold(f.bold_number);
  WriteSummarySheet(workbook, f, t, extract, config, request, settlement, only_municipality);
  size_t begin = 0;
  const auto& basis = settlement.basis;
  while (basis_sheets && begin < basis.size()) {
    size_t end = begin;
    while (end < basis.size() && basis[end].municipality == basis[begin].municipality) ++end;
    if (only_municipality < 0 || basis[begin].municipality == only_municipality) {
      WriteMunicipalitySheet(workbook, f, t, extract, config, settlement, begin, end, shown);
    }
    begin = end;
  }
  const lxw_error error = workbook_close(workbook);
  if (error != LXW_NO_ERROR) {
    return IoError(fmt::format("{}: cannot write the workbook: {}", path, lxw_strerror(error)));
  }
  return Status::Ok();
}

}  // namespace

std::string MunicipalitySheetName(const model::Municipality& municipality) {
  std::string name =
      municipality.name.empty() ? municipality.code : municipality.code + " " + municipality.name;
  std::string clean;
  for (char c : name) {
    if (std::string_view("[]:*?/\\'").find(c) == std::string_view::npos) clean += c;
  }
  // At most 31 characters (Excel counts characters; cut at a UTF-8 boundary).
  size_t characters = 0, cut = clean.size();
  for (size_t i = 0; i < clean.size(); ++i) {
    if ((static_cast<unsigned char>(clean[i]) & 0xC0) == 0x80) continue;
    if (++characters > 31) {
      cut = i;
      break;
    }
  }
  return clean.substr(0, cut);
}

Status WriteSettlementWorkbook(const model::Extract& extract, const config::Config& config,
                               const SettleRequest& request, const Settlement& settlement,
                               const std::string& path, bool english) {
  return WriteWorkbook(extract, config, request, settlement, path, english,
                       /*only_municipality=*/-1, /*basis_sheets=*/true);
}

std::string PeriodLabel(const SettleRequest& request) {
  return request.first_month == request.last_month
             ? MonthLabel(request.first_month)
             : MonthLabel(request.first_month) + "_" + MonthLabel(request.last_month);
}

Result<std::vector<std::string>> WriteMunicipalityWorkbooks(
    const model::Extract& extract, const config::Config& config, const SettleRequest& request,
    const Settlement& settlement, const std::string& folder, OutputSet& outputs, bool english,
    const IdentityOfStay* identity) {
  std::vector<std::string> written;
  const std::string period = PeriodLabel(request);
  // The files go to the municipalities: the region's stay id only when the region says it is
  // not identity-bearing, and never a derived one (PAR form), which no one can look up.
  const BasisColumns shown{identity,
                           config.basis_stay_id && !extract.manifest.stay_ids_derived};
  const std::string overview =
      fmt::format("betalningsansvar-{}-{}.xlsx", english ? "overview" : "oversikt", period);
  NARA_RETURN_IF_ERROR(outputs.AddThroughTemporary(
      folder + "/" + overview, "the overview workbook", [&](const std::string& temporary) {
        return WriteWorkbook(extract, config, request, settlement, temporary, english, -1,
                             /*basis_sheets=*/false);
      }));
  written.push_back(overview);
  std::vector<uint16_t> municipalities;
  for (const BasisRow& row : settlement.basis) {
    if (municipalities.empty() || municipalities.back() != row.municipality) {
      municipalities.push_back(row.municipality);
    }
  }
  for (uint16_t municipality : municipalities) {
    const std::string name = fmt::format("betalningsansvar-{}-{}.xlsx",
                                         extract.municipalities[municipality].code, period);
    NARA_RETURN_IF_ERROR(outputs.AddThroughTemporary(
        folder + "/" + name, "the municipality's workbook", [&](const std::string& temporary) {
          return WriteWorkbook(extract, config, request, settlement, temporary, english,
                               municipality, /*basis_sheets=*/true, shown);
        }));
    written.push_back(name);
  }
  return written;
}

}  // namespace nara::settlement
