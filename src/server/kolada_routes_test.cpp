// API tests of /api/kolada/v3/ (docs/kolada.md): the shape of each route, Kolada's paging, the
// KPI metadata, and the public's suppression (the same cells /api/indicators hides).
#include "server/api_server_test_fixture.hpp"

namespace nara::server {
namespace {

// The fixture's store plus a third, newest extract with yearly cells: region 23 and two
// municipalities, 2021 and 2022, readmission_30d (mapped to U00000) by sex, and home_visits
// (not mapped). Municipality 2361's 2022 cell has 3 readmissions: hidden from the public at 5.
class KoladaRoutesTest : public ApiServerTest {
 protected:
  void SetUp() override {
    ApiServerTest::SetUp();
    StopServer();
    {
      auto store = store::Store::Open((dir_ / "nara.db").string(), false);
      ASSERT_TRUE(store.ok());
      static const model::Extract kExtract = store::testing::MakeExtract();
      static const ingest::IngestReport kReport = store::testing::MakeReport();
      using indicators::Indicator;
      indicators::IndicatorTable table;
      auto add = [&](Indicator indicator, const char* period, const char* unit_type,
                     const char* unit, const char* sex, int64_t numerator, int64_t denominator) {
        table.rows.push_back({indicator, *ParsePeriod(period), unit_type, unit, sex, "all",
                              numerator, denominator, false});
      };
      for (const char* year : {"2021", "2022"}) {
        const bool y2022 = std::string(year) == "2022";
        add(Indicator::kHomeVisits, year, "region", "23", "all", 40, 40);
        add(Indicator::kReadmission30d, year, "region", "23", "all", 30, 200);
        add(Indicator::kReadmission30d, year, "region", "23", "M", 18, 110);
        add(Indicator::kReadmission30d, year, "region", "23", "F", 12, 90);
        add(Indicator::kReadmission30d, year, "county", "23", "all", 30, 200);
        add(Indicator::kReadmission30d, year, "municipality", "2361", "all", y2022 ? 3 : 9, 40);
        add(Indicator::kReadmission30d, year, "municipality", "2380", "all", 27, 160);
      }
      add(Indicator::kReadmission30d, "2022-03", "region", "23", "all", 5, 20);  // not a year
      indicators::Suppress(table.rows, 5);
      store::NewExtract record;
      record.info.checksum = "cccccccc33333333";
      record.info.config_hash = "c0ffee";
      record.info.region = "Region Test";
      record.info.county = "23";
      record.info.coverage_from = "2021-01-01";
      record.info.coverage_to = "2022-12-31";
      record.info.created = "2023-02-01T08:00";
      record.info.rows_read = 1000;
      record.info.public_min_count = 5;
      record.extract = &kExtract;
      record.report = &kReport;
      record.table = &table;
      ASSERT_TRUE((*store)->AddExtract(record).ok());
    }
    StartServer(-1, [](ServerOptions& options) {
      options.kolada_kpi = {{"readmission_30d", "U00000"}};
    });
  }
};

const Json* Gender(const Json& entry, const std::string& gender) {
  for (const auto& v : entry["values"]) {
    if (v["gender"] == gender) return &v;
  }
  return nullptr;
}

TEST_F(KoladaRoutesTest, YearAnswersRegionAndMunicipalitiesInKoladasShape) {
  ASSERT_TRUE(Login("anna", kPassword));
  const Json body = GetJson("/api/kolada/v3/data/kpi/U00000/year/2022");
  EXPECT_EQ(body["count"], 3);  // region 0023, municipalities 2361 and 2380; not the county
  ASSERT_EQ(body["values"].size(), 3u);
  EXPECT_TRUE(body["next_page"].is_null());
  EXPECT_TRUE(body["previous_page"].is_null());
  const Json& region = body["values"][0];
  EXPECT_EQ(region["kpi"], "U00000");
  EXPECT_EQ(region["municipality"], "0023");
  EXPECT_EQ(region["period"], 2022);
  ASSERT_EQ(region["values"].size(), 3u);
  ASSERT_NE(Gender(region, "T"), nullptr);
  EXPECT_DOUBLE_EQ((*Gender(region, "T"))["value"].get<double>(), 15.0);  // 100 * 30 / 200
  EXPECT_EQ((*Gender(region, "T"))["count"], 1);
  EXPECT_EQ((*Gender(region, "T"))["status"], "");
  EXPECT_NEAR((*Gender(region, "K"))["value"].get<double>(), 13.333, 1e-9);  // 100 * 12 / 90
  EXPECT_NEAR((*Gender(region, "M"))["value"].get<double>(), 16.364, 1e-9);  // 100 * 18 / 110
  // A region user sees the small cell.
  const Json& small = body["values"][1];
  EXPECT_EQ(small["municipality"], "2361");
  EXPECT_DOUBLE_EQ((*Gender(small, "T"))["value"].get<double>(), 7.5);
  // One municipality, several years.
  const Json one = GetJson("/api/kolada/v3/data/kpi/U00000/municipality/2380/year/2021,2022");
  ASSERT_EQ(one["count"], 2);
  EXPECT_EQ(one["values"][0]["period"], 2021);
  EXPECT_EQ(one["values"][1]["period"], 2022);
  EXPECT_EQ(one["values"][1]["municipality"], "2380");
  // The region by its Kolada id; an unmapped KPI and the nation have no values.
  EXPECT_EQ(GetJson("/api/kolada/v3/data/kpi/U00000/municipality/0023/year/2021")["count"], 1);
  EXPECT_EQ(GetJson("/api/kolada/v3/data/kpi/N99999/year/2022")["count"], 0);
  EXPECT_EQ(GetJson("/api/kolada/v3/data/kpi/U00000/municipality/0000/year/2022")["count"], 0);
  // Bad parameters are the API's usual errors.
  EXPECT_EQ(GetJson("/api/kolada/v3/data/kpi/U00000/year/22", 400)["code"], "bad_request");
  EXPECT_EQ(GetJson("/api/kolada/v3/data/kpi/U00000/municipality/23/year/2022", 400)["code"],
            "bad_request");
  EXPECT_EQ(GetJson("/api/kolada/v3/data/kpi/U00000/year/2022?per_page=5001", 400)["code"],
            "bad_request");
}

TEST_F(KoladaRoutesTest, PagingFollowsKoladasNextAndPreviousPage) {
  Json page = GetJson("/api/kolada/v3/data/kpi/U00000/year/2021,2022?per_page=2");
  EXPECT_EQ(page["count"], 6);
  ASSERT_EQ(page["values"].size(), 2u);
  EXPECT_TRUE(page["previous_page"].is_null());
  ASSERT_TRUE(page["next_page"].is_string());
  const std::string prefix = "http://127.0.0.1:" + std::to_string(port_);
  EXPECT_EQ(page["next_page"], prefix + "/api/kolada/v3/data/kpi/U00000/year/2021,2022?page=2"
                                        "&per_page=2");
  std::vector<std::string> seen;
  for (const auto& e : page["values"]) seen.push_back(e["municipality"].get<std::string>());
  // Follow next_page as a Kolada client does (the path of the absolute URL).
  while (page["next_page"].is_string()) {
    const std::string next = page["next_page"].get<std::string>().substr(prefix.size());
    page = GetJson(next);
    ASSERT_TRUE(page["previous_page"].is_string());
    for (const auto& e : page["values"]) seen.push_back(e["municipality"].get<std::string>());
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"0023", "2361", "2380", "0023", "2361", "2380"}));
  // Past the end: no values, a previous page, no next.
  const Json beyond = GetJson("/api/kolada/v3/data/kpi/U00000/year/2022?page=9&per_page=2");
  EXPECT_EQ(beyond["count"], 3);
  EXPECT_TRUE(beyond["values"].empty());
  EXPECT_TRUE(beyond["next_page"].is_null());
}

