// Names and parsers of the coded values of the data contract.
#include "model/codes.hpp"

#include <array>
#include <string>

namespace nara::model {
namespace {

// A code's normalised form, held inline (no allocation: codes are parsed for every row).
// Lower-cases ASCII and the UTF-8 Swedish capitals Å Ä Ö É, trims blanks, and folds
// underscores/hyphens to spaces, so "Utskrivningsklar_återtagen" matches. A value longer than
// any code (kMax bytes) equals nothing.
class Normalised {
 public:
  explicit Normalised(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    if (text.size() > kMax) {
      too_long_ = true;
      return;
    }
    for (size_t i = 0; i < text.size(); ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c >= 'A' && c <= 'Z') {
        data_[size_++] = static_cast<char>(c - 'A' + 'a');
      } else if (c == '_' || c == '-') {
        data_[size_++] = ' ';
      } else if (c == 0xC3 && i + 1 < text.size()) {
        // Å (C3 85) Ä (C3 84) Ö (C3 96) É (C3 89) -> å ä ö é (add 0x20 to the second byte).
        const auto next = static_cast<unsigned char>(text[i + 1]);
        data_[size_++] = static_cast<char>(c);
        data_[size_++] = static_cast<char>(next >= 0x80 && next <= 0x9E ? next + 0x20 : next);
        ++i;
      } else {
        data_[size_++] = static_cast<char>(c);
      }
    }
  }
  bool operator==(std::string_view other) const {
    return !too_long_ && std::string_view(data_, size_) == other;
  }
  bool operator==(const Normalised& other) const {
    return !too_long_ && other == std::string_view(data_, size_);
  }

 private:
  static constexpr size_t kMax = 64;
  char data_[kMax];
  size_t size_ = 0;
  bool too_long_ = false;
};

template <typename Enum>
struct Alias {
  std::string_view text;  // normalised form
  Enum value;
};

template <typename Enum, size_t N>
std::optional<Enum> Lookup(std::string_view text, const std::array<Alias<Enum>, N>& aliases) {
  const Normalised key(text);
  for (const auto& alias : aliases) {
    if (key == alias.text) return alias.value;
  }
  return std::nullopt;
}

}  // namespace

std::string_view SexName(Sex sex) {
  switch (sex) {
    case Sex::kMale: return "M";
    case Sex::kFemale: return "F";
    case Sex::kUnknown: break;
  }
  return "";
}

std::string_view CareTypeName(CareType care_type) {
  return care_type == CareType::kPsychiatric ? "psychiatric" : "somatic";
}

std::string_view AdmissionKindName(AdmissionKind kind) {
  return kind == AdmissionKind::kPlanned ? "planned" : "acute";
}

std::string_view PlaceName(Place place) {
  switch (place) {
    case Place::kOtherHospital: return "other_hospital";
    case Place::kSpecialHousing: return "special_housing";
    case Place::kHome: return "home";
    case Place::kDeceased: return "deceased";
    case Place::kUnknown: break;
  }
  return "";
}

std::string_view EventKindName(EventKind kind) {
  static constexpr std::array<std::string_view, kEventKindCount> kNames = {
      "admission_notice", "fixed_care_contact", "ready_notice",   "ready_revoked",
      "sip_invitation",   "sip_held",           "sip_followup",   "discharge_plan",
      "information_sent"};
  return kNames[static_cast<size_t>(kind)];
}

std::string_view WaitStepName(WaitStep step) {
  static constexpr std::array<std::string_view, 4> kNames = {"contact", "assessment",
                                                             "first_visit", "treatment"};
  return kNames[static_cast<size_t>(step)];
}

std::optional<Sex> ParseSex(std::string_view text) {
  static constexpr std::array<Alias<Sex>, 8> kAliases = {{
      {"m", Sex::kMale}, {"1", Sex::kMale}, {"man", Sex::kMale}, {"male", Sex::kMale},
      {"f", Sex::kFemale}, {"2", Sex::kFemale}, {"k", Sex::kFemale}, {"kvinna", Sex::kFemale},
  }};
  if (Normalised(text) == "female") return Sex::kFemale;
  return Lookup(text, kAliases);
}

