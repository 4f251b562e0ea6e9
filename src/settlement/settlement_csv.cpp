// Writing the settlement as CSV text (byte-identical for the same inputs).
#include "settlement/settlement_csv.hpp"

#include <fmt/format.h>

#include "base/period.hpp"
#include "settlement/summary_lines.hpp"

namespace nara::settlement {

std::string AgreementList(const config::Config& config, uint32_t agreements,
                          const char* separator) {
  std::string out;
  for (size_t i = 0; i < config.agreements.size() && i < 32; ++i) {
    if ((agreements & (1u << i)) == 0) continue;
    if (!out.empty()) out += separator;
    out += FormatDate(config.agreements[i].valid_from);
    // A care type's own agreement: "2018-01-01 psychiatric", apart from a general one that day.
    if (const auto& own = config.agreements[i].care_type) {
      out += ' ';
      out += model::CareTypeName(*own);
    }
  }
  return out;
}

std::string SummaryCsv(const model::Extract& extract, const Settlement& settlement) {
  std::string out = "municipality,month,episodes,ready_days,liable_days,amount\n";
  for (const SummaryRow& row : settlement.summary) {
    fmt::format_to(std::back_inserter(out), "{},{},{},{},{},{}\n",
                   CsvField(extract.municipalities[row.municipality].code), MonthLabel(row.month),
                   row.episodes, row.ready_days, row.liable_days, row.amount);
  }
  return out;
}

std::string SummaryByCareTypeCsv(const model::Extract& extract, const Settlement& settlement) {
  std::string out = "municipality,care_type,month,episodes,ready_days,liable_days,amount\n";
  for (const SummaryLine& line : SummaryLines(extract, settlement)) {
    fmt::format_to(std::back_inserter(out), "{},{},{},{},{},{},{}\n",
                   CsvField(extract.municipalities[line.municipality].code),
                   model::CareTypeName(line.care_type), MonthLabel(line.month),
                   line.sums.stays.size(), line.sums.ready_days, line.sums.liable_days,
                   line.sums.amount);
  }
  return out;
}

std::string BasisCsv(const model::Extract& extract, const config::Config& config,
                     const Settlement& settlement) {
  std::string out =
      "municipality,month,patient_ref,episode_id,care_type,ready_at,ready_until,ready_days,"
      "liable_days,price_per_day,amount,liable,reason,agreement\n";
  out.reserve(settlement.basis.size() * 140 + out.size());
  const model::Stays& s = extract.stays;
  for (const BasisRow& row : settlement.basis) {
    fmt::format_to(
        std::back_inserter(out), "{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
        CsvField(extract.municipalities[row.municipality].code), MonthLabel(row.month),
        PatientRef(extract, row.stay), CsvField(extract.episode_ids.Name(s.episode_id[row.stay])),
        model::CareTypeName(s.care_type[row.stay]), FormatDateTime(row.period.notice_at),
        row.period.open() ? std::string() : FormatDate(row.period.end), row.ready_days,
        row.liable_days, row.liable_days > 0 ? std::to_string(row.price_per_day) : std::string(),
        row.amount, row.liable_days > 0 ? "yes" : "no", ReasonCodes(row.reasons),
        AgreementList(config, row.agreements, ";"));
  }
  return out;
}

}  // namespace nara::settlement
