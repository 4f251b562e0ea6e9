// The pseudonymiser: known answers from `openssl dgst`, key files and their errors, the
// environment variable, concurrent use.
#include "identity/pseudonymiser.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace nara::identity {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// 0x00 0x01 ... 0x1f, as raw bytes and as hex.
std::string CountingKey() {
  std::string key;
  for (int i = 0; i < 32; ++i) key += static_cast<char>(i);
  return key;
}
constexpr char kCountingKeyHex[] =
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

// The longest run of decimal digits in `text`.
size_t LongestDigitRun(std::string_view text) {
  size_t longest = 0, run = 0;
  for (const char c : text) {
    run = std::isdigit(static_cast<unsigned char>(c)) ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

class PseudonymiserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::path(::testing::TempDir()) /
                 ("nara-identity-keys-" + std::to_string(::getpid()));
    std::filesystem::create_directories(directory_);
    if (const char* value = std::getenv("NARA_KEY_FILE")) saved_environment_ = value;
  }
  void TearDown() override {
    std::filesystem::remove_all(directory_);
    if (saved_environment_) {
      ::setenv("NARA_KEY_FILE", saved_environment_->c_str(), 1);
    } else {
      ::unsetenv("NARA_KEY_FILE");
    }
  }

  std::string Write(const std::string& name, const std::string& content) {
    const std::filesystem::path path = directory_ / name;
    std::ofstream(path, std::ios::binary) << content;
    std::filesystem::permissions(path, std::filesystem::perms::owner_read |
                                           std::filesystem::perms::owner_write);
    return path.string();
  }

  // A failed key file: the code, and a message that names the file, says `says`, and shows
  // none of `content` and no number.
  void ExpectKeyFileError(const std::string& name, const std::string& content, StatusCode code,
                          const std::string& says) {
    const std::string path = Write(name, content);
    auto result = Pseudonymiser::FromKeyFile(path);
    ASSERT_FALSE(result.ok()) << name;
    EXPECT_EQ(result.status().code(), code) << name;
    const std::string& message = result.status().message();
    EXPECT_THAT(message, HasSubstr(path)) << name;
    EXPECT_THAT(message, HasSubstr(says)) << name;
    std::string without_path = message;
    if (const size_t at = without_path.find(path); at != std::string::npos) {
      without_path.erase(at, path.size());
    }
    EXPECT_LT(LongestDigitRun(without_path), 6u) << name;
    for (size_t start = 0; start + 8 <= content.size(); start += 4) {
      EXPECT_THAT(without_path, Not(HasSubstr(content.substr(start, 8)))) << name;
    }
  }

  std::filesystem::path directory_;
  std::optional<std::string> saved_environment_;
};

TEST_F(PseudonymiserTest, KnownAnswersFromOpensslDgst) {
  // printf %s 195704289999 | openssl dgst -sha256 -mac HMAC -macopt hexkey:000102...1f
  //   = 7efc45dfb8a9bb69924872131525338e9efce5faebd2f8d8d69da5fae1dcfd7a
  // printf %s 123456 | (same key)
  //   = 8ba539f5f932c3fc8a67c2b866e25bbc326637f3c6c88b7b0e2b666e3cb33066
  auto pseudonymiser = Pseudonymiser::FromKeyFile(Write("counting", CountingKey()));
  ASSERT_TRUE(pseudonymiser.ok());
  EXPECT_EQ(pseudonymiser->Pseudonym("195704289999"), 0x7efc45dfb8a9bb69u);
  EXPECT_EQ(pseudonymiser->Pseudonym("123456"), 0x8ba539f5f932c3fcu);
  EXPECT_EQ(Pseudonymiser::FormatRef(pseudonymiser->Pseudonym("195704289999")),
            "7efc45dfb8a9bb69");
  EXPECT_FALSE(pseudonymiser->is_test_key());

  // printf %s 195704289999 | openssl dgst -sha256 -hmac 'nara-public-test-key-NOT-SECRET!'
  //   = 0798cdd4b27b1c2323a7c23bbd2aba922c3a218fa270e7a5696b39ee16078102
  // printf %s 20000101T220 | (same key)
  //   = d0c2b2c1d3782713434d1ab2054296a7ce3fc98d303d4f83c20cc6a1df8f0933
  const Pseudonymiser test_key = Pseudonymiser::ForTestData();
  EXPECT_TRUE(test_key.is_test_key());
  EXPECT_EQ(test_key.Pseudonym("195704289999"), 0x0798cdd4b27b1c23u);
  EXPECT_EQ(test_key.Pseudonym("20000101T220"), 0xd0c2b2c1d3782713u);
}

