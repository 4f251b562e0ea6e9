// Pseudonymisation of the patient column at read time.
#include "ingest/patient_resolver.hpp"

#include <fmt/format.h>

#include "identity/identity_text.hpp"

namespace nara::ingest {
namespace {

model::Sex ToModelSex(identity::Sex sex) {
  switch (sex) {
    case identity::Sex::kMale: return model::Sex::kMale;
    case identity::Sex::kFemale: return model::Sex::kFemale;
    case identity::Sex::kUnknown: break;
  }
  return model::Sex::kUnknown;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

Result<ResolvedPatient> PatientResolver::Resolve(std::string_view value, std::string_view file,
                                                 int64_t line) {
  value = Trim(value);
  const uint64_t hash = StringIndex::Hash(value);
  const uint32_t cached =
      index_.Find(value, hash, [this](uint32_t id) -> std::string_view { return values_[id]; });
  if (cached != StringIndex::kNone) return patients_[cached];
  ResolvedPatient patient;
  // Every written form of a number (blanks, NBSP, '.0', a leading apostrophe, spaced dashes) is
  // recognised, and a value near that shape is identifying too: never taken for a pseudonym.
  const identity::PatientText text = identity::ClassifyPatientText(value, reference_);
  if (text.kind != identity::PatientTextKind::kOther) {
    if (!allow_identifiable_) {
      return InvalidInput(fmt::format(
          "{}:{}: column 'patient' holds identity numbers{}, and no pseudonymisation key was "
          "given: pass --key-file FILE or set NARA_KEY_FILE (32 random bytes kept by the "
          "region), or --test-data for synthetic data",
          file, line,
          text.kind == identity::PatientTextKind::kMalformedIdentityNumber
              ? " (or values shaped like one: 10 to 12 digits with separators)"
              : ""));
    }
    patient.identifiable = true;
    if (text.number) {
      const identity::IdentityNumber& number = *text.number;
      patient.bad_check_digit = !identity::IsValid(number);
      patient.sex = ToModelSex(number.sex);
      patient.birth_date = number.birth_date;
      patient.pseudonym = pseudonymiser_.Pseudonym(std::string_view(number.canonical, 12));
    } else {
      // Near the shape but no number: kept, flagged like a wrong check digit, pseudonymised
      // by its digits and letters (no sex or birth date can be read from it).
      patient.bad_check_digit = true;
      patient.pseudonym = pseudonymiser_.Pseudonym(text.compact);
    }
  } else {
    // An already pseudonymised LopNr (or a reserve number Nära does not recognise): hashed too,
    // so every patient reference in outputs has one form.
    patient.pseudonym = pseudonymiser_.Pseudonym(value);
  }
  patient.local = static_cast<uint32_t>(values_.size());
  index_.Insert(hash, patient.local);
  values_.emplace_back(value);
  patients_.push_back(patient);
  return patient;
}

void PatientResolver::CollectPatients(std::vector<ResolvedPatient>& out) const {
  out.insert(out.end(), patients_.begin(), patients_.end());
}

}  // namespace nara::ingest
