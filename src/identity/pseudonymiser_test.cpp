// Known-answer tests of HMAC-SHA-256 and the key file rules.
#include "identity/pseudonymiser.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

namespace nara::identity {
namespace {

std::string Hex(const std::array<uint8_t, 32>& digest) {
  std::string out;
  for (uint8_t byte : digest) out += fmt::format("{:02x}", byte);
  return out;
}

TEST(PseudonymiserTest, HmacMatchesRfc4231TestCases) {
  // RFC 4231 test case 1: key = 20 bytes of 0x0b, data = "Hi There".
  EXPECT_EQ(Hex(Pseudonymiser::HmacSha256(std::string(20, '\x0b'), "Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  // Test case 2: key = "Jefe".
  EXPECT_EQ(Hex(Pseudonymiser::HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // Test case 6: a 131-byte key (longer than the block) is hashed first.
  EXPECT_EQ(Hex(Pseudonymiser::HmacSha256(std::string(131, '\xaa'),
                                          "Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

class KeyFileTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& content) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("nara-key-test-" + std::to_string(counter_++));
    std::ofstream(path, std::ios::binary) << content;
    paths_.push_back(path);
    return path.string();
  }
  ~KeyFileTest() override {
    for (const auto& path : paths_) std::filesystem::remove(path);
  }
  int counter_ = 0;
  std::vector<std::filesystem::path> paths_;
};

TEST_F(KeyFileTest, RawAndHexKeysGiveTheSamePseudonyms) {
  const std::string raw(32, '\x11');
  auto from_raw = Pseudonymiser::FromKeyFile(Write(raw));
  auto from_hex = Pseudonymiser::FromKeyFile(Write(std::string(64, '1') + "\n"));
  ASSERT_TRUE(from_raw.ok() && from_hex.ok());
  EXPECT_EQ(from_raw->Pseudonym("191212121212"), from_hex->Pseudonym("191212121212"));
  // The pseudonym is the first 8 bytes of the HMAC.
  const auto digest = Pseudonymiser::HmacSha256(raw, "191212121212");
  uint64_t expected = 0;
  for (int i = 0; i < 8; ++i) expected = (expected << 8) | digest[static_cast<size_t>(i)];
  EXPECT_EQ(from_raw->Pseudonym("191212121212"), expected);
  EXPECT_FALSE(from_raw->is_test_key());
  EXPECT_NE(from_raw->Pseudonym("191212121212"),
            Pseudonymiser::ForTestData().Pseudonym("191212121212"));
  EXPECT_EQ(Pseudonymiser::FormatRef(0x00ab), "00000000000000ab");
}

TEST_F(KeyFileTest, BadKeyFilesAreClearErrorsThatNeverShowTheKey) {
  const std::string secret = "SECRETSECRETSECRETSECRETSECRETS";  // 31 bytes
  auto short_key = Pseudonymiser::FromKeyFile(Write(secret));
  ASSERT_FALSE(short_key.ok());
  EXPECT_EQ(short_key.status().code(), StatusCode::kUsage);
  EXPECT_THAT(short_key.status().message(), ::testing::HasSubstr("has 31 bytes"));
  EXPECT_THAT(short_key.status().message(), ::testing::Not(::testing::HasSubstr("SECRET")));
  auto long_key = Pseudonymiser::FromKeyFile(Write(secret + "XY"));
  ASSERT_FALSE(long_key.ok());
  EXPECT_THAT(long_key.status().message(), ::testing::HasSubstr("has 33 bytes"));
  auto bad_hex = Pseudonymiser::FromKeyFile(Write(std::string(63, 'a') + "g"));
  ASSERT_FALSE(bad_hex.ok());
  EXPECT_THAT(bad_hex.status().message(), ::testing::HasSubstr("hex digits only"));
  auto missing = Pseudonymiser::FromKeyFile("/nonexistent/nara-key");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace nara::identity