std::optional<CareType> ParseCareType(std::string_view text) {
  static constexpr std::array<Alias<CareType>, 4> kAliases = {{
      {"somatic", CareType::kSomatic}, {"somatisk", CareType::kSomatic},
      {"psychiatric", CareType::kPsychiatric}, {"psykiatrisk", CareType::kPsychiatric},
  }};
  return Lookup(text, kAliases);
}

std::optional<AdmissionKind> ParseAdmissionKind(std::string_view text,
                                                std::string_view planned_code) {
  const Normalised key(text);
  if (!planned_code.empty() && key == Normalised(planned_code)) return AdmissionKind::kPlanned;
  static constexpr std::array<Alias<AdmissionKind>, 7> kAliases = {{
      {"acute", AdmissionKind::kAcute}, {"akut", AdmissionKind::kAcute},
      {"oplanerad", AdmissionKind::kAcute}, {"unplanned", AdmissionKind::kAcute},
      {"planned", AdmissionKind::kPlanned}, {"planerad", AdmissionKind::kPlanned},
      {"2", AdmissionKind::kAcute},
  }};
  // PVARD: the planned code (default "1") is planned, "2" is unplanned "unless the manifest says
  // otherwise": when the manifest names "2" as planned, the check above already matched it.
  if (key == "1" && planned_code != "1") return AdmissionKind::kAcute;
  return Lookup(text, kAliases);
}

std::optional<Place> ParsePlace(std::string_view text, bool allow_deceased) {
  static constexpr std::array<Alias<Place>, 16> kAliases = {{
      {"other hospital", Place::kOtherHospital}, {"annat sjukhus", Place::kOtherHospital},
      {"1", Place::kOtherHospital},
      {"special housing", Place::kSpecialHousing}, {"särskilt boende", Place::kSpecialHousing},
      {"sabo", Place::kSpecialHousing}, {"2", Place::kSpecialHousing},
      {"home", Place::kHome}, {"hem", Place::kHome}, {"hemmet", Place::kHome},
      {"bostad", Place::kHome}, {"3", Place::kHome},
      {"deceased", Place::kDeceased}, {"avliden", Place::kDeceased}, {"död", Place::kDeceased},
      {"4", Place::kDeceased},
  }};
  auto place = Lookup(text, kAliases);
  if (place == Place::kDeceased && !allow_deceased) return std::nullopt;
  return place;
}

