// API tests: every documented path on a real server on a loopback port, with a small store.
#include "server/api_server.hpp"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <sstream>
#include <thread>

#include "server/users.hpp"
#include "store/test_fixture.hpp"

namespace nara::server {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using Json = nlohmann::json;

constexpr const char* kPassword = "correct horse battery";

// A TCP connection to the server for what httplib's client will not send: kept-alive idle
// connections, headers trickled byte by byte, conflicting framing. `from` is the local
// address (any of 127.0.0.0/8 reaches the loopback server), so tests can be two clients.
class RawConnection {
 public:
  explicit RawConnection(int port, const char* from = "127.0.0.1") {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, from, &local.sin_addr);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof(local));
    sockaddr_in server{};
    server.sin_family = AF_INET;
    server.sin_port = htons(static_cast<uint16_t>(port));
    ::inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&server), sizeof(server)) == 0;
  }
  ~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }
  bool Send(std::string_view text) {
    while (!text.empty()) {
      const ssize_t sent = ::send(fd_, text.data(), text.size(), MSG_NOSIGNAL);
      if (sent <= 0) return false;
      text.remove_prefix(static_cast<size_t>(sent));
    }
    return true;
  }
  // One answer: its headers and Content-Length bytes of body, or what came before the peer
  // closed or `timeout` passed.
  std::string ReadAnswer(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string data = std::move(unread_);  // the start of a next answer read last time
    unread_.clear();
    while (true) {
      const size_t end = data.find("\r\n\r\n");
      if (end != std::string::npos) {
        std::smatch length;
        const std::string head = data.substr(0, end);
        size_t body = 0;
        if (std::regex_search(head, length, std::regex("[Cc]ontent-[Ll]ength: *([0-9]+)"))) {
          body = std::stoul(length[1]);
        }
        if (data.size() >= end + 4 + body) {
          unread_ = data.substr(end + 4 + body);
          return data.substr(0, end + 4 + body);
        }
      }
      char buffer[4096];
      if (!Readable(deadline)) return data;
      const ssize_t got = ::recv(fd_, buffer, sizeof(buffer), 0);
      if (got <= 0) return data;
      data.append(buffer, static_cast<size_t>(got));
    }
  }
  // True when the server closed the connection (end of stream or reset) within `timeout`.
  bool ClosedByPeer(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    char buffer[4096];
    while (Readable(deadline)) {
      if (::recv(fd_, buffer, sizeof(buffer), 0) <= 0) return true;
    }
    return false;
  }
  static int Status(const std::string& answer) {
    return answer.size() > 12 ? std::stoi(answer.substr(9, 3)) : 0;
  }

 private:
  bool Readable(std::chrono::steady_clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd entry{fd_, POLLIN, 0};
    return ::poll(&entry, 1, static_cast<int>(left.count())) > 0;
  }
  int fd_ = -1;
  bool connected_ = false;
  std::string unread_;
};

std::string Get(const std::string& path, const std::string& extra_headers = "") {
  return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers + "\r\n";
}

