// HMAC-SHA-256 against the RFC 4231 test vectors, an empty message, and concurrent use.
#include "identity/hmac_sha256.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace nara::identity {
namespace {

std::string Hex(const Sha256Digest& digest) {
  static constexpr char kHexDigits[] = "0123456789abcdef";
  std::string out;
  for (const uint8_t byte : digest) {
    out += kHexDigits[byte >> 4];
    out += kHexDigits[byte & 0xf];
  }
  return out;
}

std::string Bytes(size_t count, unsigned char value) {
  return std::string(count, static_cast<char>(value));
}

TEST(HmacSha256Test, Rfc4231TestCases) {
  // Test case 1.
  EXPECT_EQ(Hex(HmacSha256(Bytes(20, 0x0b)).Digest("Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  // Test case 2: a key shorter than the output.
  EXPECT_EQ(Hex(HmacSha256("Jefe").Digest("what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // Test case 3: 50 bytes of data.
  EXPECT_EQ(Hex(HmacSha256(Bytes(20, 0xaa)).Digest(Bytes(50, 0xdd))),
            "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
  // Test case 4: key 0x01 .. 0x19.
  std::string key4;
  for (int i = 1; i <= 25; ++i) key4 += static_cast<char>(i);
  EXPECT_EQ(Hex(HmacSha256(key4).Digest(Bytes(50, 0xcd))),
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
  // Test case 6: a key longer than the 64-byte block is hashed first.
  EXPECT_EQ(Hex(HmacSha256(Bytes(131, 0xaa))
                    .Digest("Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  // Test case 7: key and data both longer than a block.
  EXPECT_EQ(Hex(HmacSha256(Bytes(131, 0xaa))
                    .Digest("This is a test using a larger than block-size key and a larger "
                            "than block-size data. The key needs to be hashed before being used "
                            "by the HMAC algorithm.")),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

TEST(HmacSha256Test, EmptyMessageAndRepeatedCallsAgree) {
  // openssl dgst -sha256 -hmac 'nara-public-test-key-NOT-SECRET!' < /dev/null
  const HmacSha256 hmac("nara-public-test-key-NOT-SECRET!");
  EXPECT_EQ(Hex(hmac.Digest("")),
            "af4406826981143bfc8d744a56d680a2a306062a588085cedebd14b9959898db");
  const Sha256Digest first = hmac.Digest("abc");
  EXPECT_EQ(hmac.Digest("abc"), first);  // the prepared state is not consumed
  EXPECT_NE(hmac.Digest("abd"), first);
  const HmacSha256 copy = hmac;
  EXPECT_EQ(copy.Digest("abc"), first);
}

TEST(HmacSha256Test, ConcurrentCallsGiveTheSameDigests) {
  const HmacSha256 hmac(Bytes(32, 0x42));
  std::vector<std::string> messages;
  for (int i = 0; i < 2000; ++i) messages.push_back("value-" + std::to_string(i));
  std::vector<Sha256Digest> expected;
  for (const auto& message : messages) expected.push_back(hmac.Digest(message));

  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < mismatches.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round) {
        for (size_t i = 0; i < messages.size(); ++i) {
          if (hmac.Digest(messages[i]) != expected[i]) ++mismatches[t];
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (const int count : mismatches) EXPECT_EQ(count, 0);
}

}  // namespace
}  // namespace nara::identity
