// Tests of the one redaction gate: the shapes it removes, what it leaves, and the cut.
#include "ingest/redaction.hpp"

#include <gtest/gtest.h>

#include <string>

namespace nara::ingest {
namespace {

TEST(RedactionTest, RemovesEveryWrittenFormOfANumber) {
  for (const char* text :
       {"19400627-0807", "194006270807", "4006270807", "400627-0807", "400627+0807",
        "19400627 0807", "400627 - 0807", "19400627\u00A00807", "400627\u20130807",
        "400627 \u2212 0807", "19400627\u202F0807", "000101-T220", "194006270807.0"}) {
    const std::string redacted = RedactIdentityNumbers(std::string("unit ") + text + " x");
    EXPECT_EQ(redacted.find("0807"), std::string::npos) << redacted;
    EXPECT_NE(redacted.find("[personnummer]"), std::string::npos) << redacted;
    EXPECT_TRUE(ContainsIdentityNumber(text)) << redacted;
  }
}

TEST(RedactionTest, LeavesOtherTextAlone) {
  for (const char* text : {"Länssjukhuset Kalmar", "2019-03-01 12:00", "0880", "VC Syd 12",
                           "1234567", "12345678901", "1234567890123", "400627--0807",
                           "patient_ref:0123456789abcdef"}) {
    EXPECT_FALSE(ContainsIdentityNumber(text)) << text;
    EXPECT_EQ(RedactIdentityNumbers(text), text);
  }
}

TEST(RedactionTest, APseudonymIsKeptButNotTextDressedAsOne) {
  EXPECT_EQ(RedactIdentityNumbers("patient_ref:1234567890ab0000,H"),
            "patient_ref:1234567890ab0000,H");
  EXPECT_EQ(RedactIdentityNumbers("patient_ref:194006270807"), "patient_ref:[personnummer]");
}

TEST(RedactionTest, ShortensAtACharacterBoundary) {
  EXPECT_EQ(RedactAndShorten("abc", 3), "abc");
  EXPECT_EQ(RedactAndShorten("abcd", 3), "abc...");
  EXPECT_EQ(RedactAndShorten("a\u00E4b", 2), "a...");  // not half of the ä
  EXPECT_EQ(QuoteForMessage("19400627-0807"), "\"[personnummer]\"");
}

}  // namespace
}  // namespace nara::ingest
