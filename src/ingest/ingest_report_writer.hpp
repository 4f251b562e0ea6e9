// Writes the ingest report (text for the terminal, JSON for scripts) and the rejects file.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "base/status.hpp"
#include "ingest/extract_loader.hpp"

namespace nara::ingest {

// A few lines per table for the analyst: rows read, used, rejected; rejects by reason; flags;
// unknown columns (named once per table); memory held. Swedish users read the files, but CLI
// output is English (developer guide).
std::string FormatReportText(const LoadedExtract& loaded);

// The same content as JSON (`tables`, `rejects_by_reason`, `flags`, `rows_rejected`...).
nlohmann::json ReportJson(const LoadedExtract& loaded);

// rejects.csv: file,line,column,code,message,row, one line per rejected row in file order.
// The row is the input row with the patient replaced by its pseudonym (see RowContext).
Status WriteRejectsCsv(const IngestReport& report, const std::string& path);

// flags.csv: the same columns for the rows kept but flagged with a row of their own
// (overlapping_stay, derived_id_tie), in file order.
Status WriteFlagsCsv(const IngestReport& report, const std::string& path);

}  // namespace nara::ingest
