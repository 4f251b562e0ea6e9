// The LOSUS settlement (lag 2017:612 5 kap.): which ready days a municipality pays the region
// for, month by month, under the agreement in force on each day (docs/settlement.md).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "base/status.hpp"
#include "config/config.hpp"
#include "model/extract.hpp"
#include "settlement/ready_periods.hpp"

namespace nara::settlement {

// Why (part of) a basis row is not liable, or what else the economist should know. Bits of
// BasisRow::reasons; written as the codes of ReasonCode() joined by ';'.
enum Reason : uint32_t {
  kNoAgreement = 1 << 0,          // a date before the first agreement's valid_from
  kCareTypeExcluded = 1 << 1,     // the agreement does not cover the stay's care type
  kNoAdmissionNotice = 1 << 2,    // 5 kap. 3 §: no admission_notice
  kLateAdmissionNotice = 1 << 3,  // 5 kap. 3 §: admission_notice later than the set hours
  kNoSipInvitation = 1 << 4,      // agreement: no sip_invitation
  kLateSipInvitation = 1 << 5,    // agreement: sip_invitation later than the set days
  kGraceDays = 1 << 6,            // 5 kap. 4 §: inside the grace days after the notice
  kWithinAverage = 1 << 7,        // average model: within the municipality's agreed mean
  kRevoked = 1 << 8,              // the ready period ended by a revocation
  kNoReadyDays = 1 << 9,          // discharged (or revoked) on the notice day
  kNoPrice = 1 << 10,             // a liable date in a year without a price: amount missing
  // The date is already liable in another (overlapping) stay of the same patient: a patient has
  // one vårddygn a day, paid once (5 kap. 6 §; docs/settlement.md "One day, paid once").
  kLiableInOtherStay = 1 << 11,
};
inline constexpr int kReasonCount = 12;
// `grace_days`, `no_admission_notice`, ...: stable codes for basis.csv.
const char* ReasonCode(Reason reason);
// Swedish and English texts for the workbook.
const char* ReasonTextSv(Reason reason);
const char* ReasonTextEn(Reason reason);
// Codes of every bit of `reasons`, joined by ';' (empty for none), in bit order.
std::string ReasonCodes(uint32_t reasons);
std::string ReasonTexts(uint32_t reasons, bool english);
// The texts of a list of codes as ReasonCodes writes it ("grace_days;revoked" ->
// "karensdagar; utskrivningsklar återtagen"); an unknown code is kept as it is.
std::string ReasonTextsOfCodes(std::string_view codes, bool english);

// One ready period in one month: data contract §4.2's individual-level basis.
struct BasisRow {
  uint32_t stay;          // index into Extract::stays
  uint16_t municipality;  // index into Extract::municipalities (the payer)
  int month;              // month index (base/period.hpp)
  ReadyPeriod period;
  int ready_days = 0;  // ready dates of the period in this month (notice day .. end - 1)
  int liable_days = 0;
  int64_t price_per_day = 0;  // kronor: the price of the row's (last) liable date; 0 when none
  int64_t amount = 0;         // kronor; meaningless when amount_missing()
  uint32_t reasons = 0;       // Reason bits
  uint32_t agreements = 0;    // bit i: Config::agreements[i] applied to a date of the row
  // The year of a liable date that has no price (only when prices are not required): the row's
  // amount is then missing, never 0 (kNoPrice is set). 0 = every liable date is priced.
  int missing_price_year = 0;

  bool amount_missing() const { return missing_price_year != 0; }
};

// One municipality and month: the sums of its basis rows.
struct SummaryRow {
  uint16_t municipality;
  int month;
  int64_t episodes = 0;  // distinct stays with a basis row
  int64_t ready_days = 0;
  int64_t liable_days = 0;
  int64_t amount = 0;  // kronor; meaningless when amount_missing()
  // A year without a price of one of the month's liable dates: the month's amount is missing.
  int missing_price_year = 0;

  bool amount_missing() const { return missing_price_year != 0; }
};

struct SettleRequest {
  int first_month;  // month index, inclusive
  int last_month;   // month index, inclusive
  // A liable date in a year without a configured price is an error naming the year; false (the
  // indicator engine, the store) marks the row's amount missing (BasisRow::missing_price_year,
  // reason kNoPrice) and lists the year in missing_price_years instead: never a price of 0.
  bool require_prices = true;
};

struct Settlement {
  std::vector<BasisRow> basis;      // sorted by municipality code, month, patient ref, episode
  std::vector<SummaryRow> summary;  // sorted by municipality code, month
  // Prices used: (agreement index whose own price applied, or -1 for [settlement.price_per_day];
  // year; kronor).
  std::set<std::tuple<int, int, int64_t>> prices_used;
  std::set<int> missing_price_years;
  uint32_t agreements_used = 0;  // bit i: Config::agreements[i]
  ReadyPeriodCounters counters;
};

// Settles the months [first_month, last_month] of `extract` under `config`. Fails (kInvalidInput)
// when a liable date's year has no price and prices are required.
Result<Settlement> Settle(const model::Extract& extract, const config::Config& config,
                          const SettleRequest& request);

// The settlement of every month wholly inside the extract's coverage, with missing prices
// recorded rather than refused (what the indicator table and the store keep); nullopt when the
// coverage holds no whole month.
Result<std::optional<Settlement>> SettleWholeMonths(const model::Extract& extract,
                                                    const config::Config& config);

// The pseudonym of a stay's patient as 16 lower-case hex digits.
std::string PatientRef(const model::Extract& extract, size_t stay);

}  // namespace nara::settlement
