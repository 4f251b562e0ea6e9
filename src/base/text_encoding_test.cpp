// Tests of encoding detection, UTF-8 validation and Windows-1252 transcoding.
#include "base/text_encoding.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace nara {
namespace {

TEST(DetectEncodingTest, EmptyAndAsciiAreUtf8) {
  EXPECT_EQ(DetectEncoding(""), TextEncoding::kUtf8);
  EXPECT_EQ(DetectEncoding("episode_id,patient\n1,2\n"), TextEncoding::kUtf8);
}

TEST(DetectEncodingTest, SwedishUtf8) {
  EXPECT_EQ(DetectEncoding("kommun;namn\n2380;Östersund\n0880;Kalmar län, Västervik\n"),
            TextEncoding::kUtf8);
}

TEST(DetectEncodingTest, Bom) {
  EXPECT_EQ(DetectEncoding("\xEF\xBB\xBFkommun;namn\n"), TextEncoding::kUtf8WithBom);
  EXPECT_EQ(DetectEncoding("\xEF\xBB\xBF"), TextEncoding::kUtf8WithBom);
  EXPECT_EQ(DetectEncoding("\xEF\xBB"), TextEncoding::kWindows1252);  // a truncated BOM
}

TEST(DetectEncodingTest, LatinBytesAreWindows1252) {
  EXPECT_EQ(DetectEncoding("kommun;namn\n2380;\xD6stersund\n"), TextEncoding::kWindows1252);
  EXPECT_EQ(DetectEncoding("\xE5\xE4\xF6"), TextEncoding::kWindows1252);
  // Invalid only after the first 8-byte ASCII words.
  EXPECT_EQ(DetectEncoding("abcdefghijklmnopqrstuvwxyz\xE9"), TextEncoding::kWindows1252);
}

TEST(IsValidUtf8Test, AcceptsWellFormed) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("\xC3\xA5"));                   // å
  EXPECT_TRUE(IsValidUtf8("\xE2\x82\xAC"));               // €
  EXPECT_TRUE(IsValidUtf8("\xEF\xBF\xBD"));               // U+FFFD
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));           // U+1F600
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));           // U+10FFFF
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));               // U+D7FF, just below the surrogates
  EXPECT_TRUE(IsValidUtf8("0123456789abcdef\xC3\xB6x"));  // after the ASCII fast path
}

TEST(IsValidUtf8Test, RejectsMalformed) {
  EXPECT_FALSE(IsValidUtf8("\x80"));              // lone continuation byte
  EXPECT_FALSE(IsValidUtf8("\xC0\x80"));          // overlong NUL
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xE0\x9F\xBF"));      // overlong 3-byte form
  EXPECT_FALSE(IsValidUtf8("\xF0\x8F\xBF\xBF"));  // overlong 4-byte form
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));   // truncated at the end
  EXPECT_FALSE(IsValidUtf8("\xE2\x82x"));  // truncated in the middle
  EXPECT_FALSE(IsValidUtf8("\xC3\xA5\xFF"));
}

TEST(ReplaceInvalidUtf8Test, ReplacesEachBadByte) {
  EXPECT_EQ(ReplaceInvalidUtf8("G\xF6teborg"), "G\uFFFDteborg");
  EXPECT_EQ(ReplaceInvalidUtf8("\xFF\xFE"), "\uFFFD\uFFFD");
  EXPECT_EQ(ReplaceInvalidUtf8("ok \xE2\x82"), "ok \uFFFD\uFFFD");  // truncated euro sign
  EXPECT_EQ(ReplaceInvalidUtf8("å\x80ä"), "å\uFFFDä");
  EXPECT_EQ(ReplaceInvalidUtf8("Östersund"), "Östersund");
  EXPECT_EQ(ReplaceInvalidUtf8(""), "");
  EXPECT_TRUE(IsValidUtf8(ReplaceInvalidUtf8("\xC0\x80\xED\xA0\x80\xF4\x90\x80\x80x")));
}

