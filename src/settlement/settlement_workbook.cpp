// The settlement workbook (libxlsxwriter).
#include "settlement/settlement_workbook.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>

#include "base/period.hpp"
#include "settlement/settlement_csv.hpp"

namespace nara::settlement {
namespace {

struct Formats {
  lxw_format* bold;
  lxw_format* kronor;
  lxw_format* bold_kronor;
  lxw_format* bold_number;
  lxw_format* title;
};

// Every fixed text of the workbook, in Swedish (the default) and English.
struct Texts {
  const char* summary_sheet;
  const char* title;
  const char* region;
  const char* coverage;
  const char* created;
  const char* unknown;
  const char* months;
  const char* agreements;
  const char* none;
  const char* prices;
  const char* prices_none;
  const char* settings;
  const char* summary_headers[7];
  const char* total;
  const char* basis_title;
  const char* basis_headers[13];
  const char* somatic;
  const char* psychiatric;
  const char* yes;
  const char* no;
  const char* kronor_format;
  bool english;
};

constexpr Texts kSwedish = {
    "Sammanställning",
    "Ekonomisk reglering, betalningsansvar enligt lag (2017:612) 5 kap.",
    "Region",
    "Underlagets period",
    "Underlaget skapat",
    "okänt",
    "Reglerade månader",
    "Avtal som tillämpats",
    "inget",
    "Pris per dag",
    "inget (inga betalningsansvariga dagar)",
    "Inställningar",
    {"Kommun", "Kommunnamn", "Månad", "Vårdtillfällen", "Utskrivningsklara dagar",
     "Betalningsansvariga dagar", "Belopp (kr)"},
    "Totalt",
    "Individunderlag per utskrivningsklar period och månad",
    {"Månad", "Patientref", "Vårdtillfälle", "Vårdtyp", "Utskrivningsklar från",
     "Utskrivningsklar till", "Utskrivningsklara dagar", "Betalningsansvariga dagar",
     "Pris per dag (kr)", "Belopp (kr)", "Betalningsansvar", "Orsak", "Avtal"},
    "somatisk",
    "psykiatrisk",
    "ja",
    "nej",
    "# ##0 \"kr\"",
    false,
};

constexpr Texts kEnglish = {
    "Summary",
    "Settlement: payment liability under the Act (2017:612), chapter 5",
    "Region",
    "Extract coverage",
    "Extract created",
    "unknown",
    "Months settled",
    "Agreements applied",
    "none",
    "Price per day",
    "none (no liable days)",
    "Settings",
    {"Municipality", "Municipality name", "Month", "Stays", "Discharge-ready days", "Liable days",
     "Amount (SEK)"},
    "Total",
    "Individual basis per ready period and month",
    {"Month", "Patient ref", "Stay", "Care type", "Ready from", "Ready until",
     "Discharge-ready days", "Liable days", "Price per day (SEK)", "Amount (SEK)", "Liable",
     "Reason", "Agreement"},
    "somatic",
    "psychiatric",
    "yes",
    "no",
    "#,##0 \"kr\"",
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
    text = english
               ? fmt::format("from {}: average model, {} days per ready period", from, threshold)
               : fmt::format("från {}: genomsnittsmodell, {} dagar per utskrivningsklar period",
                             from, threshold);
  } else {
    const char* noon = a.noon_rule ? (english ? " (+1 after 12:00)" : " (+1 efter kl. 12)") : "";
    text = english
               ? fmt::format("from {}: the law's model, {} grace days{}", from, a.grace_days, noon)
               : fmt::format("från {}: lagens modell, {} karensdagar{}", from, a.grace_days, noon);
  }
  if (a.bill_discharge_day) {
    text += english ? ", the discharge day is billed" : ", utskrivningsdagen debiteras";
  }
  if (a.care_types.size() == 1) {
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

void WriteSummarySheet(lxw_workbook* workbook, const Formats& f, const Texts& t,
                       const model::Extract& x, const config::Config& config,
                       const SettleRequest& request, const Settlement& settlement) {
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, t.summary_sheet);
  worksheet_set_column(sheet, 0, 0, 28, nullptr);
  worksheet_set_column(sheet, 1, 6, 18, nullptr);
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
  const std::pair<const char*, std::string> facts[] = {
      {t.region, x.manifest.region},
      {t.coverage, fmt::format("{} – {}", FormatDate(x.manifest.coverage_from),
                               FormatDate(x.manifest.coverage_to))},
      {t.created, x.manifest.created == kNoDateTime ? std::string(t.unknown)
                                                    : FormatDateTime(x.manifest.created)},
      {t.months,
       fmt::format("{} – {}", MonthLabel(request.first_month), MonthLabel(request.last_month))},
      {t.agreements, agreements.empty() ? std::string(t.none) : agreements},
      {t.prices, prices.empty() ? std::string(t.prices_none) : prices},
      {t.settings, config.source},
  };
  lxw_row_t r = 2;
  for (const auto& [label, value] : facts) {
    worksheet_write_string(sheet, r, 0, label, f.bold);
    worksheet_write_string(sheet, r, 1, value.c_str(), nullptr);
    ++r;
  }
  ++r;
  const auto& headers = t.summary_headers;
  for (lxw_col_t c = 0; c < 7; ++c) worksheet_write_string(sheet, r, c, headers[c], f.bold);
  const lxw_row_t first = ++r;
  SummaryRow total{0, 0};
  for (const SummaryRow& row : settlement.summary) {
    const model::Municipality& m = x.municipalities[row.municipality];
    worksheet_write_string(sheet, r, 0, m.code.c_str(), nullptr);
    worksheet_write_string(sheet, r, 1, m.name.c_str(), nullptr);
    worksheet_write_string(sheet, r, 2, MonthLabel(row.month).c_str(), nullptr);
    worksheet_write_number(sheet, r, 3, static_cast<double>(row.episodes), nullptr);
    worksheet_write_number(sheet, r, 4, static_cast<double>(row.ready_days), nullptr);
    worksheet_write_number(sheet, r, 5, static_cast<double>(row.liable_days), nullptr);
    worksheet_write_number(sheet, r, 6, static_cast<double>(row.amount), f.kronor);
    total.episodes += row.episodes;
    total.ready_days += row.ready_days;
    total.liable_days += row.liable_days;
    total.amount += row.amount;
    ++r;
  }
  worksheet_write_string(sheet, r, 0, t.total, f.bold);
  const lxw_row_t last = r - 1;  // r == first (no rows): WriteSum writes a plain 0
  WriteSum(sheet, r, 3, first, last, total.episodes, f.bold_number);
  WriteSum(sheet, r, 4, first, last, total.ready_days, f.bold_number);
  WriteSum(sheet, r, 5, first, last, total.liable_days, f.bold_number);
  WriteSum(sheet, r, 6, first, last, total.amount, f.bold_kronor);
  worksheet_freeze_panes(sheet, first, 0);
}

void WriteMunicipalitySheet(lxw_workbook* workbook, const Formats& f, const Texts& t,
                            const model::Extract& x, const config::Config& config,
                            const Settlement& settlement, size_t begin, size_t end) {
  const model::Municipality& m = x.municipalities[settlement.basis[begin].municipality];
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, MunicipalitySheetName(m).c_str());
  worksheet_write_string(sheet, 0, 0, fmt::format("{} {}", m.code, m.name).c_str(), f.title);
  worksheet_write_string(sheet, 1, 0, t.basis_title, nullptr);
  const auto& headers = t.basis_headers;
  worksheet_set_column(sheet, 0, 12, 16, nullptr);
  worksheet_set_column(sheet, 11, 11, 40, nullptr);
  lxw_row_t r = 3;
  for (lxw_col_t c = 0; c < 13; ++c) worksheet_write_string(sheet, r, c, headers[c], f.bold);
  const lxw_row_t first = ++r;
  int64_t ready = 0, liable = 0, amount = 0;
  const model::Stays& s = x.stays;
  for (size_t i = begin; i < end; ++i) {
    const BasisRow& row = settlement.basis[i];
    const bool psychiatric = s.care_type[row.stay] == model::CareType::kPsychiatric;
    worksheet_write_string(sheet, r, 0, MonthLabel(row.month).c_str(), nullptr);
    worksheet_write_string(sheet, r, 1, PatientRef(x, row.stay).c_str(), nullptr);
    worksheet_write_string(sheet, r, 2, x.episode_ids.Name(s.episode_id[row.stay]).c_str(),
                           nullptr);
    worksheet_write_string(sheet, r, 3, psychiatric ? t.psychiatric : t.somatic, nullptr);
    worksheet_write_string(sheet, r, 4, FormatDateTime(row.period.notice_at).c_str(), nullptr);
    if (!row.period.open()) {
      worksheet_write_string(sheet, r, 5, FormatDate(row.period.end).c_str(), nullptr);
    }
    worksheet_write_number(sheet, r, 6, row.ready_days, nullptr);
    worksheet_write_number(sheet, r, 7, row.liable_days, nullptr);
    if (row.liable_days > 0) {
      worksheet_write_number(sheet, r, 8, static_cast<double>(row.price_per_day), f.kronor);
    }
    worksheet_write_number(sheet, r, 9, static_cast<double>(row.amount), f.kronor);
    worksheet_write_string(sheet, r, 10, row.liable_days > 0 ? t.yes : t.no, nullptr);
    worksheet_write_string(sheet, r, 11, ReasonTexts(row.reasons, t.english).c_str(), nullptr);
    worksheet_write_string(sheet, r, 12, AgreementList(config, row.agreements, "; ").c_str(),
                           nullptr);
    ready += row.ready_days;
    liable += row.liable_days;
    amount += row.amount;
    ++r;
  }
  worksheet_write_string(sheet, r, 0, t.total, f.bold);
  WriteSum(sheet, r, 6, first, r - 1, ready, f.bold_number);
  WriteSum(sheet, r, 7, first, r - 1, liable, f.bold_number);
  WriteSum(sheet, r, 9, first, r - 1, amount, f.bold_kronor);
  worksheet_freeze_panes(sheet, first, 0);
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
  const Texts& t = english ? kEnglish : kSwedish;
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (workbook == nullptr) return IoError(fmt::format("{}: cannot create the workbook", path));
  Formats f{};
  f.bold = workbook_add_format(workbook);
  format_set_bold(f.bold);
  f.title = workbook_add_format(workbook);
  format_set_bold(f.title);
  format_set_font_size(f.title, 13);
  f.kronor = workbook_add_format(workbook);
  format_set_num_format(f.kronor, t.kronor_format);
  f.bold_kronor = workbook_add_format(workbook);
  format_set_num_format(f.bold_kronor, t.kronor_format);
  format_set_bold(f.bold_kronor);
  f.bold_number = workbook_add_format(workbook);
  format_set_bold(f.bold_number);
  WriteSummarySheet(workbook, f, t, extract, config, request, settlement);
  size_t begin = 0;
  const auto& basis = settlement.basis;
  while (begin < basis.size()) {
    size_t end = begin;
    while (end < basis.size() && basis[end].municipality == basis[begin].municipality) ++end;
    WriteMunicipalitySheet(workbook, f, t, extract, config, settlement, begin, end);
    begin = end;
  }
  const lxw_error error = workbook_close(workbook);
  if (error != LXW_NO_ERROR) {
    return IoError(fmt::format("{}: cannot write the workbook: {}", path, lxw_strerror(error)));
  }
  return Status::Ok();
}

}  // namespace nara::settlement
