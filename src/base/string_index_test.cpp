// Tests for the string hash index: growth, present and absent keys, equal tags, odd lengths.
#include "base/string_index.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace nara {
namespace {

// A minimal owner of the strings, as Dictionary and PatientResolver are: ids are indices into
// `keys`. Counts the accessor's calls, to show when the tag alone settles a probe.
struct Owner {
  std::vector<std::string> keys;
  StringIndex index;
  mutable int key_calls = 0;

  uint32_t Find(std::string_view text, uint64_t hash) const {
    return index.Find(text, hash, [this](uint32_t id) -> std::string_view {
      ++key_calls;
      return keys[id];
    });
  }
  uint32_t Find(std::string_view text) const { return Find(text, StringIndex::Hash(text)); }
  // Adds `text` under a given hash (to force tags) and returns its id.
  uint32_t Add(std::string_view text, uint64_t hash) {
    const auto id = static_cast<uint32_t>(keys.size());
    keys.emplace_back(text);
    index.Insert(hash, id);
    return id;
  }
  uint32_t Add(std::string_view text) { return Add(text, StringIndex::Hash(text)); }
};

// A hash whose tag (upper 32 bits) is `tag`, whatever the lower bits.
uint64_t WithTag(uint32_t tag, uint32_t low) { return static_cast<uint64_t>(tag) << 32 | low; }

TEST(StringIndexTest, EmptyIndexFindsNothingAndReadsNoKey) {
  Owner owner;
  EXPECT_EQ(owner.Find("anything"), StringIndex::kNone);
  EXPECT_EQ(owner.Find(""), StringIndex::kNone);
  EXPECT_EQ(owner.key_calls, 0);
  EXPECT_EQ(owner.index.size(), 0u);
  EXPECT_EQ(owner.index.MemoryBytes(), 0u);
}

TEST(StringIndexTest, HashDependsOnTheTextOnlyNotWhereItIsStored) {
  // The same bytes at every alignment inside a larger buffer hash alike.
  const std::string text = "EP-2019-0001234-extra-long-key";
  const uint64_t expected = StringIndex::Hash(text);
  for (size_t offset = 0; offset < 8; ++offset) {
    const std::string buffer = std::string(offset, '#') + text + "##";
    EXPECT_EQ(StringIndex::Hash(std::string_view(buffer).substr(offset, text.size())), expected)
        << offset;
  }
}

TEST(StringIndexTest, HashSeparatesLengthsPrefixesAndSingleBytes) {
  // Every length 0..40 of one repeated byte (the overlapping tail loads must not confuse
  // lengths), every string of one or two bytes, and one-bit changes at each position: distinct
  // texts, distinct 64-bit hashes.
  std::set<std::string> texts;
  for (size_t length = 0; length <= 40; ++length) texts.insert(std::string(length, 'a'));
  for (int first = 0; first < 256; ++first) {
    texts.insert(std::string(1, static_cast<char>(first)));
    for (int second = 0; second < 256; ++second) {
      texts.insert(std::string{static_cast<char>(first), static_cast<char>(second)});
    }
  }
  const std::string base = "197001011234-and-some-more-text";
  for (size_t position = 0; position < base.size(); ++position) {
    std::string changed = base;
    changed[position] = static_cast<char>(changed[position] ^ 1);
    texts.insert(changed);
  }
  std::set<uint64_t> hashes;
  for (const auto& text : texts) hashes.insert(StringIndex::Hash(text));
  EXPECT_EQ(hashes.size(), texts.size());
}

TEST(StringIndexTest, ManyInsertsGrowAndEveryKeyIsFoundAgain) {
  Owner owner;
  constexpr uint32_t kCount = 200'000;
  for (uint32_t i = 0; i < kCount; ++i) {
    const std::string key = "E" + std::to_string(i);
    ASSERT_EQ(owner.Find(key), StringIndex::kNone) << key;
    ASSERT_EQ(owner.Add(key), i);
  }
  EXPECT_EQ(owner.index.size(), kCount);
  // Grown by doubling from 16 and never past half full: 2^19 slots for 200 000 keys.
  EXPECT_EQ(owner.index.MemoryBytes(), (size_t{1} << 19) * sizeof(uint64_t));
  for (uint32_t i = 0; i < kCount; ++i) {
    ASSERT_EQ(owner.Find("E" + std::to_string(i)), i);
  }
  // Absent keys: near misses of present ones.
  EXPECT_EQ(owner.Find("E"), StringIndex::kNone);
  EXPECT_EQ(owner.Find("E200000"), StringIndex::kNone);
  EXPECT_EQ(owner.Find("e1"), StringIndex::kNone);
  EXPECT_EQ(owner.Find("E1 "), StringIndex::kNone);
  EXPECT_EQ(owner.Find("E01"), StringIndex::kNone);
  // With 32-bit tags, text comparisons on a hit are about one per lookup, not one per probe.
  owner.key_calls = 0;
  for (uint32_t i = 0; i < kCount; ++i) owner.Find("E" + std::to_string(i));
  EXPECT_LT(owner.key_calls, kCount + kCount / 100);
}

TEST(StringIndexTest, EqualTagsAreToldApartByTheText) {
  // Every key gets the same hash, so each probe matches the tag and the text decides.
  Owner owner;
  const uint64_t hash = WithTag(0xDEADBEEF, 7);
  std::vector<std::string> keys;
  for (int i = 0; i < 50; ++i) keys.push_back("key" + std::to_string(i));
  for (const auto& key : keys) owner.Add(key, hash);  // grows the table three times
  for (size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(owner.Find(keys[i], hash), i) << keys[i];
  }
  EXPECT_EQ(owner.Find("key50", hash), StringIndex::kNone);
  // The text alone never matches: a different tag is a different key.
  EXPECT_EQ(owner.Find("key3", WithTag(0xDEADBEEE, 7)), StringIndex::kNone);
}

TEST(StringIndexTest, TagsOnOneHomePositionAreRejectedWithoutReadingTheText) {
  // Tags that agree in their low bits share a home position in any table up to 2^16 slots but
  // differ above: the probe walks past all of them comparing tags only.
  Owner owner;
  for (uint32_t i = 0; i < 100; ++i) owner.Add("k" + std::to_string(i), WithTag(i << 16 | 5, 0));
  owner.key_calls = 0;
  EXPECT_EQ(owner.Find("absent", WithTag(0xFFFF0005, 0)), StringIndex::kNone);
  EXPECT_EQ(owner.key_calls, 0);
  EXPECT_EQ(owner.Find("k42", WithTag(42u << 16 | 5, 0)), 42u);
  EXPECT_EQ(owner.key_calls, 1);
}

TEST(StringIndexTest, EmptyStringIsAnOrdinaryKey) {
  Owner owner;
  owner.Add("x");
  EXPECT_EQ(owner.Find(""), StringIndex::kNone);
  const uint32_t id = owner.Add("");
  EXPECT_EQ(owner.Find(""), id);
  EXPECT_EQ(owner.Find("x"), 0u);
  EXPECT_EQ(owner.Find(std::string_view("x", 0)), id);
}

TEST(StringIndexTest, LongStringsDifferingAnywhere) {
  // Keys of every length up to 300 that differ from a shared base in one byte, at the start, in
  // the middle or at the end, plus each base prefix itself.
  Owner owner;
  std::set<std::string> distinct;
  for (size_t length = 1; length <= 300; ++length) {
    const std::string prefix(length, 'z');
    distinct.insert(prefix);
    for (size_t position : {size_t{0}, length / 2, length - 1}) {
      std::string changed = prefix;
      changed[position] = 'y';
      distinct.insert(changed);
    }
  }
  const std::vector<std::string> unique(distinct.begin(), distinct.end());
  for (const auto& key : unique) owner.Add(key);
  for (size_t i = 0; i < unique.size(); ++i) ASSERT_EQ(owner.Find(unique[i]), i);
  EXPECT_EQ(owner.Find(std::string(301, 'z')), StringIndex::kNone);
  EXPECT_EQ(owner.Find(std::string(300, 'z') + 'y'), StringIndex::kNone);
}

TEST(StringIndexTest, LargestIdRoundTrips) {
  // id + 1 is stored, so the largest id (kNone - 1) must not wrap to the empty slot.
  constexpr uint32_t kLargest = StringIndex::kNone - 1;
  StringIndex index;
  const uint64_t hash = StringIndex::Hash("only");
  index.Insert(hash, kLargest);
  const auto key = [](uint32_t id) -> std::string_view { return id == kLargest ? "only" : ""; };
  EXPECT_EQ(index.Find("only", hash, key), kLargest);
  EXPECT_EQ(index.Find("other", StringIndex::Hash("other"), key), StringIndex::kNone);
}

}  // namespace
}  // namespace nara
