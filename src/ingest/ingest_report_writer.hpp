// Writes the ingest report (text for the terminal, JSON for scripts) and the rejects file.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "base/atomic_file.hpp"
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
std::string RejectsCsv(const IngestReport& report);

// flags.csv: the same columns for the rows kept but flagged with a row of their own
// (overlapping_stay, derived_id_tie), in file order.
std::string FlagsCsv(const IngestReport& report);

// RejectsCsv and FlagsCsv written to `path`, all or nothing (base/atomic_file.hpp): kIoError
// naming the file when it cannot be written, the previous file then unchanged.
Status WriteRejectsCsv(const IngestReport& report, const std::string& path);
Status WriteFlagsCsv(const IngestReport& report, const std::string& path);

// The files of `nara check` (rejects.csv, flags.csv, ingest_report.json) in `folder` added to
// `outputs`, renamed over their targets only when all are written (OutputSet::CommitAll).
Status AddCheckFiles(const LoadedExtract& loaded, const std::string& folder, OutputSet& outputs);
// The same, committed at once: a write error (exit 3) leaves all three previous files.
Status WriteCheckFiles(const LoadedExtract& loaded, const std::string& folder);

}  // namespace nara::ingest
