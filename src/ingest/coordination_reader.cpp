// coordination.csv: events of the discharge coordination (LOSUS), data contract §1.4, keyed by
// episode_id or, as the planning systems export them, by patient (linked by event_linker).
#include "ingest/table_readers.hpp"
#include "ingest/value_parsers.hpp"

namespace nara::ingest {
namespace {

enum Column : size_t { kEpisodeId, kPatient, kEvent, kAt };

const std::vector<ColumnSpec>& CoordinationSpecs() {
  static const std::vector<ColumnSpec> kSpecs = {
      {"episode_id", {"vtf_id", "vardtillfalle"}, false},
      {"patient", {"personnummer", "pnr", "lopnr", "samordningsnummer"}, false},
      {"event", {"handelse", "händelse", "typ", "meddelande"}, true},
      {"at", {"tidpunkt", "datum", "skickad"}, true},
  };
  return kSpecs;
}

}  // namespace

std::vector<std::string> CoordinationColumnNames() { return NamesOf(CoordinationSpecs()); }

Status ReadCoordination(CsvReader& reader, const ReadContext& context, RawEvents& out) {
  const std::vector<ColumnSpec>& kSpecs = CoordinationSpecs();
  // extract.toml's [columns.<table>] and [values.<table>.<column>] (extract_mapping.hpp).
  const TableMapping* mapping = context.MappingFor(out.log.file());
  // Which key the file has decides the form: episode_id when it has one (a patient column
  // beside it is then not read), else patient.
  auto map = ColumnMap::Resolve(reader.header(), kSpecs, out.log.file(), mapping);
  if (!map.ok()) return map.status();
  if (!map->has(kEpisodeId) && !map->has(kPatient)) {
    return InvalidInput(fmt::format(
        "{}: required column 'episode_id' (or 'patient', for events keyed by person) is missing",
        out.log.file()));
  }
  out.keyed_by_patient = !map->has(kEpisodeId);
  PatientResolver resolver(*context.pseudonymiser, context.reference, context.allow_identifiable);
  Status fatal;
  const size_t rows = reader.EstimateRecordsLeft();
  out.events.Reserve(rows);
  if (out.keyed_by_patient) {
    out.patient_local.reserve(rows);
    out.at_has_time.reserve(rows);
  } else {
    out.episode_code.reserve(rows);
  }
  Status status = ScanTable(reader, kSpecs, out.log, out.counts, mapping, [&](RowContext& row) {
    if (!fatal.ok()) return false;
    std::optional<ResolvedPatient> patient;
    std::string_view episode_id;
    if (out.keyed_by_patient) {
      // Pseudonymised first, so that a rejected row shows the pseudonym.
      patient = ResolveRowPatient(row, kPatient, resolver, out.log.file(), fatal);
      if (!patient) return false;
    } else {
      episode_id = TrimBlanks(row.Get(kEpisodeId));
      if (episode_id.empty()) {
        row.RejectMissing(kEpisodeId);
        return false;
      }
    }
    const std::string_view event_text = TrimBlanks(row.Get(kEvent));
    if (event_text.empty()) {
      row.RejectMissing(kEvent);
      return false;
    }
    auto kind = model::ParseEventKind(event_text);
    if (!kind) {
      row.RejectBadValue(kEvent, RejectCode::kBadCode,
                         "an event such as ready_notice or inskrivningsmeddelande: docs/input_formats.md");
      return false;
    }
    auto at = row.RequiredDateTime(kAt);
    if (!at) return false;
    if (out.keyed_by_patient) {
      out.patient_local.push_back(patient->local);
      out.at_has_time.push_back(at->has_time ? 1 : 0);
    } else {
      out.episode_code.push_back(out.episode_ids.Intern(episode_id));
    }
    out.events.at.push_back(at->at);
    out.events.kind.push_back(*kind);
    out.events.line.push_back(static_cast<uint32_t>(row.line()));
    return true;
  });
  return FinishPatientTable(status, fatal, resolver, out);
}

}  // namespace nara::ingest
