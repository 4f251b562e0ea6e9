// Tests of nara.toml: defaults of the law, every setting, and exact errors.
#include "config/config.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace nara::config {
namespace {

using ::testing::HasSubstr;

TEST(ConfigTest, DefaultsFollowTheLaw) {
  const Config config = DefaultConfig();
  ASSERT_EQ(config.agreements.size(), 1u);
  const Agreement& law = config.agreements[0];
  EXPECT_EQ(law.grace_days, 3);
  EXPECT_TRUE(law.noon_rule);
  EXPECT_FALSE(law.bill_discharge_day);
  EXPECT_EQ(law.admission_notice_within_hours, 24);
  EXPECT_EQ(config.price_per_day.at(2019), 7800);
  EXPECT_EQ(config.price_per_day.at(2022), 9300);
  EXPECT_EQ(config.price_per_day.count(2021), 0u);
  EXPECT_EQ(config.readmission.window_days, 30);
  EXPECT_EQ(config.readmission.care_types, std::vector<model::CareType>{model::CareType::kSomatic});
}

TEST(ConfigTest, ReadsAgreementsVersionedByDate) {
  auto config = ParseConfig(R"(
[[settlement.agreement]]
valid_from = 2021-01-01
grace_days = 2
care_types = ["somatic"]
model = "average"
average_threshold_days = 0.8
[[settlement.agreement]]
valid_from = 2018-01-01
[settlement.price_per_day]
2021 = 8500
[suppression]
min_count = 5
[readmission]
care_types = ["somatic", "psychiatric"]
)",
                            "nara.toml");
  ASSERT_TRUE(config.ok()) << config.status().message();
  ASSERT_EQ(config->agreements.size(), 2u);
  EXPECT_EQ(config->agreements[0].valid_from, DaysFromCivil(2018, 1, 1));
  EXPECT_EQ(config->AgreementOn(DaysFromCivil(2020, 12, 31))->grace_days, 3);
  const Agreement* newer = config->AgreementOn(DaysFromCivil(2021, 1, 1));
  EXPECT_EQ(newer->grace_days, 2);
  EXPECT_EQ(newer->model, SettlementModel::kAverage);
  EXPECT_DOUBLE_EQ(newer->average_threshold_days, 0.8);
  EXPECT_EQ(config->AgreementOn(DaysFromCivil(2017, 12, 31)), nullptr);
  EXPECT_EQ(config->price_per_day.size(), 1u);  // a price table replaces the defaults
  EXPECT_EQ(config->suppression_min_count, 5);
  EXPECT_EQ(config->readmission.care_types.size(), 2u);
}