// A store with two extracts and settlement rows for two municipalities, a users file, a web
// folder, and a server on an ephemeral loopback port. One per test, so rate limits and
// sessions do not leak between tests.
class ApiServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    dir_ = fs::temp_directory_path() / ("nara-api-test-" + std::to_string(random()));
    fs::create_directories(dir_ / "web");
    std::ofstream(dir_ / "web" / "index.html") << "<!doctype html><title>Nära</title>";
    MakeStore();
    Users users;
    ASSERT_TRUE(users.Add({"anna", Role::kRegion, ""}, kPassword, 1000).ok());
    ASSERT_TRUE(users.Add({"kalle", Role::kMunicipality, "2380"}, kPassword, 1000).ok());
    ASSERT_TRUE(users.Save((dir_ / "users.json").string()).ok());
    StartServer(-1);
  }

  void StartServer(int suppress, const std::function<void(ServerOptions&)>& adjust = {}) {
    ServerOptions options;
    options.suppress = suppress;
    options.store_path = (dir_ / "nara.db").string();
    options.users_path = (dir_ / "users.json").string();
    options.web_dir = (dir_ / "web").string();
    options.port = 0;
    options.threads = 4;
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log_);
    options.refusal_log = std::make_shared<spdlog::logger>("test-access", sink);
    if (adjust) adjust(options);
    auto server = ApiServer::Create(options);
    ASSERT_TRUE(server.ok()) << server.status().message();
    server_ = std::move(*server);
    auto port = server_->Bind();
    ASSERT_TRUE(port.ok()) << port.status().message();
    port_ = *port;
    thread_ = std::thread([this] { server_->Listen(); });
  }

  void StopServer() {
    if (server_ != nullptr) server_->Stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
  }

  void TearDown() override {
    StopServer();
    fs::remove_all(dir_);
  }

  void MakeStore() {
    auto store = store::Store::Open((dir_ / "nara.db").string(), false);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(store::testing::AddTestExtract(**store, "aaaaaaaa11111111", 0).ok());
    ASSERT_TRUE(store::testing::AddTestExtract(**store, "bbbbbbbb22222222", 1).ok());
    // Settlement rows by hand: the settlement module that writes them is not merged yet.
    ASSERT_TRUE(
        (*store)
            ->db()
            .Exec("INSERT INTO settlement_summary VALUES"
                  " (2, '2380', '2022-01', 12, 80, 30, 150000, NULL),"
                  " (2, '2361', '2022-01', 2, 9, 4, 20000, NULL),"
                  " (2, '2380', '2021-12', 6, 40, 21, NULL, 2021);"
                  "INSERT INTO settlement_basis VALUES"
                  " (2, '2380', '2022-01', '00aa11bb22cc33dd', 'E1', 'somatic', '2022-01-03T10:00',"
                  "  '2022-01-09T12:00', 6, 3, 5000, 15000, 1, '', NULL),"
                  " (2, '2361', '2022-01', '44ee55ff66aa77bb', 'E2', 'somatic', '2022-01-04T09:00',"
                  "  '2022-01-06T09:00', 2, 0, 5000, 0, 0, 'grace_days', NULL),"
                  " (2, '2380', '2021-12', '00aa11bb22cc33dd', 'E0', 'somatic', '2021-12-01T10:00',"
                  "  '2021-12-12', 11, 7, NULL, NULL, 1, 'no_price', 2021);")
            .ok());
  }

  // Goal assessments of extract 2 as `nara ingest --goals` stores them: two months and a
  // tertial; the public body hides the municipality goal's small count.
  void AddGoalAssessments() {
    auto store = store::Store::Open((dir_ / "nara.db").string(), false);
    ASSERT_TRUE(store.ok());
    auto body = [](const std::string& period, const std::string& lang, bool public_view,
                   int64_t numerator) {
      Json region = {{"id", "r"},
                     {"name", lang == "sv" ? "Färre återinskrivningar" : "Fewer readmissions"},
                     {"indicator", "readmission_30d"},
                     {"unit_type", "region"},
                     {"unit", "23"},
                     {"period", period},
                     {"value", 15.0},
                     {"numerator", 30},
                     {"denominator", 200},
                     {"status", "met"},
                     {"suppressed", false}};
      Json small = {{"id", "m"},
                    {"name", "2361"},
                    {"indicator", "readmission_30d"},
                    {"unit_type", "municipality"},
                    {"unit", "2361"},
                    {"period", period},
                    {"value", public_view ? Json(nullptr) : Json(7.5)},
                    {"numerator", public_view ? Json(nullptr) : Json(numerator)},
                    {"denominator", public_view ? Json(nullptr) : Json(40)},
                    {"status", public_view ? "not_assessed" : "met"},
                    {"suppressed", public_view}};
      Json out = {{"title", "Mål " + lang},
                  {"strategies",
                   {{{"name", "S1"},
                     {"counts",
                      {{"met", public_view ? 1 : 2},
                       {"not_yet_met", 0},
                       {"not_met", 0},
                       {"not_assessed", public_view ? 1 : 0}}},
                     {"goals", {region, small}}}}}};
      return out.dump();
    };
    std::vector<store::GoalAssessmentRecord> records;
    for (const std::string period : {"2022-01", "2022-02", "2022-T1"}) {
      for (const std::string audience : {"full", "public"}) {
        for (const std::string lang : {"sv", "en"}) {
          records.push_back({period, audience, lang, body(period, lang, audience == "public", 3)});
        }
      }
    }
    // The kept public body of one period with a count that `serve --suppress 10` must hide.
    records[3].body = body("2022-01", "en", false, 3);
    ASSERT_TRUE((*store)->db().Exec("BEGIN").ok());
    auto insert =
        (*store)->db().Prepare("INSERT INTO goal_assessments VALUES (2, ?1, ?2, ?3, ?4, ?5)");
    ASSERT_TRUE(insert.ok());
    int64_t ord = 0;
    for (const auto& record : records) {
      (*insert)->Reset();
      (*insert)->Bind(1, record.period);
      (*insert)->Bind(2, ord++);
      (*insert)->Bind(3, record.audience);
      (*insert)->Bind(4, record.lang);
      (*insert)->Bind(5, record.body);
      ASSERT_TRUE((*insert)->Run().ok());
    }
    ASSERT_TRUE((*store)->db().Exec("COMMIT").ok());
  }

  httplib::Client Client() const {
    httplib::Client client("127.0.0.1", port_);
    if (!cookie_.empty()) client.set_default_headers({{"Cookie", cookie_}});
    return client;
  }
  Json GetJson(const std::string& path, int expected_status = 200) const {
    auto client = Client();
    auto response = client.Get(path.c_str());
    EXPECT_TRUE(response) << path;
    if (!response) return {};
    EXPECT_EQ(response->status, expected_status) << path << ": " << response->body;
    return Json::parse(response->body);
  }
  httplib::Result Login(const std::string& name, const std::string& password) {
    auto client = Client();
    Json body = {{"username", name}, {"password", password}};
    auto response = client.Post("/api/login", body.dump(), "application/json");
    if (response && response->status == 200) {
      const std::string set_cookie = response->get_header_value("Set-Cookie");
      cookie_ = set_cookie.substr(0, set_cookie.find(';'));
    }
    return response;
  }
  // Checks the error body of data contract "Errors" in docs/http_api.md.
  static void ExpectError(const Json& body, const std::string& code) {
    EXPECT_EQ(body["code"], code);
    EXPECT_TRUE(body["message"].is_string() && !body["message"].get<std::string>().empty());
    EXPECT_EQ(body["data_version"], "e2-bbbbbbbb/defs-1");
  }

  fs::path dir_;
  std::ostringstream log_;
  std::unique_ptr<ApiServer> server_;
  std::thread thread_;
  int port_ = 0;
  std::string cookie_;
};

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

