// Rows of the streamed tables in the canonical or register dialect (data contract §1.3-1.8).
#include "synth/extract_writer.hpp"

#include <filesystem>

namespace nara::synth {
namespace {

constexpr const char* kFiles[kStreamedTables] = {"episodes.csv", "coordination.csv",
                                                  "contacts.csv", "waits.csv", "enrollments.csv"};

// Headers: the contract's names, or the register and EHR names its aliases accept.
constexpr const char* kCanonicalHeaders[kStreamedTables] = {
    ("episode_id,patient,sex,birth_date,age,municipality,hospital,clinic,specialty,care_type,"
     "admitted_at,discharged_at,admission_kind,admitted_from,discharged_to,main_diagnosis,"
     "other_diagnoses,health_center\n"),
    "episode_id,event,at\n",
    "contact_id,patient,at,level,kind,profession,unit,emergency,municipality\n",
    "wait_id,patient,municipality,unit,step,start,end,patient_chosen_days\n",
    "patient,programme,start,end\n",
};
constexpr const char* kRegisterHeaders[kStreamedTables] = {
    ("VTF_ID;PERSONNUMMER;KON;ALDER;LKF;SJUKHUS;KLINIK;MVO;INDATUMA;UTDATUMA;PVARD;INSATT;UTSATT;"
     "HDIA;BDIA;VARDCENTRAL\n"),
    "VTF_ID;HANDELSE;TIDPUNKT\n",
    "KONTAKT_ID;PERSONNUMMER;DATUM;NIVA;TYP;YRKE;ENHET;AKUT;KOMMUN\n",
    "VANTETID_ID;PERSONNUMMER;KOMMUN;ENHET;STEG;STARTDATUM;SLUTDATUM;PATIENTVALD_VANTAN\n",
    "PERSONNUMMER;PROGRAM;STARTDATUM;SLUTDATUM\n",
};

void AppendEpisodeId(std::string& out, int64_t number) {
  out.push_back('V');
  RowFormat::AppendPadded(out, number, 10);
}

}  // namespace

const char* TableFile(Table table) { return kFiles[static_cast<int>(table)]; }

ExtractWriter::ExtractWriter(const RowFormat& format, const Region& region)
    : format_(format), region_(region) {}

Status ExtractWriter::Open(const std::string& dir) {
  const bool reg = format_.register_dialect();
  for (int i = 0; i < kStreamedTables; ++i) {
    TableSink& table = sinks_[i];
    NARA_RETURN_IF_ERROR(
        table.Open((std::filesystem::path(dir) / kFiles[i]).string(), reg, reg));
    table.buffer() += reg ? kRegisterHeaders[i] : kCanonicalHeaders[i];
    NARA_RETURN_IF_ERROR(table.EndRow());
  }
  return Status::Ok();
}

void ExtractWriter::AppendStay(std::string& out, const Person& person, const Stay& stay) const {
  const char d = format_.delimiter();
  const Clinic& clinic = kClinics[stay.clinic];
  const bool open = stay.discharged == kNoDateTime;
  const bool reg = format_.register_dialect();
  AppendEpisodeId(out, stay.number);
  out.push_back(d);
  format_.AppendPatient(out, person);
  out.push_back(d);
  out += format_.Sex(person.male);
  out.push_back(d);
  if (!reg) {
    format_.AppendDate(out, person.birth);
    out.push_back(d);
  }
  RowFormat::AppendInt(out, stay.age);
  out.push_back(d);
  if (reg) {
    format_.AppendLkf(out, person);
  } else {
    format_.AppendMunicipality(out, person);
  }
  out.push_back(d);
  out += region_.hospitals[static_cast<size_t>(stay.hospital)].name;
  out.push_back(d);
  out += clinic.name;
  out.push_back(d);
  RowFormat::AppendInt(out, clinic.mvo);
  out.push_back(d);
  if (!reg) {  // VARDTYP is absent from the register: derived from MVO
    out += clinic.mvo >= 900 ? "psychiatric" : "somatic";
    out.push_back(d);
  }
  format_.AppendStayTime(out, stay.admitted);
  out.push_back(d);
  if (!open) format_.AppendStayTime(out, stay.discharged);
  out.push_back(d);
  out += format_.AdmissionKind(stay.acute);
  out.push_back(d);
  out += format_.PlaceCode(stay.admitted_from);
  out.push_back(d);
  out += format_.PlaceCode(stay.discharged_to);
  out.push_back(d);
  format_.AppendDiagnosis(out, stay.main_diagnosis);
  out.push_back(d);
  for (int i = 0; i < 3 && stay.other_diagnoses[i] != nullptr; ++i) {
    if (i > 0) out.push_back(' ');
    format_.AppendDiagnosis(out, stay.other_diagnoses[i]);
  }
  out.push_back(d);
  if (person.health_center >= 0) {
    out += region_.health_centers[static_cast<size_t>(person.health_center)].name;
  }
  out.push_back('\n');
}

void ExtractWriter::AppendEvent(std::string& out, int64_t episode, const Event& event) const {
  const char d = format_.delimiter();
  AppendEpisodeId(out, episode);
  out.push_back(d);
  out += format_.EventName(event.kind);
  out.push_back(d);
  RowFormat::AppendDateTime(out, event.at);
  out.push_back('\n');
}

void ExtractWriter::AppendContact(std::string& out, const Person& person, const Contact& contact,
                                  int64_t number) const {
  const char d = format_.delimiter();
  out.push_back('K');
  RowFormat::AppendPadded(out, number, 10);
  out.push_back(d);
  format_.AppendPatient(out, person);
  out.push_back(d);
  format_.AppendDate(out, contact.day);
  out.push_back(d);
  out += format_.Level(contact.level);
  out.push_back(d);
  out += format_.Kind(contact.kind);
  out.push_back(d);
  out += format_.ProfessionName(contact.profession);
  out.push_back(d);
  const auto unit = static_cast<size_t>(contact.unit);
  if (contact.emergency) {
    out += "Akutmottagningen ";
    out += region_.hospitals[unit].town;
  } else if (contact.level == ContactLevel::kPrimary) {
    out += region_.health_centers[unit].name;
  } else {
    out += kClinics[unit].name;
  }
  out.push_back(d);
  out += format_.YesNo(contact.emergency);
  out.push_back(d);
  format_.AppendMunicipality(out, person);
  out.push_back('\n');
}

void ExtractWriter::AppendWait(std::string& out, const Person& person, const Wait& wait,
                               int64_t number) const {
  const char d = format_.delimiter();
  out.push_back('W');
  RowFormat::AppendPadded(out, number, 10);
  out.push_back(d);
  format_.AppendPatient(out, person);
  out.push_back(d);
  format_.AppendMunicipality(out, person);
  out.push_back(d);
  const auto unit = static_cast<size_t>(wait.unit);
  if (wait.step == WaitStep::kContact || wait.step == WaitStep::kAssessment) {
    out += region_.health_centers[unit].name;
  } else {
    out += kClinics[unit].name;
  }
  out.push_back(d);
  out += format_.Step(wait.step);
  out.push_back(d);
  format_.AppendDate(out, wait.start);
  out.push_back(d);
  if (wait.end != kNoDate) format_.AppendDate(out, wait.end);
  out.push_back(d);
  RowFormat::AppendInt(out, wait.chosen_days);
  out.push_back('\n');
}

void ExtractWriter::AppendEnrollment(std::string& out, const Person& person,
                                     const Enrollment& enrollment) const {
  const char d = format_.delimiter();
  format_.AppendPatient(out, person);
  out.push_back(d);
  out += "MiNT";
  out.push_back(d);
  format_.AppendDate(out, enrollment.start);
  out.push_back(d);
  if (enrollment.end != kNoDate) format_.AppendDate(out, enrollment.end);
  out.push_back('\n');
}

Status ExtractWriter::Write(const PatientRecord& record) {
  const Person& person = record.person;
  TableSink& episodes = sink(Table::kEpisodes);
  TableSink& coordination = sink(Table::kCoordination);
  for (const Stay& stay : record.stays) {
    AppendStay(episodes.buffer(), person, stay);
    NARA_RETURN_IF_ERROR(episodes.EndRow());
    for (uint32_t i = stay.first_event; i < stay.first_event + stay.events; ++i) {
      AppendEvent(coordination.buffer(), stay.number, record.events[i]);
      NARA_RETURN_IF_ERROR(coordination.EndRow());
    }
  }
  TableSink& contacts = sink(Table::kContacts);
  for (const Contact& contact : record.contacts) {
    AppendContact(contacts.buffer(), person, contact, ++contact_number_);
    NARA_RETURN_IF_ERROR(contacts.EndRow());
  }
  TableSink& waits = sink(Table::kWaits);
  for (const Wait& wait : record.waits) {
    AppendWait(waits.buffer(), person, wait, ++wait_number_);
    NARA_RETURN_IF_ERROR(waits.EndRow());
  }
  if (record.enrollment.start != kNoDate) {
    TableSink& enrollments = sink(Table::kEnrollments);
    AppendEnrollment(enrollments.buffer(), person, record.enrollment);
    NARA_RETURN_IF_ERROR(enrollments.EndRow());
  }
  return Status::Ok();
}

Status ExtractWriter::Close() {
  for (TableSink& table : sinks_) NARA_RETURN_IF_ERROR(table.Close());
  return Status::Ok();
}

int64_t ExtractWriter::bytes_written() const {
  int64_t bytes = 0;
  for (const TableSink& table : sinks_) bytes += table.bytes_written();
  return bytes;
}

}  // namespace nara::synth
