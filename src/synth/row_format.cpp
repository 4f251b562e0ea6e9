// Dialect-specific writing of dates, identity numbers and codes.
#include "synth/row_format.hpp"

#include <fmt/format.h>

#include <array>

namespace nara::synth {
namespace {

void PutDigits(char* out, int value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

}  // namespace

RowFormat::RowFormat(Dialect dialect, const Region& region, Date created)
    : register_(dialect == Dialect::kRegister),
      delimiter_(register_ ? ';' : ','),
      region_(region),
      created_year_(CivilFromDays(created).year) {}

void RowFormat::AppendDate(std::string& out, Date date) const {
  const CivilDate c = CivilFromDays(date);
  char text[10];
  if (register_) {
    PutDigits(text, c.year, 4);
    PutDigits(text + 4, c.month, 2);
    PutDigits(text + 6, c.day, 2);
    out.append(text, 8);
    return;
  }
  PutDigits(text, c.year, 4);
  text[4] = '-';
  PutDigits(text + 5, c.month, 2);
  text[7] = '-';
  PutDigits(text + 8, c.day, 2);
  out.append(text, 10);
}

void RowFormat::AppendDateTime(std::string& out, DateTime at) {
  const Date date = DateOf(at);
  const int minute = at - StartOf(date);
  const CivilDate c = CivilFromDays(date);
  char text[16];
  PutDigits(text, c.year, 4);
  text[4] = '-';
  PutDigits(text + 5, c.month, 2);
  text[7] = '-';
  PutDigits(text + 8, c.day, 2);
  text[10] = ' ';
  PutDigits(text + 11, minute / 60, 2);
  text[13] = ':';
  PutDigits(text + 14, minute % 60, 2);
  out.append(text, 16);
}

void RowFormat::AppendStayTime(std::string& out, DateTime at) const {
  if (register_) {
    AppendDate(out, DateOf(at));
  } else {
    AppendDateTime(out, at);
  }
}

void RowFormat::AppendPatient(std::string& out, const Person& person) const {
  const char* id = person.identity;
  if (!register_) {
    out.append(id, 12);
    return;
  }
  const int birth_year =
      (id[0] - '0') * 1000 + (id[1] - '0') * 100 + (id[2] - '0') * 10 + (id[3] - '0');
  out.append(id + 2, 6);
  out.push_back(created_year_ - birth_year >= 100 ? '+' : '-');
  out.append(id + 8, 4);
}

void RowFormat::AppendMunicipality(std::string& out, const Person& person) const {
  out += person.municipality >= 0
             ? region_.municipalities[static_cast<size_t>(person.municipality)].code
             : region_.other_codes[static_cast<size_t>(person.other_municipality)];
}

void RowFormat::AppendLkf(std::string& out, const Person& person) const {
  AppendMunicipality(out, person);
  char parish[2];
  PutDigits(parish, person.parish, 2);
  out.append(parish, 2);
}

void RowFormat::AppendDiagnosis(std::string& out, const char* code) const {
  for (const char* c = code; *c != '\0'; ++c) {
    if (!(register_ && *c == '.')) out.push_back(*c);
  }
}

std::string_view RowFormat::Sex(bool male) const {
  if (register_) return male ? "1" : "2";
  return male ? "M" : "F";
}

std::string_view RowFormat::AdmissionKind(bool acute) const {
  if (register_) return acute ? "2" : "1";  // PVARD: 1 planned, 2 unplanned
  return acute ? "acute" : "planned";
}

std::string_view RowFormat::PlaceCode(Place place) const {
  // INSATT/UTSATT: 1 other hospital, 2 special housing, 3 home, 4 deceased.
  switch (place) {
    case Place::kHome: return register_ ? "3" : "home";
    case Place::kOtherHospital: return register_ ? "1" : "other_hospital";
    case Place::kSpecialHousing: return register_ ? "2" : "special_housing";
    case Place::kDeceased: return register_ ? "4" : "deceased";
    case Place::kNone: break;
  }
  return "";
}

std::string_view RowFormat::EventName(EventKind kind) const {
  static constexpr std::array<std::array<const char*, 2>, 9> kNames = {{
      {"admission_notice", "inskrivningsmeddelande"},
      {"fixed_care_contact", "fast vårdkontakt utsedd"},
      {"ready_notice", "underrättelse utskrivningsklar"},
      {"ready_revoked", "utskrivningsklar återtagen"},
      {"sip_invitation", "kallelse till SIP"},
      {"sip_held", "SIP upprättad"},
      {"sip_followup", "uppföljning av SIP"},
      {"discharge_plan", "utskrivningsplan"},
      {"information_sent", "information överförd"},
  }};
  return kNames[static_cast<size_t>(kind)][register_ ? 1 : 0];
}

std::string_view RowFormat::Level(ContactLevel level) const {
  if (level == ContactLevel::kPrimary) return register_ ? "primärvård" : "primary";
  return register_ ? "specialiserad" : "specialist";
}

std::string_view RowFormat::Kind(ContactKind kind) const {
  static constexpr std::array<std::array<const char*, 2>, 5> kNames = {{
      {"visit", "besök"},
      {"home_visit", "hembesök"},
      {"phone", "telefon"},
      {"video", "videobesök"},
      {"chat", "chatt"},
  }};
  return kNames[static_cast<size_t>(kind)][register_ ? 1 : 0];
}

std::string_view RowFormat::ProfessionName(Profession profession) const {
  static constexpr std::array<std::array<const char*, 2>, 3> kNames = {{
      {"physician", "läkare"},
      {"nurse", "sjuksköterska"},
      {"other", "övrig"},
  }};
  return kNames[static_cast<size_t>(profession)][register_ ? 1 : 0];
}

std::string_view RowFormat::YesNo(bool yes) const {
  if (register_) return yes ? "ja" : "nej";
  return yes ? "yes" : "no";
}

std::string_view RowFormat::Step(WaitStep step) const {
  static constexpr std::array<std::array<const char*, 2>, 4> kNames = {{
      {"contact", "kontakt"},
      {"assessment", "bedömning"},
      {"first_visit", "första besök"},
      {"treatment", "behandling"},
  }};
  return kNames[static_cast<size_t>(step)][register_ ? 1 : 0];
}

void RowFormat::AppendPadded(std::string& out, int64_t value, int width) {
  char text[20];
  for (int i = width - 1; i >= 0; --i) {
    text[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(text, static_cast<size_t>(width));
}

void RowFormat::AppendInt(std::string& out, int64_t value) {
  const fmt::format_int text(value);
  out.append(text.data(), text.size());
}

}  // namespace nara::synth