TEST_F(ApiServerTest, EveryAnswerCarriesTheSecurityHeaders) {
  auto client = Client();
  std::vector<httplib::Result> answers;
  answers.push_back(client.Get("/"));
  answers.push_back(client.Get("/api/me"));
  answers.push_back(client.Get("/api/nothing"));
  answers.push_back(client.Get("/no-such-file"));
  answers.push_back(client.Post("/api/login", "{", "application/json"));
  for (const auto& answer : answers) {
    ASSERT_TRUE(answer);
    EXPECT_THAT(answer->get_header_value("Content-Security-Policy"), HasSubstr("script-src 'self'"))
        << answer->status;
    EXPECT_THAT(answer->get_header_value("Content-Security-Policy"),
                HasSubstr("frame-ancestors 'none'"));
    EXPECT_EQ(answer->get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(answer->get_header_value("X-Frame-Options"), "DENY");
    EXPECT_EQ(answer->get_header_value("Referrer-Policy"), "no-referrer");
  }
}

TEST_F(ApiServerTest, ARequestOfManyRangesIsRefused) {
  std::string ranges = "bytes=0-0";
  for (int i = 1; i < 100; ++i) ranges += ",0-" + std::to_string(i);
  auto client = Client();
  auto many = client.Get("/", {{"Range", ranges}});
  ASSERT_TRUE(many);
  EXPECT_EQ(many->status, 416);
  EXPECT_LT(many->body.size(), 1000u);
  ExpectError(Json::parse(many->body), "range_not_satisfiable");
  auto api = client.Get("/api/me", {{"Range", "bytes=0-1,2-3"}});
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 416);
  auto one = client.Get("/", {{"Range", "bytes=0-8"}});
  ASSERT_TRUE(one);
  EXPECT_EQ(one->status, 206);
  EXPECT_EQ(one->body, "<!doctype");
}

