// Tests for the code parsers: every alias of the data contract, case and blanks.
#include "model/codes.hpp"

#include <gtest/gtest.h>

#include <string>

namespace nara::model {
namespace {

TEST(CodesTest, SexAcceptsLettersRegisterCodesAndWords) {
  EXPECT_EQ(ParseSex("M"), Sex::kMale);
  EXPECT_EQ(ParseSex(" 1 "), Sex::kMale);
  EXPECT_EQ(ParseSex("Man"), Sex::kMale);
  EXPECT_EQ(ParseSex("F"), Sex::kFemale);
  EXPECT_EQ(ParseSex("K"), Sex::kFemale);
  EXPECT_EQ(ParseSex("2"), Sex::kFemale);
  EXPECT_EQ(ParseSex("KVINNA"), Sex::kFemale);
  EXPECT_FALSE(ParseSex("3"));
  EXPECT_FALSE(ParseSex("x"));
}

TEST(CodesTest, PvardFollowsTheManifestsPlannedCode) {
  EXPECT_EQ(ParseAdmissionKind("1", "1"), AdmissionKind::kPlanned);
  EXPECT_EQ(ParseAdmissionKind("2", "1"), AdmissionKind::kAcute);
  EXPECT_EQ(ParseAdmissionKind("2", "2"), AdmissionKind::kPlanned);
  EXPECT_EQ(ParseAdmissionKind("1", "2"), AdmissionKind::kAcute);
  EXPECT_EQ(ParseAdmissionKind("Akut", "1"), AdmissionKind::kAcute);
  EXPECT_EQ(ParseAdmissionKind("oplanerad", "1"), AdmissionKind::kAcute);
  EXPECT_EQ(ParseAdmissionKind("planerad", "1"), AdmissionKind::kPlanned);
  EXPECT_FALSE(ParseAdmissionKind("3", "1"));
}

TEST(CodesTest, PlacesAcceptRegisterCodesAndDeceasedOnlyForDischarge) {
  EXPECT_EQ(ParsePlace("1", true), Place::kOtherHospital);
  EXPECT_EQ(ParsePlace("other_hospital", false), Place::kOtherHospital);
  EXPECT_EQ(ParsePlace("Särskilt boende", false), Place::kSpecialHousing);
  EXPECT_EQ(ParsePlace("3", false), Place::kHome);
  EXPECT_EQ(ParsePlace("4", true), Place::kDeceased);
  EXPECT_FALSE(ParsePlace("4", false));
  EXPECT_FALSE(ParsePlace("5", true));
}

TEST(CodesTest, EventsAcceptEnglishAndSwedishNames) {
  EXPECT_EQ(ParseEventKind("ready_notice"), EventKind::kReadyNotice);
  EXPECT_EQ(ParseEventKind("Underrättelse utskrivningsklar"), EventKind::kReadyNotice);
  EXPECT_EQ(ParseEventKind("UTSKRIVNINGSKLAR ÅTERTAGEN"), EventKind::kReadyRevoked);
  EXPECT_EQ(ParseEventKind("inskrivningsmeddelande"), EventKind::kAdmissionNotice);
  EXPECT_EQ(ParseEventKind("kallelse till SIP"), EventKind::kSipInvitation);
  EXPECT_EQ(ParseEventKind("information_sent"), EventKind::kInformationSent);
  EXPECT_FALSE(ParseEventKind("discharge"));
  // The planning systems' message names.
  EXPECT_EQ(ParseEventKind("Återkallad utskrivningsklar"), EventKind::kReadyRevoked);
  EXPECT_EQ(ParseEventKind("SIP"), EventKind::kSipHeld);
  EXPECT_EQ(ParseEventKind("SIP uppföljning"), EventKind::kSipFollowup);
  EXPECT_EQ(ParseEventKind("sip_followup"), EventKind::kSipFollowup);
  EXPECT_EQ(ParseEventKind("Utskrivningsmeddelande"), EventKind::kInformationSent);
  EXPECT_EQ(ParseEventKind("Utskrivningsklar"), EventKind::kReadyNotice);
  EXPECT_FALSE(ParseEventKind("SIP avbruten"));
  for (int i = 0; i < kEventKindCount; ++i) {
    const auto kind = static_cast<EventKind>(i);
    EXPECT_EQ(ParseEventKind(EventKindName(kind)), kind);
  }
}

TEST(CodesTest, ContactAndWaitCodes) {
  EXPECT_EQ(ParseContactKind("home_visit"), ContactKind::kHomeVisit);
  EXPECT_EQ(ParseContactKind("Hembesök"), ContactKind::kHomeVisit);
  EXPECT_EQ(ParseContactLevel("primary"), ContactLevel::kPrimary);
  EXPECT_EQ(ParseWaitStep("first_visit"), WaitStep::kFirstVisit);
  EXPECT_EQ(ParseYesNo("Ja"), true);
  EXPECT_EQ(ParseYesNo("no"), false);
  EXPECT_FALSE(ParseYesNo("maybe"));
}

TEST(CodesTest, CodesAreComparedTrimmedCaseFoldedAndNeverMatchOverlongText) {
  EXPECT_EQ(ParseEventKind("  UTSKRIVNINGSKLAR_ÅTERTAGEN\t"), EventKind::kReadyRevoked);
  EXPECT_EQ(ParseContactKind("HEMBESÖK"), ContactKind::kHomeVisit);
  EXPECT_EQ(ParseSex(" Female "), Sex::kFemale);
  EXPECT_FALSE(ParseYesNo(std::string(200, 'a')));
  EXPECT_FALSE(ParseYesNo("ja" + std::string(100, ' ') + "x"));
  EXPECT_FALSE(ParseContactLevel(""));
}

}  // namespace
}  // namespace nara::model
