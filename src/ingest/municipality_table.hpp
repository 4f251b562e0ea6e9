// The municipalities a run knows: SCB's bundled list plus the extract's municipalities.csv.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.hpp"
#include "ingest/reject_log.hpp"
#include "ingest/table_scan.hpp"
#include "model/extract.hpp"

namespace nara::ingest {

// Lookup of 4-digit municipality codes to indexes into a vector<model::Municipality>.
// Filled once before the tables are read, then read-only (safe to share between threads).
class MunicipalityTable {
 public:
  // Reads SCB's list (`code,name,county`) from the bundled reference file.
  static Result<MunicipalityTable> LoadReference(const std::string& path);

  // Reads an extract's municipalities.csv (code, name, county, area): adds areas, overrides
  // names, and adds codes not in SCB's list (with a county). Bad rows go to `log`. `mapping`:
  // extract.toml's [columns.municipalities]/[values.municipalities.*], or none.
  Status AddExtractFile(CsvReader& reader, RejectLog& log, TableCounts& counts,
                        const TableMapping* mapping = nullptr);

  // Index of a municipality value: 4 digits, or a 6-digit LKF whose first 4 digits are used;
  // blanks trimmed. -1 when malformed or unknown.
  int Find(std::string_view value) const;

  const std::vector<model::Municipality>& municipalities() const { return municipalities_; }

 private:
  int Add(model::Municipality municipality);
  std::vector<model::Municipality> municipalities_;
  std::array<int16_t, 10000> index_{};  // code -> index + 1, 0 = unknown
};

// The columns of an extract's municipalities.csv (for extract.toml's [columns.municipalities]).
std::vector<std::string> MunicipalityColumnNames();

// Reads the municipality column `spec` of `row`: its index, or -1 after rejecting the row
// (missing value, or a code in neither SCB's list nor the extract's municipalities.csv).
int ReadMunicipalityColumn(RowContext& row, size_t spec, const MunicipalityTable& table);

}  // namespace nara::ingest