TEST_F(ApiServerTest, AmbiguousBodyFramingIsRefusedAndTheConnectionClosed) {
  const std::string body = R"({"username":"anna","password":"x"})";
  const std::string login = "POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const std::string framing :
       {"Content-Length: " + std::to_string(body.size()) + "\r\nTransfer-Encoding: chunked\r\n",
        "Transfer-Encoding: chunked\r\nContent-Length: " + std::to_string(body.size()) + "\r\n",
        "Content-Length: " + std::to_string(body.size()) + "\r\nContent-Length: 5\r\n",
        "Content-Length: 5, " + std::to_string(body.size()) + "\r\n",
        std::string("Transfer-Encoding: gzip, chunked\r\n")}) {
    RawConnection connection(port_);
    ASSERT_TRUE(connection.connected());
    ASSERT_TRUE(connection.Send(login + framing + "\r\n" + body));
    const std::string answer = connection.ReadAnswer();
    EXPECT_EQ(RawConnection::Status(answer), 400) << framing << answer;
    EXPECT_THAT(answer, HasSubstr("\"code\":\"bad_request\"")) << framing;
    EXPECT_TRUE(connection.ClosedByPeer(std::chrono::seconds(3))) << framing;
  }
  // A plain length is fine.
  RawConnection plain(port_);
  ASSERT_TRUE(
      plain.Send(login + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body));
  EXPECT_EQ(RawConnection::Status(plain.ReadAnswer()), 401);
}

TEST_F(ApiServerTest, StateChangingRequestsFromAForeignOriginAreRefused) {
  const std::string own = "http://127.0.0.1:" + std::to_string(port_);
  const Json credentials = {{"username", "anna"}, {"password", kPassword}};
  for (const std::string origin :
       {"http://evil.example", "null", "http://127.0.0.1:1", "https://127.0.0.1.evil.example"}) {
    auto client = Client();
    auto refused =
        client.Post("/api/login", {{"Origin", origin}}, credentials.dump(), "application/json");
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403) << origin;
    ExpectError(Json::parse(refused->body), "forbidden");
    EXPECT_TRUE(refused->get_header_value("Set-Cookie").empty());
  }
  EXPECT_THAT(log_.str(), HasSubstr("refused 403 forbidden POST /api/login"));
  // Same origin, and no Origin at all (curl, scripts), are accepted.
  auto client = Client();
  auto same = client.Post("/api/login", {{"Origin", own}}, credentials.dump(), "application/json");
  ASSERT_TRUE(same);
  EXPECT_EQ(same->status, 200);
  ASSERT_EQ(Login("anna", kPassword)->status, 200);
  // A foreign page cannot log the user out either.
  auto logged_in = Client();
  auto logout =
      logged_in.Post("/api/logout", {{"Origin", "http://evil.example"}}, "", "application/json");
  ASSERT_TRUE(logout);
  EXPECT_EQ(logout->status, 403);
  EXPECT_EQ(GetJson("/api/me")["user"]["name"], "anna");
  auto own_logout = logged_in.Post("/api/logout", {{"Origin", own}}, "", "application/json");
  ASSERT_TRUE(own_logout);
  EXPECT_EQ(own_logout->status, 200);
  // Reading stays open to every origin (the public data).
  auto read = Client().Get("/api/me", {{"Origin", "http://evil.example"}});
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, 200);
}

