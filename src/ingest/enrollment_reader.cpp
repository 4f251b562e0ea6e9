// enrollments.csv: patients enrolled in a programme such as a mobile care team (§1.8).
#include "ingest/table_readers.hpp"
#include "ingest/value_parsers.hpp"

namespace nara::ingest {
namespace {

enum Column : size_t { kPatient, kProgramme, kStart, kEnd };

const std::vector<ColumnSpec>& EnrollmentSpecs() {
  static const std::vector<ColumnSpec> kSpecs = {
      {"patient", {"personnummer", "pnr", "lopnr"}, true},
      {"programme", {"program", "insats"}, true},
      {"start", {"startdatum", "inskriven"}, true},
      {"end", {"slutdatum", "utskriven"}, false},
  };
  return kSpecs;
}

}  // namespace

std::vector<std::string> EnrollmentColumnNames() { return NamesOf(EnrollmentSpecs()); }

Status ReadEnrollments(CsvReader& reader, const ReadContext& context, RawEnrollments& out) {
  PatientResolver resolver(*context.pseudonymiser, context.reference, context.allow_identifiable);
  Status fatal;
  // extract.toml's [columns.enrollments] and [values.enrollments.<column>] (extract_mapping.hpp).
  Status status = ScanTable(reader, EnrollmentSpecs(), out.log, out.counts,
                            context.MappingFor(out.log.file()), [&](RowContext& row) {
    if (!fatal.ok()) return false;
    auto patient = ResolveRowPatient(row, kPatient, resolver, out.log.file(), fatal);
    if (!patient) return false;
    const auto programme = row.OutputText(kProgramme);
    if (!programme) return false;
    if (programme->empty()) {
      row.RejectMissing(kProgramme);
      return false;
    }
    auto start = row.RequiredDate(kStart);
    if (!start) return false;
    Date end = kNoDate;
    if (auto text = TrimBlanks(row.Get(kEnd)); !text.empty()) {
      auto parsed = ParseDate(text);
      if (!parsed || *parsed < *start) {
        row.RejectBadValue(kEnd, RejectCode::kBadDate, "a date on or after start");
        return false;
      }
      end = *parsed;
    }
    out.patient_local.push_back(patient->local);
    out.rows.push_back({0, out.programmes.Intern(*programme), *start, end});
    return true;
  });
  return FinishPatientTable(status, fatal, resolver, out);
}

}  // namespace nara::ingest
