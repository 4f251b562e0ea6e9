// Reading identity numbers back for the per-municipality invoice basis (--with-identity).
#include "ingest/identity_lookup.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "base/csv_reader.hpp"
#include "base/file.hpp"
#include "identity/identity_text.hpp"
#include "ingest/column_map.hpp"
#include "ingest/episode_reader.hpp"
#include "ingest/extract_mapping.hpp"

namespace nara::ingest {

Result<IdentityLookup> IdentityLookup::Read(const std::string& extract_dir,
                                            const identity::Pseudonymiser& pseudonymiser,
                                            Date reference,
                                            const std::unordered_set<uint64_t>& wanted) {
  const std::filesystem::path dir(extract_dir);
  // The patient column is found as the stays' reader finds it: by its names and aliases (also
  // LopNr/personnummer of the PAR form), or by extract.toml's [columns.episodes] mapping.
  NARA_ASSIGN_OR_RETURN(const std::string manifest,
                        ReadFile((dir / "extract.toml").string(), "the extract's manifest"));
  NARA_ASSIGN_OR_RETURN(const ExtractMapping mapping,
                        ParseExtractMapping(manifest, (dir / "extract.toml").string()));
  NARA_ASSIGN_OR_RETURN(auto reader, CsvReader::OpenFile((dir / "episodes.csv").string()));
  const ColumnSpec specs[] = {EpisodePatientColumn()};
  NARA_ASSIGN_OR_RETURN(auto map, ColumnMap::Resolve(reader.header(), specs, "episodes.csv",
                                                     mapping.For("episodes.csv")));
  IdentityLookup lookup;
  CsvRecord record;
  while (reader.Next(record)) {
    // Rows the loader rejected for their shape have no stay in the settlement: skipping them
    // here loses nothing.
    if (!record.error.empty() || record.fields.size() != reader.header().size()) continue;
    const identity::PatientText text = identity::ClassifyPatientText(map.Get(record, 0), reference);
    if (!text.number) continue;
    const std::string_view canonical(text.number->canonical, 12);
    const uint64_t pseudonym = pseudonymiser.Pseudonym(canonical);
    if (!wanted.count(pseudonym) || lookup.numbers_.count(pseudonym)) continue;
    lookup.numbers_.emplace(pseudonym, fmt::format("{}-{}", canonical.substr(0, 8),
                                                   canonical.substr(8)));
  }
  return lookup;
}

const std::string& IdentityLookup::Find(uint64_t pseudonym) const {
  static const std::string kNone;
  const auto found = numbers_.find(pseudonym);
  return found == numbers_.end() ? kNone : found->second;
}

}  // namespace nara::ingest
