// Sessions and the login rate limiter, on an injected clock (no waiting, no timing).
#include "server/sessions.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "server/users.hpp"

namespace nara::server {
namespace {

using std::chrono::seconds;

struct FakeClock {
  std::chrono::steady_clock::time_point now{};
  Clock Function() {
    return [this] { return now; };
  }
};

TEST(RateLimiterTest, LimitsAfterFiveAttemptsUntilTheyLeaveTheWindow) {
  FakeClock clock;
  RateLimiter limiter(seconds(60), clock.Function());
  const std::vector<RateLimiter::Key> anna = {{"user:anna", 5}};
  for (int i = 0; i < 4; ++i) {
    EXPECT_TRUE(limiter.TryAttempt(anna));
    clock.now += seconds(10);
  }
  EXPECT_TRUE(limiter.TryAttempt(anna));  // fifth, at t = 40 s
  EXPECT_FALSE(limiter.TryAttempt(anna));
  EXPECT_TRUE(limiter.TryAttempt({{"user:bo", 5}}));
  clock.now = std::chrono::steady_clock::time_point{} + seconds(60);  // the first leaves
  EXPECT_TRUE(limiter.TryAttempt(anna));
  EXPECT_FALSE(limiter.TryAttempt(anna));
}

TEST(RateLimiterTest, AnAttemptRefusedByOneKeyIsCountedAgainstNone) {
  FakeClock clock;
  RateLimiter limiter(seconds(60), clock.Function());
  EXPECT_TRUE(limiter.TryAttempt({{"user:anna", 1}, {"addr:a", 3}}));
  EXPECT_FALSE(limiter.TryAttempt({{"user:anna", 1}, {"addr:a", 3}}));  // anna is at her limit
  EXPECT_TRUE(limiter.TryAttempt({{"user:bo", 1}, {"addr:a", 3}}));
  EXPECT_TRUE(limiter.TryAttempt({{"user:cy", 1}, {"addr:a", 3}}));  // the refusal did not count
  EXPECT_FALSE(limiter.TryAttempt({{"user:dag", 1}, {"addr:a", 3}}));
}

TEST(RateLimiterTest, ASuccessfulLoginIsForgiven) {
  FakeClock clock;
  RateLimiter limiter(seconds(60), clock.Function());
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(limiter.TryAttempt({{"user:anna", 2}}));
    limiter.Forgive("user:anna");
  }
  limiter.Forgive("user:nobody");  // nothing to forgive: no effect
  EXPECT_TRUE(limiter.TryAttempt({{"user:anna", 2}}));
}

TEST(SessionsTest, TokensAreRandomAndExpire) {
  FakeClock clock;
  Sessions sessions(seconds(3600), clock.Function());
  const std::string first = sessions.Create({"anna", Role::kRegion, ""});
  const std::string second = sessions.Create({"anna", Role::kRegion, ""});
  EXPECT_EQ(first.size(), 64u);
  EXPECT_NE(first, second);
  ASSERT_TRUE(sessions.Find(first).has_value());
  EXPECT_EQ(sessions.Find(first)->name, "anna");
  sessions.Remove(first);
  EXPECT_FALSE(sessions.Find(first).has_value());
  clock.now += seconds(3600);
  EXPECT_FALSE(sessions.Find(second).has_value());
  EXPECT_FALSE(sessions.Find("").has_value());
}

TEST(UsersTest, VerifiesOnlyTheRightPasswordAndParsesRoles) {
  Users users;
  ASSERT_TRUE(users.Add({"kalle", Role::kMunicipality, "2380"}, "long enough", 1000).ok());
  EXPECT_FALSE(users.Verify("kalle", "long enougH").has_value());
  EXPECT_FALSE(users.Verify("nobody", "long enough").has_value());
  auto principal = users.Verify("kalle", "long enough");
  ASSERT_TRUE(principal.has_value());
  EXPECT_EQ(principal->municipality, "2380");
  EXPECT_EQ(users.Add({"x", Role::kRegion, ""}, "short", 1000).code(), StatusCode::kUsage);
  EXPECT_FALSE(ParseRole("bo", "municipality:23").ok());
  EXPECT_FALSE(ParseRole("bo bo", "region").ok());
  EXPECT_EQ(RoleText(*ParseRole("bo", "municipality:0880")), "municipality:0880");
}

// Issue 17: the users file (password hashes) is its owner's only, under any umask, from the
// moment it exists; a save over an existing 0644 file makes it 0600 too.
TEST(UsersTest, TheUsersFileIsSavedOwnerOnly) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(::testing::TempDir()) / ("nara-users-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string path = (dir / "users.json").string();
  Users users;
  ASSERT_TRUE(users.Add({"kalle", Role::kRegion, ""}, "long enough", 1000).ok());
  const mode_t previous = ::umask(022);
  ASSERT_TRUE(users.Save(path).ok());
  EXPECT_EQ(fs::status(path).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  fs::permissions(path, fs::perms::group_read | fs::perms::others_read, fs::perm_options::add);
  ASSERT_TRUE(users.Save(path).ok());
  ::umask(previous);
  EXPECT_EQ(fs::status(path).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  auto loaded = Users::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_TRUE(loaded->Verify("kalle", "long enough").has_value());
  size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1u);  // no temporary file left beside it
  fs::remove_all(dir);
}

}  // namespace
}  // namespace nara::server
