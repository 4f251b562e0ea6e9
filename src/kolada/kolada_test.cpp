// Tests of the Kolada shape: reading and writing JSON and CSV, the round trip, the export of the
// indicator table (units, genders, years, suppression) and the KPI metadata.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "kolada/kolada_export.hpp"
#include "kolada/kolada_values.hpp"

namespace nara::kolada {
namespace {

using ::testing::HasSubstr;

// A real-looking answer of Kolada's v2 API (hand-written; the member set of
// api.kolada.se/v2/data/kpi/N07404/year/2022), with a paging member Nära ignores.
constexpr const char* kAnswer = R"({
  "count": 2,
  "values": [
    {"kpi": "N07404", "municipality": "0000", "period": 2022,
     "values": [{"gender": "K", "count": 1, "status": "", "value": 11.5},
                {"gender": "M", "count": 1, "status": "", "value": 13.1},
                {"gender": "T", "count": 1, "status": "", "value": 12.3}]},
    {"kpi": "N07404", "municipality": "0023", "period": "2021",
     "values": [{"gender": "T", "count": 0, "status": "Missing", "value": null}]}
  ],
  "next_page": null
})";

TEST(KoladaValuesTest, ReadsAKoladaAnswer) {
  auto set = ParseValuesJson(kAnswer, "riket.json");
  ASSERT_TRUE(set.ok()) << set.status().message();
  ASSERT_EQ(set->values.size(), 4u);
  const Value& women = set->values[0];
  EXPECT_EQ(women.kpi, "N07404");
  EXPECT_EQ(women.municipality, "0000");
  EXPECT_EQ(women.period, 2022);
  EXPECT_EQ(women.gender, "K");
  EXPECT_EQ(women.count, 1);
  EXPECT_DOUBLE_EQ(*women.value, 11.5);
  const Value* total = set->Find("N07404", kNation, 2022);
  ASSERT_NE(total, nullptr);
  EXPECT_DOUBLE_EQ(*total->value, 12.3);
  EXPECT_EQ(set->values[3].period, 2021);  // a period given as text
  EXPECT_FALSE(set->values[3].value.has_value());
  EXPECT_EQ(set->values[3].status, "Missing");
  EXPECT_EQ(set->Find("N07404", "0023", 2021), nullptr);  // null is no value
  EXPECT_EQ(set->NewestYearUpTo("N07404", kNation, 2024), 2022);
  EXPECT_EQ(set->NewestYearUpTo("N07404", kNation, 2021), std::nullopt);
}

TEST(KoladaValuesTest, JsonErrorsNameTheMember) {
  auto bad_gender = ParseValuesJson(
      R"({"values":[{"kpi":"N1","municipality":"0000","period":2022,"values":[{"gender":"X"}]}]})",
      "f.json");
  ASSERT_FALSE(bad_gender.ok());
  EXPECT_EQ(bad_gender.status().code(), StatusCode::kInvalidInput);
  EXPECT_THAT(bad_gender.status().message(), HasSubstr("f.json: values[0].values[0].gender"));
  auto bad_unit = ParseValuesJson(
      R"({"values":[{"kpi":"N1","municipality":"23","period":2022,"values":[]}]})", "f.json");
  ASSERT_FALSE(bad_unit.ok());
  EXPECT_THAT(bad_unit.status().message(), HasSubstr("values[0].municipality"));
  auto bad_value = ParseValuesJson(
      R"({"values":[{"kpi":"N1","municipality":"0000","period":2022,
          "values":[{"gender":"T","value":"12"}]}]})",
      "f.json");
  ASSERT_FALSE(bad_value.ok());
  EXPECT_THAT(bad_value.status().message(), HasSubstr("values[0].values[0].value"));
  EXPECT_FALSE(ParseValuesJson("[1,2]", "f.json").ok());
  EXPECT_FALSE(ParseValuesJson("{", "f.json").ok());
}

