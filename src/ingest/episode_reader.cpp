// episodes.csv: stays, with every alias of the register and EHR exports.
#include "ingest/episode_reader.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <tuple>
#include <unordered_map>

#include "identity/identity_text.hpp"
#include "ingest/municipality_table.hpp"
#include "ingest/value_parsers.hpp"

namespace nara::ingest {
namespace {

// Whether `text`, in any written form, is an identity number that could have been issued.
bool IsValidIdentityNumber(std::string_view text, Date reference) {
  const identity::PatientText classified = identity::ClassifyPatientText(text, reference);
  return classified.number && identity::IsValid(*classified.number);
}

enum Column : size_t {
  kEpisodeId, kPatient, kSex, kBirthDate, kAge, kMunicipality, kHospital, kClinic, kSpecialty,
  kCareType, kAdmittedAt, kDischargedAt, kAdmissionKind, kAdmittedFrom, kDischargedTo,
  kMainDiagnosis, kOtherDiagnoses, kHealthCenter, kCounty, kParish, kYear,
};

// The stay columns; `episode_id_required` is false for the PAR form (ids derived).
std::vector<ColumnSpec> MakeSpecs(bool episode_id_required) {
  return {
      {"episode_id", {"vtf_id", "vardtillfalle"}, episode_id_required},
      {"patient", {"personnummer", "pnr", "lopnr"}, true},
      {"sex", {"kon"}, false},
      {"birth_date", {"fodelsedatum"}, false},
      {"age", {"alder"}, false},
      {"municipality", {"kommun", "lk", "kommunkod", "lkf"}, true},
      {"hospital", {"sjukhus"}, false},
      {"clinic", {"klinik", "enhet"}, false},
      {"specialty", {"mvo"}, false},
      {"care_type", {"vardtyp"}, false},
      {"admitted_at", {"indatum", "indatuma", "inskrivning"}, true},
      {"discharged_at", {"utdatum", "utdatuma", "utskrivning"}, false},
      {"admission_kind", {"pvard", "akut", "inskrivningstyp"}, true},
      {"admitted_from", {"insatt"}, false},
      {"discharged_to", {"utsatt"}, false},
      {"main_diagnosis", {"hdia"}, false},
      {"other_diagnoses", {"bdia", "dia"}, false},
      {"health_center", {"vardcentral", "halsoval", "listning"}, false},
      // PAR form (issue 13): LAN with a 2-digit KOMMUN; FORS and AR are read and not used.
      {"county", {"lan", "län"}, false},
      {"parish", {"fors"}, false},
      {"year", {"ar", "år"}, false},
  };
}

const std::vector<ColumnSpec>& Specs() {
  static const std::vector<ColumnSpec> kSpecs = MakeSpecs(true);
  return kSpecs;
}

const std::vector<ColumnSpec>& ParSpecs() {
  static const std::vector<ColumnSpec> kSpecs = MakeSpecs(false);
  return kSpecs;
}

bool HeaderIs(std::string_view name, std::string_view want) {
  name = TrimBlanks(name);
  if (name.size() != want.size()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != want[i]) return false;
  }
  return true;
}

// DIA1 ... DIA30 (any number after DIA): the PAR form's secondary diagnoses.
bool IsDiaColumn(std::string_view name) {
  name = TrimBlanks(name);
  if (name.size() < 4 || !HeaderIs(name.substr(0, 3), "dia")) return false;
  for (char c : name.substr(3)) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// FNV-1a, 64 bits: a fixed function, so a derived id is the same on every machine and run.
uint64_t Fnv1a(std::string_view text, uint64_t hash = 14695981039346656037ull) {
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

// Derived stay ids of a PAR-form file (docs/input_formats.md, "PAR form"): per derived key the
// lines seen and a hash of each row's content.
struct DerivedIds {
  struct Seen {
    int64_t line;
    uint64_t content;
  };
  std::unordered_map<uint64_t, std::vector<Seen>> by_key;
};

std::string DuplicateIdMessage(std::string_view episode_id) {
  return fmt::format("episode_id {} already appeared on an earlier row; the first is kept",
                     QuoteForMessage(episode_id));
}

}  // namespace

const ColumnSpec& EpisodePatientColumn() { return Specs()[kPatient]; }

std::vector<std::string> EpisodeColumnNames() { return NamesOf(Specs()); }

std::string NormaliseDiagnosis(std::string_view text) {
  text = TrimBlanks(text);
  std::string code;
  for (char c : text) {
    if (c == '.') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    code.push_back(c);
  }
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  const auto is_alnum = [&](char c) { return is_digit(c) || (c >= 'A' && c <= 'Z'); };
  if (code.size() < 3 || code.size() > 8 || code[0] < 'A' || code[0] > 'Z' ||
      !is_digit(code[1]) || !is_alnum(code[2])) {
    return {};
  }
  for (char c : code) {
    if (!is_alnum(c)) return {};
  }
  return code;
}

bool IsParForm(const std::vector<std::string>& header) {
  bool episode_id = false, indatum = false, sjukhus = false;
  for (const std::string& name : header) {
    for (std::string_view alias : {"episode_id", "vtf_id", "vardtillfalle"}) {
      episode_id = episode_id || HeaderIs(name, alias);
    }
    indatum = indatum || HeaderIs(name, "indatum");
    sjukhus = sjukhus || HeaderIs(name, "sjukhus");
  }
  return !episode_id && indatum && sjukhus;
}

Status ReadEpisodes(CsvReader& reader, const ReadContext& context, RawStays& out) {
  PatientResolver resolver(*context.pseudonymiser, context.reference, context.allow_identifiable);
  model::Stays& s = out.stays;
  Status fatal;
  const size_t rows = reader.EstimateRecordsLeft();
  s.Reserve(rows);
  out.patient_local.reserve(rows);
  const bool par = IsParForm(reader.header());
  out.par_form = par;
  DerivedIds derived;
  std::string derived_id;
  const TableMapping* mapping = context.MappingFor(out.log.file());
  // The episode id of the row being parsed once it passed the duplicate check, else empty.
  std::string_view checked_id;
  uint64_t row_pseudonym = 0;
  auto parse = [&](RowContext& row) {
    if (!fatal.ok()) return false;
    // The patient first, so that a rejected row shows the pseudonym.
    auto patient = ResolveRowPatient(row, kPatient, resolver, out.log.file(), fatal);
    if (!patient) return false;
    row_pseudonym = patient->pseudonym;

    std::string_view episode_id = TrimBlanks(row.Get(kEpisodeId));
    if (par) {
      // PAR form: no stay id in the file; derived from (pseudonym, admission date, hospital,
      // MVO/clinic). Same key: the same content is a duplicate, other content a tie (the
      // ordinal among the key's rows appended, flagged).
      const std::string_view admitted_text = TrimBlanks(row.Get(kAdmittedAt));
      const auto admitted_day = ParseDateTime(admitted_text);
      const std::string key_text = fmt::format(
          "{:016x}|{}|{}|{}|{}", patient->pseudonym,
          admitted_day ? FormatDate(DateOf(admitted_day->at)) : std::string(admitted_text),
          TrimBlanks(row.Get(kHospital)), TrimBlanks(row.Get(kSpecialty)),
          TrimBlanks(row.Get(kClinic)));
      const uint64_t key = Fnv1a(key_text);
      uint64_t content = Fnv1a(key_text);
      for (size_t i = 0; i < row.field_count(); ++i) {
        content = Fnv1a(TrimBlanks(row.Field(i)), Fnv1a("\x1f", content));
      }
      auto& seen = derived.by_key[key];
      for (const auto& earlier : seen) {
        if (earlier.content == content) {
          row.Reject(SIZE_MAX, RejectCode::kDuplicateStay,
                     fmt::format("the same row as line {} (PAR form: a stay given twice); the "
                                 "first is kept",
                                 earlier.line));
          return false;
        }
      }
      derived_id = fmt::format("PAR-{:016x}", key);
      if (!seen.empty()) {
        derived_id += fmt::format("-{}", seen.size() + 1);
        row.Flag(kAdmittedAt, FlagCode::kDerivedIdTie,
                 fmt::format("the same patient, admission date, hospital and MVO as line {}, "
                             "with other content: kept as stay {}",
                             seen.front().line, derived_id));
      }
      seen.push_back({row.line(), content});
      episode_id = derived_id;
    }
    if (episode_id.empty()) {
      row.RejectMissing(kEpisodeId);
      return false;
    }
    if (IsValidIdentityNumber(episode_id, context.reference)) {
      // The episode id reaches the settlement basis and its audit: a patient's number there
      // would be in clear. (Other 10- and 12-digit ids are common and kept; messages and
      // rejected rows redact them anyway.)
      row.Reject(kEpisodeId, RejectCode::kIdentityNumberInText,
                 "episode_id is a valid identity number, which must not reach the settlement "
                 "basis; export the stay's own id here");
      return false;
    }
    if (out.episode_ids.Find(episode_id) != UINT32_MAX) {
      row.Reject(kEpisodeId, RejectCode::kDuplicateEpisodeId, DuplicateIdMessage(episode_id));
      return false;
    }
    checked_id = episode_id;

    model::Sex sex = patient->sex;
    if (auto text = TrimBlanks(row.Get(kSex)); !text.empty()) {
      auto parsed = model::ParseSex(text);
      if (!parsed) {
        row.RejectBadValue(kSex, RejectCode::kBadCode, "M/F, 1/2, K, man/kvinna");
        return false;
      }
      sex = *parsed;
    }
    Date birth_date = patient->birth_date;
    if (auto text = TrimBlanks(row.Get(kBirthDate)); !text.empty()) {
      auto parsed = ParseDate(text);
      if (!parsed) {
        row.RejectBadValue(kBirthDate, RejectCode::kBadDate, "YYYY-MM-DD or YYYYMMDD");
        return false;
      }
      birth_date = *parsed;
    }
    int16_t age = -1;
    if (auto text = TrimBlanks(row.Get(kAge)); !text.empty()) {
      auto parsed = ParseInteger(text);
      if (!parsed || *parsed < 0 || *parsed > 130) {
        row.RejectBadValue(kAge, RejectCode::kBadNumber, "whole years 0-130");
        return false;
      }
      age = static_cast<int16_t>(*parsed);
    }
    int municipality = -1;
    const std::string_view kommun = TrimBlanks(row.Get(kMunicipality));
    if (const std::string_view lan = TrimBlanks(row.Get(kCounty));
        !lan.empty() && !kommun.empty() && kommun.size() <= 2) {
      // PAR form: LAN (2 digits) and KOMMUN (the 2 digits within the county), zero-padded.
      auto lan_number = ParseInteger(lan);
      auto kommun_number = ParseInteger(kommun);
      if (!lan_number || *lan_number < 1 || *lan_number > 99 || lan.size() > 2) {
        row.RejectBadValue(kCounty, RejectCode::kBadCode, "a county code of 1-2 digits");
        return false;
      }
      if (!kommun_number || *kommun_number < 0) {
        row.RejectBadValue(kMunicipality, RejectCode::kBadCode,
                           "KOMMUN as 2 digits with LAN, or 4 digits");
        return false;
      }
      const std::string code = fmt::format("{:02}{:02}", *lan_number, *kommun_number);
      municipality = context.municipalities->Find(code);
      if (municipality < 0) {
        row.Reject(kMunicipality, RejectCode::kUnknownMunicipality,
                   fmt::format("LAN {} and KOMMUN {} give {}, not a municipality code in SCB's "
                               "list or municipalities.csv",
                               QuoteForMessage(lan), QuoteForMessage(kommun), code));
        return false;
      }
    } else {
      municipality = ReadMunicipalityColumn(row, kMunicipality, *context.municipalities);
      if (municipality < 0) return false;
    }
    uint16_t specialty = 0;
    if (auto text = TrimBlanks(row.Get(kSpecialty)); !text.empty()) {
      auto parsed = ParseInteger(text);
      if (!parsed || text.size() != 3 || *parsed < 0) {
        row.RejectBadValue(kSpecialty, RejectCode::kBadCode, "a 3-digit MVO code");
        return false;
      }
      specialty = static_cast<uint16_t>(*parsed);
    }
    model::CareType care_type =
        specialty >= 900 ? model::CareType::kPsychiatric : model::CareType::kSomatic;
    if (auto text = TrimBlanks(row.Get(kCareType)); !text.empty()) {
      auto parsed = model::ParseCareType(text);
      if (!parsed) {
        row.RejectBadValue(kCareType, RejectCode::kBadCode, "somatic/psychiatric");
        return false;
      }
      care_type = *parsed;
    }
    auto admitted = row.RequiredDateTime(kAdmittedAt);
    if (!admitted) return false;
    ParsedDateTime discharged{kNoDateTime, false};
    if (auto text = TrimBlanks(row.Get(kDischargedAt)); !text.empty()) {
      auto parsed = ParseDateTime(text);
      if (!parsed) {
        row.RejectBadValue(kDischargedAt, RejectCode::kBadDate, kDateTimeForms);
        return false;
      }
      discharged = *parsed;
      const bool both_times = admitted->has_time && discharged.has_time;
      const bool before = both_times ? discharged.at < admitted->at
                                     : DateOf(discharged.at) < DateOf(admitted->at);
      if (before) {
        row.Reject(kDischargedAt, RejectCode::kDischargeBeforeAdmission,
                   fmt::format("discharge {} is before admission {}",
                               FormatDateTime(discharged.at), FormatDateTime(admitted->at)));
        return false;
      }
    }
    const std::string_view kind_text = row.Get(kAdmissionKind);
    if (TrimBlanks(kind_text).empty()) {
      row.RejectMissing(kAdmissionKind);
      return false;
    }
    auto admission_kind = model::ParseAdmissionKind(kind_text, context.pvard_planned);
    if (!admission_kind) {
      row.RejectBadValue(kAdmissionKind, RejectCode::kBadCode,
                         "acute/planned, akut/planerad, or PVARD 1/2");
      return false;
    }
    model::Place admitted_from = model::Place::kUnknown;
    if (auto text = TrimBlanks(row.Get(kAdmittedFrom)); !text.empty()) {
      auto parsed = model::ParsePlace(text, false);
      if (!parsed) {
        row.RejectBadValue(kAdmittedFrom, RejectCode::kBadCode,
                           "other_hospital/special_housing/home or INSATT 1-3");
        return false;
      }
      admitted_from = *parsed;
    }
    model::Place discharged_to = model::Place::kUnknown;
    if (auto text = TrimBlanks(row.Get(kDischargedTo)); !text.empty()) {
      auto parsed = model::ParsePlace(text, true);
      if (!parsed) {
        row.RejectBadValue(kDischargedTo, RejectCode::kBadCode,
                           "other_hospital/special_housing/home/deceased or UTSATT 1-4");
        return false;
      }
      discharged_to = *parsed;
    }
    std::string diagnosis;  // interned when the row is kept
    if (auto text = TrimBlanks(row.Get(kMainDiagnosis)); !text.empty()) {
      diagnosis = NormaliseDiagnosis(text);
      if (diagnosis.empty()) {
        row.RejectBadValue(kMainDiagnosis, RejectCode::kBadCode, "an ICD-10-SE code like I50.9");
        return false;
      }
    }

    const auto hospital = row.OutputText(kHospital);
    if (!hospital) return false;
    const auto clinic = row.OutputText(kClinic);
    if (!clinic) return false;
    const auto health_center = row.OutputText(kHealthCenter);
    if (!health_center) return false;

    uint8_t flags = 0;
    if (admitted->has_time) flags |= model::kAdmittedHasTime;
    if (discharged.has_time) flags |= model::kDischargedHasTime;
    if (patient->bad_check_digit) flags |= model::kBadCheckDigit;
    out.patient_local.push_back(patient->local);
    s.episode_id.push_back(out.episode_ids.AddAbsent(episode_id));  // Find above missed
    s.admitted_at.push_back(admitted->at);
    s.discharged_at.push_back(discharged.at);
    s.birth_date.push_back(birth_date);
    s.age.push_back(age);
    s.municipality.push_back(static_cast<uint16_t>(municipality));
    s.hospital.push_back(out.units.Intern(*hospital));
    s.clinic.push_back(out.units.Intern(*clinic));
    s.health_center.push_back(out.units.Intern(*health_center));
    s.main_diagnosis.push_back(out.diagnoses.Intern(diagnosis));
    s.specialty.push_back(specialty);
    s.sex.push_back(sex);
    s.care_type.push_back(care_type);
    s.admission_kind.push_back(*admission_kind);
    s.admitted_from.push_back(admitted_from);
    s.discharged_to.push_back(discharged_to);
    s.flags.push_back(flags);
    s.line.push_back(static_cast<uint32_t>(row.line()));
    return true;
  };
  Status status = ScanTable(reader, par ? ParSpecs() : Specs(), out.log, out.counts, mapping,
                            [&](RowContext& row) {
    if (!out.second_half) return parse(row);
    checked_id = {};
    const size_t rejects = out.log.rejects().size();
    const bool kept = parse(row);
    if (kept) {
      out.record_offset.push_back(row.offset());
    } else if (!checked_id.empty() && out.log.rejects().size() > rejects) {
      out.late_rejects.push_back({rejects, row.offset(),
                                  row_pseudonym, std::string(checked_id)});
    }
    return kept;
  });
  // The DIA columns are the other diagnoses (read, not used by any indicator, as the canonical
  // other_diagnoses): not unknown columns.
  auto& unknown = out.counts.unknown_columns;
  unknown.erase(std::remove_if(unknown.begin(), unknown.end(),
                               [](const std::string& name) { return IsDiaColumn(name); }),
                unknown.end());
  return FinishPatientTable(status, fatal, resolver, out);
}

Status AppendEpisodes(RawStays& tail, const CsvReader& tail_reader, const ReadContext& context,
                      RawStays& into) {
  if (!tail.counts.present) return Status::Ok();
  // The rows of the second half whose id the first half kept: one reader of the whole file
  // would have rejected them as duplicates, at the duplicate check (so also the rows it
  // rejected later for another reason).
  const model::Stays& t = tail.stays;
  const size_t rows = t.episode_id.size();
  std::vector<uint8_t> keep(rows, 1);
  bool dropped = false;
  for (size_t i = 0; i < rows; ++i) {
    if (into.episode_ids.Find(tail.episode_ids.Name(t.episode_id[i])) != UINT32_MAX) {
      keep[i] = 0;
      dropped = true;
    }
  }
  std::vector<size_t> replaced;
  for (const auto& late : tail.late_rejects) {
    if (into.episode_ids.Find(late.episode_id) != UINT32_MAX) replaced.push_back(late.reject);
  }
  if (dropped || !replaced.empty()) {
    // The duplicate's reject, built from its record as the reader builds it.
    NARA_ASSIGN_OR_RETURN(const ColumnMap map,
                          ColumnMap::Resolve(tail_reader.header(), Specs(), tail.log.file(),
                                             context.MappingFor(tail.log.file())));
    auto reject = [&](size_t offset, int64_t line, uint64_t pseudonym) {
      CsvReader again = tail_reader.ReaderAt(offset, line);
      CsvRecord record;
      if (!again.Next(record)) return;
      RowContext row(again, record, map, Specs(), tail.log);
      row.set_patient_column(kPatient, pseudonym);
      row.Reject(kEpisodeId, RejectCode::kDuplicateEpisodeId,
                 DuplicateIdMessage(TrimBlanks(row.Get(kEpisodeId))));
    };
    for (const auto& late : tail.late_rejects) {
      if (into.episode_ids.Find(late.episode_id) == UINT32_MAX) continue;
      reject(late.offset, tail.log.rejects()[late.reject].line, late.pseudonym);
    }
    for (size_t i = 0; i < rows; ++i) {
      if (!keep[i]) {
        reject(tail.record_offset[i], t.line[i], tail.patients[tail.patient_local[i]].pseudonym);
      }
    }
    tail.log.RemoveRejectsAndSortByLine(std::move(replaced));
  }

  into.counts.read += tail.counts.read;
  into.counts.blank_lines += tail.counts.blank_lines;
  into.log.Append(tail.log);
  const auto patient_offset = static_cast<uint32_t>(into.patients.size());
  into.patients.insert(into.patients.end(), tail.patients.begin(), tail.patients.end());
  model::Stays& s = into.stays;
  // Codes are re-interned row by row, so that dictionaries are in first-seen order as if one
  // reader had read the whole file; the other columns are appended as they are.
  const std::array<const void*, 6> special = {&t.patient, &t.episode_id, &t.hospital,
                                              &t.clinic, &t.health_center, &t.main_diagnosis};
  model::ForEachColumnPair(s.Columns(), t.Columns(), [&](auto& to, const auto& from) {
    if (std::find(special.begin(), special.end(), static_cast<const void*>(&from)) !=
        special.end()) {
      return;
    }
    if (!dropped) {
      to.insert(to.end(), from.begin(), from.end());
      return;
    }
    for (size_t i = 0; i < rows; ++i) {
      if (keep[i]) to.push_back(from[i]);
    }
  });
  into.patient_local.reserve(into.patient_local.size() + rows);
  s.episode_id.reserve(s.episode_id.size() + rows);
  for (size_t i = 0; i < rows; ++i) {
    if (!keep[i]) continue;
    into.patient_local.push_back(tail.patient_local[i] + patient_offset);
    s.episode_id.push_back(into.episode_ids.AddAbsent(tail.episode_ids.Name(t.episode_id[i])));
  }
  // With every row kept, the second half's dictionaries are already in its first-seen order:
  // re-interned code by code. A dropped row may have been the first to show a code, so then
  // row by row.
  for (auto [dictionary, into_dictionary, columns] :
       {std::tuple{&tail.units, &into.units,
                   std::vector<std::pair<const std::vector<uint32_t>*, std::vector<uint32_t>*>>{
                       {&t.hospital, &s.hospital},
                       {&t.clinic, &s.clinic},
                       {&t.health_center, &s.health_center}}},
        std::tuple{&tail.diagnoses, &into.diagnoses,
                   std::vector<std::pair<const std::vector<uint32_t>*, std::vector<uint32_t>*>>{
                       {&t.main_diagnosis, &s.main_diagnosis}}}}) {
    for (auto [from, to] : columns) to->reserve(to->size() + rows);
    if (!dropped) {
      std::vector<uint32_t> remap(dictionary->size());
      for (uint32_t code = 0; code < dictionary->size(); ++code) {
        remap[code] = into_dictionary->Intern(dictionary->Name(code));
      }
      for (auto [from, to] : columns) {
        for (uint32_t code : *from) to->push_back(remap[code]);
      }
      continue;
    }
    for (size_t i = 0; i < rows; ++i) {
      if (!keep[i]) continue;
      for (auto [from, to] : columns) {
        to->push_back(into_dictionary->Intern(dictionary->Name((*from)[i])));
      }
    }
  }
  tail = RawStays();
  return Status::Ok();
}

}  // namespace nara::ingest
