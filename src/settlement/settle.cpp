// The settlement rules: per ready date, the agreement in force, its prerequisites, grace days and
// model; then the average model per municipality and month; then prices and sums.
#include "settlement/settle.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "base/period.hpp"

namespace nara::settlement {
namespace {

using model::EventKind;

constexpr int kNoonMinute = 12 * 60;

// Lag (2017:612) 5 kap. 3 § and the agreement's own prerequisites for `period` of `stay`:
// the Reason bits that fail (0 = all met).
uint32_t FailedPrerequisites(const model::Extract& x, size_t stay, const ReadyPeriod& period,
                             const config::Agreement& agreement) {
  const model::Stays& s = x.stays;
  uint32_t failed = 0;
  DateTime admission_notice = kNoDateTime;
  bool sip_in_time = false, sip_any = false;
  for (uint32_t e = s.event_begin[stay]; e < s.event_begin[stay + 1]; ++e) {
    const EventKind kind = x.events.kind[e];
    if (kind == EventKind::kAdmissionNotice && admission_notice == kNoDateTime) {
      admission_notice = x.events.at[e];  // events are in time order: the first notice
    } else if (kind == EventKind::kSipInvitation) {
      sip_any = true;
      // Sent no later than the set number of days after the ready notice's day (an invitation
      // sent before the notice counts: the municipality was asked in time).
      if (DateOf(x.events.at[e]) <= period.notice_date() + agreement.sip_invitation_within_days) {
        sip_in_time = true;
      }
    }
  }
  if (agreement.admission_notice_within_hours > 0) {
    if (admission_notice == kNoDateTime) {
      failed |= kNoAdmissionNotice;
    } else if (admission_notice >
               s.admitted_at[stay] + agreement.admission_notice_within_hours * 60) {
      failed |= kLateAdmissionNotice;
    }
  }
  if (agreement.sip_invitation_within_days > 0 && !sip_in_time) {
    failed |= sip_any ? kLateSipInvitation : kNoSipInvitation;
  }
  return failed;
}

// The average model's period of `month`: the month itself, or the first month of its calendar
// quarter (month indexes are year * 12 + month - 1, so quarters start at multiples of 3).
int AveragedOver(const config::Agreement& agreement, int month) {
  return agreement.average_period == config::AveragePeriod::kQuarter ? month - month % 3 : month;
}

bool Covers(const config::Agreement& agreement, model::CareType type) {
  return std::find(agreement.care_types.begin(), agreement.care_types.end(), type) !=
         agreement.care_types.end();
}

// A ready date that the average model may bill, waiting for its municipality's month to be summed.
struct Candidate {
  size_t row;
  int day_number;  // days since the notice day
  Date date;
};

struct AverageGroup {
  std::vector<uint64_t> periods;  // ids of the ready periods in the group (deduplicated later)
  std::vector<Candidate> candidates;
};

class Settler {
 public:
  Settler(const model::Extract& x, const config::Config& config, const SettleRequest& request)
      : x_(x),
        config_(config),
        request_(request),
        first_date_(FirstDayOfMonth(request.first_month)),
        last_date_(LastDayOfMonth(request.last_month)),
        prerequisites_(config.agreements.size()) {}

  Result<Settlement> Run() {
    std::vector<ReadyPeriod> periods;
    // The ready periods of one patient's stays, settled in notice order (stays are sorted by
    // patient, so a patient's stays are adjacent).
    struct PatientPeriod {
      size_t stay;
      ReadyPeriod period;
    };
    std::vector<PatientPeriod> patient_periods;
    const model::Stays& s = x_.stays;
    for (size_t stay = 0; stay < s.size(); ++stay) {
      if (stay == 0 || s.patient[stay] != s.patient[stay - 1]) {
        NARA_RETURN_IF_ERROR(SettlePatient(patient_periods));
      }
      if (s.discharged_at[stay] != kNoDateTime && DateOf(s.discharged_at[stay]) < first_date_) {
        continue;
      }
      if (DateOf(s.admitted_at[stay]) > last_date_) continue;
      ReadyPeriodsOf(x_, stay, periods, out_.counters);
      for (const ReadyPeriod& period : periods) patient_periods.push_back({stay, period});
    }
    NARA_RETURN_IF_ERROR(SettlePatient(patient_periods));
    NARA_RETURN_IF_ERROR(ApplyAverageModel());
    Finish();
    return std::move(out_);
  }

