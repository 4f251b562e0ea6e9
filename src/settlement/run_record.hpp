// run.json: what one settlement run settled, from what, under which rules (docs/settlement.md).
#pragma once

#include <string>
#include <utility>

#include "base/status.hpp"
#include "config/config.hpp"
#include "model/extract.hpp"
#include "settlement/settle.hpp"

namespace nara::settlement {

struct RunRecord {
  std::string nara_version;
  std::string created_utc;  // when the run was made, `2026-11-30T08:00:00Z`
  std::string extract_dir;
  std::string extract_checksum;  // FolderChecksum of the extract folder
  std::string config_checksum;   // FileChecksum of --config; empty for the defaults
  std::string summary_checksum;  // of summary.csv
  std::string summary_by_care_type_checksum;  // of summary_by_care_type.csv
  std::string basis_checksum;    // of basis.csv
  // --with-identity: the per-municipality basis workbooks carry identity numbers. Recorded (as
  // "with_identity") without any number; absent from run.json when not asked for.
  bool with_identity = false;
  int64_t identity_rows = 0;          // basis rows given an identity number
  int64_t identity_rows_missing = 0;  // basis rows whose patient value was no identity number
};

// The JSON text of run.json (pretty-printed, keys in a fixed order).
std::string RunJson(const RunRecord& record, const model::Extract& extract,
                    const config::Config& config, const SettleRequest& request,
                    const Settlement& settlement);

// The settled months (`from`, `to` labels) of a previous run.json. kInvalidInput naming `name`
// when the text is not a run.json of `nara settle`.
Result<std::pair<std::string, std::string>> RunMonths(const std::string& run_json,
                                                      const std::string& name);

}  // namespace nara::settlement