// Psychiatric care's own agreement chain beside the general one (issue 16).
TEST(ConfigTest, ACareTypesOwnAgreementAppliesToItsStaysOnly) {
  auto config = ParseConfig(R"(
[[settlement.agreement]]
valid_from = 2018-01-01
[[settlement.agreement]]
valid_from = 2020-01-01
grace_days = 1
[[settlement.agreement]]
valid_from = 2019-01-01
care_type = "psychiatric"
grace_days = 14
model = "average"
average_threshold_days = 0.8
average_period = "quarter"
)",
                            "nara.toml");
  ASSERT_TRUE(config.ok()) << config.status().message();
  using model::CareType;
  const Date in_2018 = DaysFromCivil(2018, 6, 1), in_2021 = DaysFromCivil(2021, 6, 1);
  EXPECT_EQ(config->AgreementOn(in_2018, CareType::kPsychiatric)->grace_days, 3);  // not yet
  const Agreement* psychiatric = config->AgreementOn(in_2021, CareType::kPsychiatric);
  EXPECT_EQ(psychiatric->grace_days, 14);  // the newer general agreement does not replace it
  EXPECT_EQ(psychiatric->average_period, AveragePeriod::kQuarter);
  EXPECT_EQ(psychiatric->care_types, std::vector<CareType>{CareType::kPsychiatric});
  EXPECT_EQ(config->AgreementOn(in_2021, CareType::kSomatic)->grace_days, 1);
  EXPECT_EQ(config->AgreementOn(in_2021)->grace_days, 1);  // the general chain only

  auto both = ParseConfig(
      "[[settlement.agreement]]\nvalid_from = 2018-01-01\ncare_type = \"psychiatric\"\n"
      "care_types = [\"psychiatric\"]\n",
      "nara.toml");
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.status().message(),
            "nara.toml:3: settlement.agreement[1].care_type: give care_type (this care type's own "
            "agreement) or care_types, not both (got \"psychiatric\")");
  auto twice = ParseConfig(
      "[[settlement.agreement]]\nvalid_from = 2018-01-01\ncare_type = \"psychiatric\"\n"
      "[[settlement.agreement]]\nvalid_from = 2018-01-01\ncare_type = \"psychiatric\"\n",
      "nara.toml");
  ASSERT_FALSE(twice.ok());
  EXPECT_THAT(twice.status().message(),
              HasSubstr("two psychiatric agreements valid from 2018-01-01"));
  auto period =
      ParseConfig("[[settlement.agreement]]\nvalid_from = 2018-01-01\naverage_period = \"year\"\n",
                  "nara.toml");
  ASSERT_FALSE(period.ok());
  EXPECT_THAT(period.status().message(),
              HasSubstr("average_period: expected \"month\" or \"quarter\""));
}

TEST(ConfigTest, ErrorsNameTheSettingAndWhatIsExpected) {
  auto typo = ParseConfig("[readmission]\nwindow_dayz = 30\n", "nara.toml");
  ASSERT_FALSE(typo.ok());
  EXPECT_EQ(typo.status().code(), StatusCode::kUsage);
  EXPECT_THAT(typo.status().message(),
              HasSubstr("nara.toml:2: readmission.window_dayz: unknown setting (known: "));
  auto window = ParseConfig("[readmission]\nwindow_days = 0\n", "nara.toml");
  ASSERT_FALSE(window.ok());
  EXPECT_EQ(window.status().message(),
            "nara.toml:2: readmission.window_days: expected a whole number 1-365 (got 0)");
  auto price = ParseConfig("[settlement.price_per_day]\ntjugo = 5\n", "nara.toml");
  ASSERT_FALSE(price.ok());
  EXPECT_THAT(price.status().message(), HasSubstr("settlement.price_per_day.tjugo"));
  auto syntax = ParseConfig("[readmission\n", "nara.toml");
  ASSERT_FALSE(syntax.ok());
  EXPECT_THAT(syntax.status().message(), HasSubstr("nara.toml:1:"));
  auto duplicate = ParseConfig(
      "[[settlement.agreement]]\nvalid_from = 2019-01-01\n[[settlement.agreement]]\n"
      "valid_from = 2019-01-01\n",
      "nara.toml");
  ASSERT_FALSE(duplicate.ok());
  EXPECT_THAT(duplicate.status().message(), HasSubstr("two agreements valid from 2019-01-01"));
  auto care = ParseConfig("[readmission]\ncare_types = [\"dental\"]\n", "nara.toml");
  ASSERT_FALSE(care.ok());
  EXPECT_THAT(care.status().message(), HasSubstr("\"somatic\" or \"psychiatric\""));
}

TEST(ConfigTest, AnAgreementMayHaveItsOwnPricePerDay) {
  auto config = ParseConfig(R"(
[[settlement.agreement]]
valid_from = 2023-07-01
price_per_day = { 2023 = 10000 }
)",
                            "nara.toml");
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->agreements[0].price_per_day.at(2023), 10000);
  EXPECT_EQ(config->price_per_day.at(2022), 9300);  // the national amounts stay
  auto bad = ParseConfig(R"(
[[settlement.agreement]]
valid_from = 2023-07-01
price_per_day = { 2023 = "tiotusen" }
)",
                         "nara.toml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "nara.toml:4: settlement.agreement[1].price_per_day.2023: expected a year such as "
            "2022 = 9300 (whole kronor) (got \"tiotusen\")");
}

