// coordination.csv: events of the discharge coordination (LOSUS), data contract §1.4.
#include "ingest/table_readers.hpp"
#include "ingest/value_parsers.hpp"

namespace nara::ingest {
namespace {

enum Column : size_t { kEpisodeId, kEvent, kAt };

}  // namespace

Status ReadCoordination(CsvReader& reader, const ReadContext&, RawEvents& out) {
  static const std::vector<ColumnSpec> kSpecs = {
      {"episode_id", {"vtf_id", "vardtillfalle"}, true},
      {"event", {"handelse", "händelse", "typ"}, true},
      {"at", {"tidpunkt", "datum", "skickad"}, true},
  };
  const size_t rows = reader.EstimateRecordsLeft();
  out.events.Reserve(rows);
  out.episode_code.reserve(rows);
  return ScanTable(reader, kSpecs, out.log, out.counts, [&](RowContext& row) {
    const std::string_view episode_id = TrimBlanks(row.Get(kEpisodeId));
    if (episode_id.empty()) {
      row.RejectMissing(kEpisodeId);
      return false;
    }
    const std::string_view event_text = TrimBlanks(row.Get(kEvent));
    if (event_text.empty()) {
      row.RejectMissing(kEvent);
      return false;
    }
    auto kind = model::ParseEventKind(event_text);
    if (!kind) {
      row.RejectBadValue(kEvent, RejectCode::kBadCode,
                         "an event of data contract 1.4, e.g. ready_notice or inskrivningsmeddelande");
      return false;
    }
    auto at = row.RequiredDateTime(kAt);
    if (!at) return false;
    out.episode_code.push_back(out.episode_ids.Intern(episode_id));
    out.events.at.push_back(at->at);
    out.events.kind.push_back(*kind);
    out.events.line.push_back(static_cast<uint32_t>(row.line()));
    return true;
  });
}

}  // namespace nara::ingest