TEST_F(ApiServerTest, ParallelWrongPasswordsAreCountedBeforeTheyAreChecked) {
  StopServer();
  StartServer(-1, [](ServerOptions& options) {
    options.threads = 16;
    options.connections.max_per_client = 64;
  });
  std::atomic<int> unauthenticated{0}, limited{0}, other{0};
  std::vector<std::thread> guesses;
  for (int i = 0; i < 30; ++i) {
    guesses.emplace_back([&] {
      httplib::Client client("127.0.0.1", port_);
      const Json body = {{"username", "anna"}, {"password", "wrong guess"}};
      auto answer = client.Post("/api/login", body.dump(), "application/json");
      if (answer && answer->status == 401) {
        ++unauthenticated;
      } else if (answer && answer->status == 429) {
        ++limited;
      } else {
        ++other;
      }
    });
  }
  for (auto& guess : guesses) guess.join();
  EXPECT_EQ(unauthenticated, 5);  // the per-user limit: five checked, whatever the timing
  EXPECT_EQ(limited, 25);
  EXPECT_EQ(other, 0);
  EXPECT_EQ(Login("anna", kPassword)->status, 429);
}

TEST_F(ApiServerTest, ThePerAddressLimitStopsGuessingOverManyNamesOnly) {
  // The default is 30 attempts per minute from one address; 8 here, so the test checks few
  // unknown names (each costs a full key derivation). A proxy's users share the address, so
  // one user's typing errors do not lock the others out, but trying many names does.
  EXPECT_EQ(ServerOptions().login_attempts_per_address, 30);
  EXPECT_EQ(ServerOptions().login_attempts_per_user, 5);
  StopServer();
  StartServer(-1, [](ServerOptions& options) { options.login_attempts_per_address = 8; });
  for (int i = 0; i < 5; ++i) ASSERT_EQ(Login("anna", "wrong")->status, 401) << i;
  EXPECT_EQ(Login("anna", kPassword)->status, 429);   // anna's own limit
  EXPECT_EQ(Login("kalle", kPassword)->status, 200);  // not the address's; a success is not counted
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(Login("guess" + std::to_string(i), "wrong")->status, 401) << i;  // 6th to 8th
  }
  EXPECT_EQ(Login("kalle", kPassword)->status, 429);
  EXPECT_EQ(Login("guess-next", "wrong")->status, 429);
  // Another address is not affected.
  RawConnection other(port_, "127.0.0.2");
  const std::string body = Json({{"username", "kalle"}, {"password", kPassword}}).dump();
  ASSERT_TRUE(
      other.Send("POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                 "application/json\r\nContent-Length: " +
                 std::to_string(body.size()) + "\r\n\r\n" + body));
  EXPECT_EQ(RawConnection::Status(other.ReadAnswer()), 200);
}

TEST_F(ApiServerTest, IdleKeptAliveConnectionsDoNotKeepNewRequestsWaiting) {
  // Twice as many kept-alive connections as threads (4), each idle after one request.
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 8; ++i) {
    idle.push_back(std::make_unique<RawConnection>(port_));
    ASSERT_TRUE(idle.back()->Send(Get("/api/me")));
  }
  for (auto& connection : idle) {
    const std::string answer = connection->ReadAnswer();
    EXPECT_EQ(RawConnection::Status(answer), 200);
    EXPECT_THAT(answer, ::testing::Not(HasSubstr("Connection: close")));
  }
  const auto start = std::chrono::steady_clock::now();
  RawConnection probe(port_);
  ASSERT_TRUE(probe.Send(Get("/api/me", "Connection: close\r\n")));
  EXPECT_EQ(RawConnection::Status(probe.ReadAnswer(std::chrono::seconds(10))), 200);
  const auto waited = std::chrono::steady_clock::now() - start;
  // httplib alone keeps each idle connection for its 5 s keep-alive timeout.
  EXPECT_LT(waited, std::chrono::milliseconds(2500));
}