TEST(KoladaValuesTest, ReadsTheCsvFormWithSemicolonsAndDecimalCommas) {
  auto set = ParseValuesCsv(
      "municipality;kpi;period;gender;value\n0000;U00000;2021;T;17,4\n0000;U00000;2022;T;\n",
      "riket.csv");
  ASSERT_TRUE(set.ok()) << set.status().message();
  ASSERT_EQ(set->values.size(), 2u);
  EXPECT_DOUBLE_EQ(*set->values[0].value, 17.4);
  EXPECT_FALSE(set->values[1].value.has_value());
  auto bad = ParseValuesCsv("kpi,municipality,period,gender,value\nU1,0000,22,T,1\n", "r.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("r.csv:2:3: [bad_period] period"));
  auto missing = ParseValuesCsv("kpi,period,gender,value\n", "r.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), HasSubstr("[missing_column]"));
}

TEST(KoladaValuesTest, JsonAndCsvRoundTrip) {
  auto set = ParseValuesJson(kAnswer, "riket.json");
  ASSERT_TRUE(set.ok());
  for (const bool json : {true, false}) {
    const std::string text = json ? ValuesJson(set->values) : ValuesCsv(set->values);
    auto again = json ? ParseValuesJson(text, "again") : ParseValuesCsv(text, "again");
    ASSERT_TRUE(again.ok()) << again.status().message();
    ASSERT_EQ(again->values.size(), set->values.size());
    for (size_t i = 0; i < set->values.size(); ++i) {
      const Value& a = set->values[i];
      const Value& b = again->values[i];
      EXPECT_EQ(a.kpi, b.kpi);
      EXPECT_EQ(a.municipality, b.municipality);
      EXPECT_EQ(a.period, b.period);
      EXPECT_EQ(a.gender, b.gender);
      EXPECT_EQ(a.status, b.status);
      EXPECT_EQ(a.value, b.value);
      if (json) EXPECT_EQ(a.count, b.count);
    }
  }
  // One entry per kpi, unit and year, its genders inside.
  const auto doc = nlohmann::json::parse(ValuesJson(set->values));
  EXPECT_EQ(doc["count"], 2);
  EXPECT_EQ(doc["values"][0]["values"].size(), 3u);
  EXPECT_TRUE(doc["values"][0]["period"].is_number_integer());
  EXPECT_TRUE(doc["values"][1]["values"][0]["value"].is_null());
}

indicators::Row YearRow(indicators::Indicator indicator, const char* unit_type, const char* unit,
                        const char* sex, int64_t numerator, int64_t denominator) {
  return indicators::Row{indicator, *ParsePeriod("2022"), unit_type, unit, sex, "all",
                         numerator, denominator, false};
}

TEST(KoladaExportTest, ExportsYearlyRegionAndMunicipalityCellsOfMappedIndicators) {
  using indicators::Indicator;
  indicators::IndicatorTable table;
  table.rows.push_back(YearRow(Indicator::kReadmission30d, "region", "23", "all", 1, 3));
  table.rows.push_back(YearRow(Indicator::kReadmission30d, "region", "23", "F", 1, 8));
  table.rows.push_back(YearRow(Indicator::kReadmission30d, "municipality", "2380", "M", 2, 4));
  table.rows.push_back(YearRow(Indicator::kReadmission30d, "county", "23", "all", 1, 3));
  table.rows.push_back(YearRow(Indicator::kReadmission30d, "hospital", "SE1", "all", 1, 3));
  auto hidden = YearRow(Indicator::kReadmission30d, "municipality", "2309", "all", 1, 2);
  hidden.suppressed = true;
  table.rows.push_back(hidden);
  auto month = YearRow(Indicator::kReadmission30d, "region", "23", "all", 1, 3);
  month.period = *ParsePeriod("2022-03");
  table.rows.push_back(month);
  auto aged = YearRow(Indicator::kReadmission30d, "region", "23", "all", 1, 3);
  aged.age_group = "80+";
  table.rows.push_back(aged);
  table.rows.push_back(YearRow(Indicator::kLiableDays, "region", "23", "all", 40, 2));

  const KpiMap kpis = {{"readmission_30d", "U00000"}};
  const Export out = ExportTable(table, kpis);
  ASSERT_EQ(out.values.size(), 4u);
  EXPECT_EQ(out.values[0].municipality, "0023");
  EXPECT_EQ(out.values[0].kpi, "U00000");
  EXPECT_EQ(out.values[0].period, 2022);
  EXPECT_EQ(out.values[0].gender, "T");
  EXPECT_DOUBLE_EQ(*out.values[0].value, 33.333);  // 100 * 1 / 3, three decimals
  EXPECT_EQ(out.values[0].count, 1);
  EXPECT_EQ(out.values[0].status, "");
  EXPECT_EQ(out.values[1].gender, "K");
  EXPECT_DOUBLE_EQ(*out.values[1].value, 12.5);
  EXPECT_EQ(out.values[2].municipality, "2380");
  EXPECT_EQ(out.values[2].gender, "M");
  EXPECT_EQ(out.values[3].municipality, "2309");
  EXPECT_FALSE(out.values[3].value.has_value());
  EXPECT_EQ(out.values[3].status, "suppressed");
  EXPECT_EQ(out.values[3].count, 0);
  EXPECT_EQ(out.unmapped, std::vector<std::string>{"liable_days"});
}

TEST(KoladaExportTest, UnitIdsAndGenders) {
  EXPECT_EQ(UnitIdOf("region", "23"), "0023");
  EXPECT_EQ(UnitIdOf("region", "01"), "0001");
  EXPECT_EQ(UnitIdOf("municipality", "0180"), "0180");
  EXPECT_EQ(UnitIdOf("area", "23A"), "");
  EXPECT_EQ(GenderOf("all"), "T");
  EXPECT_EQ(GenderOf("F"), "K");
  EXPECT_EQ(GenderOf("M"), "M");
}

TEST(KoladaExportTest, KpiMetadataFromTheCatalogue) {
  const auto doc = nlohmann::json::parse(KpiMetadataJson({{"readmission_30d", "U00000"}}));
  ASSERT_EQ(doc["count"], 1);
  const auto& kpi = doc["values"][0];
  EXPECT_EQ(kpi["id"], "U00000");
  EXPECT_EQ(kpi["title"], std::string(indicators::Info(indicators::Indicator::kReadmission30d).name_sv));
  EXPECT_THAT(kpi["description"].get<std::string>(), HasSubstr("Andel i procent"));
  EXPECT_EQ(kpi["is_divided_by_gender"], true);
  EXPECT_EQ(kpi["nara_indicator"], "readmission_30d");
}

TEST(KoladaExportTest, MappingNamesTheLineOfAnUnknownIndicator) {
  config::Config config = config::DefaultConfig();
  config.source = "nara.toml";
  config.kolada_kpi = {{"readmission_30d", "U00000", 3}, {"readmision", "U00001", 4}};
  auto map = CheckMapping(config);
  ASSERT_FALSE(map.ok());
  EXPECT_EQ(map.status().code(), StatusCode::kUsage);
  EXPECT_THAT(map.status().message(), HasSubstr("nara.toml:4: kolada.kpi.readmision: unknown"));
  config.kolada_kpi.pop_back();
  ASSERT_TRUE(CheckMapping(config).ok());
  EXPECT_EQ(CheckMapping(config)->at("readmission_30d"), "U00000");
}

}  // namespace
}  // namespace nara::kolada
