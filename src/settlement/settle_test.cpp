// The settlement rules on small in-memory extracts: what the golden cases (tests/golden/
// settlement/) do not reach: ready-period edge cases, clipping to the requested months, dates
// before the first agreement, and unpriced years when prices are not required.
#include "settlement/settle.hpp"

#include <gtest/gtest.h>

#include "base/period.hpp"
#include "settlement/ready_periods.hpp"

namespace nara::settlement {
namespace {

using model::EventKind;

DateTime At(const char* text) { return ParseDateTime(text)->at; }

// Builds an extract of one stay per patient (or another stay of the last patient, with
// `same_patient`), in the order added.
class ExtractBuilder {
 public:
  ExtractBuilder(const char* from, const char* to) {
    x_.manifest.coverage_from = *ParseDate(from);
    x_.manifest.coverage_to = *ParseDate(to);
    x_.municipalities = {{"0880", "Kalmar", "08", ""}, {"0881", "Nybro", "08", ""}};
  }
  ExtractBuilder& Stay(const char* id, const char* admitted, const char* discharged,
                       std::vector<std::pair<EventKind, const char*>> events,
                       model::CareType care_type = model::CareType::kSomatic,
                       bool same_patient = false) {
    model::Stays& s = x_.stays;
    if (!same_patient || x_.patients.size() == 0) {
      const auto added = static_cast<uint32_t>(x_.patients.size());
      x_.patients.pseudonym.push_back(0x1000 + added);
      x_.patients.sex.push_back(model::Sex::kFemale);
      x_.patients.birth_date.push_back(kNoDate);
    }
    const auto patient = static_cast<uint32_t>(x_.patients.size() - 1);
    s.patient.push_back(patient);
    s.episode_id.push_back(x_.episode_ids.Intern(id));
    s.admitted_at.push_back(At(admitted));
    s.discharged_at.push_back(*discharged ? At(discharged) : kNoDateTime);
    s.municipality.push_back(0);
    s.care_type.push_back(care_type);
    s.event_begin.push_back(static_cast<uint32_t>(x_.events.size()));
    for (const auto& [kind, at] : events) {
      x_.events.stay.push_back(static_cast<uint32_t>(s.patient.size() - 1));
      x_.events.at.push_back(At(at));
      x_.events.kind.push_back(kind);
      x_.events.line.push_back(0);
    }
    return *this;
  }
  const model::Extract& Build() {
    x_.stays.event_begin.push_back(static_cast<uint32_t>(x_.events.size()));
    return x_;
  }