 private:
  // One patient's ready periods (then cleared). A patient has one vårddygn a day, paid once
  // (lag 2017:612 5 kap. 6 §: an amount per vårddygn): when stays overlap (an EHR artefact, or a
  // transfer kept as two stays) and each has a ready period, a date is liable (or, under the
  // average model, a candidate) in the period with the earlier notice only (ties: the stays'
  // order); in the other it is kLiableInOtherStay. Settling in notice order makes that so.
  template <typename PatientPeriods>
  Status SettlePatient(PatientPeriods& periods) {
    claimed_.clear();
    check_claims_ = periods.size() > 1;
    if (check_claims_) {
      std::stable_sort(periods.begin(), periods.end(), [](const auto& a, const auto& b) {
        return a.period.notice_at < b.period.notice_at;
      });
    }
    for (const auto& [stay, period] : periods) {
      NARA_RETURN_IF_ERROR(SettlePeriod(stay, period, next_period_id_++));
    }
    periods.clear();
    return Status::Ok();
  }

  // Claims `date` for the current patient: false when a period settled before already did.
  bool Claim(Date date) {
    if (!check_claims_) return true;  // one period: nothing to collide with
    if (std::find(claimed_.begin(), claimed_.end(), date) != claimed_.end()) return false;
    claimed_.push_back(date);
    return true;
  }

  size_t RowFor(size_t stay, const ReadyPeriod& period, int month) {
    for (size_t i = period_rows_begin_; i < out_.basis.size(); ++i) {
      if (out_.basis[i].month == month) return i;
    }
    BasisRow row{static_cast<uint32_t>(stay), x_.stays.municipality[stay], month, period};
    out_.basis.push_back(row);
    return out_.basis.size() - 1;
  }

  uint32_t Prerequisites(size_t stay, const ReadyPeriod& period, size_t agreement) {
    int64_t& cached = prerequisites_[agreement];
    if (cached < 0) {
      cached = FailedPrerequisites(x_, stay, period, config_.agreements[agreement]);
    }
    return static_cast<uint32_t>(cached);
  }

  // Liable: `date` under Config::agreements[agreement], priced by its year: the agreement's own
  // price, else [settlement.price_per_day].
  Status Bill(BasisRow& row, Date date, size_t agreement) {
    const int year = CivilFromDays(date).year;
    const auto& local = config_.agreements[agreement].price_per_day;
    const auto& national = config_.price_per_day;
    const bool is_local = local.count(year) > 0;
    int64_t amount = 0;
    if (is_local || national.count(year) > 0) {
      amount = is_local ? local.at(year) : national.at(year);
      out_.prices_used.insert({is_local ? static_cast<int>(agreement) : -1, year, amount});
    } else if (request_.require_prices) {
      return InvalidInput(
          fmt::format("{}: no price per liable day for {} (a liable date {} needs it): add {} = "
                      "<kronor> under [settlement.price_per_day]",
                      config_.source, year, FormatDate(date), year));
    } else {
      out_.missing_price_years.insert(year);
      row.missing_price_year = year;
      row.reasons |= kNoPrice;
    }
    row.liable_days += 1;
    row.amount += amount;
    row.price_per_day = amount;
    return Status::Ok();
  }