TEST_F(PseudonymiserTest, RawAndHexKeyFilesGiveTheSamePseudonyms) {
  const std::string hex = kCountingKeyHex;
  std::string upper = hex;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const auto& [name, content] : std::vector<std::pair<std::string, std::string>>{
           {"hex", hex}, {"hex-lf", hex + "\n"}, {"hex-crlf", hex + "\r\n"},
           {"hex-upper", upper + "\n"}}) {
    auto pseudonymiser = Pseudonymiser::FromKeyFile(Write(name, content));
    ASSERT_TRUE(pseudonymiser.ok()) << name;
    EXPECT_EQ(pseudonymiser->Pseudonym("195704289999"), 0x7efc45dfb8a9bb69u) << name;
  }
  // 32 raw bytes that happen to end in a newline are still the raw key.
  std::string raw_newline = CountingKey();
  raw_newline.back() = '\n';
  auto raw = Pseudonymiser::FromKeyFile(Write("raw-newline", raw_newline));
  ASSERT_TRUE(raw.ok());
  EXPECT_NE(raw->Pseudonym("195704289999"), 0x7efc45dfb8a9bb69u);
}

TEST_F(PseudonymiserTest, BadKeyFilesAreClearErrorsThatShowNeitherKeyNorNumber) {
  const std::string digits = "19570428-9999-19460823-9986-1973";  // 32 bytes that look like data
  ExpectKeyFileError("short", digits.substr(0, 31), StatusCode::kUsage, "holds 31 bytes");
  ExpectKeyFileError("long", digits + "0", StatusCode::kUsage, "holds 33 bytes");
  ExpectKeyFileError("empty", "", StatusCode::kUsage, "holds 0 bytes");
  ExpectKeyFileError("hex-short", std::string(kCountingKeyHex).substr(2) + "\n",
                     StatusCode::kUsage, "holds 63 bytes");
  ExpectKeyFileError("bad-hex", std::string(kCountingKeyHex).substr(0, 63) + "g",
                     StatusCode::kUsage, "hex digits only");
  ExpectKeyFileError("hex-two-newlines", std::string(kCountingKeyHex) + "\n\n",
                     StatusCode::kUsage, "holds 66 bytes");
  ExpectKeyFileError("large", std::string(5000, '7'), StatusCode::kUsage, "holds 5000 bytes");
  ExpectKeyFileError("all-zero", std::string(32, '\0'), StatusCode::kUsage,
                     "one byte repeated");
  ExpectKeyFileError("all-same", std::string(32, 'k'), StatusCode::kUsage, "one byte repeated");
  ExpectKeyFileError("hex-zero", std::string(64, '0') + "\n", StatusCode::kUsage,
                     "one byte repeated");
  ExpectKeyFileError("hex-ff", std::string(64, 'f'), StatusCode::kUsage, "one byte repeated");
  ExpectKeyFileError("numbers-in-hex", std::string(52, 'a') + "570428-99999",
                     StatusCode::kUsage, "hex digits only");

  const std::string missing = (directory_ / "missing").string();
  auto not_there = Pseudonymiser::FromKeyFile(missing);
  ASSERT_FALSE(not_there.ok());
  EXPECT_EQ(not_there.status().code(), StatusCode::kIoError);
  EXPECT_THAT(not_there.status().message(), HasSubstr(missing));
  EXPECT_THAT(not_there.status().message(), HasSubstr("cannot open"));

  auto directory = Pseudonymiser::FromKeyFile(directory_.string());
  ASSERT_FALSE(directory.ok());
  EXPECT_EQ(directory.status().code(), StatusCode::kIoError);
  EXPECT_THAT(directory.status().message(), HasSubstr(directory_.string()));
}