 private:
  model::Extract x_;
};

TEST(ReadyPeriodsTest, RevocationAfterDischargeStrayRevocationDuplicateAndOpenStay) {
  ExtractBuilder builder("2019-01-01", "2019-12-31");
  builder
      .Stay("A", "2019-03-01 08:00", "2019-03-10 10:00",
            {{EventKind::kReadyRevoked, "2019-03-02 08:00"},
             {EventKind::kReadyNotice, "2019-03-03 08:00"},
             {EventKind::kReadyNotice, "2019-03-04 08:00"},
             {EventKind::kReadyRevoked, "2019-03-12 08:00"}})
      .Stay("B", "2019-03-01 08:00", "", {{EventKind::kReadyNotice, "2019-03-05 13:00"}});
  const model::Extract& x = builder.Build();
  std::vector<ReadyPeriod> periods;
  ReadyPeriodCounters counters;
  ReadyPeriodsOf(x, 0, periods, counters);
  ASSERT_EQ(periods.size(), 1u);
  EXPECT_EQ(periods[0].end, *ParseDate("2019-03-10"));  // the revocation came after discharge
  EXPECT_FALSE(periods[0].revoked);
  EXPECT_EQ(periods[0].ready_days(), 7);
  EXPECT_EQ(counters.duplicate_ready_notices, 1);
  EXPECT_EQ(counters.stray_revocations, 1);
  ReadyPeriodsOf(x, 1, periods, counters);
  ASSERT_EQ(periods.size(), 1u);
  EXPECT_TRUE(periods[0].open());
}

TEST(SettleTest, OnlyTheRequestedMonthsAreSettledAndAnOpenStayRunsToCoverageEnd) {
  ExtractBuilder builder("2019-01-01", "2019-04-30");
  builder.Stay("A", "2019-03-01 08:00", "",
               {{EventKind::kAdmissionNotice, "2019-03-01 09:00"},
                {EventKind::kReadyNotice, "2019-03-20 10:00"}});
  const model::Extract& x = builder.Build();
  auto april = Settle(x, config::DefaultConfig(), {MonthIndex(2019, 4), MonthIndex(2019, 4)});
  ASSERT_TRUE(april.ok()) << april.status().message();
  ASSERT_EQ(april->basis.size(), 1u);
  EXPECT_EQ(april->basis[0].month, MonthIndex(2019, 4));
  EXPECT_EQ(april->basis[0].ready_days, 30);
  EXPECT_EQ(april->basis[0].liable_days, 30);
  EXPECT_EQ(april->basis[0].amount, 30 * 7800);
  EXPECT_EQ(april->basis[0].reasons, 0u);
  auto both = Settle(x, config::DefaultConfig(), {MonthIndex(2019, 3), MonthIndex(2019, 4)});
  ASSERT_TRUE(both.ok());
  ASSERT_EQ(both->summary.size(), 2u);
  EXPECT_EQ(both->summary[0].ready_days, 12);  // 03-20 .. 03-31
  EXPECT_EQ(both->summary[0].liable_days, 9);  // 03-23 .. 03-31
}

TEST(SettleTest, DatesBeforeTheFirstAgreementAreNotLiable) {
  config::Config config = config::DefaultConfig();
  config.agreements[0].valid_from = *ParseDate("2019-03-10");
  ExtractBuilder builder("2019-01-01", "2019-12-31");
  builder.Stay("A", "2019-03-01 08:00", "2019-03-12 10:00",
               {{EventKind::kAdmissionNotice, "2019-03-01 09:00"},
                {EventKind::kReadyNotice, "2019-03-02 10:00"}});
  auto result = Settle(builder.Build(), config, {MonthIndex(2019, 3), MonthIndex(2019, 3)});
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->basis.size(), 1u);
  EXPECT_EQ(result->basis[0].ready_days, 10);
  EXPECT_EQ(result->basis[0].liable_days, 2);  // 03-10, 03-11
  EXPECT_EQ(result->basis[0].reasons, static_cast<uint32_t>(kNoAgreement));
}

TEST(SettleTest, UnpricedYearsAreListedWhenPricesAreNotRequired) {
  ExtractBuilder builder("2021-01-01", "2021-12-31");
  builder.Stay("A", "2021-03-01 08:00", "2021-03-12 10:00",
               {{EventKind::kAdmissionNotice, "2021-03-01 09:00"},
                {EventKind::kReadyNotice, "2021-03-02 10:00"}});
  const model::Extract& x = builder.Build();
  const SettleRequest strict{MonthIndex(2021, 3), MonthIndex(2021, 3)};
  auto refused = Settle(x, config::DefaultConfig(), strict);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(refused.status().message(),
            "(defaults): no price per liable day for 2021 (a liable date 2021-03-05 needs it): "
            "add 2021 = <kronor> under [settlement.price_per_day]");
  auto lenient = Settle(x, config::DefaultConfig(), {strict.first_month, strict.last_month, false});
  ASSERT_TRUE(lenient.ok());
  EXPECT_EQ(lenient->basis[0].liable_days, 7);
  // The amount is missing with its reason, never priced 0 kr.
  EXPECT_TRUE(lenient->basis[0].amount_missing());
  EXPECT_EQ(lenient->basis[0].missing_price_year, 2021);
  EXPECT_EQ(ReasonCodes(lenient->basis[0].reasons), "grace_days;no_price");
  ASSERT_EQ(lenient->summary.size(), 1u);
  EXPECT_TRUE(lenient->summary[0].amount_missing());
  EXPECT_EQ(lenient->summary[0].missing_price_year, 2021);
  EXPECT_EQ(lenient->missing_price_years, std::set<int>{2021});
}

TEST(SettleTest, APricedYearBesideAnUnpricedOneKeepsItsAmount) {
  ExtractBuilder builder("2021-12-01", "2022-01-31");
  builder.Stay("A", "2021-12-20 08:00", "2022-01-10 10:00",
               {{EventKind::kAdmissionNotice, "2021-12-20 09:00"},
                {EventKind::kReadyNotice, "2021-12-21 10:00"}});
  auto result = Settle(builder.Build(), config::DefaultConfig(),
                       {MonthIndex(2021, 12), MonthIndex(2022, 1), false});
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->summary.size(), 2u);
  EXPECT_EQ(result->summary[0].missing_price_year, 2021);  // December 2021: no price
  EXPECT_FALSE(result->summary[1].amount_missing());       // January 2022: 9 x 9 300 kr
  EXPECT_EQ(result->summary[1].amount, 9 * 9300);
  EXPECT_EQ(ReasonCodes(result->basis[1].reasons), "");
}

// One day, paid once (docs/settlement.md): under the average model a date of overlapping stays
// of one patient is a candidate once; another patient's same dates are their own.
TEST(SettleTest, UnderTheAverageModelADateIsACandidateOncePerPatient) {
  config::Config config = config::DefaultConfig();
  config.agreements[0].model = config::SettlementModel::kAverage;
  config.agreements[0].average_threshold_days = 0;
  config.agreements[0].admission_notice_within_hours = 0;
  ExtractBuilder builder("2019-01-01", "2019-12-31");
  builder
      .Stay("A1", "2019-03-01 08:00", "2019-03-10 10:00",
            {{EventKind::kReadyNotice, "2019-03-02 10:00"}})
      .Stay("A2", "2019-03-05 08:00", "2019-03-15 10:00",
            {{EventKind::kReadyNotice, "2019-03-06 10:00"}}, model::CareType::kSomatic,
            /*same_patient=*/true)
      .Stay("B1", "2019-03-05 08:00", "2019-03-15 10:00",
            {{EventKind::kReadyNotice, "2019-03-06 10:00"}});
  auto result = Settle(builder.Build(), config, {MonthIndex(2019, 3), MonthIndex(2019, 3)});
  ASSERT_TRUE(result.ok()) << result.status().message();
  ASSERT_EQ(result->basis.size(), 3u);
  int64_t liable_a = 0, ready_a = 0;
  for (const BasisRow& row : result->basis) {
    if (row.stay == 2) {  // B1: 03-06 .. 03-14, every one billed
      EXPECT_EQ(row.liable_days, 9);
      continue;
    }
    liable_a += row.liable_days;
    ready_a += row.ready_days;
    if (row.stay == 1) {  // A2: 03-06 .. 03-09 are A1's
      EXPECT_EQ(row.liable_days, 5);
      EXPECT_EQ(ReasonCodes(row.reasons), "liable_in_other_stay");
    }
  }
  EXPECT_EQ(ready_a, 8 + 9);    // each stay's own ready days
  EXPECT_EQ(liable_a, 8 + 5);   // 03-02 .. 03-14, each date once
  ASSERT_EQ(result->summary.size(), 1u);
  EXPECT_EQ(result->summary[0].liable_days, 8 + 5 + 9);
}

}  // namespace
}  // namespace nara::settlement
