// The JSON API on a real server over loopback: every path, every role boundary.
#include "server/api_server_test_fixture.hpp"

namespace nara::server {
namespace {

TEST_F(ApiServerTest, AMissingUsersFileOrStoreIsAnError) {
  ServerOptions options;
  options.store_path = (dir_ / "nara.db").string();
  options.users_path = (dir_ / "usres.json").string();
  auto server = ApiServer::Create(options);
  ASSERT_FALSE(server.ok());
  EXPECT_THAT(server.status().message(), HasSubstr("no such users file"));
  options.store_path = (dir_ / "missing.db").string();
  options.users_path.clear();
  EXPECT_THAT(ApiServer::Create(options).status().message(), HasSubstr("no such store"));
}

TEST_F(ApiServerTest, MeIsNullForThePublicAndEveryResponseHasTheDataVersion) {
  const Json me = GetJson("/api/me");
  EXPECT_TRUE(me["user"].is_null());
  EXPECT_EQ(me["data_version"], "e2-bbbbbbbb/defs-1");
}

TEST_F(ApiServerTest, ExtractsNewestFirstWithEveryField) {
  const Json body = GetJson("/api/extracts");
  ASSERT_EQ(body["extracts"].size(), 2u);
  const Json& newest = body["extracts"][0];
  EXPECT_EQ(newest["id"], 2);
  EXPECT_EQ(newest["checksum"], "bbbbbbbb22222222");
  for (const char* key : {"region", "coverage_from", "coverage_to", "created", "ingested_at",
                          "config_hash", "definitions_version", "rows_read", "rows_rejected"}) {
    EXPECT_TRUE(newest.contains(key)) << key;
  }
  EXPECT_EQ(newest["rows_rejected"], 2);
}

TEST_F(ApiServerTest, CatalogListsIndicatorsPeriodsAndUnits) {
  const Json body = GetJson("/api/catalog?extract=1");
  ASSERT_EQ(body["indicators"].size(), indicators::kIndicatorCount);
  EXPECT_EQ(body["indicators"][0]["id"], "admission_notice_24h_share");
  EXPECT_EQ(body["indicators"][0]["kind"], "share");
  EXPECT_EQ(body["indicators"][0]["name_sv"], "Inskrivningsmeddelande inom 24 timmar");
  EXPECT_EQ(body["period_types"].size(), 6u);
  EXPECT_EQ(body["periods"]["month"], Json::array({"2022-01"}));
  EXPECT_EQ(body["periods"]["quarter"], Json::array({"2022-Q1"}));
  EXPECT_TRUE(body["periods"]["rolling_12"].empty());
  ASSERT_EQ(body["units"].size(), 3u);
  EXPECT_EQ(body["units"][2],
            Json({{"unit_type", "municipality"}, {"unit", "2380"}, {"name", "Östersund"}}));
  EXPECT_EQ(body["sexes"], Json::array({"all", "M", "F"}));
  EXPECT_EQ(body["age_groups"].size(), 5u);
  ExpectError(GetJson("/api/catalog?extract=9", 404), "not_found");
  ExpectError(GetJson("/api/catalog?extract=x", 400), "bad_request");
}

TEST_F(ApiServerTest, PublicGetsSuppressedAggregates) {
  const Json body =
      GetJson("/api/indicators?indicator=readmission_30d&unit_type=municipality&period=2022-Q1");
  ASSERT_EQ(body["rows"].size(), 3u);
  const Json& small = body["rows"][0];  // 2361: numerator 3 < 5
  EXPECT_EQ(small["unit"], "2361");
  EXPECT_TRUE(small["suppressed"].get<bool>());
  EXPECT_TRUE(small["numerator"].is_null());
  EXPECT_TRUE(small["value"].is_null());
  EXPECT_EQ(small["denominator"], 40);
  EXPECT_TRUE(body["rows"][1]["numerator"].is_null());  // secondary suppression
  EXPECT_EQ(body["rows"][2]["numerator"], 15);
}

TEST_F(ApiServerTest, ServeSuppressRecomputesThePublicSuppression) {
  StopServer();
  StartServer(2);  // 3 >= 2: nothing in 2361/2380 is small any more
  const Json low =
      GetJson("/api/indicators?indicator=readmission_30d&unit_type=municipality&period=2022-Q1");
  ASSERT_EQ(low["rows"].size(), 3u);
  EXPECT_EQ(low["rows"][0]["numerator"], 3);
  EXPECT_FALSE(low["rows"][0]["suppressed"].get<bool>());
  StopServer();
  StartServer(16);  // hides region F (12) and, to protect it, region M (18) too
  const Json high = GetJson(
      "/api/indicators?indicator=readmission_30d&unit_type=region&"
      "period=2022-01");
  ASSERT_EQ(high["rows"].size(), 3u);
  EXPECT_EQ(high["rows"][0]["numerator"], 30);
  EXPECT_TRUE(high["rows"][1]["numerator"].is_null());
  EXPECT_TRUE(high["rows"][2]["numerator"].is_null());
  const Json deltas = GetJson("/api/deltas?from=1&to=2&unit=2380");
  EXPECT_TRUE(deltas["rows"][2]["new_numerator"].is_null());  // 28 beside 3 (2361)
}

TEST_F(ApiServerTest, CachedAnswersKeepAudiencesAndExtractsApart) {
  const std::string path = "/api/indicators?indicator=readmission_30d&unit=2361&period=2022-Q1";
  EXPECT_TRUE(GetJson(path)["rows"][0]["numerator"].is_null());
  EXPECT_TRUE(GetJson(path)["rows"][0]["numerator"].is_null());  // from the cache
  ASSERT_EQ(Login("anna", kPassword)->status, 200);
  EXPECT_EQ(GetJson(path)["rows"][0]["numerator"], 3);
  cookie_.clear();
  EXPECT_TRUE(GetJson(path)["rows"][0]["numerator"].is_null());
  // A new extract (ingested while the server runs) is a new data version: no stale answer.
  {
    auto store = store::Store::Open((dir_ / "nara.db").string(), false);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(store::testing::AddTestExtract(**store, "cccccccc33333333", 0, 2).ok());
  }
  const Json fresh = GetJson(path);
  EXPECT_EQ(fresh["data_version"], "e3-cccccccc/defs-1");
  EXPECT_EQ(fresh["rows"][0]["numerator"], 3);  // extract 3 was stored with min count 2
}

TEST_F(ApiServerTest, LoggedInUsersSeeUnsuppressedAggregates) {
  ASSERT_EQ(Login("kalle", kPassword)->status, 200);
  const Json body = GetJson(
      "/api/indicators?indicator=readmission_30d&unit_type=municipality&unit=2361&period_type="
      "quarter");
  ASSERT_EQ(body["rows"].size(), 1u);
  EXPECT_EQ(body["rows"][0]["numerator"], 3);
  EXPECT_DOUBLE_EQ(body["rows"][0]["value"].get<double>(), 7.5);
  EXPECT_FALSE(body["rows"][0]["suppressed"].get<bool>());
  const Json counts = GetJson("/api/indicators?indicator=home_visits&sex=all&age_group=all");
  ASSERT_EQ(counts["rows"].size(), 2u);
  EXPECT_TRUE(counts["rows"][0]["denominator"].is_null());  // counts have no denominator
  EXPECT_EQ(counts["rows"][0]["value"], 40.0);
}

TEST_F(ApiServerTest, IndicatorParametersAreChecked) {
  ExpectError(GetJson("/api/indicators", 400), "bad_request");
  ExpectError(GetJson("/api/indicators?indicator=nope", 400), "bad_request");
  ExpectError(GetJson("/api/indicators?indicator=sip_share&sex=X", 400), "bad_request");
  ExpectError(GetJson("/api/indicators?indicator=sip_share&period_type=week", 400), "bad_request");
  ExpectError(GetJson("/api/indicators?indicator=sip_share&format=pdf", 400), "bad_request");
  EXPECT_TRUE(GetJson("/api/indicators?indicator=sip_share")["rows"].empty());
}

TEST_F(ApiServerTest, IndicatorDownloadsAsCsvAndXlsx) {
  auto client = Client();
  auto csv = client.Get("/api/indicators?indicator=readmission_30d&unit=2361&format=csv");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_THAT(csv->get_header_value("Content-Disposition"),
              HasSubstr("attachment; filename=\"indikatorer.csv\""));
  EXPECT_EQ(csv->get_header_value("X-Nara-Data-Version"), "e2-bbbbbbbb/defs-1");
  EXPECT_EQ(csv->body,
            "indicator,period,unit_type,unit,sex,age_group,numerator,denominator,value,"
            "suppressed\n"
            "readmission_30d,2022-01,municipality,2361,all,all,,40,,1\n"
            "readmission_30d,2022-Q1,municipality,2361,all,all,,40,,1\n");
  auto xlsx = client.Get("/api/indicators?indicator=readmission_30d&format=xlsx");
  ASSERT_TRUE(xlsx);
  EXPECT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->body.substr(0, 2), "PK");  // a zip container
  EXPECT_THAT(xlsx->get_header_value("Content-Disposition"), HasSubstr("indikatorer.xlsx"));
}

TEST_F(ApiServerTest, DeltasBetweenTwoExtracts) {
  const Json body = GetJson("/api/deltas?from=1&to=2&indicator=readmission_30d");
  ASSERT_EQ(body["rows"].size(), 3u);
  EXPECT_EQ(body["rows"][0]["change"], "added");
  EXPECT_TRUE(body["rows"][0]["old_numerator"].is_null());
  EXPECT_EQ(body["rows"][1]["change"], "removed");
  const Json& changed = body["rows"][2];
  EXPECT_EQ(changed["change"], "changed");
  // 2380 is hidden from the public (secondary suppression beside 2361) in both extracts.
  EXPECT_TRUE(changed["old_numerator"].is_null());
  EXPECT_TRUE(changed["new_numerator"].is_null());
  ASSERT_EQ(Login("anna", kPassword)->status, 200);
  const Json region = GetJson("/api/deltas?from=1&to=2&unit=2380&unit_type=municipality");
  EXPECT_EQ(region["rows"][2]["old_numerator"], 27);
  EXPECT_EQ(region["rows"][2]["new_numerator"], 28);
  ExpectError(GetJson("/api/deltas?from=1", 400), "bad_request");
  ExpectError(GetJson("/api/deltas?from=1&to=7", 404), "not_found");
}

TEST_F(ApiServerTest, WithoutGoalAssessmentsGoalsAreNotFound) {
  const Json body = GetJson("/api/goals", 404);
  ExpectError(body, "not_found");
  EXPECT_EQ(body["message"],
            "extract 2 has no goal assessment (ingest it with nara ingest --goals)");
}

TEST_F(ApiServerTest, GoalsDefaultToTheNewestTertialAndListEveryPeriod) {
  AddGoalAssessments();
  const Json body = GetJson("/api/goals");
  EXPECT_EQ(body["extract"], 2);
  EXPECT_EQ(body["period"], "2022-T1");
  EXPECT_EQ(body["periods"], Json::parse(R"(["2022-01", "2022-02", "2022-T1"])"));
  EXPECT_EQ(body["title"], "Mål sv");
  ASSERT_EQ(body["strategies"].size(), 1u);
  EXPECT_EQ(body["strategies"][0]["counts"]["not_assessed"], 1);
  EXPECT_TRUE(body["data_version"].is_string());
  const Json month = GetJson("/api/goals?period=2022-02&lang=en");
  EXPECT_EQ(month["period"], "2022-02");
  EXPECT_EQ(month["title"], "Mål en");
  EXPECT_EQ(month["strategies"][0]["goals"][0]["name"], "Fewer readmissions");
}

// A newer tertial in which more goals cannot be assessed (its readmissions lack follow-up) does
// not hide the assessable one: /api/goals opens on the newest with the fewest (issue 15).
TEST_F(ApiServerTest, GoalsOpenOnTheNewestAssessableTertial) {
  AddGoalAssessments();
  {
    auto store = store::Store::Open((dir_ / "nara.db").string(), false);
    ASSERT_TRUE(store.ok());
    const std::string body =
        R"({"title":"Mål","strategies":[{"name":"S1","counts":{"met":0,"not_yet_met":0,)"
        R"("not_met":0,"not_assessed":2},"goals":[]}]})";
    auto insert =
        (*store)->db().Prepare("INSERT INTO goal_assessments VALUES (2, ?1, ?2, ?3, ?4, ?5)");
    ASSERT_TRUE(insert.ok());
    int64_t ord = 100;
    for (const std::string audience : {"full", "public"}) {
      for (const std::string lang : {"sv", "en"}) {
        (*insert)->Reset();
        (*insert)->Bind(1, std::string("2022-T2"));
        (*insert)->Bind(2, ord++);
        (*insert)->Bind(3, audience);
        (*insert)->Bind(4, lang);
        (*insert)->Bind(5, body);
        ASSERT_TRUE((*insert)->Run().ok());
      }
    }
  }
  const Json body = GetJson("/api/goals");
  EXPECT_EQ(body["period"], "2022-T1");
  EXPECT_EQ(body["periods"], Json::parse(R"(["2022-01", "2022-02", "2022-T1", "2022-T2"])"));
  // Asked for, the newer tertial is still answered.
  EXPECT_EQ(GetJson("/api/goals?period=2022-T2")["period"], "2022-T2");
}

TEST_F(ApiServerTest, ThePublicGetsTheSuppressedAssessmentAndUsersTheFullOne) {
  AddGoalAssessments();
  const Json open = GetJson("/api/goals?period=2022-T1");
  EXPECT_TRUE(open["strategies"][0]["goals"][1]["value"].is_null());
  EXPECT_EQ(open["strategies"][0]["goals"][1]["status"], "not_assessed");
  ASSERT_EQ(Login("kalle", kPassword)->status, 200);
  const Json user = GetJson("/api/goals?period=2022-T1");
  EXPECT_EQ(user["strategies"][0]["goals"][1]["value"], 7.5);
  EXPECT_EQ(user["strategies"][0]["goals"][1]["numerator"], 3);
  EXPECT_EQ(user["strategies"][0]["goals"][1]["status"], "met");
}

TEST_F(ApiServerTest, ServeSuppressHidesSmallGoalCountsForThePublic) {
  AddGoalAssessments();
  const Json stored = GetJson("/api/goals?period=2022-01&lang=en");
  EXPECT_EQ(stored["strategies"][0]["goals"][1]["numerator"], 3);  // as the fixture stored it
  StopServer();
  StartServer(10);
  const Json hidden = GetJson("/api/goals?period=2022-01&lang=en");
  const Json& goal = hidden["strategies"][0]["goals"][1];
  EXPECT_TRUE(goal["value"].is_null());
  EXPECT_TRUE(goal["numerator"].is_null());
  EXPECT_TRUE(goal["denominator"].is_null());
  EXPECT_EQ(goal["suppressed"], true);
  EXPECT_EQ(hidden["strategies"][0]["goals"][0]["numerator"], 30);  // 30 of 200: shown
}

// Issue 17 item 2: an extract ingested with public suppression at 2, served with --suppress 10.
// The stored public texts were written from cells that the stricter threshold hides: the
// current cell (3 of 40), the base year's and the year before's (6 of 8). None of those values
// may reach the public, neither as a value nor inside reason, interval or comparison.
TEST_F(ApiServerTest, ServeSuppressBuildsGoalTextsFromPublicCellsOnly) {
  {
    auto store = store::Store::Open((dir_ / "nara.db").string(), false);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(store::testing::AddTestExtract(**store, "dddddddd44444444", 0, 2).ok());
    ASSERT_TRUE((*store)
                    ->db()
                    .Exec("INSERT INTO indicator_rows VALUES (3, 'readmission_30d', 'month', "
                          "'2021-01', 'region', '23', 'all', 'all', 6, 8, 75.0, 0)")
                    .ok());
    auto goal = [](const std::string& id, const std::string& unit_type, const std::string& unit,
                   double value, int64_t numerator, int64_t denominator,
                   const std::string& base_period, const std::string& reason) {
      return Json{{"id", id},
                  {"indicator", "readmission_30d"},
                  {"unit_type", unit_type},
                  {"unit", unit},
                  {"sex", "all"},
                  {"age_group", "all"},
                  {"period", "2022-01"},
                  {"value", value},
                  {"suppressed", false},
                  {"numerator", numerator},
                  {"denominator", denominator},
                  {"status", "met"},
                  {"status_text", "Uppfyllt"},
                  {"comparison", "improved"},
                  {"base_period", base_period.empty() ? Json(nullptr) : Json(base_period)},
                  {"base_value", base_period.empty() ? Json(nullptr) : Json(75.0)},
                  {"national_value", nullptr},
                  {"national_comparison", nullptr},
                  {"reason", reason}};
    };
    // Region 23 in 2022-Q1: its own cell and its siblings are public at 10, no base, and no
    // 2021-Q1 row. (Municipality 2380 would not do: it is hidden beside 2361.)
    Json control = goal("public", "region", "23", 15.0, 30, 200, "2020-01",
                        "Utfallet 15,0 % når målvärdet 20 %.");
    control["period"] = "2022-Q1";
    control["base_value"] = 20.0;
    const Json body = {
        {"title", "Mål"},
        {"strategies",
         {{{"name", "S1"},
           {"counts", {{"met", 4}, {"not_yet_met", 0}, {"not_met", 0}, {"not_assessed", 0}}},
           {"goals",
            {goal("base", "region", "23", 15.0, 30, 200, "2021-01",
                  "Utfallet 15,0 % är lägre än basårets (2021) 75,0 %."),
             goal("small", "municipality", "2361", 7.5, 3, 40, "",
                  "Utfallet 7,5 % når målvärdet 10 %. Konfidensintervall 2,6–19,9 %."),
             goal("before", "region", "23", 15.0, 30, 200, "",
                  "Utfallet 15,0 % når målvärdet 20 %. Ingen förbättring jämfört med samma "
                  "period året före (75,0 %)."),
             control}}}}}};
    auto insert = (*store)->db().Prepare(
        "INSERT INTO goal_assessments VALUES (3, '2022-01', 0, ?1, 'sv', ?2)");
    ASSERT_TRUE(insert.ok());
    for (const std::string audience : {"full", "public"}) {
      (*insert)->Reset();
      (*insert)->Bind(1, audience);
      (*insert)->Bind(2, body.dump());
      ASSERT_TRUE((*insert)->Run().ok());
    }
  }
  // At the ingest's own threshold the stored public texts are served as they are.
  EXPECT_EQ(GetJson("/api/goals?extract=3")["strategies"][0]["goals"][0]["status"], "met");
  StopServer();
  StartServer(10);
  const Json open = GetJson("/api/goals?extract=3");
  const Json& goals = open["strategies"][0]["goals"];
  ASSERT_EQ(goals.size(), 4u);
  // The base year's cell is hidden: the current value (30 of 200) stays, the texts go.
  EXPECT_EQ(goals[0]["value"], 15.0);
  EXPECT_EQ(goals[0]["status"], "not_assessed");
  EXPECT_EQ(goals[0]["status_text"], "Kan inte bedömas");
  EXPECT_THAT(goals[0]["reason"].get<std::string>(), HasSubstr("Kan inte bedömas för allmänheten"));
  EXPECT_TRUE(goals[0]["base_value"].is_null());
  EXPECT_TRUE(goals[0]["comparison"].is_null());
  // The current cell is hidden: no value, counts or interval.
  EXPECT_TRUE(goals[1]["value"].is_null());
  EXPECT_TRUE(goals[1]["numerator"].is_null());
  EXPECT_TRUE(goals[1]["denominator"].is_null());
  EXPECT_EQ(goals[1]["suppressed"], true);
  EXPECT_EQ(goals[1]["status"], "not_assessed");
  // The same period a year earlier is hidden.
  EXPECT_EQ(goals[2]["status"], "not_assessed");
  // Every cell public (no 2020-01 row at all): as stored.
  EXPECT_EQ(goals[3]["status"], "met");
  EXPECT_EQ(goals[3]["reason"], "Utfallet 15,0 % når målvärdet 20 %.");
  EXPECT_EQ(open["strategies"][0]["counts"],
            Json({{"met", 1}, {"not_yet_met", 0}, {"not_met", 0}, {"not_assessed", 3}}));
  const std::string text = open.dump();
  for (const char* leaked : {"75,0", "7,5", "2,6", "19,9", "75.0", "7.5"}) {
    EXPECT_THAT(text, ::testing::Not(HasSubstr(leaked))) << leaked;
  }
  // A logged-in user still gets the full assessment.
  ASSERT_EQ(Login("anna", kPassword)->status, 200);
  const Json full = GetJson("/api/goals?extract=3");
  EXPECT_EQ(full["strategies"][0]["goals"][1]["numerator"], 3);
  EXPECT_THAT(full["strategies"][0]["goals"][0]["reason"].get<std::string>(), HasSubstr("75,0"));
}

TEST_F(ApiServerTest, GoalParametersAreChecked) {
  AddGoalAssessments();
  ExpectError(GetJson("/api/goals?period=2022-T4", 400), "bad_request");
  ExpectError(GetJson("/api/goals?period=2022", 400), "bad_request");
  // Months and tertials are read by base/period.hpp: no month 13, no year outside 1800-2199.
  ExpectError(GetJson("/api/goals?period=2022-13", 400), "bad_request");
  ExpectError(GetJson("/api/goals?period=0000-T1", 400), "bad_request");
  ExpectError(GetJson("/api/goals?lang=de", 400), "bad_request");
  const Json missing = GetJson("/api/goals?period=2022-03", 404);
  EXPECT_EQ(missing["message"], "extract 2 has no goal assessment for 2022-03");
  const Json older = GetJson("/api/goals?extract=1", 404);
  EXPECT_EQ(older["message"],
            "extract 1 has no goal assessment (ingest it with nara ingest --goals)");
  ExpectError(GetJson("/api/goals?extract=x", 400), "bad_request");
}

TEST_F(ApiServerTest, SettlementSummaryIsSuppressedForThePublicOnly) {
  const Json open = GetJson("/api/settlement/summary?from=2022-01&to=2022-01");
  ASSERT_EQ(open["rows"].size(), 2u);
  EXPECT_EQ(open["rows"][0]["municipality"], "2361");
  EXPECT_TRUE(open["rows"][0]["episodes"].is_null());  // 2 episodes < 5
  EXPECT_TRUE(open["rows"][0]["amount"].is_null());
  EXPECT_EQ(open["rows"][1]["episodes"], 12);
  ASSERT_EQ(Login("kalle", kPassword)->status, 200);
  const Json logged_in = GetJson("/api/settlement/summary?municipality=2361");
  ASSERT_EQ(logged_in["rows"].size(), 1u);
  EXPECT_EQ(logged_in["rows"][0]["episodes"], 2);
  ExpectError(GetJson("/api/settlement/summary?from=jan", 400), "bad_request");
  ExpectError(GetJson("/api/settlement/summary?from=2022-13", 400), "bad_request");
  ExpectError(GetJson("/api/settlement/summary?to=2x22-01", 400), "bad_request");
}

// A year without a price: the amount is null with the year, never 0 kr (issue 16).
TEST_F(ApiServerTest, AYearWithoutAPriceHasANullAmountAndSaysWhichYear) {
  const Json open = GetJson("/api/settlement/summary?municipality=2380&to=2021-12");
  ASSERT_EQ(open["rows"].size(), 1u);
  EXPECT_EQ(open["rows"][0]["liable_days"], 21);
  EXPECT_TRUE(open["rows"][0]["amount"].is_null());
  EXPECT_EQ(open["rows"][0]["price_missing"], 2021);
  EXPECT_EQ(open["rows"][0]["suppressed"], false);
  const Json priced = GetJson("/api/settlement/summary?municipality=2380&from=2022-01");
  EXPECT_EQ(priced["rows"][0]["amount"], 150000);
  EXPECT_TRUE(priced["rows"][0]["price_missing"].is_null());
  ASSERT_EQ(Login("anna", kPassword)->status, 200);
  const Json basis = GetJson("/api/settlement/basis?municipality=2380&month=2021-12");
  ASSERT_EQ(basis["rows"].size(), 1u);
  EXPECT_TRUE(basis["rows"][0]["amount"].is_null());
  EXPECT_TRUE(basis["rows"][0]["price_per_day"].is_null());
  EXPECT_EQ(basis["rows"][0]["price_missing"], 2021);
  EXPECT_EQ(basis["rows"][0]["reason"], "no_price");
  auto csv = Client().Get("/api/settlement/summary?municipality=2380&to=2021-12&format=csv");
  ASSERT_TRUE(csv);
  EXPECT_THAT(csv->body, HasSubstr("2380,2021-12,6,40,21,,2021,"));
}

TEST_F(ApiServerTest, PublicAskingForTheBasisIsUnauthenticated) {
  ExpectError(GetJson("/api/settlement/basis?municipality=2380&month=2022-01", 401),
              "unauthenticated");
  EXPECT_THAT(log_.str(), HasSubstr("refused 401 unauthenticated GET /api/settlement/basis"));
}

TEST_F(ApiServerTest, AMunicipalitySeesOnlyItsOwnBasis) {
  ASSERT_EQ(Login("kalle", kPassword)->status, 200);
  const Json own = GetJson("/api/settlement/basis?municipality=2380&month=2022-01");
  ASSERT_EQ(own["rows"].size(), 1u);
  EXPECT_EQ(own["rows"][0]["patient_ref"], "00aa11bb22cc33dd");
  EXPECT_EQ(own["rows"][0]["liable"], true);
  ExpectError(GetJson("/api/settlement/basis?municipality=2361&month=2022-01", 403), "forbidden");
  EXPECT_THAT(log_.str(), HasSubstr("refused 403 forbidden GET /api/settlement/basis "
                                    "user=kalle role=municipality:2380"));
  // The refusal log holds no patient reference or identity number.
  EXPECT_FALSE(std::regex_search(log_.str(), std::regex("[0-9]{10,}|44ee55ff")));
}

TEST_F(ApiServerTest, TheRegionSeesEveryBasis) {
  ASSERT_EQ(Login("anna", kPassword)->status, 200);
  const Json other = GetJson("/api/settlement/basis?municipality=2361&month=2022-01");
  ASSERT_EQ(other["rows"].size(), 1u);
  EXPECT_EQ(other["rows"][0]["reason"], "grace_days");
  auto client = Client();
  auto csv = client.Get("/api/settlement/basis?municipality=2361&month=2022-01&format=csv");
  ASSERT_TRUE(csv);
  EXPECT_THAT(csv->body, HasSubstr("2361,44ee55ff66aa77bb,E2,somatic"));
  ExpectError(GetJson("/api/settlement/basis?municipality=23&month=2022-01", 400), "bad_request");
}

TEST_F(ApiServerTest, LoginSetsAStrictHttpOnlyCookieAndLogoutClearsIt) {
  auto response = Login("anna", kPassword);
  ASSERT_TRUE(response);
  ASSERT_EQ(response->status, 200);
  const std::string cookie = response->get_header_value("Set-Cookie");
  EXPECT_THAT(cookie, ::testing::MatchesRegex("nara_session=[0-9a-f]{64}; HttpOnly; "
                                              "SameSite=Strict; Path=/.*"));
  const Json body = Json::parse(response->body);
  EXPECT_EQ(body["user"], Json({{"name", "anna"}, {"role", "region"}, {"municipality", nullptr}}));
  EXPECT_EQ(GetJson("/api/me")["user"]["name"], "anna");
  auto client = Client();
  auto logout = client.Post("/api/logout", "", "application/json");
  ASSERT_TRUE(logout);
  EXPECT_EQ(logout->status, 200);
  EXPECT_THAT(logout->get_header_value("Set-Cookie"), HasSubstr("nara_session=; HttpOnly"));
  EXPECT_THAT(logout->get_header_value("Set-Cookie"), HasSubstr("Max-Age=0"));
  EXPECT_TRUE(GetJson("/api/me")["user"].is_null());  // the old token is gone server-side
}

TEST_F(ApiServerTest, MunicipalityUserHasItsCode) {
  auto response = Login("kalle", kPassword);
  ASSERT_EQ(response->status, 200);
  EXPECT_EQ(Json::parse(response->body)["user"]["municipality"], "2380");
  EXPECT_EQ(GetJson("/api/me")["user"]["role"], "municipality");
}

TEST_F(ApiServerTest, BadLoginsAreRefusedThenRateLimited) {
  for (int i = 0; i < 5; ++i) {
    auto response = Login("anna", "wrong password");
    ASSERT_TRUE(response);
    ASSERT_EQ(response->status, 401);
    ExpectError(Json::parse(response->body), "unauthenticated");
  }
  auto limited = Login("anna", kPassword);  // even the right password now waits
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429);
  ExpectError(Json::parse(limited->body), "rate_limited");
  // Another user from the same address (everyone behind one proxy) is not locked out.
  EXPECT_EQ(Login("kalle", kPassword)->status, 200);
  EXPECT_THAT(log_.str(), HasSubstr("refused 429 rate_limited POST /api/login"));
  auto client = Client();
  auto malformed = client.Post("/api/login", "{", "application/json");
  EXPECT_EQ(malformed->status, 400);
}

TEST_F(ApiServerTest, UnknownApiPathsAreJson404sAndOtherPathsServeTheDashboard) {
  const Json missing = GetJson("/api/nothing", 404);
  EXPECT_EQ(missing["code"], "not_found");
  EXPECT_TRUE(missing.contains("data_version"));
  auto client = Client();
  auto index = client.Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_THAT(index->body, HasSubstr("<title>Nära</title>"));
}

// --- Issue 17 item 10: one client must not be able to stop the server ----------------------

}  // namespace
}  // namespace nara::server