TEST_F(ApiServerTest, PipelinedRequestsOnOneConnectionAreAllAnswered) {
  // The connection loop reads ahead in blocks: a second request already read must not be lost.
  RawConnection connection(port_);
  ASSERT_TRUE(connection.Send(Get("/api/me") + Get("/api/extracts", "Connection: close\r\n")));
  EXPECT_EQ(RawConnection::Status(connection.ReadAnswer()), 200);
  const std::string second = connection.ReadAnswer(std::chrono::seconds(3));
  EXPECT_EQ(RawConnection::Status(second), 200);
  EXPECT_THAT(second, HasSubstr("\"extracts\""));
}

TEST_F(ApiServerTest, ASlowHeaderTrickleIsCutOffAtTheRequestDeadline) {
  StopServer();
  StartServer(-1, [](ServerOptions& options) {
    options.connections.request_read_timeout = std::chrono::milliseconds(1000);
  });
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 4; ++i) {
    slow.push_back(std::make_unique<RawConnection>(port_));
    ASSERT_TRUE(slow.back()->Send("GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
  }
  // One byte per connection every 100 ms, for at most 5 s, stopping when all are cut off.
  std::atomic<bool> done{false};
  std::atomic<int> cut{0};
  std::thread trickle([&] {
    std::vector<bool> open(slow.size(), true);
    for (int round = 0; round < 50 && !done && cut < static_cast<int>(slow.size()); ++round) {
      for (size_t i = 0; i < slow.size(); ++i) {
        if (open[i] &&
            (!slow[i]->Send("a") || slow[i]->ClosedByPeer(std::chrono::milliseconds(0)))) {
          open[i] = false;
          ++cut;
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto start = std::chrono::steady_clock::now();
  RawConnection probe(port_);
  ASSERT_TRUE(probe.Send(Get("/api/me", "Connection: close\r\n")));
  EXPECT_EQ(RawConnection::Status(probe.ReadAnswer(std::chrono::seconds(10))), 200);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(3000));
  done = true;
  trickle.join();
}

TEST_F(ApiServerTest, ConnectionsPerClientAddressAreCapped) {
  StopServer();
  StartServer(-1, [](ServerOptions& options) { options.connections.max_per_client = 2; });
  std::vector<std::unique_ptr<RawConnection>> held;
  for (int i = 0; i < 2; ++i) {
    held.push_back(std::make_unique<RawConnection>(port_));
    ASSERT_TRUE(held.back()->Send("GET /api/me HTTP/1.1\r\n"));  // unfinished: holds a thread
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  RawConnection third(port_);
  ASSERT_TRUE(third.Send(Get("/api/me")));
  const std::string refused = third.ReadAnswer();
  EXPECT_EQ(RawConnection::Status(refused), 503) << refused;
  EXPECT_THAT(refused, HasSubstr("\"code\":\"too_many_connections\""));
  EXPECT_THAT(refused, HasSubstr("X-Frame-Options: DENY"));
  EXPECT_THAT(refused, HasSubstr("Content-Security-Policy: default-src 'self'"));
  EXPECT_THAT(log_.str(), HasSubstr("refused 503 too_many_connections addr=127.0.0.1"));
  RawConnection other_client(port_, "127.0.0.2");
  ASSERT_TRUE(other_client.Send(Get("/api/me")));
  EXPECT_EQ(RawConnection::Status(other_client.ReadAnswer()), 200);
  // Once the held connections finish, the address may connect again.
  for (auto& connection : held) {
    ASSERT_TRUE(connection->Send("Host: 127.0.0.1\r\nConnection: close\r\n\r\n"));
    EXPECT_EQ(RawConnection::Status(connection->ReadAnswer()), 200);
  }
  held.clear();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  RawConnection again(port_);
  ASSERT_TRUE(again.Send(Get("/api/me")));
  EXPECT_EQ(RawConnection::Status(again.ReadAnswer()), 200);
}

}  // namespace
}  // namespace nara::server
