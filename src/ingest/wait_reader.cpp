// waits.csv: care-guarantee waits (vårdgaranti 0-3-90-90), data contract §1.6.
#include "ingest/municipality_table.hpp"
#include "ingest/table_readers.hpp"
#include "ingest/value_parsers.hpp"

namespace nara::ingest {

namespace {

enum Column : size_t { kWaitId, kPatient, kMunicipality, kUnit, kStep, kStart, kEnd, kChosen };

const std::vector<ColumnSpec>& WaitSpecs() {
  static const std::vector<ColumnSpec> kSpecs = {
      {"wait_id", {"vantetid_id", "remiss_id"}, false},
      {"patient", {"personnummer", "pnr", "lopnr"}, true},
      {"municipality", {"kommun", "lk", "kommunkod", "lkf"}, true},
      {"unit", {"enhet", "vardenhet"}, false},
      {"step", {"steg"}, true},
      {"start", {"startdatum", "fran"}, true},
      {"end", {"slutdatum", "till"}, false},
      {"patient_chosen_days", {"patientvald_vantan", "undantagsdagar"}, false},
  };
  return kSpecs;
}

}  // namespace

std::vector<std::string> WaitColumnNames() { return NamesOf(WaitSpecs()); }

Status ReadWaits(CsvReader& reader, const ReadContext& context, RawWaits& out) {
  const std::vector<ColumnSpec>& kSpecs = WaitSpecs();
  // extract.toml's [columns.<table>] and [values.<table>.<column>] (extract_mapping.hpp).
  const TableMapping* mapping = context.MappingFor(out.log.file());
  PatientResolver resolver(*context.pseudonymiser, context.reference, context.allow_identifiable);
  Status fatal;
  model::Waits& w = out.waits;
  const size_t rows = reader.EstimateRecordsLeft();
  w.Reserve(rows);
  out.patient_local.reserve(rows);
  Status status = ScanTable(reader, kSpecs, out.log, out.counts, mapping, [&](RowContext& row) {
    if (!fatal.ok()) return false;
    auto patient = ResolveRowPatient(row, kPatient, resolver, out.log.file(), fatal);
    if (!patient) return false;
    const int municipality = ReadMunicipalityColumn(row, kMunicipality, *context.municipalities);
    if (municipality < 0) return false;
    auto step = model::ParseWaitStep(row.Get(kStep));
    if (!step) {
      row.RejectBadValue(kStep, RejectCode::kBadCode, "contact/assessment/first_visit/treatment");
      return false;
    }
    auto start = row.RequiredDate(kStart);
    if (!start) return false;
    Date end = kNoDate;
    if (auto text = TrimBlanks(row.Get(kEnd)); !text.empty()) {
      auto parsed = ParseDate(text);
      if (!parsed) {
        row.RejectBadValue(kEnd, RejectCode::kBadDate, "YYYY-MM-DD or YYYYMMDD");
        return false;
      }
      if (*parsed < *start) {
        row.Reject(kEnd, RejectCode::kBadDate,
                   fmt::format("the wait ends {} before it starts {}", FormatDate(*parsed),
                               FormatDate(*start)));
        return false;
      }
      end = *parsed;
    }
    int32_t chosen = 0;
    if (auto text = TrimBlanks(row.Get(kChosen)); !text.empty()) {
      auto parsed = ParseInteger(text);
      if (!parsed) {
        row.RejectBadValue(kChosen, RejectCode::kBadNumber, "a whole number of days");
        return false;
      }
      if (*parsed < 0 || *parsed > 100000) {
        row.Reject(kChosen, RejectCode::kNegativeCount,
                   fmt::format("days must be 0 or more: {}", *parsed));
        return false;
      }
      chosen = static_cast<int32_t>(*parsed);
    }
    const auto unit = row.OutputText(kUnit);
    if (!unit) return false;
    out.patient_local.push_back(patient->local);
    w.municipality.push_back(static_cast<uint16_t>(municipality));
    w.unit.push_back(out.units.Intern(*unit));
    w.step.push_back(*step);
    w.start.push_back(*start);
    w.end.push_back(end);
    w.patient_chosen_days.push_back(chosen);
    return true;
  });
  return FinishPatientTable(status, fatal, resolver, out);
}

}  // namespace nara::ingest
