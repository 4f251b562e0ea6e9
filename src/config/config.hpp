// A region's settings (nara.toml, data contract §5): defaults follow the law.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/date.hpp"
#include "base/status.hpp"
#include "model/codes.hpp"

namespace nara::config {

struct ReadmissionSettings {
  std::vector<model::CareType> care_types = {model::CareType::kSomatic};
  int window_days = 30;
};

// How liable days are billed: the law's model, or the average model some regions agree on
// (only a municipality's mean ready days above `average_threshold_days` is billed).
enum class SettlementModel { kLaw, kAverage };
// What the average model averages over: each calendar month, or each calendar quarter.
enum class AveragePeriod { kMonth, kQuarter };

// One LOSUS agreement; the newest whose valid_from <= a date applies to that date. An agreement
// with `care_type` set (e.g. psychiatric care with its own grace days) belongs to that care
// type's own chain of versions: for a stay of that care type it applies from its valid_from on,
// in place of the general agreements (those without `care_type`).
struct Agreement {
  Date valid_from = kNoDate;
  int grace_days = 3;                     // lag (2017:612) 5 kap. 4 §
  bool noon_rule = true;                  // one more day when the notice was sent after 12:00
  bool bill_discharge_day = false;
  int admission_notice_within_hours = 24; // 0 = not required (5 kap. 3 §)
  int sip_invitation_within_days = 0;     // 0 = not required
  std::vector<model::CareType> care_types = {model::CareType::kSomatic,
                                             model::CareType::kPsychiatric};
  std::optional<model::CareType> care_type;  // set: this care type's own agreement
  SettlementModel model = SettlementModel::kLaw;
  double average_threshold_days = 0;      // average model only
  AveragePeriod average_period = AveragePeriod::kMonth;  // average model only
  // A locally agreed price per liable day by calendar year (4 kap. 5 §); a year not listed
  // falls back to Config::price_per_day (Socialstyrelsen's amount).
  std::map<int, int64_t> price_per_day;
};

struct CareGuaranteeLimits {
  int contact_days = 0;
  int assessment_days = 3;
  int first_visit_days = 90;
  int treatment_days = 90;
};

// One entry of [kolada.kpi] (docs/kolada.md): a Nära indicator id and the Kolada KPI id its
// values are published and compared under. The indicator id is checked against the catalogue by
// the kolada module (config does not know the catalogue); `line` is for that message.
struct KoladaKpi {
  std::string indicator;
  std::string kpi;
  int64_t line = 0;
};

struct Config {
  std::string key_file;                    // [pseudonymisation] key_file
  ReadmissionSettings readmission;
  std::vector<Agreement> agreements;       // sorted by valid_from; default: one, the law's
  std::map<int, int64_t> price_per_day;    // calendar year -> kronor per liable day
  // [settlement] basis_stay_id: the region says its episode_id (vårdtillfälle id) is not
  // identity-bearing, so the per-municipality basis workbooks, which go to the municipalities,
  // carry it (never a derived PAR-form id). Default false (docs/settlement.md).
  bool basis_stay_id = false;
  int suppression_min_count = 0;           // 0 = off
  CareGuaranteeLimits care_guarantee;
  std::vector<KoladaKpi> kolada_kpi;       // [kolada.kpi], in file order
  std::string source;                      // the file read, or "(defaults)"

  // The general agreement (no care_type) in force on `date`, or nullptr before the first one.
  const Agreement* AgreementOn(Date date) const;
  // The agreement in force on `date` for a stay of `care_type`: the newest of that care type's
  // own agreements, else the general one; nullptr when neither has started.
  const Agreement* AgreementOn(Date date, model::CareType care_type) const;
};

// The defaults of data contract §5 (the law's model; Socialstyrelsen's amounts for 2019 and
// 2022, the years whose amount has a cited source).
Config DefaultConfig();

// Parses nara.toml text. Unknown sections or keys are errors (a misspelt setting must not
// silently fall back to a default); every message names the file, the key and what is expected.
Result<Config> ParseConfig(std::string_view text, std::string_view file);
Result<Config> ReadConfig(const std::string& path);

}  // namespace nara::config