TEST_F(KoladaRoutesTest, ThePublicSeesSuppressedCellsAsNullWithAStatus) {
  const Json body = GetJson("/api/kolada/v3/data/kpi/U00000/municipality/2361/year/2021,2022");
  ASSERT_EQ(body["values"].size(), 2u);
  const Json& shown = *Gender(body["values"][0], "T");  // 2021: 9 readmissions
  EXPECT_DOUBLE_EQ(shown["value"].get<double>(), 22.5);
  const Json& hidden = *Gender(body["values"][1], "T");  // 2022: 3 readmissions
  EXPECT_TRUE(hidden["value"].is_null());
  EXPECT_EQ(hidden["status"], "suppressed");
  EXPECT_EQ(hidden["count"], 0);
  // The same cell as /api/indicators hides it.
  const Json rows =
      GetJson("/api/indicators?indicator=readmission_30d&period=2022&unit=2361&sex=all");
  ASSERT_EQ(rows["rows"].size(), 1u);
  EXPECT_TRUE(rows["rows"][0]["suppressed"].get<bool>());
}

TEST_F(KoladaRoutesTest, KpiMetadataOfTheMappedIndicators) {
  const Json body = GetJson("/api/kolada/v3/kpi");
  ASSERT_EQ(body["count"], 1);
  const Json& kpi = body["values"][0];
  EXPECT_EQ(kpi["id"], "U00000");
  EXPECT_TRUE(kpi["title"].is_string());
  EXPECT_TRUE(kpi["description"].is_string());
  EXPECT_EQ(kpi["is_divided_by_gender"], true);
  EXPECT_EQ(GetJson("/api/kolada/v3/kpi?id=U00000")["count"], 1);
  EXPECT_EQ(GetJson("/api/kolada/v3/kpi?id=N00001")["count"], 0);
}

}  // namespace
}  // namespace nara::server
