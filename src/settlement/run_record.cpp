// Writing and reading run.json.
#include "settlement/run_record.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "base/period.hpp"

namespace nara::settlement {
namespace {

nlohmann::ordered_json AgreementJson(const config::Agreement& a) {
  nlohmann::ordered_json types = nlohmann::ordered_json::array();
  for (auto type : a.care_types) types.push_back(std::string(model::CareTypeName(type)));
  nlohmann::ordered_json out;
  out["valid_from"] = FormatDate(a.valid_from);
  out["model"] = a.model == config::SettlementModel::kAverage ? "average" : "law";
  out["grace_days"] = a.grace_days;
  out["noon_rule"] = a.noon_rule;
  out["bill_discharge_day"] = a.bill_discharge_day;
  out["admission_notice_within_hours"] = a.admission_notice_within_hours;
  out["sip_invitation_within_days"] = a.sip_invitation_within_days;
  out["care_types"] = types;
  if (a.care_type) out["care_type"] = std::string(model::CareTypeName(*a.care_type));
  if (a.model == config::SettlementModel::kAverage) {
    out["average_threshold_days"] = a.average_threshold_days;
    out["average_period"] =
        a.average_period == config::AveragePeriod::kQuarter ? "quarter" : "month";
  }
  return out;
}

}  // namespace

std::string RunJson(const RunRecord& record, const model::Extract& extract,
                    const config::Config& config, const SettleRequest& request,
                    const Settlement& settlement) {
  nlohmann::ordered_json run;
  run["command"] = "settle";
  run["nara_version"] = record.nara_version;
  run["created"] = record.created_utc;
  run["months"] = {{"from", MonthLabel(request.first_month)},
                   {"to", MonthLabel(request.last_month)}};
  const model::Manifest& m = extract.manifest;
  run["extract"] = {
      {"path", record.extract_dir},
      {"sha256", record.extract_checksum},
      {"region", m.region},
      {"coverage_from", FormatDate(m.coverage_from)},
      {"coverage_to", FormatDate(m.coverage_to)},
      {"created", m.created == kNoDateTime ? std::string() : FormatDateTime(m.created)}};
  if (record.with_identity) {
    run["with_identity"] = {{"asked", true},
                            {"files", "betalningsansvar-<kommunkod>-*.xlsx only"},
                            {"rows_with_number", record.identity_rows},
                            {"rows_without_number", record.identity_rows_missing}};
  }
  if (config.basis_stay_id) {
    // [settlement] basis_stay_id: the per-municipality workbooks carry the region's stay ids,
    // unless they are derived (PAR form).
    run["basis_stay_id"] = {{"set", true}, {"stay_ids_derived", m.stay_ids_derived}};
  }
  run["config"] = {
      {"source", config.source},
      {"sha256", record.config_checksum.empty() ? nlohmann::ordered_json(nullptr)
                                                : nlohmann::ordered_json(record.config_checksum)}};
  nlohmann::ordered_json agreements = nlohmann::ordered_json::array();
  for (size_t i = 0; i < config.agreements.size() && i < 32; ++i) {
    if (settlement.agreements_used & (1u << i)) {
      agreements.push_back(AgreementJson(config.agreements[i]));
    }
  }
  run["agreements_used"] = agreements;
  // [settlement.price_per_day] by year; agreements' own prices by valid_from, then year.
  nlohmann::ordered_json prices = nlohmann::ordered_json::object();
  nlohmann::ordered_json local = nlohmann::ordered_json::object();
  for (const auto& [agreement, year, kronor] : settlement.prices_used) {
    if (agreement < 0) {
      prices[std::to_string(year)] = kronor;
    } else {
      local[FormatDate(config.agreements[static_cast<size_t>(agreement)].valid_from)]
           [std::to_string(year)] = kronor;
    }
  }
  run["prices_used"] = prices;
  run["agreement_prices_used"] = local;
  int64_t episodes = 0, ready = 0, liable = 0, amount = 0;
  for (const SummaryRow& row : settlement.summary) {
    episodes += row.episodes;
    ready += row.ready_days;
    liable += row.liable_days;
    amount += row.amount;
  }
  run["totals"] = {{"basis_rows", settlement.basis.size()},
                   {"episodes", episodes},
                   {"ready_days", ready},
                   {"liable_days", liable},
                   {"amount", amount}};
  run["ready_period_anomalies"] = {
      {"duplicate_ready_notices", settlement.counters.duplicate_ready_notices},
      {"stray_revocations", settlement.counters.stray_revocations}};
  run["files"] = {{"summary.csv", record.summary_checksum},
                  {"summary_by_care_type.csv", record.summary_by_care_type_checksum},
                  {"basis.csv", record.basis_checksum}};
  return run.dump(2) + "\n";
}

Result<std::pair<std::string, std::string>> RunMonths(const std::string& run_json,
                                                      const std::string& name) {
  const auto run = nlohmann::json::parse(run_json, nullptr, /*allow_exceptions=*/false);
  if (run.is_discarded() || !run.is_object() || run.value("command", "") != "settle" ||
      !run.contains("months") || !run["months"].is_object() ||
      !run["months"].value("from", nlohmann::json()).is_string() ||
      !run["months"].value("to", nlohmann::json()).is_string()) {
    return InvalidInput(fmt::format("{}: not a run.json written by 'nara settle'", name));
  }
  return std::make_pair(run["months"]["from"].get<std::string>(),
                        run["months"]["to"].get<std::string>());
}

}  // namespace nara::settlement
