// nara serve under attack (issue 17 item 10): security headers, Range and framing, Origin,
// the login limiter, idle and slow connections, the per-client cap; a real server on loopback.
#include "server/api_server_test_fixture.hpp"

namespace nara::server {
namespace {

// Its own suite name: googletest wants one fixture class per suite across the test files.
class ApiServerHardeningTest : public ApiServerTest {};

TEST_F(ApiServerHardeningTest, EveryAnswerCarriesTheSecurityHeaders) {
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

TEST_F(ApiServerHardeningTest, ARequestOfManyRangesIsRefused) {
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

// Found by fuzz/http_request_fuzzer.cpp: a refusal for another reason (here: framing) was
// answered as the ranges asked for, a multipart answer of 100 parts.
TEST_F(ApiServerHardeningTest, ARefusalIsNeverARangeAnswer) {
  std::string ranges = "bytes=0-0";
  for (int i = 1; i < 100; ++i) ranges += ",0-" + std::to_string(i);
  RawConnection connection(port_);
  ASSERT_TRUE(connection.connected());
  ASSERT_TRUE(connection.Send("POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: " + ranges +
                              "\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}"));
  const std::string answer = connection.ReadAnswer();
  EXPECT_EQ(RawConnection::Status(answer), 400) << answer;
  EXPECT_THAT(answer, ::testing::Not(HasSubstr("multipart/byteranges")));
  EXPECT_THAT(answer, HasSubstr("\"code\":\"bad_request\""));
}

TEST_F(ApiServerHardeningTest, AmbiguousBodyFramingIsRefusedAndTheConnectionClosed) {
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

TEST_F(ApiServerHardeningTest, StateChangingRequestsFromAForeignOriginAreRefused) {
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

TEST_F(ApiServerHardeningTest, ParallelWrongPasswordsAreCountedBeforeTheyAreChecked) {
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

TEST_F(ApiServerHardeningTest, ThePerAddressLimitStopsGuessingOverManyNamesOnly) {
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

TEST_F(ApiServerHardeningTest, IdleKeptAliveConnectionsDoNotKeepNewRequestsWaiting) {
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

TEST_F(ApiServerHardeningTest, PipelinedRequestsOnOneConnectionAreAllAnswered) {
  // The connection loop reads ahead in blocks: a second request already read must not be lost.
  RawConnection connection(port_);
  ASSERT_TRUE(connection.Send(Get("/api/me") + Get("/api/extracts", "Connection: close\r\n")));
  EXPECT_EQ(RawConnection::Status(connection.ReadAnswer()), 200);
  const std::string second = connection.ReadAnswer(std::chrono::seconds(3));
  EXPECT_EQ(RawConnection::Status(second), 200);
  EXPECT_THAT(second, HasSubstr("\"extracts\""));
}

TEST_F(ApiServerHardeningTest, ASlowHeaderTrickleIsCutOffAtTheRequestDeadline) {
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

TEST_F(ApiServerHardeningTest, ConnectionsPerClientAddressAreCapped) {
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

TEST_F(ApiServerHardeningTest, ASlowReaderIsCutOffAtTheAnswerWriteDeadline) {
  StopServer();
  // 64 MiB: far more than the sockets' buffers hold, so the answer waits on its reader.
  {
    std::ofstream big(dir_ / "web" / "big.bin", std::ios::binary);
    const std::string block(size_t{1} << 20, 'x');
    for (int i = 0; i < 64; ++i) big << block;
  }
  StartServer(-1, [](ServerOptions& options) {
    options.connections.answer_write_timeout = std::chrono::milliseconds(1000);
    // Each write makes progress well within this: only the total deadline can cut it off.
    options.connections.io_timeout = std::chrono::milliseconds(10000);
  });
  RawConnection reader(port_);
  ASSERT_TRUE(reader.Send(Get("/big.bin")));
  // 64 KiB every 100 ms: the whole answer would take 100 s. Read for at most 30 s.
  size_t read = 0;
  bool closed = false;
  for (int round = 0; round < 300 && !closed; ++round) {
    const ssize_t got = reader.ReadSome(size_t{64} << 10, std::chrono::milliseconds(100));
    if (got == 0) closed = true;
    if (got > 0) read += static_cast<size_t>(got);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(closed) << read << " bytes read and the connection still open";
  EXPECT_GT(read, 0u);
  EXPECT_LT(read, size_t{64} << 20);
  // The thread is free again: the server answers.
  RawConnection probe(port_);
  ASSERT_TRUE(probe.Send(Get("/api/me", "Connection: close\r\n")));
  EXPECT_EQ(RawConnection::Status(probe.ReadAnswer()), 200);
}

}  // namespace
}  // namespace nara::server