std::optional<EventKind> ParseEventKind(std::string_view text) {
  // The contract's English names, then the Swedish names of the national guidance and the
  // discharge-planning systems' message names (docs/input_formats.md lists them).
  static constexpr std::array<Alias<EventKind>, 40> kAliases = {{
      {"admission notice", EventKind::kAdmissionNotice},
      {"inskrivningsmeddelande", EventKind::kAdmissionNotice},
      {"inskrivning", EventKind::kAdmissionNotice},
      {"meddelande om inskrivning", EventKind::kAdmissionNotice},
      {"fixed care contact", EventKind::kFixedCareContact},
      {"fast vårdkontakt utsedd", EventKind::kFixedCareContact},
      {"fast vårdkontakt", EventKind::kFixedCareContact},
      {"ready notice", EventKind::kReadyNotice},
      {"underrättelse utskrivningsklar", EventKind::kReadyNotice},
      {"utskrivningsklar", EventKind::kReadyNotice},
      {"meddelande utskrivningsklar", EventKind::kReadyNotice},
      {"utskrivningsklar patient", EventKind::kReadyNotice},
      {"ready revoked", EventKind::kReadyRevoked},
      {"utskrivningsklar återtagen", EventKind::kReadyRevoked},
      {"återkallad utskrivningsklar", EventKind::kReadyRevoked},
      {"utskrivningsklar återkallad", EventKind::kReadyRevoked},
      {"återtagen utskrivningsklar", EventKind::kReadyRevoked},
      {"ej längre utskrivningsklar", EventKind::kReadyRevoked},
      {"sip invitation", EventKind::kSipInvitation},
      {"kallelse till sip", EventKind::kSipInvitation},
      {"sip kallelse", EventKind::kSipInvitation},
      {"kallelse sip", EventKind::kSipInvitation},
      {"sip held", EventKind::kSipHeld},
      {"sip upprättad", EventKind::kSipHeld},
      {"sip", EventKind::kSipHeld},
      {"sip möte", EventKind::kSipHeld},
      {"samordnad individuell plan", EventKind::kSipHeld},
      {"sip followup", EventKind::kSipFollowup},
      {"sip follow up", EventKind::kSipFollowup},
      {"uppföljning av sip", EventKind::kSipFollowup},
      {"sip uppföljning", EventKind::kSipFollowup},
      {"uppföljning sip", EventKind::kSipFollowup},
      {"discharge plan", EventKind::kDischargePlan},
      {"utskrivningsplan", EventKind::kDischargePlan},
      {"planering inför utskrivning", EventKind::kDischargePlan},
      {"information sent", EventKind::kInformationSent},
      {"information överförd", EventKind::kInformationSent},
      {"utskrivningsmeddelande", EventKind::kInformationSent},
      {"meddelande om utskrivning", EventKind::kInformationSent},
      {"utskrivningsinformation", EventKind::kInformationSent},
  }};
  return Lookup(text, kAliases);
}

std::optional<ContactLevel> ParseContactLevel(std::string_view text) {
  static constexpr std::array<Alias<ContactLevel>, 4> kAliases = {{
      {"primary", ContactLevel::kPrimary}, {"primärvård", ContactLevel::kPrimary},
      {"specialist", ContactLevel::kSpecialist}, {"specialiserad", ContactLevel::kSpecialist},
  }};
  return Lookup(text, kAliases);
}

std::optional<ContactKind> ParseContactKind(std::string_view text) {
  static constexpr std::array<Alias<ContactKind>, 10> kAliases = {{
      {"visit", ContactKind::kVisit}, {"besök", ContactKind::kVisit},
      {"home visit", ContactKind::kHomeVisit}, {"hembesök", ContactKind::kHomeVisit},
      {"phone", ContactKind::kPhone}, {"telefon", ContactKind::kPhone},
      {"video", ContactKind::kVideo}, {"videobesök", ContactKind::kVideo},
      {"chat", ContactKind::kChat}, {"chatt", ContactKind::kChat},
  }};
  return Lookup(text, kAliases);
}

std::optional<Profession> ParseProfession(std::string_view text) {
  static constexpr std::array<Alias<Profession>, 6> kAliases = {{
      {"physician", Profession::kPhysician}, {"läkare", Profession::kPhysician},
      {"nurse", Profession::kNurse}, {"sjuksköterska", Profession::kNurse},
      {"other", Profession::kOther}, {"övrig", Profession::kOther},
  }};
  return Lookup(text, kAliases);
}

std::optional<WaitStep> ParseWaitStep(std::string_view text) {
  static constexpr std::array<Alias<WaitStep>, 8> kAliases = {{
      {"contact", WaitStep::kContact}, {"kontakt", WaitStep::kContact},
      {"assessment", WaitStep::kAssessment}, {"bedömning", WaitStep::kAssessment},
      {"first visit", WaitStep::kFirstVisit}, {"första besök", WaitStep::kFirstVisit},
      {"treatment", WaitStep::kTreatment}, {"behandling", WaitStep::kTreatment},
  }};
  return Lookup(text, kAliases);
}

std::optional<bool> ParseYesNo(std::string_view text) {
  static constexpr std::array<Alias<bool>, 8> kAliases = {{
      {"yes", true}, {"ja", true}, {"1", true}, {"true", true},
      {"no", false}, {"nej", false}, {"0", false}, {"false", false},
  }};
  return Lookup(text, kAliases);
}

}  // namespace nara::model