TEST(ConfigTest, AMisspeltOrBadKeyNamesFileLineAndFullPath) {
  auto bad = ParseConfig(R"(# a region's settings
[[settlement.agreement]]
valid_from = 2019-01-01

[[settlement.agreement]]
valid_from = 2020-01-01
grace_days = "tre"
)",
                         "nara.toml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kUsage);
  EXPECT_EQ(bad.status().message(),
            "nara.toml:7: settlement.agreement[2].grace_days: expected a whole number 0-365 "
            "(got \"tre\")");
  auto misspelt = ParseConfig("[[settlement.agreement]]\nvalid_from = 2019-01-01\n"
                              "grace_dayz = 3\n",
                              "nara.toml");
  ASSERT_FALSE(misspelt.ok());
  EXPECT_THAT(misspelt.status().message(),
              HasSubstr("nara.toml:3: settlement.agreement[1].grace_dayz: unknown setting"));
  auto section = ParseConfig("\n[suppresion]\nmin_count = 5\n", "nara.toml");
  ASSERT_FALSE(section.ok());
  EXPECT_THAT(section.status().message(), HasSubstr("nara.toml:2: suppresion: unknown setting"));
}

TEST(ConfigTest, ReadsTheKoladaMapping) {
  auto config = ParseConfig(R"(
[kolada.kpi]
readmission_30d_65plus = "U00000"
ready_days_mean_somatic = "U00001"
)",
                            "nara.toml");
  ASSERT_TRUE(config.ok()) << config.status().message();
  ASSERT_EQ(config->kolada_kpi.size(), 2u);
  EXPECT_EQ(config->kolada_kpi[0].indicator, "readmission_30d_65plus");
  EXPECT_EQ(config->kolada_kpi[0].kpi, "U00000");
  EXPECT_EQ(config->kolada_kpi[0].line, 3);
  EXPECT_EQ(config->kolada_kpi[1].kpi, "U00001");
  EXPECT_TRUE(DefaultConfig().kolada_kpi.empty());
}

TEST(ConfigTest, RejectsABadKpiIdWithFileLineAndKey) {
  auto bad = ParseConfig("[kolada.kpi]\nreadmission_30d = \"N7404\"\n", "nara.toml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kUsage);
  EXPECT_THAT(bad.status().message(), HasSubstr("nara.toml:2: kolada.kpi.readmission_30d"));
  EXPECT_THAT(bad.status().message(), HasSubstr("N07404"));
  auto twice = ParseConfig("[kolada.kpi]\na = \"N07404\"\nb = \"N07404\"\n", "nara.toml");
  ASSERT_FALSE(twice.ok());
  EXPECT_THAT(twice.status().message(), HasSubstr("already the id of a"));
  auto unknown = ParseConfig("[kolada]\nkpis = 1\n", "nara.toml");
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(unknown.status().message(), HasSubstr("kolada.kpis: unknown setting"));
}

// [settlement] basis_stay_id (docs/settlement.md): off by default, a boolean when given.
TEST(ConfigTest, BasisStayIdIsOffUnlessTheRegionSaysSo) {
  EXPECT_FALSE(DefaultConfig().basis_stay_id);
  auto on = ParseConfig("[settlement]\nbasis_stay_id = true\n", "nara.toml");
  ASSERT_TRUE(on.ok()) << on.status().message();
  EXPECT_TRUE(on->basis_stay_id);
  auto bad = ParseConfig("[settlement]\nbasis_stay_id = \"ja\"\n", "nara.toml");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(),
              HasSubstr("nara.toml:2: settlement.basis_stay_id: expected true or false"));
}

}  // namespace
}  // namespace nara::config
