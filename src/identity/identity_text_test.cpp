// The normalisation of messy identity numbers: every everyday written form of one number gives
// its canonical form, and text near that shape is never taken for a pseudonym. Failure messages
// name the case by index, never by its number.
#include "identity/identity_text.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace nara::identity {
namespace {

const Date kReference = DaysFromCivil(2025, 1, 15);

// The everyday forms of a number written as YYYYMMDD-NNNC (`dashed`): with blanks, NBSP and
// other Unicode spaces, as a spreadsheet float, with Excel's apostrophe, with spaced or Unicode
// dashes.
std::vector<std::string> MessyForms(const std::string& dashed) {
  const std::string date = dashed.substr(0, 8);
  const std::string last = dashed.substr(9);
  const std::string digits = date + last;
  const std::string short_date = date.substr(2);
  return {
      date + " " + last,             // 19400627 0807
      short_date + " - " + last,     // 400627 - 0807
      date + "\u00A0" + last,        // no-break space
      date + "-\u202F" + last,       // narrow no-break space after the dash
      "\u2007" + digits + "\u3000",  // figure space, ideographic space
      digits + ".0",                 // spreadsheet float
      digits + ".00",
      "'" + digits,                    // Excel's text marker
      "\u2019" + date + "-" + last,    // a typographic apostrophe
      short_date + "\u2013" + last,    // en dash
      short_date + " \u2212 " + last,  // minus sign with blanks
      " \t" + date + "\u00A0-\u00A0" + last + "\r\n",
      date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6) + "-" + last,
      "\uFEFF" + digits,  // a BOM glued to the value
  };
}

TEST(IdentityTextTest, EveryMessyFormGivesTheCanonicalNumber) {
  const std::vector<std::string> numbers = {"19400627-0807", "19570428-9999", "20090527-1474",
                                            "19460823-9986", "20000101-T220"};
  for (size_t n = 0; n < numbers.size(); ++n) {
    const auto clean = ParseIdentityNumber(numbers[n], kReference);
    ASSERT_TRUE(clean) << "number " << n;
    const std::vector<std::string> forms = MessyForms(numbers[n]);
    for (size_t f = 0; f < forms.size(); ++f) {
      const PatientText text = ClassifyPatientText(forms[f], kReference);
      ASSERT_EQ(text.kind, PatientTextKind::kIdentityNumber) << "number " << n << " form " << f;
      ASSERT_TRUE(text.number) << "number " << n << " form " << f;
      EXPECT_EQ(std::string_view(text.number->canonical, 12),
                std::string_view(clean->canonical, 12))
          << "number " << n << " form " << f;
      EXPECT_EQ(text.number->sex, clean->sex) << "number " << n << " form " << f;
      EXPECT_EQ(text.number->birth_date, clean->birth_date) << "number " << n << " form " << f;
      EXPECT_EQ(IsValid(*text.number), IsValid(*clean)) << "number " << n << " form " << f;
    }
  }
}

TEST(IdentityTextTest, TheConformanceVectorWithABlankIsTheDashedNumber) {
  // list.json holds "19090527 1474" as not valid (a blank is no separator in the strict
  // grammar, and ParseIdentityNumber keeps to it); in an export it is that number.
  std::ifstream in(std::string(NARA_SOURCE_DIR) + "/tests/data/personnummer/list.json");
  const nlohmann::json vectors = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(vectors.is_array());
  int with_blank = 0;
  for (const nlohmann::json& entry : vectors) {
    const std::string long_form = entry.at("long_format").get<std::string>();
    if (long_form.find(' ') == std::string::npos) continue;
    ++with_blank;
    EXPECT_FALSE(ParseIdentityNumber(long_form, kReference));
    std::string dashed = long_form;
    dashed[8] = '-';
    const auto expected = ParseIdentityNumber(dashed, kReference);
    ASSERT_TRUE(expected);
    for (const char* form : {"long_format", "short_format", "separated_format", "separated_long"}) {
      const std::string written = entry.at(form).get<std::string>();
      const PatientText text = ClassifyPatientText(written, kReference);
      ASSERT_EQ(text.kind, PatientTextKind::kIdentityNumber) << form;
      // A 10-digit form without '+' gets the latest century (as ParseIdentityNumber's).
      const size_t from = written.size() >= 12 ? 0 : 2;
      EXPECT_EQ(std::string_view(text.number->canonical + from, 12 - from),
                std::string_view(expected->canonical + from, 12 - from))
          << form;
    }
  }
  EXPECT_EQ(with_blank, 1);
}

TEST(IdentityTextTest, NearTheShapeIsMalformedNotAPseudonym) {
  for (const char* text :
       {"19400627080", "1940062708", "19400627 - 080", "40062-70807", "4006270807 1",
        "1940627/0807", "400627+08X7", "19400627080.5", "T704289999", "12345678901"}) {
    const PatientText result = ClassifyPatientText(text, kReference);
    EXPECT_NE(result.kind, PatientTextKind::kOther)
        << "case of length " << std::string_view(text).size();
  }
  // Separator forms of one malformed value share a compact form, so one pseudonym.
  EXPECT_EQ(ClassifyPatientText("19400627 080", kReference).compact,
            ClassifyPatientText("1940-0627-080", kReference).compact);
  EXPECT_EQ(ClassifyPatientText("19400627 080", kReference).kind,
            PatientTextKind::kMalformedIdentityNumber);
}

TEST(IdentityTextTest, LopNrAndOtherTextStayOther) {
  for (const char* text :
       {"", "   ", "LOP1234567", "123456", "123456789", "1234567890123", "P-000123", "abc def",
        "2019-01-01T12:00", "LOP 12", "TR12345678", "19400627x0807", "1940062708071"}) {
    const PatientText result = ClassifyPatientText(text, kReference);
    EXPECT_EQ(result.kind, PatientTextKind::kOther) << "case " << text;
    EXPECT_TRUE(result.compact.empty());
  }
}

TEST(IdentityTextTest, NormalisationTakesOffOnlyTheNoise) {
  EXPECT_EQ(NormaliseIdentityText(" '19400627 0807.0 "), "194006270807");
  EXPECT_EQ(NormaliseIdentityText("400627 \u2013 0807"), "400627-0807");
  EXPECT_EQ(NormaliseIdentityText("LOP'12"), "LOP'12");  // an inner apostrophe is data
  EXPECT_EQ(NormaliseIdentityText("10.0"), "10");
  EXPECT_EQ(NormaliseIdentityText(".0"), ".0");
  EXPECT_EQ(NormaliseIdentityText("a.0"), "a.0");
  EXPECT_EQ(NormaliseIdentityText("L\u00C4N"), "L\u00C4N");  // other non-ASCII kept
}

}  // namespace
}  // namespace nara::identity