TEST(Windows1252ToUtf8Test, SwedishLettersSurvive) {
  EXPECT_EQ(Windows1252ToUtf8("\xE5\xE4\xF6\xC5\xC4\xD6\xE9"), "åäöÅÄÖé");
  EXPECT_EQ(Windows1252ToUtf8("2380;\xD6stersund;J\xE4mtlands l\xE4n\r\n"),
            "2380;Östersund;Jämtlands län\r\n");
}

TEST(Windows1252ToUtf8Test, AsciiUnchanged) {
  const std::string ascii = "episode_id,patient,admitted_at\n1,19121212-1212,2019-01-01\n";
  EXPECT_EQ(Windows1252ToUtf8(ascii), ascii);
  EXPECT_EQ(Windows1252ToUtf8(""), "");
}

TEST(Windows1252ToUtf8Test, Cp1252Specials) {
  EXPECT_EQ(Windows1252ToUtf8("\x80"), "€");
  EXPECT_EQ(Windows1252ToUtf8("\x8A\x9A\x8E\x9E\x9F"), "ŠšŽžŸ");
  EXPECT_EQ(Windows1252ToUtf8("\x91x\x92 \x93y\x94 \x96 \x97 \x85"), "‘x’ “y” – — …");
  EXPECT_EQ(Windows1252ToUtf8("\x99\x83\x88\x98"), "™ƒˆ˜");
}

TEST(Windows1252ToUtf8Test, UndefinedBytesBecomeReplacementCharacter) {
  EXPECT_EQ(Windows1252ToUtf8("\x81\x8D\x8F\x90\x9D"), "\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD");
}

TEST(Windows1252ToUtf8Test, Latin1RangeMapsToSameCodePoints) {
  EXPECT_EQ(Windows1252ToUtf8("\xA0"), "\u00A0");
  EXPECT_EQ(Windows1252ToUtf8("\xFF"), "\u00FF");
  EXPECT_EQ(Windows1252ToUtf8("\xB0"), "°");
}

TEST(Windows1252ToUtf8Test, EveryByteGivesValidUtf8) {
  std::string all;
  for (int byte = 1; byte < 256; ++byte) all.push_back(static_cast<char>(byte));
  const std::string utf8 = Windows1252ToUtf8(all);
  EXPECT_TRUE(IsValidUtf8(utf8));
  // 127 ASCII bytes, 96 two-byte Latin-1 letters, 32 cp1252 specials (10 of two bytes).
  EXPECT_EQ(utf8.size(), 127U + 96U * 2U + 10U * 2U + 22U * 3U);
}

TEST(Windows1252ToUtf8InPlaceTest, MatchesTheCopyingConversion) {
  std::string all;
  for (int byte = 1; byte < 256; ++byte) all.push_back(static_cast<char>(byte));
  const std::vector<std::string> cases = {
      "",
      "ascii only, longer than one eight-byte word",
      "\xE5",
      "\xE5\xE4\xF6 at the start, then a long ASCII tail to move",
      "a long ASCII head before the letters at the end \xC5\xC4\xD6",
      "x\x80y\x81z\x9Fw\xFF",
      all,
      all + all + "tail",
  };
  for (const std::string& text : cases) {
    std::string in_place = text;
    Windows1252ToUtf8InPlace(in_place);
    EXPECT_EQ(in_place, Windows1252ToUtf8(text)) << text;
    // And with room to grow without reallocating.
    std::string roomy;
    roomy.reserve(text.size() * 3 + 1);
    roomy = text;
    const char* const data = roomy.data();
    Windows1252ToUtf8InPlace(roomy);
    EXPECT_EQ(roomy, Windows1252ToUtf8(text)) << text;
    EXPECT_EQ(roomy.data(), data);
  }
}

TEST(EncodingNameTest, Names) {
  EXPECT_STREQ(EncodingName(TextEncoding::kUtf8), "UTF-8");
  EXPECT_STREQ(EncodingName(TextEncoding::kUtf8WithBom), "UTF-8 (BOM)");
  EXPECT_STREQ(EncodingName(TextEncoding::kWindows1252), "Windows-1252");
}

}  // namespace
}  // namespace nara