  // Every date of one ready period inside the requested months, under its own agreement.
  Status SettlePeriod(size_t stay, const ReadyPeriod& period, uint64_t period_id) {
    period_rows_begin_ = out_.basis.size();
    std::fill(prerequisites_.begin(), prerequisites_.end(), -1);
    const Date notice = period.notice_date();
    const Date coverage_to = x_.manifest.coverage_to;
    // Ready dates are notice .. end - 1 (the end day is not a ready day: ready days = end -
    // notice); an open period has ready dates up to coverage_to (still admitted then).
    const Date ready_end = period.open() ? std::max(coverage_to + 1, notice) : period.end;
    const bool discharge_billable = !period.open() && !period.revoked;
    const Date last = std::min(discharge_billable ? period.end : ready_end - 1, last_date_);
    const model::CareType care_type = x_.stays.care_type[stay];
    const int noon_extra = MinuteOfDay(period.notice_at) > kNoonMinute ? 1 : 0;
    if (!period.open() && period.ready_days() == 0 && notice >= first_date_ &&
        notice <= last_date_) {
      BasisRow& row = out_.basis[RowFor(stay, period, MonthOf(notice))];
      row.reasons |= kNoReadyDays;
      const config::Agreement* agreement = config_.AgreementOn(notice, care_type);
      const size_t index =
          agreement == nullptr ? 0 : static_cast<size_t>(agreement - config_.agreements.data());
      if (agreement != nullptr) row.agreements |= 1u << std::min<size_t>(index, 31);
      if (agreement != nullptr && agreement->model == config::SettlementModel::kAverage &&
          Covers(*agreement, care_type)) {
        if (Prerequisites(stay, period, index) == 0) {
          groups_[{row.municipality, AveragedOver(*agreement, row.month), index}].periods.push_back(
              period_id);
        }
      }
    }
    for (Date date = std::max(notice, first_date_); date <= last; ++date) {
      const bool ready = date < ready_end;
      const config::Agreement* agreement = config_.AgreementOn(date, care_type);
      if (!ready && (agreement == nullptr || !agreement->bill_discharge_day)) continue;
      BasisRow& row = out_.basis[RowFor(stay, period, MonthOf(date))];
      if (ready) row.ready_days += 1;
      if (agreement == nullptr) {
        row.reasons |= kNoAgreement;
        continue;
      }
      const size_t index = static_cast<size_t>(agreement - config_.agreements.data());
      row.agreements |= 1u << std::min<size_t>(index, 31);
      if (!Covers(*agreement, care_type)) {
        row.reasons |= kCareTypeExcluded;
        continue;
      }
      if (const uint32_t failed = Prerequisites(stay, period, index); failed != 0) {
        row.reasons |= failed;
        continue;
      }
      if (agreement->model == config::SettlementModel::kAverage) {
        // The threshold replaces the grace days: every ready date is a candidate, once per
        // patient.
        if (!Claim(date)) {
          row.reasons |= kLiableInOtherStay;
          continue;
        }
        AverageGroup& group =
            groups_[{row.municipality, AveragedOver(*agreement, row.month), index}];
        group.periods.push_back(period_id);
        group.candidates.push_back(
            {static_cast<size_t>(&row - out_.basis.data()), date - notice, date});
        continue;
      }
      // 5 kap. 4 §: liability from the grace_days-th day after the notice day (day 0), one day
      // later for a notice sent after 12:00.
      const int grace = agreement->grace_days + (agreement->noon_rule ? noon_extra : 0);
      if (date - notice < grace) {
        row.reasons |= kGraceDays;
        continue;
      }
      if (!Claim(date)) {
        row.reasons |= kLiableInOtherStay;
        continue;
      }
      NARA_RETURN_IF_ERROR(Bill(row, date, index));
    }
    if (period.revoked) {
      for (size_t i = period_rows_begin_; i < out_.basis.size(); ++i) {
        out_.basis[i].reasons |= kRevoked;
      }
    }
    return Status::Ok();
  }

  // The average model (docs/settlement.md): per municipality, month (or quarter) and agreement,
  // the days above threshold x (number of ready periods) are billed, the longest-waiting days
  // first.
  Status ApplyAverageModel() {
    for (auto& [key, group] : groups_) {
      const config::Agreement& agreement = config_.agreements[std::get<2>(key)];
      std::sort(group.periods.begin(), group.periods.end());
      const int64_t periods =
          std::unique(group.periods.begin(), group.periods.end()) - group.periods.begin();
      const int64_t allowance = static_cast<int64_t>(
          std::ceil(agreement.average_threshold_days * static_cast<double>(periods) - 1e-9));
      const int64_t billed =
          std::max<int64_t>(0, static_cast<int64_t>(group.candidates.size()) - allowance);
      // Longest waits first; ties in the stays' order (patient, admission), then the row (a
      // stay's periods in time order) and the date. (Rows are made in notice order within a
      // patient, so the stay is compared before the row.)
      std::sort(group.candidates.begin(), group.candidates.end(),
                [&](const Candidate& a, const Candidate& b) {
                  const uint32_t stay_a = out_.basis[a.row].stay, stay_b = out_.basis[b.row].stay;
                  return std::tie(b.day_number, stay_a, a.row, a.date) <
                         std::tie(a.day_number, stay_b, b.row, b.date);
                });
      for (size_t i = 0; i < group.candidates.size(); ++i) {
        BasisRow& row = out_.basis[group.candidates[i].row];
        if (static_cast<int64_t>(i) < billed) {
          NARA_RETURN_IF_ERROR(Bill(row, group.candidates[i].date, std::get<2>(key)));
        } else {
          row.reasons |= kWithinAverage;
        }
      }
    }
    return Status::Ok();
  }

