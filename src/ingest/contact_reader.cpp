// contacts.csv: outpatient and primary-care contacts, data contract §1.5.
#include "ingest/municipality_table.hpp"
#include "ingest/table_readers.hpp"
#include "ingest/value_parsers.hpp"

namespace nara::ingest {
namespace {

enum Column : size_t {
  kContactId, kPatient, kAt, kLevel, kKind, kProfession, kUnit, kEmergency, kMunicipality
};

const std::vector<ColumnSpec>& ContactSpecs() {
  static const std::vector<ColumnSpec> kSpecs = {
      {"contact_id", {"kontakt_id", "besok_id"}, false},
      {"patient", {"personnummer", "pnr", "lopnr"}, true},
      {"at", {"datum", "besoksdatum", "tidpunkt"}, true},
      {"level", {"niva", "vardniva"}, true},
      {"kind", {"typ", "kontakttyp"}, true},
      {"profession", {"yrke", "yrkeskategori"}, false},
      {"unit", {"enhet", "vardenhet"}, false},
      {"emergency", {"akut", "akutmottagning"}, false},
      {"municipality", {"kommun", "lk", "kommunkod", "lkf"}, true},
  };
  return kSpecs;
}

}  // namespace

std::vector<std::string> ContactColumnNames() { return NamesOf(ContactSpecs()); }

Status ReadContacts(CsvReader& reader, const ReadContext& context, RawContacts& out) {
  const std::vector<ColumnSpec>& kSpecs = ContactSpecs();
  // extract.toml's [columns.<table>] and [values.<table>.<column>] (extract_mapping.hpp).
  const TableMapping* mapping = context.MappingFor(out.log.file());
  PatientResolver resolver(*context.pseudonymiser, context.reference, context.allow_identifiable);
  Status fatal;
  model::Contacts& c = out.contacts;
  const size_t rows = reader.EstimateRecordsLeft();
  c.Reserve(rows);
  out.patient_local.reserve(rows);
  Status status = ScanTable(reader, kSpecs, out.log, out.counts, mapping, [&](RowContext& row) {
    if (!fatal.ok()) return false;
    auto patient = ResolveRowPatient(row, kPatient, resolver, out.log.file(), fatal);
    if (!patient) return false;
    auto at = row.RequiredDateTime(kAt);
    if (!at) return false;
    auto level = model::ParseContactLevel(row.Get(kLevel));
    if (!level) {
      row.RejectBadValue(kLevel, RejectCode::kBadCode, "primary/specialist");
      return false;
    }
    auto kind = model::ParseContactKind(row.Get(kKind));
    if (!kind) {
      row.RejectBadValue(kKind, RejectCode::kBadCode, "visit/home_visit/phone/video/chat");
      return false;
    }
    model::Profession profession = model::Profession::kUnknown;
    if (auto text = TrimBlanks(row.Get(kProfession)); !text.empty()) {
      auto parsed = model::ParseProfession(text);
      if (!parsed) {
        row.RejectBadValue(kProfession, RejectCode::kBadCode, "physician/nurse/other");
        return false;
      }
      profession = *parsed;
    }
    bool emergency = false;
    if (auto text = TrimBlanks(row.Get(kEmergency)); !text.empty()) {
      auto parsed = model::ParseYesNo(text);
      if (!parsed) {
        row.RejectBadValue(kEmergency, RejectCode::kBadCode, "yes/no");
        return false;
      }
      emergency = *parsed;
    }
    const int municipality = ReadMunicipalityColumn(row, kMunicipality, *context.municipalities);
    if (municipality < 0) return false;
    const auto unit = row.OutputText(kUnit);
    if (!unit) return false;
    out.patient_local.push_back(patient->local);
    c.at.push_back(at->at);
    c.unit.push_back(out.units.Intern(*unit));
    c.municipality.push_back(static_cast<uint16_t>(municipality));
    c.level.push_back(*level);
    c.kind.push_back(*kind);
    c.profession.push_back(profession);
    c.emergency.push_back(emergency ? 1 : 0);
    return true;
  });
  return FinishPatientTable(status, fatal, resolver, out);
}

}  // namespace nara::ingest
