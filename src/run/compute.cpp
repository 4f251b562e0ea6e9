#include "run/compute.hpp"

#include "base/phase_timer.hpp"
#include "base/period.hpp"

namespace nara::run {

Result<Computed> Compute(const Run& run, const std::vector<Period>& extra_periods) {
  Computed computed;
  PhaseTimer timer("settle: whole months");
  NARA_ASSIGN_OR_RETURN(computed.whole_months,
                        settlement::SettleWholeMonths(run.extract(), run.config.config));
  timer.Lap(nullptr);
  indicators::EngineOptions engine;
  engine.threads = run.threads;
  engine.acsc_file = run.AcscFile();
  engine.whole_months = computed.whole_months ? &*computed.whole_months : nullptr;
  engine.extra_periods = extra_periods;
  NARA_ASSIGN_OR_RETURN(computed.table,
                        indicators::ComputeIndicators(run.extract(), run.config.config, engine));
  return computed;
}

StoreSettlement ForStore(const model::Extract& extract,
                         const std::optional<settlement::Settlement>& settled) {
  StoreSettlement rows;
  if (!settled) return rows;
  for (const auto& row : settled->summary) {
    store::SettlementSummaryRow out{extract.municipalities[row.municipality].code,
                                    MonthLabel(row.month), row.episodes, row.ready_days,
                                    row.liable_days};
    // A year without a price: the amount is missing (NULL with the year), never 0 kr.
    out.amount = row.amount_missing() ? std::nullopt : std::optional<int64_t>(row.amount);
    out.missing_price_year = row.missing_price_year;
    rows.summary.push_back(std::move(out));
  }
  const model::Stays& stays = extract.stays;
  rows.basis.reserve(settled->basis.size());
  for (const auto& row : settled->basis) {
    store::SettlementBasisRow out;
    out.municipality = extract.municipalities[row.municipality].code;
    out.month = MonthLabel(row.month);
    out.patient_ref = settlement::PatientRef(extract, row.stay);
    out.episode_id = extract.episode_ids.Name(stays.episode_id[row.stay]);
    out.care_type = std::string(model::CareTypeName(stays.care_type[row.stay]));
    out.ready_at = FormatDateTime(row.period.notice_at);
    out.ready_until = row.period.open() ? std::string() : FormatDate(row.period.end);
    out.ready_days = row.ready_days;
    out.liable_days = row.liable_days;
    if (row.amount_missing()) {
      out.price_per_day = std::nullopt;
      out.amount = std::nullopt;
    } else {
      out.price_per_day = row.liable_days > 0 ? row.price_per_day : 0;
      out.amount = row.amount;
    }
    out.missing_price_year = row.missing_price_year;
    out.liable = row.liable_days > 0;
    out.reason = settlement::ReasonCodes(row.reasons);
    rows.basis.push_back(std::move(out));
  }
  return rows;
}

}  // namespace nara::run