  void Finish() {
    // Rows in (municipality code, month, patient pseudonym, episode_id, notice) order. The keys
    // are gathered once, so that comparing two rows reads no other table (millions of rows).
    std::vector<uint16_t> rank(x_.municipalities.size());
    {
      std::vector<uint16_t> by_code(x_.municipalities.size());
      for (size_t m = 0; m < by_code.size(); ++m) by_code[m] = static_cast<uint16_t>(m);
      std::sort(by_code.begin(), by_code.end(), [&](uint16_t a, uint16_t b) {
        return x_.municipalities[a].code < x_.municipalities[b].code;
      });
      for (size_t r = 0; r < by_code.size(); ++r) rank[by_code[r]] = static_cast<uint16_t>(r);
    }
    struct Key {
      uint16_t municipality;  // rank of the code
      int month;
      uint64_t pseudonym;
      uint32_t stay;
      DateTime notice_at;
      uint32_t row;
    };
    std::vector<Key> keys(out_.basis.size());
    for (size_t i = 0; i < keys.size(); ++i) {
      const BasisRow& row = out_.basis[i];
      keys[i] = {rank[row.municipality], row.month,
                 x_.patients.pseudonym[x_.stays.patient[row.stay]], row.stay,
                 row.period.notice_at, static_cast<uint32_t>(i)};
    }
    std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
      if (a.municipality != b.municipality) return a.municipality < b.municipality;
      if (a.month != b.month) return a.month < b.month;
      if (a.pseudonym != b.pseudonym) return a.pseudonym < b.pseudonym;
      if (a.stay != b.stay) {  // another stay of the same patient: by episode_id
        return x_.episode_ids.Name(x_.stays.episode_id[a.stay]) <
               x_.episode_ids.Name(x_.stays.episode_id[b.stay]);
      }
      return a.notice_at < b.notice_at;
    });
    std::vector<BasisRow> sorted;
    sorted.reserve(keys.size());
    for (const Key& key : keys) sorted.push_back(out_.basis[key.row]);
    out_.basis.swap(sorted);
    for (size_t i = 0; i < out_.basis.size(); ++i) {
      const BasisRow& row = out_.basis[i];
      out_.agreements_used |= row.agreements;
      if (out_.summary.empty() || out_.summary.back().municipality != row.municipality ||
          out_.summary.back().month != row.month) {
        out_.summary.push_back({row.municipality, row.month});
      }
      SummaryRow& sum = out_.summary.back();
      const bool new_stay =
          i == 0 || out_.basis[i - 1].stay != row.stay || out_.basis[i - 1].month != row.month;
      if (new_stay) sum.episodes += 1;
      sum.ready_days += row.ready_days;
      sum.liable_days += row.liable_days;
      sum.amount += row.amount;
      if (row.amount_missing()) sum.missing_price_year = row.missing_price_year;
    }
  }

  const model::Extract& x_;
  const config::Config& config_;
  const SettleRequest& request_;
  const Date first_date_;
  const Date last_date_;
  Settlement out_;
  size_t period_rows_begin_ = 0;
  uint64_t next_period_id_ = 0;
  std::vector<int64_t> prerequisites_;  // per agreement for the current period; -1 = not checked
  std::map<std::tuple<uint16_t, int, size_t>, AverageGroup> groups_;
  std::vector<Date> claimed_;  // the current patient's liable (or candidate) dates
  bool check_claims_ = false;  // the current patient has two or more ready periods
};

}  // namespace

const char* ReasonCode(Reason reason) {
  switch (reason) {
    case kNoAgreement:
      return "no_agreement";
    case kCareTypeExcluded:
      return "care_type_excluded";
    case kNoAdmissionNotice:
      return "no_admission_notice";
    case kLateAdmissionNotice:
      return "late_admission_notice";
    case kNoSipInvitation:
      return "no_sip_invitation";
    case kLateSipInvitation:
      return "late_sip_invitation";
    case kGraceDays:
      return "grace_days";
    case kWithinAverage:
      return "within_average";
    case kRevoked:
      return "revoked";
    case kNoReadyDays:
      return "no_ready_days";
    case kNoPrice:
      return "no_price";
    case kLiableInOtherStay:
      return "liable_in_other_stay";
  }
  return "";
}

