// The coded values of the data contract (sex, care type, places, events...) as small enums.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace nara::model {

enum class Sex : uint8_t { kUnknown = 0, kMale = 1, kFemale = 2 };
enum class CareType : uint8_t { kSomatic = 0, kPsychiatric = 1 };
enum class AdmissionKind : uint8_t { kAcute = 0, kPlanned = 1 };
// Where a patient came from or went to (INSATT / UTSATT).
enum class Place : uint8_t { kUnknown = 0, kOtherHospital, kSpecialHousing, kHome, kDeceased };

// Events of the discharge coordination (data contract §1.4), in the contract's order.
enum class EventKind : uint8_t {
  kAdmissionNotice = 0,
  kFixedCareContact,
  kReadyNotice,
  kReadyRevoked,
  kSipInvitation,
  kSipHeld,
  kSipFollowup,
  kDischargePlan,
  kInformationSent,
};
inline constexpr int kEventKindCount = 9;

enum class ContactLevel : uint8_t { kPrimary = 0, kSpecialist = 1 };
enum class ContactKind : uint8_t { kVisit = 0, kHomeVisit, kPhone, kVideo, kChat };
enum class Profession : uint8_t { kUnknown = 0, kPhysician, kNurse, kOther };
// The four steps of the care guarantee 0-3-90-90.
enum class WaitStep : uint8_t { kContact = 0, kAssessment, kFirstVisit, kTreatment };

// Canonical English names, as written in outputs.
std::string_view SexName(Sex sex);  // "M", "F", "" for unknown
std::string_view CareTypeName(CareType care_type);
std::string_view AdmissionKindName(AdmissionKind kind);
std::string_view PlaceName(Place place);
std::string_view EventKindName(EventKind kind);
std::string_view WaitStepName(WaitStep step);

// Parsers of the coded columns. Each accepts the canonical English word, the Swedish word and
// the register code listed in the data contract, case-insensitively, blanks trimmed; nullopt for
// anything else. Empty text is the caller's business (missing value).
std::optional<Sex> ParseSex(std::string_view text);
std::optional<CareType> ParseCareType(std::string_view text);
// `planned_code` is the PVARD value that means planned care (manifest [codes] pvard_planned).
std::optional<AdmissionKind> ParseAdmissionKind(std::string_view text,
                                                std::string_view planned_code);
// INSATT (admitted_from): 1 other hospital, 2 special housing, 3 home. `allow_deceased` is true
// for UTSATT (discharged_to), where 4 = deceased.
std::optional<Place> ParsePlace(std::string_view text, bool allow_deceased);
std::optional<EventKind> ParseEventKind(std::string_view text);
std::optional<ContactLevel> ParseContactLevel(std::string_view text);
std::optional<ContactKind> ParseContactKind(std::string_view text);
std::optional<Profession> ParseProfession(std::string_view text);
std::optional<WaitStep> ParseWaitStep(std::string_view text);
// `yes`/`no`, `ja`/`nej`, `1`/`0`, `true`/`false`.
std::optional<bool> ParseYesNo(std::string_view text);

}  // namespace nara::model
