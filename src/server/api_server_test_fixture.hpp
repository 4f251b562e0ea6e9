// The API tests' shared pieces: a real server on a loopback port over a small store, raw
// connections for the framing and timing tests, and request helpers. Included by
// api_server_test.cpp and api_server_hardening_test.cpp (one copy per test file).
#pragma once

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

#include "server/api_server.hpp"
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
  // Reads at most `bytes` of what arrives within `timeout`: the count read, 0 when the server
  // closed the connection (end of stream or reset), -1 when nothing came.
  ssize_t ReadSome(size_t bytes, std::chrono::milliseconds timeout) {
    if (!Readable(std::chrono::steady_clock::now() + timeout)) return -1;
    std::string buffer(bytes, '\0');
    const ssize_t got = ::recv(fd_, buffer.data(), bytes, 0);
    return got < 0 ? 0 : got;
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

inline std::string Get(const std::string& path, const std::string& extra_headers = "") {
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

}  // namespace
}  // namespace nara::server