const char* ReasonTextSv(Reason reason) {
  switch (reason) {
    case kNoAgreement:
      return "inget avtal gällde";
    case kCareTypeExcluded:
      return "vårdtypen ingår inte i avtalet";
    case kNoAdmissionNotice:
      return "inskrivningsmeddelande saknas";
    case kLateAdmissionNotice:
      return "inskrivningsmeddelande för sent";
    case kNoSipInvitation:
      return "kallelse till SIP saknas";
    case kLateSipInvitation:
      return "kallelse till SIP för sent";
    case kGraceDays:
      return "karensdagar";
    case kWithinAverage:
      return "inom avtalat genomsnitt";
    case kRevoked:
      return "utskrivningsklar återtagen";
    case kNoReadyDays:
      return "utskriven samma dag";
    case kNoPrice:
      return "pris saknas för året";
    case kLiableInOtherStay:
      return "dagen debiteras i ett annat vårdtillfälle";
  }
  return "";
}

const char* ReasonTextEn(Reason reason) {
  switch (reason) {
    case kNoAgreement:
      return "no agreement in force";
    case kCareTypeExcluded:
      return "care type not covered by the agreement";
    case kNoAdmissionNotice:
      return "admission notice missing";
    case kLateAdmissionNotice:
      return "admission notice late";
    case kNoSipInvitation:
      return "SIP invitation missing";
    case kLateSipInvitation:
      return "SIP invitation late";
    case kGraceDays:
      return "grace days";
    case kWithinAverage:
      return "within the agreed average";
    case kRevoked:
      return "ready status revoked";
    case kNoReadyDays:
      return "discharged on the notice day";
    case kNoPrice:
      return "no price for the year";
    case kLiableInOtherStay:
      return "the day is liable in another stay";
  }
  return "";
}

namespace {
template <typename F>
std::string JoinReasons(uint32_t reasons, const char* separator, F name) {
  std::string out;
  for (int bit = 0; bit < kReasonCount; ++bit) {
    const auto reason = static_cast<Reason>(1u << bit);
    if ((reasons & reason) == 0) continue;
    if (!out.empty()) out += separator;
    out += name(reason);
  }
  return out;
}
}  // namespace

std::string ReasonCodes(uint32_t reasons) { return JoinReasons(reasons, ";", ReasonCode); }
std::string ReasonTexts(uint32_t reasons, bool english) {
  return JoinReasons(reasons, "; ", english ? ReasonTextEn : ReasonTextSv);
}

std::string ReasonTextsOfCodes(std::string_view codes, bool english) {
  std::string out;
  while (!codes.empty()) {
    const size_t end = codes.find(';');
    const std::string_view code = codes.substr(0, end);
    codes = end == std::string_view::npos ? std::string_view() : codes.substr(end + 1);
    if (code.empty()) continue;
    std::string_view text = code;
    for (int bit = 0; bit < kReasonCount; ++bit) {
      const auto reason = static_cast<Reason>(1u << bit);
      if (code == ReasonCode(reason)) text = english ? ReasonTextEn(reason) : ReasonTextSv(reason);
    }
    if (!out.empty()) out += "; ";
    out += text;
  }
  return out;
}

std::string PatientRef(const model::Extract& extract, size_t stay) {
  return fmt::format("{:016x}", extract.patients.pseudonym[extract.stays.patient[stay]]);
}

Result<Settlement> Settle(const model::Extract& extract, const config::Config& config,
                          const SettleRequest& request) {
  if (request.first_month > request.last_month) {
    return UsageError(fmt::format("the first month {} is after the last month {}",
                                  MonthLabel(request.first_month), MonthLabel(request.last_month)));
  }
  Settler settler(extract, config, request);
  return settler.Run();
}

Result<std::optional<Settlement>> SettleWholeMonths(const model::Extract& extract,
                                                    const config::Config& config) {
  const auto months = WholeMonthsInside(extract.manifest.coverage_from,
                                        extract.manifest.coverage_to);
  if (!months) return std::optional<Settlement>();
  NARA_ASSIGN_OR_RETURN(Settlement settled,
                        Settle(extract, config, {months->first, months->last,
                                                 /*require_prices=*/false}));
  return std::optional<Settlement>(std::move(settled));
}

}  // namespace nara::settlement