// Issue 17: a key its group or others may read is no secret: refused before it is read.
TEST_F(PseudonymiserTest, AKeyFileOpenToGroupOrOthersIsRefusedNamingChmod) {
  namespace fs = std::filesystem;
  const std::string path = Write("shared", CountingKey());
  ASSERT_TRUE(Pseudonymiser::FromKeyFile(path).ok());  // 0600: accepted
  for (const fs::perms extra : {fs::perms::group_read, fs::perms::others_read,
                                fs::perms::group_write, fs::perms::others_write}) {
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | extra);
    auto result = Pseudonymiser::FromKeyFile(path);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), StatusCode::kUsage);
    EXPECT_THAT(result.status().message(), HasSubstr(path + ": the pseudonymisation key file "
                                                            "is open to group or others"));
    EXPECT_THAT(result.status().message(), HasSubstr("chmod 600 " + path));
  }
  fs::permissions(path, fs::perms::owner_read);  // 0400 is private too
  EXPECT_TRUE(Pseudonymiser::FromKeyFile(path).ok());
}

TEST_F(PseudonymiserTest, FromEnvironment) {
  ::unsetenv("NARA_KEY_FILE");
  auto unset = Pseudonymiser::FromEnvironment();
  ASSERT_FALSE(unset.ok());
  EXPECT_EQ(unset.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(unset.status().message(), HasSubstr("NARA_KEY_FILE"));
  ::setenv("NARA_KEY_FILE", "", 1);
  EXPECT_EQ(Pseudonymiser::FromEnvironment().status().code(), StatusCode::kNotFound);

  ::setenv("NARA_KEY_FILE", Write("env", kCountingKeyHex).c_str(), 1);
  auto set = Pseudonymiser::FromEnvironment();
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->Pseudonym("195704289999"), 0x7efc45dfb8a9bb69u);

  ::setenv("NARA_KEY_FILE", Write("env-bad", "short").c_str(), 1);
  auto bad = Pseudonymiser::FromEnvironment();
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kUsage);
  EXPECT_THAT(bad.status().message(), HasSubstr("NARA_KEY_FILE"));
}

TEST_F(PseudonymiserTest, FormatRefIsSixteenLowerCaseHexDigits) {
  EXPECT_EQ(Pseudonymiser::FormatRef(0), "0000000000000000");
  EXPECT_EQ(Pseudonymiser::FormatRef(0xab), "00000000000000ab");
  EXPECT_EQ(Pseudonymiser::FormatRef(0x0123456789abcdefu), "0123456789abcdef");
  EXPECT_EQ(Pseudonymiser::FormatRef(~uint64_t{0}), "ffffffffffffffff");
}

TEST_F(PseudonymiserTest, CopiesAndThreadsAgree) {
  const Pseudonymiser original = Pseudonymiser::ForTestData();
  const Pseudonymiser copy = original;  // NOLINT(performance-unnecessary-copy-initialization)
  std::vector<std::string> values;
  for (int i = 0; i < 1000; ++i) values.push_back("1957042899" + std::to_string(i % 100));
  std::vector<uint64_t> expected;
  for (const auto& value : values) expected.push_back(original.Pseudonym(value));
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < mismatches.size(); ++t) {
    threads.emplace_back([&, t] {
      const Pseudonymiser& user = t % 2 == 0 ? original : copy;
      for (size_t i = 0; i < values.size(); ++i) {
        if (user.Pseudonym(values[i]) != expected[i]) ++mismatches[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (const int count : mismatches) EXPECT_EQ(count, 0);
}

}  // namespace
}  // namespace nara::identity
